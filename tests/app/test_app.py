"""Headless app tests with streamlit.testing.v1.AppTest (no server, no browser)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
FRENCH = (ROOT / "tests" / "fixtures" / "french_export_cp1252.csv").read_bytes()
PAGES = [
    "pages/dashboard.py",
    "pages/forecast.py",
    "pages/whatif.py",
    "pages/objectives.py",
    "pages/data.py",
    "pages/overview.py",
]


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
    assert summary["rows"].str.replace(",", "").astype(int).gt(0).all()  # "21,319"
    assert summary["from"].str.match(r"[A-Z][a-z]{2} \d{1,2}, \d{4}$").all()  # Nov 1, 2023


def test_the_dashboard_runs_only_its_open_tab():
    """The funnel tab is open first; the per-rep KPIs and grid are computed and drawn only
    once their tab is chosen (and the funnel then is not)."""
    at = start()
    funnel_caption = "Leads created in the selected periods"
    assert [tab.label for tab in at.tabs] == ["Funnel", "Per rep"]
    assert any(funnel_caption in caption.value for caption in at.caption)
    assert not at.dataframe
    at.session_state["dashboard_tab"] = "Per rep"
    at.run()
    assert not at.exception
    reps = at.dataframe[0].value
    assert {"Alice Martin", "Bruno Lefèvre"} <= set(reps.index)
    assert not any(funnel_caption in caption.value for caption in at.caption)


def test_upload_shows_the_quality_report_and_replaces_the_demo():
    at = upload_orders(start(), "french.csv", FRENCH)
    assert not at.exception and not at.error
    assert (metric(at, "Rows read"), metric(at, "Rows kept"), metric(at, "Rows dropped")) == (
        "6",
        "5",
        "1",
    )
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
    for label, column in (
        ("Order date *", "when"),
        ("Customer *", "who"),
        ("Amount *", "how much"),
    ):
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
    calls = (
        b"datetime,agent,direction,outcome\n2026-01-05 10:00,Ann,inbound,ANSWERED\n"
        b"2026-01-05 11:00,Ann,inbound,BOUNCE\n2026-01-06 09:00,Bob,inbound,BOUNCE\n"
    )
    uploader = next(u for u in at.file_uploader if u.key.startswith("upload_calls_"))
    uploader.set_value(("calls.csv", calls, "text/csv")).run()
    assert len(at.session_state["tables"]["calls"]) == 1  # BOUNCE rows dropped for now
    next(s for s in at.selectbox if s.label == "Outcome: BOUNCE").set_value("missed").run()
    assert not at.exception
    table = at.session_state["tables"]["calls"]
    assert table["outcome"].tolist() == ["answered", "missed", "missed"]


def objectives_grid(at: AppTest):
    return at.dataframe[0].value  # the data editor comes first on the page


def start_with_own_files(*kinds: str) -> AppTest:
    """A session on one's own data: the demo company's files of ``kinds``, uploaded."""
    at = start()
    at.switch_page("pages/data.py").run()
    for kind in kinds:
        uploader = next(u for u in at.file_uploader if u.key.startswith(f"upload_{kind}_"))
        data = (ROOT / "sample_data" / f"{kind}.csv").read_bytes()
        uploader.set_value((f"{kind}.csv", data, "text/csv")).run()
        assert not at.exception and not at.error, [e.value for e in at.error]
    return at


def fill_two_months_of_orders_and_save(at: AppTest) -> None:
    at.switch_page("pages/objectives.py").run()
    assert len(objectives_grid(at)) == 168  # seeded from the objectives file
    at.selectbox(key="fill_kpi").set_value("orders")
    at.multiselect(key="fill_months").set_value(["2026-11", "2026-12"])
    at.number_input(key="fill_uplift").set_value(10.0)
    at.button(key="fill_apply").click().run()
    at.button(key="save_objectives").click().run()
    assert not at.exception and not at.error
    assert "170 objectives saved" in at.success[0].value


def test_objectives_round_trip_through_the_database_across_a_restart():
    at = start_with_own_files("orders", "objectives")
    fill_two_months_of_orders_and_save(at)

    st_cache_clear()  # a restart: a new database engine
    restarted = start_with_own_files("orders", "objectives")  # the same files again
    restarted.switch_page("pages/objectives.py").run()
    grid = objectives_grid(restarted)
    orders = grid[(grid["kpi"] == "orders")].set_index("period")["target"]
    kpis = restarted.session_state["tables"]["orders"]
    last_year = kpis[kpis["date"].between("2025-11-01", "2025-11-30") & (kpis["amount"] > 0)]
    assert orders["2026-11"] == pytest.approx(last_year["order_id"].nunique() * 1.10)
    assert len(grid) == 170


def test_objectives_saved_on_the_demo_are_the_visitors_own_and_follow_them_to_their_data():
    at = start()
    fill_two_months_of_orders_and_save(at)
    assert any("your own copy of the demo's objectives" in c.value for c in at.caption)
    at.switch_page("pages/dashboard.py").run()
    at.switch_page("pages/objectives.py").run()
    assert len(objectives_grid(at)) == 170  # kept for the visit

    other = start()  # another visitor of the demo: the demo's objectives, untouched
    other.switch_page("pages/objectives.py").run()
    assert len(objectives_grid(other)) == 168

    at.switch_page("pages/data.py").run()  # this visitor loads their own orders
    uploader = next(u for u in at.file_uploader if u.key.startswith("upload_orders_"))
    uploader.set_value(("mine.csv", FRENCH, "text/csv")).run()
    at.switch_page("pages/objectives.py").run()
    assert not at.exception
    assert len(objectives_grid(at)) == 170  # their rows stay in the grid, to save with it
    assert any("come from the data you used before" in i.value for i in at.info)


def test_an_invalid_target_is_refused_and_nothing_saved_is_lost():
    at = start()
    at.switch_page("pages/objectives.py").run()
    at.selectbox(key="fill_kpi").set_value("churn_rate")
    at.multiselect(key="fill_months").set_value(["2026-11"])
    at.number_input(key="fill_uplift").set_value(5000.0)  # churn x 51: above 100 %
    at.button(key="fill_apply").click().run()
    at.button(key="save_objectives").click().run()
    assert "rates are fractions" in at.error[0].value
    assert "Nothing already saved was changed" in at.error[0].value
    grid = objectives_grid(at).set_index(["kpi", "period"])["target"]
    assert grid[("churn_rate", "2026-11")] > 1  # what the user entered is still in the grid
    restarted = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    st_cache_clear()
    restarted.run()
    restarted.switch_page("pages/objectives.py").run()
    saved = objectives_grid(restarted).set_index(["kpi", "period"])["target"]
    assert saved[("churn_rate", "2026-11")] == 0.03  # the saved objective is untouched


def st_cache_clear():
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def test_forecast_page_shows_intervals_accuracy_and_the_odds_of_the_objective():
    at = start()
    at.switch_page("pages/forecast.py").run()
    assert not at.exception and not at.error
    metrics = {m.label: m.value for m in at.metric}
    assert float(metrics["Backtest error (MASE)"]) > 0
    assert "chance that revenue over the next 12 months" in at.markdown[0].value
    odds = at.dataframe[0].value
    assert len(odds) == 12 and odds["probability"].between(0, 100).all()  # percents
    at.selectbox(key="forecast_kpi").set_value("churn_rate").run()
    assert not at.exception and len(at.dataframe[0].value) == 12
    assert any("Customers at risk** model expects" in m.value for m in at.markdown)


def test_forecast_per_region_adds_up_and_says_how_good_it_was():
    at = start()
    at.switch_page("pages/forecast.py").run()
    sentence = next(i.value for i in at.info if "How good is it?" in i.value)
    assert "seasonal naive (same month last year) by" in sentence and "band held" in sentence
    at.selectbox(key="forecast_by").set_value("region").run()
    assert not at.exception and not at.error
    regions = at.selectbox(key="forecast_group").options
    assert len(regions) == 4
    at.selectbox(key="forecast_group").set_value(regions[1]).run()
    assert not at.exception and not at.error
    assert any(f"{regions[1]}'s history" in c.value for c in at.caption)


@pytest.mark.parametrize(
    "lang, names",
    [
        (
            "fr",
            [
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
                "NPS",
                "Qualité des rapports",
            ],
        ),
        (
            "en",
            [
                "Revenue",
                "Average basket",
                "Conversion rate",
                "Churn rate",
                "New customers",
                "Retention rate",
                "Calls placed",
                "CRM report quality",
            ],
        ),
    ],
)
def test_the_dashboard_speaks_the_language_of_the_link(lang, names):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert set(names) <= set(labels), sorted(set(names) - set(labels))
    assert at.title[0].value == {"fr": "Tableau de bord", "en": "Dashboard"}[lang]


def test_french_numbers_on_the_cards():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "fr"
    at.run()
    revenue = next(m for m in at.metric if m.label == "Chiffre d'affaires")
    assert revenue.value.endswith("\u00a0€") and "\u202f" in revenue.value  # 233 852 €
    # switching with the sidebar control is a browser test (tests/browser/test_languages.py):
    # AppTest replays the previous run's selectbox labels, which a French run translates


def test_a_broken_upload_is_explained_in_french():
    # the Data page alone: AppTest cannot leave a French dashboard (see the test above)
    at = AppTest.from_file(str(ROOT / "pages" / "data.py"), default_timeout=60)
    at.query_params["lang"] = "fr"
    at.run()
    uploader = next(u for u in at.file_uploader if u.key.startswith("upload_orders_"))
    uploader.set_value(("vide.csv", b"date;client;montant\n", "text/csv")).run()
    assert not at.exception
    message = at.error[0].value
    assert "« vide.csv » a une ligne d'en-têtes mais aucune ligne de données." in message
    assert "Les données chargées auparavant restent en service." in message
    assert at.session_state["data_source"] == "demo"  # nothing lost


def test_the_currency_is_a_setting_of_the_session():
    at = start()
    assert metric(at, "Revenue").startswith("€")
    at.sidebar.selectbox(key="currency_picker").select("USD").run()
    assert not at.exception
    assert metric(at, "Revenue").startswith("$")  # same number, the user's currency
    at.switch_page("pages/risk.py").run()
    assert not at.exception
    assert next(m.value for m in at.metric if m.label == "Yearly revenue at risk").startswith("$")


def test_a_parquet_export_uploads_like_a_csv():
    import io

    import pandas as pd

    orders = pd.DataFrame(
        {
            "Order Date": pd.to_datetime(["2026-01-05", "2026-02-10", "2026-02-11"]),
            "Customer ID": ["A", "B", "A"],
            "Sales": [10.5, 20.0, 30.25],
        }
    )
    buffer = io.BytesIO()
    orders.to_parquet(buffer)
    at = upload_orders(start(), "warehouse.parquet", buffer.getvalue())
    assert not at.exception and not at.error
    assert at.success[0].value == "**warehouse.parquet** loaded as orders: 3 rows in use."
    assert any("typed dates (Parquet)" in m.value for m in at.markdown)
