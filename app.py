"""Objectif — entry point: page config, navigation and the shared sidebar. UI only."""

import streamlit as st

from pages._shared import init_state, tr

st.set_page_config(page_title="Objectif", page_icon="🎯", layout="wide")
init_state()

navigation = st.navigation([
    st.Page("pages/dashboard.py", title=tr("page.dashboard"), icon=":material/monitoring:", default=True),
    st.Page("pages/forecast.py", title=tr("page.forecast"), icon=":material/trending_up:"),
    st.Page("pages/whatif.py", title=tr("page.whatif"), icon=":material/tune:"),
    st.Page("pages/objectives.py", title=tr("page.objectives"), icon=":material/flag:"),
    st.Page("pages/risk.py", title=tr("page.risk"), icon=":material/person_alert:"),
    st.Page("pages/leads.py", title=tr("page.leads"), icon=":material/target:"),
    st.Page("pages/data.py", title=tr("page.data"), icon=":material/upload_file:"),
    st.Page("pages/overview.py", title=tr("page.overview"), icon=":material/table_view:"),
])
navigation.run()
