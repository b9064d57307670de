"""What-if in a real browser: a shared link sets the sliders, a key press moves one, the
address bar follows."""

from __future__ import annotations

import re

import pytest
from live_app import full_page_screenshot, metric_value, wait_for_app, wait_settled
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
FIT_TIMEOUT_MS = 240_000  # the first visit fits one forecast per driver on a busy CI box


def slider(page: Page, label: str):
    return page.get_by_test_id("stSlider").filter(has_text=label).get_by_role("slider")


def test_shared_link_then_a_slider_move(app_page: Page, app_url, artifacts, timings):
    page = app_page
    page.goto(f"{app_url}/whatif?leads=20&churn_rate=-20", wait_until="domcontentloaded")
    wait_for_app(page, heading="What-if", timeout_ms=FIT_TIMEOUT_MS)
    wait_for_app(page, "Scenario, 12 months", timeout_ms=FIT_TIMEOUT_MS)
    expect(slider(page, "Leads per month")).to_have_value("20")
    expect(slider(page, "Churn rate")).to_have_value("-20")
    total = metric_value(page, "Scenario, 12 months")
    before = total.inner_text()

    basket = slider(page, "Average basket")
    basket.focus()
    for _ in range(5):
        basket.press("ArrowRight")
    expect(basket).to_have_value("5")
    wait_for_app(page)
    expect(total).not_to_have_text(before)
    expect(page).to_have_url(re.compile(r"average_basket=5"))
    expect(page).to_have_url(re.compile(r"leads=20"))
    wait_settled(page)
    full_page_screenshot(page, artifacts / "whatif.png")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.page_errors == [], page.page_errors  # type: ignore[attr-defined]
    assert page.blocked_requests == [], page.blocked_requests  # type: ignore[attr-defined]
