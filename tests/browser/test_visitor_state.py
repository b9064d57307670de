"""Two visitors at once, in two browser contexts: objectives and scenarios set by one are never
seen by the other (two visitors of the demo; two visitors with different uploads), and a bad
row written into the server's database behind its back is left out with a warning."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from live_app import (
    TIMEOUT_MS,
    click_nav,
    guard_network,
    live_server,
    scratch_db_env,
    upload,
    wait_for_app,
    wait_settled,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
FIT_TIMEOUT_MS = 240_000  # the What-if page fits one forecast per driver on a busy CI box
IMPORT_LABEL = "Import objectives (CSV or Excel: period, KPI, target)"


@pytest.fixture(scope="module")
def server(browser, artifacts, tmp_path_factory):
    """A server of this module's own, whose scratch database the tests can reach."""
    folder = tmp_path_factory.mktemp("visitor-state-db")
    with live_server(artifacts / "streamlit-visitor-state.log", env=scratch_db_env(folder)) as url:
        yield url, folder / "objectif.sqlite"


def visitor(browser, url: str):
    """A new browser context (a new visitor) on the Dashboard."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked = guard_network(context)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app(page, heading="Dashboard")
    return context, page, blocked


def orders_file(folder: Path, name: str, seed: int) -> Path:
    """Twelve months of orders of a small shop; ``seed`` makes each file's amounts its own."""
    lines = ["date,customer,amount"]
    for month in range(1, 13):
        for customer in range(1, 21):
            if (customer * 7 + month * seed) % 3:
                lines.append(
                    f"2025-{month:02d}-{1 + customer:02d},C{customer},"
                    f"{20 + (customer * seed + month) % 50}.50"
                )
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load_orders(page, path: Path) -> None:
    click_nav(page, "Data")
    wait_for_app(page, heading="Data")
    upload(page, "Orders file", path)
    wait_for_app(page, f"{path.name} loaded as orders")


def set_objective(page, tmp: Path, period: str, target: int) -> None:
    """Import one revenue objective on the Objectives page and save the grid."""
    objectives = tmp / f"objective-{target}.csv"
    objectives.write_text(f"period,kpi,target\n{period},revenue,{target}\n", encoding="utf-8")
    click_nav(page, "Objectives")
    wait_for_app(page, heading="Objectives")
    page.get_by_test_id("stExpander").filter(has_text="Fill in bulk").get_by_text(
        "Fill in bulk"
    ).click()
    upload(page, IMPORT_LABEL, objectives)
    page.get_by_role("button", name="Add to the grid").click()
    wait_for_app(page, f"{objectives.name}: rows added to the grid: 1")
    page.get_by_role("button", name="Save objectives").click()
    wait_for_app(page, " objectives saved.")  # not "No objectives saved yet"


def save_scenario(page, name: str) -> None:
    click_nav(page, "What-if")
    wait_for_app(page, "Saved scenarios", timeout_ms=FIT_TIMEOUT_MS)
    page.get_by_label("Name this scenario").fill(name)
    page.get_by_label("Name this scenario").press("Enter")
    save = page.get_by_role("button", name="Save", exact=True)
    expect(save).to_be_enabled()  # once the name has reached the server
    save.click()
    wait_for_app(page, "Compare")
    expect(page.get_by_role("combobox", name="Scenario", exact=True)).to_have_value(name)


def dashboard(page):
    """The Dashboard, drawn in full (so that "not on the page" means something)."""
    click_nav(page, "Dashboard")
    wait_for_app(page, heading="Dashboard")
    wait_settled(page)
    return page.get_by_test_id("stMain")


def whatif(page):
    click_nav(page, "What-if")
    wait_for_app(page, "Saved scenarios", timeout_ms=FIT_TIMEOUT_MS)
    wait_settled(page)
    return page.get_by_test_id("stMain")


def test_two_demo_visitors_never_see_each_others_objectives_or_scenarios(browser, server, tmp_path):
    url, _ = server
    (ctx_a, a, blocked_a), (ctx_b, b, blocked_b) = visitor(browser, url), visitor(browser, url)
    try:
        set_objective(a, tmp_path, "2026-10", 123456789)
        expect(dashboard(a)).to_contain_text("Objective €123,456,789")
        save_scenario(a, "Alpha plan")

        expect(dashboard(b)).not_to_contain_text("123,456,789")
        expect(dashboard(b)).to_contain_text("Objective €")  # the demo's own objectives
        main = whatif(b)
        expect(main).to_contain_text("None yet")
        expect(main).not_to_contain_text("Alpha plan")
        expect(main).to_contain_text("live in this browser session only")
        for page in (a, b):
            expect(page.get_by_test_id("stException")).to_have_count(0)
        assert blocked_a == blocked_b == []
    finally:
        ctx_a.close()
        ctx_b.close()


def test_two_uploads_keep_their_own_objectives_and_scenarios_and_a_bad_row_only_warns(
    browser, server, tmp_path
):
    url, database = server
    mine, theirs = orders_file(tmp_path, "mine.csv", 5), orders_file(tmp_path, "theirs.csv", 11)
    (ctx_a, a, blocked_a), (ctx_b, b, blocked_b) = visitor(browser, url), visitor(browser, url)
    try:
        load_orders(a, mine)
        load_orders(b, theirs)
        set_objective(a, tmp_path, "2025-12", 987654)
        expect(dashboard(a)).to_contain_text("Objective €987,654")
        save_scenario(a, "Mine only")

        expect(dashboard(b)).not_to_contain_text("987,654")
        main = whatif(b)
        expect(main).to_contain_text("None yet")
        expect(main).not_to_contain_text("Mine only")

        scope = f"data:{hashlib.sha256(mine.read_bytes()).hexdigest()}"
        with sqlite3.connect(database) as conn:  # a row no save would write
            conn.execute(
                "INSERT INTO objectives VALUES (?, 'revenue', '2025-11', '', 1e30, "
                "'2026-01-01 00:00:00')",
                (scope,),
            )
        main = dashboard(a)
        expect(main).to_contain_text("1 saved objective left out")
        expect(main).to_contain_text("Revenue target 1e+30 is out of range")
        expect(main).to_contain_text("Objective €987,654")  # the good rows still count
        expect(a.get_by_test_id("stException")).to_have_count(0)
        expect(dashboard(b)).not_to_contain_text("left out")  # another data set: untouched
        assert blocked_a == blocked_b == []
    finally:
        ctx_a.close()
        ctx_b.close()
