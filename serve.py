"""Start Objectif: ``streamlit run app.py``, with the engine's libraries loaded as it starts.

    python serve.py [streamlit options, e.g. --server.port 8502]

Streamlit imports a page's modules only when the first visitor arrives, so the first
dashboard after a start waited about 0.75 s for pandas, Altair and SQLAlchemy to load and
0.25 s for the demo company to be read. Here a background thread does both as soon as the
server is up, while the visitor's browser fetches Streamlit's frontend (another 0.75 s), so
the two overlap instead of adding up; the server answers as early as before
(benchmarks/app_speed.py). The visitor's own work -- KPIs, objectives, charts -- is not
done in advance. The server itself is plain ``streamlit run``; ``streamlit run app.py`` works
the same, only without the head start.
"""

from __future__ import annotations

import importlib
import sys
import threading
import time
from pathlib import Path

# What the first page needs, heaviest first: the shared page helpers pull in pandas, SQLAlchemy
# and the engine; the dashboard adds Altair's chart builders.
WARM_MODULES = ("pages._shared", "models.charts", "models.kpis", "models.objectives",
                "streamlit.emojis")
ENTRYPOINT = Path(__file__).resolve().parent / "app.py"


def warm_up(modules: tuple[str, ...] = WARM_MODULES) -> float:
    """Import ``modules``, then read the demo company (every first visit shows it; the
    engine keeps it, see ``models.importer.sample_tables``); return the seconds it took.

    Best effort: what fails here fails again, with its real error, when the app needs it
    for the visitor. A visitor who arrives mid-way waits for the module or file being
    loaded (Python's import lock, the reader's cache), no longer.
    """
    started = time.perf_counter()
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as err:  # noqa: BLE001 -- never stop the server for a head start
            print(f"objectif: warm-up skipped {name}: {err!r}", file=sys.stderr)
    try:
        from models.importer import sample_tables

        sample_tables()
    except Exception as err:  # noqa: BLE001 -- the Data page says what is wrong with it
        print(f"objectif: warm-up could not read the demo company: {err!r}", file=sys.stderr)
    return time.perf_counter() - started


def warm_up_when_started(timeout_s: float = 30.0) -> None:
    """:func:`warm_up` once Streamlit's runtime has started: imported earlier, the modules
    would compete with the server's own start-up for the interpreter."""
    from streamlit.runtime import Runtime, RuntimeState

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and not (
            Runtime.exists() and Runtime.instance().state != RuntimeState.INITIAL):
        time.sleep(0.02)
    warm_up()


def main(argv: list[str]) -> int:
    from streamlit import delta_generator
    from streamlit.web import cli

    # On the first element drawn, Streamlit checks whether it runs in a Python REPL (to print
    # "use streamlit run") with inspect.stack(): 0.15 s of the first visitor's page once the
    # libraries are loaded. This process is `streamlit run`: there is nothing to check.
    delta_generator._use_warning_has_been_displayed = True

    sys.path.insert(0, str(ENTRYPOINT.parent))  # the app's packages, from any working folder
    threading.Thread(target=warm_up_when_started, name="objectif-warm-up", daemon=True).start()
    return cli.main(["run", str(ENTRYPOINT), *argv], prog_name="streamlit")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
