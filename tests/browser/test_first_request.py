"""A server's very first request, to the home page or straight to a page's address: the page
runs through the entry point (its navigation menu, its sidebar), not Streamlit's legacy
``pages/`` mode (pages/_shared/navigation.py). And what comes before it with
`make run`: serve.py runs the dashboard once as the server starts."""

from __future__ import annotations

import time

import pytest
from live_app import TIMEOUT_MS, guard_network, live_server, nav_link, scratch_db_env, wait_for_app
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
MENU = (
    "Dashboard",
    "Forecast",
    "What-if",
    "Objectives",
    "Customers at risk",
    "Leads to work first",
    "Data",
    "Overview",
)


@pytest.mark.parametrize("launcher", [True, False], ids=["serve.py", "streamlit run"])
@pytest.mark.parametrize("path, heading", [("", "Dashboard"), ("/whatif", "What-if")])
def test_the_first_request_of_a_fresh_server_gets_the_app_s_menu(
    browser, tmp_path, path, heading, launcher
):
    with live_server(
        tmp_path / "server.log", env=scratch_db_env(tmp_path), launcher=launcher
    ) as url:
        context = browser.new_context()
        blocked = guard_network(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        try:
            page.goto(f"{url}{path}", wait_until="domcontentloaded")
            wait_for_app(page, heading=heading)
            for title in MENU:  # the entry point's titles, not file names like "whatif"
                expect(nav_link(page, title)).to_be_visible()
            expect(page.get_by_test_id("stSidebarNavLink")).to_have_count(len(MENU))
            expect(page.get_by_text("Currency", exact=True)).to_be_visible()  # app.py's sidebar
            assert blocked == []
        finally:
            context.close()


def test_serve_py_runs_the_dashboard_once_before_any_browser_connects(tmp_path):
    """No browser at all: the run at start computes what the first visitor's dashboard needs
    and completes without error, writing nothing to the database (the demo's objectives are
    each visitor's own copy, in their session)."""
    log = tmp_path / "server.log"
    with live_server(log, env={**scratch_db_env(tmp_path), "OBJECTIF_TIMING": "1"}):
        deadline = time.monotonic() + 120
        while "objectif-start-run dashboard" not in log.read_text(errors="replace"):
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.1)
    text = log.read_text(errors="replace")
    assert "did not complete" not in text and "Traceback" not in text, text
    assert "objectif-run " not in text  # no visitor's run: this one had no browser
    assert not (tmp_path / "objectif.sqlite").exists()
