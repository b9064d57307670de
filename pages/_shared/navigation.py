"""Every page runs through the entry point, app.py, and its navigation."""

import os

import streamlit as st


def leave_legacy_multipage_mode(rerun: bool = True) -> None:
    """Run every page through app.py, even on a server's very first request.

    A folder named ``pages/`` (the project's fixed layout) makes Streamlit start in its
    legacy multipage mode, which runs a page file without the entry point, until
    ``st.navigation`` has been called once in the process. Turn that mode off and, when a
    page file runs on its own (``rerun``), rerun, so that the entry point's navigation takes
    over from the first request; when the entry point itself runs, its navigation follows
    (a rerun there cost the first visitor 0.09 s). AppTest turns the mode back on before
    every run, where this rerun would swallow button clicks: the app tests set
    ``OBJECTIF_APPTEST`` to skip it (the pages work without the entry point anyway).
    Browser-tested: tests/browser/test_first_request.py.
    """
    from streamlit.runtime.pages_manager import PagesManager  # no public switch exists

    if PagesManager.uses_pages_directory and not os.environ.get("OBJECTIF_APPTEST"):
        PagesManager.uses_pages_directory = False
        if rerun:
            st.rerun()
