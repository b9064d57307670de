"""Objectif — entry point: page config, navigation and the shared sidebar. UI only."""

import streamlit as st

from pages._shared import init_state

st.set_page_config(page_title="Objectif", page_icon="🎯", layout="wide")
init_state()

navigation = st.navigation([
    st.Page("pages/dashboard.py", title="Dashboard", icon="📊", default=True),
    st.Page("pages/objectives.py", title="Objectives", icon="🎯"),
    st.Page("pages/data.py", title="Data", icon="📥"),
    st.Page("pages/overview.py", title="Overview", icon="🗂️"),
])
navigation.run()
