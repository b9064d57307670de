"""Hostile uploads in a real browser: each shows a message naming the limit it hit, and the
server still answers afterwards (before, one of them aborted the server for everyone)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from live_app import (
    ROOT,
    click_nav,
    full_page_screenshot,
    healthy,
    live_server,
    scratch_db_env,
    upload,
    wait_for_app,
)
from playwright.sync_api import Page, expect

sys.path.insert(0, str(ROOT))
from tests.fixtures import hostile_files as hostile

pytestmark = pytest.mark.browser
ORDERS_UPLOADER = "Orders file"
KEPT = "The data loaded before is still in use."
# the part of each file's message that names the limit it hit
CASES = [
    (hostile.far_cell_workbook, "columns, more than the 2000 Objectif reads"),
    (hostile.wide_header_csv, "1000000 columns, more than the 2000"),
    (hostile.comma_line_csv, "no separator found"),
    (hostile.dictionary_parquet, "cells Objectif reads from one file"),
    (hostile.zip_bomb_workbook, "MB Objectif reads from a workbook"),
]


def upload_hostile(page: Page, url: str, make, folder: Path) -> None:
    name, data = make()
    path = folder / name
    path.write_bytes(data)
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app(page)
    click_nav(page, "Data")
    wait_for_app(page, heading="Data")
    upload(page, ORDERS_UPLOADER, path)


@pytest.mark.parametrize("make, message", CASES, ids=[make.__name__ for make, _ in CASES])
def test_a_hostile_upload_is_refused_and_the_server_lives_on(
    app_page: Page, app_url, artifacts, tmp_path, make, message
):
    upload_hostile(app_page, app_url, make, tmp_path)
    alert = app_page.get_by_test_id("stAlertContentError")
    expect(alert).to_contain_text(message)
    expect(alert).to_contain_text(KEPT)
    full_page_screenshot(app_page, artifacts / f"hostile_{make.__name__}.png")
    expect(app_page.get_by_test_id("stException")).to_have_count(0)
    assert healthy(app_url)
    click_nav(app_page, "Dashboard")  # the demo company is still there
    wait_for_app(app_page, "Revenue")


def test_a_reader_aborting_past_every_declared_limit_spares_the_server(
    app_page: Page, artifacts, tmp_path
):
    """The declared-size checks lifted: the Excel reader aborts as it did in the server, now
    in the child process that reads the file."""
    lifted = {
        **scratch_db_env(tmp_path / "db"),
        "OBJECTIF_MAX_COLUMNS": "100000",
        "OBJECTIF_MAX_CELLS": "1e12",
        "OBJECTIF_PARSE_MEMORY_MB": "1000",
    }
    with live_server(artifacts / "streamlit-lifted-limits.log", env=lifted) as url:
        upload_hostile(app_page, url, hostile.far_cell_workbook, tmp_path)
        expect(app_page.get_by_test_id("stAlertContentError")).to_contain_text(
            "needed more than the 1000 MB of memory"
        )
        assert healthy(url)
        click_nav(app_page, "Dashboard")
        wait_for_app(app_page, "Revenue")
