"""What-if page under AppTest: sliders move the total, saved scenarios persist, links share."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh_caches_and_database(tmp_path, monkeypatch):
    """Overrides the conftest one: the fitted driver tree (demo data) stays cached between
    these tests, the database is still each test's own."""
    monkeypatch.setenv("OBJECTIF_APPTEST", "1")
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


def test_a_saved_scenario_is_there_after_a_restart():
    at = open_whatif()
    at.slider(key="whatif_churn_rate").set_value(-30).run()
    at.text_input(key="whatif_name").input("Retention push").run()
    at.button(key="whatif_save").click().run()
    assert not at.exception

    st.cache_resource.clear()  # a restart: a new database engine, a new session
    again = open_whatif()
    comparison = again.dataframe[-1].value
    assert comparison["scenario"].tolist() == ["Baseline", "Retention push"]
    assert comparison.set_index("scenario").at["Retention push", "churn_rate"] == "-30.0%"
    assert again.slider(key="whatif_churn_rate").value == 0  # loading is the user's choice
    again.button(key="whatif_load").click().run()
    assert again.slider(key="whatif_churn_rate").value == -30
