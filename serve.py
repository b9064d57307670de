"""Start Objectif: ``streamlit run app.py``, which runs its first page once as it starts,
before any visitor asks for it.

    python serve.py [streamlit options, e.g. --server.port 8502]

Streamlit runs a page only when a visitor asks for it, so the first visitor after a start
waited for everything at once: pandas, Altair and SQLAlchemy to load (0.7-0.9 s), the demo
company to be read (0.04 s from its snapshots; 0.4 s importing its CSVs), its KPIs,
objectives and charts (0.5 s). Here, as soon as the server is up, the app runs once in a
session of its own with no browser attached (as Streamlit's script health check does) while
the visitor's browser is still fetching Streamlit's frontend. What that run leaves behind is
the same for every visitor and belongs to none of them: loaded modules, the demo company
(``models.data.importer.sample_tables``), its KPIs in ``st.cache_data`` (the demo's objectives
are each visitor's own copy, in their session: nothing is written to the database). It
stops when a visitor's browser connects: the visitor's run takes over from there, waiting
only for what is still being computed (Python's import lock, Streamlit's per-value cache
lock).

The server itself is plain ``streamlit run``: ``streamlit run app.py`` works the same,
only without the head start.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from pathlib import Path

ENTRYPOINT = Path(__file__).resolve().parent / "app.py"
FIRST_RUN_TIMEOUT_S = 120.0


async def first_run(runtime, poll_s: float = 0.02) -> str:
    """Run the app's default page once in a session with no browser attached, as Streamlit's
    script health check does; stop as soon as a visitor's browser connects.

    Returns ``"ok"``, ``"error"`` (the page raised: the visitor will see why), ``"visitor"``
    (stopped: the visitor's own run goes on from what this one left, with the interpreter to
    itself instead of sharing it with a run nobody sees) or ``"timeout"``.
    Must run on the runtime's event loop, which owns every session.
    """
    from streamlit.runtime import RuntimeState
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.script_data import ScriptData
    from streamlit.runtime.state import SCRIPT_RUN_WITHOUT_ERRORS_KEY

    session = AppSession(  # what Runtime.does_script_run_without_error builds (Streamlit pinned)
        script_data=ScriptData(runtime._main_script_path, runtime._is_hello),
        uploaded_file_manager=runtime.uploaded_file_mgr,
        script_cache=runtime._script_cache,
        message_enqueued_callback=None,
        user_info={},
    )
    deadline = time.monotonic() + FIRST_RUN_TIMEOUT_S
    try:
        session.request_rerun(None)
        while SCRIPT_RUN_WITHOUT_ERRORS_KEY not in session.session_state:
            if runtime.state == RuntimeState.ONE_OR_MORE_SESSIONS_CONNECTED:
                return "visitor"
            if time.monotonic() > deadline:
                return "timeout"
            await asyncio.sleep(poll_s)
        return "ok" if session.session_state[SCRIPT_RUN_WITHOUT_ERRORS_KEY] else "error"
    finally:
        session.shutdown()  # stops the run if it is still going


def run_app_once() -> str:
    """:func:`first_run` on the started runtime; its answer, or the error that stopped it.

    Best effort: a failure is reported on stderr and the server goes on; the first visitor
    then sees the error itself, with its message, on the page.
    """
    from streamlit.runtime import Runtime

    runtime = Runtime.instance()
    try:
        loop = runtime._get_async_objs().eventloop
        status = asyncio.run_coroutine_threadsafe(first_run(runtime), loop).result(
            FIRST_RUN_TIMEOUT_S + 10
        )
    except Exception as err:
        status = repr(err)
    if status not in ("ok", "visitor"):
        print(
            f"objectif: the app's first run at start did not complete ({status}); "
            "open the app to see why",
            file=sys.stderr,
            flush=True,
        )
    return status


def main(argv: list[str]) -> int:
    from streamlit import delta_generator
    from streamlit.web import bootstrap, cli

    # On the first element drawn, Streamlit checks whether it runs in a Python REPL (to print
    # "use streamlit run") with inspect.stack(): 0.15 s of the first run. This process is
    # `streamlit run`: there is nothing to check.
    delta_generator._use_warning_has_been_displayed = True

    sys.path.insert(0, str(ENTRYPOINT.parent))  # the app's packages, from any working folder
    on_server_start = bootstrap._on_server_start

    def run_once_server_started(server) -> None:
        # Only now: the runtime starts before the server listens, and a run started with it
        # would hold the interpreter while the server gets ready to answer (0.1-0.2 s later).
        on_server_start(server)
        threading.Thread(target=run_app_once, name="objectif-first-run", daemon=True).start()

    bootstrap._on_server_start = run_once_server_started
    return cli.main(["run", str(ENTRYPOINT), *argv], prog_name="streamlit")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
