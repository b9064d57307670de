"""Streamlit glue shared by the pages: session-state keys, cached loaders, the sidebar.

Per-user data lives only in ``st.session_state``; caches are keyed on file bytes, bounded,
and hold nothing that identifies a session.
"""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from models import (DataError, ImportOptions, ImportResult, RawTable, list_sheets, read_raw,
                    sample_tables, validate_table)

TABLES = "tables"          # dict kind -> canonical DataFrame in use
REPORTS = "reports"        # dict kind -> QualityReport of the user's imports
SOURCE = "data_source"     # "demo" or "own"
UPLOADS = "upload_generation"  # bumped to empty every file uploader (back to the demo)
DEMO, OWN = "demo", "own"


def init_state() -> None:
    """Defaults for every session key, set once per session.

    Every page calls it too: when a ``pages/`` folder exists Streamlit may run a page
    without the entry point (its first run after start, and in AppTest after switch_page).
    """
    if TABLES not in st.session_state:
        use_demo()
    st.session_state.setdefault(REPORTS, {})


def use_demo() -> None:
    """Put the demo company's tables in this session."""
    st.session_state[TABLES] = dict(load_demo())
    st.session_state[SOURCE] = DEMO
    st.session_state[REPORTS] = {}
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1


def use_own_table(kind: str, result: ImportResult) -> None:
    """Replace the demo data by the user's tables, one kind at a time."""
    if st.session_state.get(SOURCE) != OWN:
        st.session_state[TABLES] = {}
        st.session_state[SOURCE] = OWN
    st.session_state[TABLES] = {**st.session_state[TABLES], kind: result.table}
    st.session_state[REPORTS] = {**st.session_state[REPORTS], kind: result.report}


def current_tables() -> dict[str, pd.DataFrame]:
    return st.session_state.get(TABLES, {})


@st.cache_data(show_spinner="Loading the demo company…", max_entries=1)
def load_demo() -> dict[str, pd.DataFrame]:
    return sample_tables()


@st.cache_data(show_spinner=False, max_entries=32)
def cached_sheets(data: bytes, name: str) -> list[str]:
    return list_sheets(_named_bytes(data, name))


@st.cache_data(show_spinner="Reading the file…", max_entries=32)
def cached_raw(data: bytes, name: str, sheet: str | None) -> RawTable:
    return read_raw(_named_bytes(data, name), sheet=sheet)


@st.cache_data(show_spinner="Checking the data…", max_entries=32)
def cached_import(data: bytes, name: str, sheet: str | None, kind: str,
                  mapping: tuple[tuple[str, str | None], ...], date_order: str,
                  decimal: str) -> ImportResult:
    raw = cached_raw(data, name, sheet)
    options = ImportOptions(date_order=date_order, decimal=decimal)
    table, report = validate_table(raw, kind, dict(mapping), options)
    return ImportResult(table, report)


def _named_bytes(data: bytes, name: str) -> io.BytesIO:
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


def render_sidebar() -> None:
    """Which data the app is showing, and the way back to the demo.

    Pages call it last, so that it reflects an upload made during this run.
    """
    with st.sidebar:
        if st.session_state.get(SOURCE) == DEMO:
            st.caption("Showing the demo company (Papeterie Martin). Load your own files "
                       "on the **Data** page.")
        else:
            kinds = ", ".join(sorted(current_tables())) or "none yet"
            st.caption(f"Showing your data: {kinds}.")
            if st.button("Back to the demo company", key="back_to_demo"):
                use_demo()
                st.rerun()


__all__ = ["DataError", "TABLES", "REPORTS", "SOURCE", "UPLOADS", "DEMO", "OWN", "init_state", "use_demo",
           "use_own_table", "current_tables", "cached_sheets", "cached_raw", "cached_import",
           "render_sidebar"]
