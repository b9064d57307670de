"""Objectives' database trouble under AppTest: a bad stored row, a locked, a read-only and an
unreachable database each give a warning or an error on the page, never a traceback."""

import hashlib
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import as_read

ROOT = Path(__file__).resolve().parents[2]
ORDERS = (ROOT / "sample_data" / "orders.csv").read_bytes()
SCOPE = f"data:{hashlib.sha256(ORDERS).hexdigest()}"  # the scope of an upload of that file
PAGES = ["pages/dashboard.py", "pages/objectives.py", "pages/whatif.py", "pages/forecast.py"]


def own_orders(db_url: str | None = None, monkeypatch=None) -> AppTest:
    """A session on the demo company's orders file uploaded as one's own."""
    if db_url:
        monkeypatch.setenv("OBJECTIF_DB_URL", db_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("pages/data.py").run()
    uploader = next(u for u in at.file_uploader if u.key.startswith("upload_orders_"))
    uploader.set_value(("orders.csv", ORDERS, "text/csv")).run()
    assert not at.exception and at.session_state["data_scope"] == SCOPE
    return at


def save_objectives(at: AppTest) -> None:
    """Fill next year's orders objectives from last year's and press Save."""
    at.switch_page("pages/objectives.py").run()
    at.selectbox(key="fill_kpi").set_value("orders")
    at.multiselect(key="fill_months").set_value(["2026-11", "2026-12"])
    at.button(key="fill_apply").click().run()
    at.button(key="save_objectives").click().run()


def database(tmp_path: Path) -> Path:
    return tmp_path / "objectif.sqlite"  # the conftest's $OBJECTIF_DB_URL


@pytest.mark.parametrize("page", PAGES)
def test_a_bad_stored_row_is_skipped_with_a_warning_on_every_page(tmp_path, page):
    at = own_orders()
    save_objectives(at)
    assert "2 objectives saved" in at.success[0].value
    with sqlite3.connect(database(tmp_path)) as conn:  # written behind the app's back
        conn.executemany(
            "INSERT INTO objectives VALUES (?, ?, ?, '', ?, '2026-01-01')",
            [(SCOPE, "revenue", "2026-12", 1e30), (SCOPE, "revenue", "2027-13", 5.0)],
        )
    at.switch_page(page).run()
    assert not at.exception, at.exception
    warned = as_read(" ".join(w.value for w in at.warning))
    assert "2 saved objectives left out" in warned
    assert "(2026-12, revenue): Revenue target 1e+30 is out of range" in warned
    assert "period '2027-13' is not a month" in warned


def test_a_locked_database_refuses_the_save_and_keeps_what_was_typed(tmp_path):
    at = own_orders()
    at.switch_page("pages/objectives.py").run()
    grid = f"grid_{at.session_state['objectives_editor']}"
    at.session_state[grid] = {
        "edited_rows": {},
        "deleted_rows": [],
        "added_rows": [  # typed
            {"period": "2026-12", "kpi": "revenue", "target": 5000.0}
        ],
    }
    holder = sqlite3.connect(database(tmp_path), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process holds the file
    try:
        started = time.perf_counter()
        at.button(key="save_objectives").click().run()
        assert time.perf_counter() - started < 30  # a few seconds' wait, not forever
        assert not at.exception
        assert "is busy: another program is writing to it" in at.error[0].value
        assert "SQL" not in at.error[0].value and "INSERT" not in at.error[0].value
        assert any("What you typed is kept in the grid" in i.value for i in at.info)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    at.switch_page("pages/dashboard.py").run()  # leaving the page drops the grid's own state
    at.switch_page("pages/objectives.py").run()
    typed = at.dataframe[0].value
    assert typed[["period", "kpi", "target"]].values.tolist() == [["2026-12", "revenue", 5000.0]]
    at.button(key="save_objectives").click().run()  # the retry, once the lock is gone
    assert "1 objectives saved" in at.success[0].value


def test_a_read_only_database_serves_the_pages_and_refuses_saves(tmp_path, monkeypatch):
    """Read-only through SQLite's ``mode=ro`` URI: ``chmod 0444`` does not stop root."""
    at = own_orders()
    save_objectives(at)
    with sqlite3.connect(database(tmp_path)) as conn:  # the saves into the main file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "read_only.sqlite"
    shutil.copy(database(tmp_path), copy)
    import streamlit as st

    st.cache_resource.clear()  # a server started on the read-only file
    at = own_orders(f"sqlite:///file:{copy}?mode=ro&uri=true", monkeypatch)
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert not any("readonly" in w.value or "PRAGMA" in w.value for w in at.warning)
    at.switch_page("pages/objectives.py").run()
    assert at.dataframe[0].value["kpi"].tolist() == ["orders", "orders"]  # read
    at.button(key="save_objectives").click().run()
    assert "is read-only" in at.error[0].value


def test_an_unreachable_database_leaves_the_pages_working_without_objectives(tmp_path, monkeypatch):
    at = own_orders(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.sqlite'}", monkeypatch)
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert any("cannot be reached" in w.value for w in at.warning), page
    save_objectives(at)
    assert "cannot be reached" in at.error[0].value
    assert "dir.sqlite" in at.error[0].value and str(tmp_path) not in at.error[0].value
