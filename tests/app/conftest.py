import pytest
import streamlit as st


@pytest.fixture(autouse=True)
def fresh_caches_and_database(tmp_path, monkeypatch):
    """Caches are process-wide and the objectives database is a file: isolate each test."""
    monkeypatch.setenv("OBJECTIF_DB_URL", f"sqlite:///{tmp_path / 'objectif.sqlite'}")
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def as_read(markdown: str) -> str:
    """What a reader sees of Markdown the pages escaped: without the backslashes before
    punctuation and the invisible word joiners (``models.core.markup.escape_markdown``)."""
    import re

    from models.core.markup import WORD_JOINER

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(WORD_JOINER, "")
