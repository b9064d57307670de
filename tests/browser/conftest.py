"""Browser tests: a live ``streamlit run app.py`` driven by Playwright and Debian's chromium.

* Skipped when ``/usr/bin/chromium`` is missing, unless ``OBJECTIF_REQUIRE_BROWSER=1`` (CI),
  which turns the missing browser into an error on every test.
* ``app_url``: one server per session on a free loopback port, warmed up by a first visit to
  its root; its log is ``artifacts/streamlit.log``. ``fresh_app_url``: a server of the
  test's own, never visited (``artifacts/streamlit-fresh.log``).
* ``app_page``: pytest-playwright's ``page`` with generous timeouts and every non-loopback
  request aborted and recorded (``app_page.blocked_requests``); a leak also fails at teardown.
* The servers keep objectives in a throw-away SQLite file (``$OBJECTIF_DB_URL``), never in
  the developer's ``.objectif/`` or a team database.
* ``artifacts``: ``artifacts/`` at the repo root (gitignored). Timings go to
  ``artifacts/browser_timings.json``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # live_app, also used by screenshots.py

from live_app import (
    CHROMIUM,
    ROOT,
    TIMEOUT_MS,
    VIEWPORT,
    chromium_launch_args,
    guard_network,
    live_server,
    scratch_db_env,
    wait_for_app,
)

ARTIFACTS = ROOT / "artifacts"
REQUIRE_BROWSER = os.environ.get("OBJECTIF_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session", autouse=True)
def _chromium_available() -> None:
    """Skip this folder without a browser, or fail loudly when CI requires one."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return
    message = (
        f"{CHROMIUM} not found: install it with `apt-get install chromium` "
        "(Playwright's own browser download is not used)"
    )
    if REQUIRE_BROWSER:
        pytest.fail(f"OBJECTIF_REQUIRE_BROWSER=1 but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def timings(artifacts: Path):
    """Seconds measured by the tests, written to ``artifacts/browser_timings.json``."""
    measured: dict[str, float] = {}
    yield measured
    (artifacts / "browser_timings.json").write_text(json.dumps(measured, indent=1) + "\n")


# --- pytest-playwright: the system chromium, a fixed viewport --------------------------------
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, _chromium_available):
    return chromium_launch_args(browser_type_launch_args)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": dict(VIEWPORT)}


# --- the app ---------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def app_url(_chromium_available, browser, artifacts: Path, timings, tmp_path_factory) -> str:
    """The shared server, warmed up by a first visit to its root.

    The warm-up pays the first run's imports once (``first_render_cold_s``), so the tests'
    timings and timeouts do not depend on which test runs first. A fresh server's first visit
    is tested apart, on a server of its own (``test_deep_link_to_data_as_first_visit``).
    """
    env = scratch_db_env(tmp_path_factory.mktemp("objectives-db"))
    with live_server(artifacts / "streamlit.log", timings, env) as url:
        context = browser.new_context(viewport=dict(VIEWPORT))
        try:
            guard_network(context)
            page = context.new_page()
            started = time.perf_counter()
            page.goto(url, wait_until="domcontentloaded")
            wait_for_app(page)
            timings["first_render_cold_s"] = round(time.perf_counter() - started, 3)
        finally:
            context.close()
        yield url


@pytest.fixture
def fresh_app_url(_chromium_available, artifacts: Path, tmp_path: Path) -> str:
    """A server of its own, which no browser has visited yet (log: ``streamlit-fresh.log``)."""
    with live_server(artifacts / "streamlit-fresh.log", env=scratch_db_env(tmp_path / "db")) as url:
        yield url


@pytest.fixture
def app_page(page):
    """``page`` that cannot leave loopback: outside requests are aborted and recorded."""
    from playwright.sync_api import expect

    blocked = guard_network(page.context)
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page.blocked_requests = blocked  # type: ignore[attr-defined]
    page_errors: list[str] = []  # uncaught JavaScript exceptions in the app's frontend
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.page_errors = page_errors  # type: ignore[attr-defined]
    yield page
    assert blocked == [], f"requests left loopback (aborted): {blocked}"
