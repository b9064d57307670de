"""The sidebar every page ends with: language, currency, which data is shown, the way back
to the demo."""

import streamlit as st

from models.core import CURRENCIES, DEFAULT_CURRENCY, LANGUAGES, currency_label
from pages._shared.data_source import current_tables, use_demo
from pages._shared.keys import CURRENCY, CURRENCY_PICKER, DEMO, LANG, LANG_PICKER, SOURCE
from pages._shared.language import lang, tr


def render_sidebar() -> None:
    """Which data the app is showing, and the way back to the demo.

    Pages call it last, so that it reflects an upload made during this run.
    """
    with st.sidebar:
        st.session_state[LANG_PICKER] = lang()
        st.segmented_control(
            tr("sidebar.language"),
            list(LANGUAGES),
            key=LANG_PICKER,
            format_func=LANGUAGES.get,
            on_change=_language_picked,
        )
        st.session_state[CURRENCY_PICKER] = st.session_state.get(CURRENCY, DEFAULT_CURRENCY)
        st.selectbox(
            tr("sidebar.currency"),
            CURRENCIES,
            key=CURRENCY_PICKER,
            format_func=currency_label,
            on_change=_currency_picked,
        )
        if st.session_state.get(SOURCE) == DEMO:
            st.caption(tr("sidebar.demo"))
        else:
            kinds = ", ".join(tr(f"kind.{kind}") for kind in sorted(current_tables()))
            st.caption(tr("sidebar.own", kinds=kinds or tr("sidebar.none_yet")))
            if st.button(tr("sidebar.back_to_demo"), key="back_to_demo"):
                use_demo()
                st.rerun()


def _currency_picked() -> None:
    st.session_state[CURRENCY] = st.session_state[CURRENCY_PICKER]


def _language_picked() -> None:
    st.session_state[LANG] = st.session_state[LANG_PICKER]
    st.query_params["lang"] = st.session_state[LANG_PICKER]
