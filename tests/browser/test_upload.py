"""The real upload path, in a real browser: home -> Data -> upload -> quality report; and every
page of ``app.py`` renders without an exception."""

from __future__ import annotations

import re
import time

import pytest
from live_app import (
    ROOT,
    app_pages,
    click_nav,
    full_page_screenshot,
    metric_value,
    nav_link,
    table_after_heading,
    upload,
    wait_for_app,
    wait_settled,
)
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PAGES = app_pages()  # read from app.py: a new page is tested without editing this file
DEFAULT_PAGE = next(page for page in PAGES if page.default)
# Windows-1252, ";", 2 title rows, 5 orders (one refund) and a "Total" footer line
FRENCH_EXPORT = ROOT / "tests" / "fixtures" / "french_export_cp1252.csv"
DEMO_ORDERS = ROOT / "sample_data" / "orders.csv"
ORDERS_UPLOADER = "Orders file"
DATA_READY = "Upload your own orders below"  # the Data page's banner, demo company only
FRENCH_LOADED = "french_export_cp1252.csv loaded as orders: 5 rows in use."


def success(page: Page):
    return page.get_by_test_id("stAlertContentSuccess")


def error(page: Page):
    return page.get_by_test_id("stAlertContentError")


def open_home(page: Page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app(page)  # fresh document: any st.title means the first run is done
    expect(nav_link(page, DEFAULT_PAGE.title)).to_have_attribute("aria-current", "page")


def test_french_export_upload_shows_quality_report(app_page: Page, app_url, artifacts, timings):
    page = app_page

    started = time.perf_counter()
    open_home(page, app_url)
    timings["first_render_home_s"] = round(time.perf_counter() - started, 3)

    started = time.perf_counter()
    click_nav(page, "Data")
    wait_for_app(page, DATA_READY, heading="Data")
    timings["nav_to_data_s"] = round(time.perf_counter() - started, 3)
    expect(page).to_have_url(re.compile(r"/data/?$"))

    started = time.perf_counter()
    upload(page, ORDERS_UPLOADER, FRENCH_EXPORT)
    wait_for_app(page, FRENCH_LOADED)
    expect(metric_value(page, "Rows read")).to_have_text("6")  # metrics load lazily: retried
    timings["upload_to_report_s"] = round(time.perf_counter() - started, 3)

    expect(success(page)).to_have_text(FRENCH_LOADED)
    expect(metric_value(page, "Rows kept")).to_have_text("5")
    expect(metric_value(page, "Rows dropped")).to_have_text("1")
    expect(metric_value(page, "Duplicate rows")).to_have_text("0")
    facts = page.get_by_test_id("stMarkdownContainer").filter(has_text="Period:")
    expect(facts).to_contain_text("Jan 3, 2026 → Mar 31, 2026")
    expect(facts).to_contain_text("1 row, -€45.50 in total")
    expect(facts).to_contain_text("windows-1252")
    expect(facts).to_contain_text("Title rows skipped: 2")
    dropped = table_after_heading(page, "Rows dropped")  # canvas grid: text via its a11y table
    expect(dropped).to_be_visible()
    expect(dropped).to_contain_text("readable date")
    expect(page.get_by_test_id("stException")).to_have_count(0)

    full_page_screenshot(page, artifacts / "data_quality_report.png")

    # nothing left loopback (the fixture also checks this at teardown)
    assert page.blocked_requests == [], page.blocked_requests  # type: ignore[attr-defined]


def test_the_quality_report_and_errors_read_in_french(app_page: Page, app_url, tmp_path):
    page = app_page
    page.goto(f"{app_url}/data?lang=fr", wait_until="domcontentloaded")
    wait_for_app(page, "Importez vos propres commandes", heading="Données")
    upload(page, "Fichier de commandes", FRENCH_EXPORT)
    wait_for_app(page, "french_export_cp1252.csv chargé comme commandes")
    expect(metric_value(page, "Lignes lues")).to_have_text("6")
    facts = page.get_by_test_id("stMarkdownContainer").filter(has_text="Période")
    expect(facts).to_contain_text("03/01/2026 → 31/03/2026")
    expect(facts).to_contain_text("1 ligne, -45,50\u00a0€ au total")
    expect(facts).to_contain_text("Séparateur : point-virgule (;)")
    expect(facts).to_contain_text("Lignes de titre ignorées : 2")
    expect(facts).to_contain_text("dates lues comme jour/mois/année")
    expect(table_after_heading(page, "Lignes écartées")).to_contain_text(
        "lignes sans date lisible (date de commande)"
    )
    page.get_by_text("Correspondance des colonnes").click()
    expect(page.get_by_test_id("stSelectbox").filter(has_text="Date de commande *")).to_be_visible()

    broken = tmp_path / "cassé.csv"
    broken.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    upload(page, "Fichier de commandes", broken)
    wait_for_app(page, "restent en service")
    expect(error(page)).to_contain_text("aucune colonne pour date de commande, client, montant")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.page_errors == [], page.page_errors  # type: ignore[attr-defined]


def test_broken_upload_explains_and_keeps_previous_data(app_page: Page, app_url, tmp_path, timings):
    page = app_page
    broken = tmp_path / "broken.csv"
    broken.write_text("a,b,c\n1,2,3\n", encoding="utf-8")

    page.goto(f"{app_url}/data", wait_until="domcontentloaded")
    wait_for_app(page, DATA_READY, heading="Data")
    upload(page, ORDERS_UPLOADER, FRENCH_EXPORT)
    wait_for_app(page, FRENCH_LOADED)

    started = time.perf_counter()
    upload(page, ORDERS_UPLOADER, broken)  # replaces the good file in the same uploader
    wait_for_app(page, "still in use")
    timings["broken_upload_to_error_s"] = round(time.perf_counter() - started, 3)

    expect(error(page)).to_have_count(1)
    expect(error(page)).to_contain_text("broken.csv")
    expect(error(page)).to_contain_text("no column for order date")
    expect(error(page)).to_contain_text("The data loaded before is still in use.")
    expect(success(page)).to_have_count(0)
    expect(page.get_by_test_id("stMetric")).to_have_count(0)  # no report for a refused file
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("Traceback")

    # "still in use": the 5 orders of the French export are what the app now shows
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Showing your data: orders.")
    click_nav(page, "Overview")
    wait_for_app(page, heading="Objectif")  # the Overview's st.title
    summary = page.get_by_test_id("stDataFrame")
    expect(summary).to_contain_text("orders")
    expect(summary).to_contain_text("Jan 3, 2026")
    expect(summary).to_contain_text("Mar 31, 2026")
    expect(page.get_by_test_id("stException")).to_have_count(0)

    assert page.blocked_requests == [], page.blocked_requests  # type: ignore[attr-defined]


@pytest.mark.parametrize("app_page_spec", PAGES, ids=[page.slug for page in PAGES])
def test_every_page_renders_without_exception(app_page: Page, app_url, app_page_spec, timings):
    page, spec = app_page, app_page_spec
    started = time.perf_counter()
    page.goto(f"{app_url}/{spec.url_path}", wait_until="domcontentloaded")
    wait_for_app(page)  # raises at once if the page shows an exception
    wait_settled(page)  # charts drawn, lazy elements loaded: an error there shows too
    timings[f"render_{spec.slug}_s"] = round(time.perf_counter() - started, 3)

    expect(nav_link(page, spec.title)).to_have_attribute("aria-current", "page")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("Traceback")
    if spec.slug == "overview":
        if DEMO_ORDERS.is_file():
            expect(page.get_by_test_id("stDataFrame")).to_contain_text("orders")
        else:
            expect(page.get_by_test_id("stAlertContentWarning")).to_contain_text("No orders loaded")
    if spec.slug == "data":
        expect(page.get_by_test_id("stTab")).to_have_count(5)
        uploader = page.get_by_test_id("stFileUploader").filter(has_text=ORDERS_UPLOADER)
        expect(uploader).to_be_visible()
    assert page.page_errors == [], page.page_errors  # type: ignore[attr-defined]
    assert page.blocked_requests == [], page.blocked_requests  # type: ignore[attr-defined]


def test_deep_link_to_data_as_first_visit(app_page: Page, fresh_app_url, artifacts):
    """The first visitor after a (re)start opens a bookmarked /data."""
    page = app_page
    page.goto(f"{fresh_app_url}/data", wait_until="domcontentloaded")
    try:
        wait_for_app(page, DATA_READY, heading="Data")
        # the menu is drawn by the run we just waited for: no need to retry for long
        links = page.get_by_test_id("stSidebarNavLink")
        expect(links).to_have_count(len(PAGES), timeout=5_000)
        for spec in PAGES:
            expect(nav_link(page, spec.title)).to_have_count(1, timeout=5_000)
    except AssertionError:
        full_page_screenshot(page, artifacts / "deep_link_first_visit.png")
        raise
