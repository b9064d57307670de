"""Two people at once: each browser session keeps its own upload, and a newcomer sees the demo."""

from __future__ import annotations

import pytest
from live_app import ROOT, TIMEOUT_MS, click_nav, guard_network, upload, wait_for_app
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
FRENCH_EXPORT = ROOT / "tests" / "fixtures" / "french_export_cp1252.csv"  # 2026-01-03 → 03-31
ORDERS_UPLOADER = "Orders file"


def session(browser, url: str):
    context = browser.new_context()
    blocked = guard_network(context)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{url}/data", wait_until="domcontentloaded")
    wait_for_app(page, heading="Data")
    return context, page, blocked


def overview(page):
    click_nav(page, "Overview")
    wait_for_app(page, heading="Objectif")  # the Overview page's title
    return page.get_by_test_id("stDataFrame")


def test_two_sessions_never_see_each_others_data(browser, app_url, tmp_path):
    other_file = tmp_path / "other_company.csv"
    other_file.write_text(
        "date,customer,amount\n2019-05-01,X,10\n2019-05-02,Y,20\n2019-06-03,X,30\n",
        encoding="utf-8",
    )
    (ctx_a, a, blocked_a), (ctx_b, b, blocked_b) = (
        session(browser, app_url),
        session(browser, app_url),
    )
    try:
        upload(a, ORDERS_UPLOADER, FRENCH_EXPORT)
        upload(b, ORDERS_UPLOADER, other_file)
        wait_for_app(a, "french_export_cp1252.csv loaded as orders")
        wait_for_app(b, "other_company.csv loaded as orders")

        table_a, table_b = overview(a), overview(b)
        expect(table_a).to_contain_text("Jan 3, 2026")
        expect(table_b).to_contain_text("May 1, 2019")
        expect(table_a).not_to_contain_text("May 1, 2019")
        expect(table_b).not_to_contain_text("Jan 3, 2026")

        ctx_c, c, blocked_c = session(browser, app_url)  # a newcomer: the demo company
        try:
            expect(overview(c)).to_contain_text("leads")
            expect(c.get_by_test_id("stSidebar")).to_contain_text("Showing the demo company")
        finally:
            ctx_c.close()
        assert blocked_a == blocked_b == blocked_c == []
    finally:
        ctx_a.close()
        ctx_b.close()


def test_an_upload_above_the_size_limit_gets_a_clear_message(browser, artifacts, tmp_path):
    """The limit is a setting (``server.maxUploadSize`` or ``STREAMLIT_SERVER_MAX_UPLOAD_SIZE``,
    in MB); here 1 MB, and a 1.5 MB file."""
    from live_app import live_server, scratch_db_env

    big = tmp_path / "too_big.csv"
    big.write_text("date,customer,amount\n" + "2026-01-01,A,1\n" * 110_000, encoding="utf-8")
    env = {**scratch_db_env(tmp_path / "db"), "STREAMLIT_SERVER_MAX_UPLOAD_SIZE": "1"}
    with live_server(artifacts / "streamlit-upload-limit.log", env=env) as url:
        context, page, blocked = session(browser, url)
        try:
            upload(page, ORDERS_UPLOADER, big)
            uploader = page.get_by_test_id("stFileUploader").filter(has_text=ORDERS_UPLOADER)
            expect(uploader).to_contain_text("1.0MB or smaller")
            expect(page.get_by_test_id("stSidebar")).to_contain_text("Showing the demo company")
            assert blocked == []
        finally:
            context.close()
