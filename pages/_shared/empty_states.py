"""How a page stops when it cannot show anything: what is missing, or what went wrong, with
the sidebar still there."""

import streamlit as st

from pages._shared.language import say, tr
from pages._shared.sidebar import render_sidebar


def stop_empty(message: str) -> None:
    """An empty state: what is missing, a link to the Data page, then stop the page."""
    st.warning(message)
    st.page_link("pages/data.py", label=tr("common.go_to_data"), icon=":material/upload_file:")
    render_sidebar()
    st.stop()


def stop_with_error(err: Exception) -> None:
    """An engine error in the user's words, then stop the page (the sidebar still shows)."""
    st.error(say(err))
    render_sidebar()
    st.stop()
