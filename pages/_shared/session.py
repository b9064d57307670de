"""A session's start: every key of ``st.session_state`` given its default, once."""

import streamlit as st

from pages._shared.data_source import use_demo
from pages._shared.keys import REPORTS, SETTING_DEFAULTS, TABLES
from pages._shared.language import choose_language
from pages._shared.navigation import run_through_entry_point


def init_state(entry_point: bool = False) -> None:
    """Defaults for every session key, set once per session.

    Every page calls it too: Streamlit may run a page without the entry point (see
    :mod:`pages._shared.navigation`); ``app.py`` says ``entry_point=True``.
    """
    if not entry_point:
        run_through_entry_point()
    choose_language()
    if TABLES not in st.session_state:
        use_demo()
    st.session_state.setdefault(REPORTS, {})
    for key, value in SETTING_DEFAULTS.items():
        # set here, not as widget defaults: widget state is dropped when a page is left
        st.session_state[key] = st.session_state.get(key, value)
