"""Objectif — entry point: page config, navigation and the shared sidebar. UI only."""

import os
import sys
import time

from pages._shared import app_navigation, configure_page, init_state

started = time.perf_counter()

configure_page()
init_state(entry_point=True)
navigation = app_navigation()  # the menu: pages/_shared/navigation.py
try:
    navigation.run()
finally:
    if os.environ.get("OBJECTIF_TIMING"):  # benchmarks/app_speed.py: server-side run times
        from streamlit.runtime import Runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        # serve.py's run at start has no browser session: logged apart from visitors' runs
        visitor = not Runtime.exists() or Runtime.instance().is_active_session(
            get_script_run_ctx().session_id
        )
        # one write per line: print() writes the newline apart, and concurrent sessions' lines
        # then run together
        sys.stderr.write(
            f"objectif-{'run' if visitor else 'start-run'} "
            f"{navigation.url_path or 'dashboard'} "
            f"{(time.perf_counter() - started) * 1000:.1f} ms\n"
        )
        sys.stderr.flush()
