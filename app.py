"""Objectif — entry point: page config, navigation and the shared sidebar. UI only."""

import os
import sys
import time

import streamlit as st

from pages._shared import init_state, tr

started = time.perf_counter()

st.set_page_config(page_title="Objectif", page_icon="🎯", layout="wide")
init_state(entry_point=True)

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
try:
    navigation.run()
finally:
    if os.environ.get("OBJECTIF_TIMING"):  # benchmarks/app_speed.py: server-side run times
        from streamlit.runtime import Runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        # serve.py's run at start has no browser session: logged apart from visitors' runs
        visitor = not Runtime.exists() or Runtime.instance().is_active_session(
            get_script_run_ctx().session_id)
        # one write per line: print() writes the newline apart, and concurrent sessions' lines
        # then run together
        sys.stderr.write(f"objectif-{'run' if visitor else 'start-run'} "
                         f"{navigation.url_path or 'dashboard'} "
                         f"{(time.perf_counter() - started) * 1000:.1f} ms\n")
        sys.stderr.flush()
