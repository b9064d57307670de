"""Headless app tests with streamlit.testing.v1.AppTest (no server, no browser)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
FRENCH = (ROOT / "tests" / "fixtures" / "french_export_cp1252.csv").read_bytes()
PAGES = ["pages/dashboard.py", "pages/objectives.py", "pages/data.py", "pages/overview.py"]


def start() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def upload_orders(at: AppTest, name: str, data: bytes) -> AppTest:
    at.switch_page("pages/data.py").run()
    uploader = next(u for u in at.file_uploader if u.key.startswith("upload_orders_"))
    uploader.set_value((name, data, "text/csv")).run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_demo_company(page):
    at = start()
    at.switch_page(page).run()
    assert not at.exception
    assert at.session_state["data_source"] == "demo"
    assert {"orders", "leads", "calls", "feedback", "objectives"} <= set(at.session_state["tables"])


def test_overview_lists_the_demo_tables():
    at = start()
    at.switch_page("pages/overview.py").run()
    summary = at.dataframe[0].value
    assert list(summary["table"]) == ["orders", "leads", "calls", "feedback", "objectives"]
    assert (summary["rows"] > 0).all()


def test_upload_shows_the_quality_report_and_replaces_the_demo():
    at = upload_orders(start(), "french.csv", FRENCH)
    assert not at.exception and not at.error
    assert (metric(at, "Rows read"), metric(at, "Rows kept"), metric(at, "Rows dropped")) == ("6", "5", "1")
    assert at.session_state["data_source"] == "own"
    orders = at.session_state["tables"]["orders"]
    assert round(orders["amount"].sum(), 2) == 3291.01
    assert "leads" not in at.session_state["tables"]  # demo tables are not mixed with the user's


def test_broken_upload_shows_an_error_and_keeps_the_data_loaded_before():
    at = upload_orders(start(), "french.csv", FRENCH)
    before = at.session_state["tables"]["orders"]
    uploader = next(u for u in at.file_uploader if u.key.startswith("upload_orders_"))
    uploader.set_value(("broken.csv", b"a,b,c\n1,2,3\n", "text/csv")).run()
    assert not at.exception
    assert "no column for order date" in at.error[0].value
    assert "still in use" in at.error[0].value
    assert at.session_state["tables"]["orders"].equals(before)


def test_mapping_a_column_by_hand():
    data = b"when;who;how much\n01/02/2026;C1;10,5\n02/02/2026;C2;4,5\n"
    at = upload_orders(start(), "odd.csv", data)
    assert "no column for order date" in at.error[0].value
    for label, column in (("Order date *", "when"), ("Customer *", "who"), ("Amount *", "how much")):
        next(s for s in at.selectbox if s.label == label).set_value(column)
    at.run()
    assert not at.error
    assert at.session_state["tables"]["orders"]["amount"].sum() == 15.0


def test_back_to_the_demo_company():
    at = upload_orders(start(), "french.csv", FRENCH)
    at.button(key="back_to_demo").click().run()
    assert at.session_state["data_source"] == "demo"
    assert "leads" in at.session_state["tables"]


def test_unrecognised_call_outcomes_are_mapped_by_the_user():
    at = start()
    at.switch_page("pages/data.py").run()
    calls = (b"datetime,agent,direction,outcome\n2026-01-05 10:00,Ann,inbound,ANSWERED\n"
             b"2026-01-05 11:00,Ann,inbound,BOUNCE\n2026-01-06 09:00,Bob,inbound,BOUNCE\n")
    uploader = next(u for u in at.file_uploader if u.key.startswith("upload_calls_"))
    uploader.set_value(("calls.csv", calls, "text/csv")).run()
    assert len(at.session_state["tables"]["calls"]) == 1  # BOUNCE rows dropped for now
    next(s for s in at.selectbox if s.label == "Outcome: BOUNCE").set_value("missed").run()
    assert not at.exception
    table = at.session_state["tables"]["calls"]
    assert table["outcome"].tolist() == ["answered", "missed", "missed"]
