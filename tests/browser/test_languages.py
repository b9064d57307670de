"""French and English in a real browser: every page by ``?lang=``, and the sidebar switch."""

from __future__ import annotations

import pytest
from live_app import app_pages, nav_link, wait_for_app, wait_settled
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
NAMES = {
    "fr": [
        "Chiffre d'affaires",
        "Panier moyen",
        "Taux de conversion",
        "Taux d'attrition",
        "Nouveaux clients",
        "Taux de satisfaction",
        "Taux de fidélisation",
        "Appels passés",
        "Appels reçus",
        "Appels manqués",
        "Qualité des rapports",
    ],
    "en": [
        "Revenue",
        "Average basket",
        "Conversion rate",
        "Churn rate",
        "New customers",
        "Satisfaction rate (CSAT)",
        "Retention rate",
        "Calls placed",
        "Calls received",
        "Calls missed",
        "CRM report quality",
    ],
}
LONG_MS = 240_000  # What-if and the risk pages fit models on their first visit


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_in_each_language(app_page: Page, app_url, lang, artifacts):
    page = app_page
    for spec in app_pages(lang=lang):
        page.goto(f"{app_url}/{spec.url_path}?lang={lang}", wait_until="domcontentloaded")
        wait_for_app(page, timeout_ms=LONG_MS)
        wait_settled(page, timeout_ms=LONG_MS)
        expect(nav_link(page, spec.title)).to_have_attribute("aria-current", "page")
        expect(page.get_by_test_id("stException")).to_have_count(0)
        if spec.default:
            for name in NAMES[lang]:
                expect(
                    page.get_by_test_id("stMetricLabel").filter(has_text=name).first
                ).to_be_visible()
            page.screenshot(path=str(artifacts / f"dashboard_{lang}.png"), full_page=True)
    assert page.page_errors == [], page.page_errors  # type: ignore[attr-defined]


def test_the_sidebar_switches_language_without_losing_the_data(app_page: Page, app_url):
    page = app_page
    page.goto(f"{app_url}/?lang=fr", wait_until="domcontentloaded")
    wait_for_app(page, heading="Tableau de bord")
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    wait_for_app(page, heading="Dashboard")
    expect(
        page.get_by_test_id("stMetricLabel").filter(has_text="Average basket").first
    ).to_be_visible()
    expect(page).to_have_url(__import__("re").compile(r"lang=en"))
    nav_link(page, "Forecast").click()
    wait_for_app(page, heading="Forecast", timeout_ms=LONG_MS)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_french_chart_downloads_as_png_and_svg(app_page: Page, app_url, tmp_path):
    page = app_page
    page.goto(f"{app_url}/?lang=fr", wait_until="domcontentloaded")
    wait_for_app(page, heading="Tableau de bord")
    buttons = page.get_by_test_id("stDownloadButton")
    with page.expect_download() as png:
        buttons.filter(has_text="PNG").first.click()
    assert png.value.suggested_filename == "objectif-revenue.png"
    assert open(png.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as svg:
        buttons.filter(has_text="SVG").first.click()
    text = open(svg.value.path(), encoding="utf-8").read()
    assert "Chiffre d" in text and any(m in text for m in ("janv.", "févr.", "oct.", "nov."))


def test_moving_between_pages_in_french(app_page: Page, app_url):
    page = app_page
    page.goto(f"{app_url}/?lang=fr", wait_until="domcontentloaded")
    wait_for_app(page, heading="Tableau de bord")
    for title in ("Prévisions", "Objectifs", "Données", "Tableau de bord"):
        nav_link(page, title).click()
        wait_for_app(page, heading=title, timeout_ms=LONG_MS)
        expect(page.get_by_test_id("stException")).to_have_count(0)


def test_the_french_kpi_table_opens_right_and_holds_the_dashboards_numbers(app_page: Page, app_url):
    import pandas as pd

    from models import compute_kpis, sample_tables

    page = app_page
    page.goto(f"{app_url}/?lang=fr", wait_until="domcontentloaded")
    wait_for_app(page, heading="Tableau de bord")
    with page.expect_download() as csv:
        page.get_by_test_id("stDownloadButton").filter(has_text="Télécharger en CSV").first.click()
    assert csv.value.suggested_filename == "objectif-kpis-M.csv"
    raw = open(csv.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8 accents right
    table = pd.read_csv(
        csv.value.path(), sep=";", decimal=",", encoding="utf-8-sig", parse_dates=["Période"]
    ).set_index("Période")
    expected = compute_kpis(sample_tables(), "M")  # what the dashboard computes, by hand
    for month in table.index:
        assert table.at[month, "Chiffre d'affaires"] == pytest.approx(expected.at[month, "revenue"])
        assert table.at[month, "Panier moyen"] == pytest.approx(
            expected.at[month, "average_basket"]
        )
    assert len(table) == 12  # the range shown: the last 12 months
