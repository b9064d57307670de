"""What-if page under AppTest: sliders move the total, saved scenarios persist, links share."""

from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh_caches_and_database(tmp_path, monkeypatch):
    """Overrides the conftest one: the fitted driver tree (demo data) stays cached between
    these tests, the database is still each test's own."""
    monkeypatch.setenv("OBJECTIF_DB_URL", f"sqlite:///{tmp_path / 'objectif.sqlite'}")
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def open_whatif(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params.update(query or {})
    at.run()
    at.switch_page("pages/whatif.py").run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def metric(at: AppTest, starts: str):
    return next(m for m in at.metric if m.label.startswith(starts))


def test_moving_a_slider_changes_the_scenario_total_and_the_link():
    at = open_whatif()
    before = metric(at, "Scenario, ").value
    assert metric(at, "Scenario, ").delta == "0.0% vs baseline"
    at.slider(key="whatif_average_basket").set_value(10).run()
    after = metric(at, "Scenario, ")
    assert after.value != before and after.delta == "+10.0% vs baseline"
    at.slider(key="whatif_churn_rate").set_value(-20).run()
    assert float(metric(at, "Scenario, ").delta.split("%")[0]) > 10.0
    assert at.query_params == {"average_basket": "10", "churn_rate": "-20"}


def test_a_shared_link_reproduces_the_scenario():
    at = open_whatif()
    at.slider(key="whatif_leads").set_value(15).run()
    at.slider(key="whatif_conversion_rate").set_value(-5).run()
    shared = dict(at.query_params)
    expected = [(m.label, m.value, m.delta) for m in at.metric]

    friend = open_whatif(shared)
    assert friend.slider(key="whatif_leads").value == 15
    assert friend.slider(key="whatif_conversion_rate").value == -5
    assert [(m.label, m.value, m.delta) for m in friend.metric] == expected


def test_a_broken_link_warns_and_starts_from_the_baseline():
    at = open_whatif({"leads": "lots"})
    assert at.slider(key="whatif_leads").value == 0
    assert any("leads='lots' is not a number" in w.value for w in at.warning)


ORDERS = (ROOT / "sample_data" / "orders.csv").read_bytes()  # the demo's orders, as an upload


def open_whatif_on(data: bytes, name: str = "orders.csv") -> AppTest:
    """The What-if page on one's own orders file (uploaded through the Data page)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("pages/data.py").run()
    uploader = next(u for u in at.file_uploader if u.key.startswith("upload_orders_"))
    uploader.set_value((name, data, "text/csv")).run()
    at.switch_page("pages/whatif.py").run()
    assert not at.exception, at.exception
    assert at.session_state["data_scope"].startswith("data:")
    return at


def save_scenario(at: AppTest, name: str, churn: int) -> None:
    at.slider(key="whatif_churn_rate").set_value(churn).run()
    at.text_input(key="whatif_name").input(name).run()
    at.button(key="whatif_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]


def test_a_scenario_saved_on_own_data_is_there_after_a_restart_for_that_data_only():
    at = open_whatif_on(ORDERS)
    save_scenario(at, "Retention push", -30)

    st.cache_resource.clear()  # a restart: a new database engine, a new session
    again = open_whatif_on(ORDERS)
    comparison = again.dataframe[-1].value
    assert comparison["scenario"].tolist() == ["Baseline", "Retention push"]
    assert comparison.set_index("scenario").at["Retention push", "churn_rate"] == "-30.0%"
    assert again.slider(key="whatif_churn_rate").value == 0  # loading is the user's choice
    again.button(key="whatif_load").click().run()
    assert again.slider(key="whatif_churn_rate").value == -30

    other = open_whatif_on(ORDERS.replace(b"36.53", b"36.54", 1), "other.csv")  # one cent off
    assert not any(e.value.startswith("Retention push") for e in other.multiselect)
    assert any("None yet" in c.value for c in other.caption)


def test_a_scenario_saved_on_the_demo_is_the_visitors_own():
    at = open_whatif()
    save_scenario(at, "Mine only", -20)
    assert at.dataframe[-1].value["scenario"].tolist() == ["Baseline", "Mine only"]
    assert any("live in this browser session only" in c.value for c in at.caption)

    someone_else = open_whatif()  # another visitor of the demo, same server and database
    assert any("None yet" in c.value for c in someone_else.caption)
    assert (
        not someone_else.dataframe
        or "Mine only" not in someone_else.dataframe[-1].value.get("scenario", []).tolist()
    )


@pytest.mark.parametrize(
    "query, driver, position, warned",
    [
        ({"leads": "101"}, "leads", 100, "+101 % is beyond this slider's range (-50 to +100 %)"),
        ({"leads": "-60"}, "leads", -50, "-60 % is beyond this slider's range (-50 to +100 %)"),
        ({"average_basket": "51"}, "average_basket", 50, "it is set to +50 %"),
        ({"orders_per_customer": "-31"}, "orders_per_customer", -30, "it is set to -30 %"),
        ({"leads": "abc"}, "leads", 0, "leads='abc' is not a number"),
        ({"leads": "nan"}, "leads", 0, "leads='nan' is not a finite number"),
        ({"leads": "inf"}, "leads", 0, "leads='inf' is not a finite number"),
    ],
)
def test_a_link_beyond_a_slider_is_clamped_or_refused_with_a_warning(
    query, driver, position, warned
):
    at = open_whatif(query)
    assert at.slider(key=f"whatif_{driver}").value == position
    assert any(warned in w.value for w in at.warning), [w.value for w in at.warning]
    at.slider(key="whatif_churn_rate").set_value(-10).run()  # and the page keeps working
    assert not at.exception and at.slider(key=f"whatif_{driver}").value == position


def test_saved_scenarios_without_objectives_for_the_horizon_compare_without_odds():
    """It raised KeyError: 'probability' for every visitor of the scope."""
    from models.kpis.objective_store import MemoryStore

    copy = MemoryStore()  # this visitor's demo copy: one month of objectives, long ago
    copy.save("demo", pd.DataFrame({"period": ["2020-01"], "kpi": ["revenue"], "target": [1.0]}))
    copy.save_scenario("demo", "Bigger baskets", {"average_basket": 0.1}, 12)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    at.session_state["visitor_store"] = copy
    at.switch_page("pages/whatif.py").run()
    assert not at.exception, at.exception
    comparison = at.dataframe[-1].value
    assert comparison["scenario"].tolist() == ["Baseline", "Bigger baskets"]
    assert "probability" not in comparison


def test_a_bad_saved_scenario_is_left_out_with_a_warning(tmp_path):
    import hashlib
    import sqlite3

    at = open_whatif_on(ORDERS)
    save_scenario(at, "Fine", -10)
    scope = f"data:{hashlib.sha256(ORDERS).hexdigest()}"
    with sqlite3.connect(tmp_path / "objectif.sqlite") as conn:  # written behind the app's back
        conn.execute(
            "INSERT INTO scenarios VALUES (?, 'Broken', '{\"leads\": 1e300}', 12, '2026-01-01')",
            (scope,),
        )
    at.run()
    assert not at.exception
    assert at.dataframe[-1].value["scenario"].tolist() == ["Baseline", "Fine"]
    assert any("saved scenario 'Broken'" in w.value for w in at.warning)
