"""The churn-risk and lead pages under AppTest, on the demo company and without leads."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
ORDERS_ONLY = b"date,customer,amount\n" + b"".join(
    f"2026-{m:02d}-{d:02d},C{c},{10 + c}\n".encode()
    for c in range(12)
    for m in range(1, 11)
    for d in ((5,) if c % 3 else (5, 20))
)


def start() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("page", ["pages/risk.py", "pages/leads.py"])
def test_page_runs_on_the_demo_company(page):
    at = start()
    at.switch_page(page).run()
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert len(table) > 0
    assert "How accurate is this?" in at.info[0].value
    assert {b.label for b in at.get("download_button")} == {"Download CSV", "Download Excel"}


def test_risk_filters_narrow_the_list():
    at = start()
    at.switch_page("pages/risk.py").run()
    everyone = len(at.dataframe[0].value)
    at.slider(key="risk_min_p").set_value(50).run()
    risky = at.dataframe[0].value
    assert not at.exception and len(risky) < everyone
    assert (risky["p_churn"] >= 50).all() and len(risky) > 0  # the bar's percent
    rep = risky["rep"].iloc[0]
    at.multiselect(key="risk_reps").set_value([rep]).run()
    assert set(at.dataframe[0].value["rep"]) == {rep}


def test_leads_page_without_a_leads_table_says_how_to_load_one():
    at = start()
    at.switch_page("pages/data.py").run()
    uploader = next(u for u in at.file_uploader if u.key.startswith("upload_orders_"))
    uploader.set_value(("orders.csv", ORDERS_ONLY, "text/csv")).run()
    at.switch_page("pages/leads.py").run()
    assert not at.exception
    assert "No leads loaded yet" in at.warning[0].value


def test_a_long_list_shows_its_first_rows_and_says_so():
    at = start()
    at.switch_page("pages/leads.py").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 500  # of the demo's 6,000-odd open leads
    assert any(
        "The first 500 of" in c.value and "the downloads hold them all" in c.value
        for c in at.caption
    )
