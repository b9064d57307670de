"""The session's language, and the catalogue's texts and the engine's messages in it."""

from __future__ import annotations

import streamlit as st

from models.core import LANGUAGES, Markdown, escape_markdown, in_language, resolve_language, t
from pages._shared.keys import LANG


def choose_language() -> None:
    """``?lang=fr`` / ``?lang=en`` wins; else the language chosen before; else the browser's."""
    requested = st.query_params.get("lang")
    if requested in LANGUAGES:
        st.session_state[LANG] = requested
    elif LANG not in st.session_state:
        st.session_state[LANG] = resolve_language(None, st.context.locale)


def lang() -> str:
    """The language of this session (``en`` or ``fr``)."""
    return st.session_state.get(LANG, "en")


def tr(key: str, **values: object) -> Markdown:
    """The catalogue text of ``key`` in this session's language, as Markdown: its values are
    escaped (:func:`models.core.markup.escape_markdown`), so that a name from a file or a link
    shows as itself. Nearly every element renders Markdown (text, captions, alerts, toasts,
    metrics, tabs, expanders, widget labels, radio and segmented options); for a plain-text
    place (grid cells and headers, select options, file names, charts) use :func:`tr_plain`.
    """
    return Markdown(t(key, lang(), escape=escape_markdown, **values))


def tr_plain(key: str, **values: object) -> str:
    """The catalogue text of ``key`` in this session's language, values as they are (plain
    texts: not those of :func:`tr`), for a place that shows plain text (grid headers, select
    options, file names, charts, the message of an error that :func:`say` will escape)."""
    return t(key, lang(), **values)


def say(said: object) -> Markdown:
    """Something the engine said — a coded ``DataError``, a ``Phrase`` of the quality report —
    in the user's language, as Markdown whose values are escaped (see :func:`tr`); anything
    else escaped."""
    return Markdown(in_language(said, lang(), escape_markdown))


def say_plain(said: object) -> str:
    """:func:`say` for a place that shows plain text: values as they are."""
    return str(in_language(said, lang()))
