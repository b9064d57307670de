"""The dashboard in a real browser: its lower tabs run only when chosen."""

from __future__ import annotations

import pytest
from live_app import wait_for_app, wait_settled
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_the_per_rep_tab_draws_its_grid_when_chosen(app_page: Page, app_url):
    page = app_page
    page.goto(app_url, wait_until="domcontentloaded")
    wait_for_app(page, "Leads created in the selected periods", heading="Dashboard")
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_have_count(0)  # the funnel tab is open: no per-rep grid sent yet

    page.get_by_role("tab", name="Per rep").click()
    expect(grid).to_have_count(1)
    wait_for_app(page, heading="Dashboard")
    wait_settled(page)
    expect(grid).to_contain_text("Alice Martin")  # the grid's accessibility table
    expect(grid).to_contain_text("CRM report quality")
    expect(page.get_by_text("Leads created in the selected periods")).to_have_count(0)
    assert page.page_errors == [], page.page_errors  # type: ignore[attr-defined]
    assert page.blocked_requests == [], page.blocked_requests  # type: ignore[attr-defined]
