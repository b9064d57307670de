"""Pipeline KPIs on a seven-deal table computed by hand; Maven CRM against plain pandas."""

import numpy as np
import pandas as pd
import pytest

from models import DataError
from models.kpis.pipeline import (
    expected_close,
    join_teams,
    pipeline_coverage,
    pipeline_forecast,
    pipeline_kpis,
)
from models.kpis.targets import target_period

AS_OF = pd.Timestamp("2026-03-31")


def make_deals() -> pd.DataFrame:
    rows = [  # id, stage, status, value, engaged, closed, rep, product
        ("D1", "Won", "won", 1000.0, "2026-01-01", "2026-01-31", "Ann", "A"),  # 30 days
        ("D2", "Won", "won", 3000.0, "2026-01-10", "2026-03-01", "Bob", "B"),  # 50 days
        ("D3", "Lost", "lost", 0.0, "2026-01-15", "2026-02-14", "Ann", "A"),
        ("D4", "Lost", "lost", np.nan, "2026-02-01", "2026-03-03", "Bob", "B"),
        ("D5", "Engaging", "open", 2000.0, "2026-03-01", None, "Ann", "A"),
        ("D6", "Prospecting", "open", np.nan, None, None, "Bob", "B"),  # B won at 3,000
        ("D7", "Engaging", "open", np.nan, "2026-03-15", None, "Ann", "C"),  # C never won: 2,000
    ]
    frame = pd.DataFrame(
        rows,
        columns=["deal_id", "stage", "status", "value", "created", "close_date", "rep", "product"],
    )
    return frame.assign(
        created=pd.to_datetime(frame["created"]),
        close_date=pd.to_datetime(frame["close_date"]),
        status=frame["status"].astype("string"),
    )


TEAMS = pd.DataFrame(
    {"rep": ["Ann", "Bob"], "manager": ["Xia", "Yves"], "region": ["Central", "East"]}
)


def test_totals_by_hand():
    k = pipeline_kpis(make_deals(), as_of=AS_OF)
    assert (k["won_deals"], k["lost_deals"], k["win_rate"]) == (2, 2, 0.5)
    assert (k["won_value"], k["average_deal_size"]) == (4000.0, 2000.0)
    assert k["sales_cycle_days"] == 40.0  # (30 + 50) / 2
    assert (k["open_deals"], k["open_pipeline"]) == (3, 7000.0)  # 2,000 + 3,000 + 2,000
    assert k["weighted_pipeline"] == 3500.0  # each open deal at the 50 % win rate
    # engaged: D1-D5 and D7; their values 1,000 + 3,000 + 0 + (none) + 2,000 + 2,000
    assert (k["deals_created"], k["pipeline_created"]) == (6, 8000.0)


def test_a_window_counts_the_deals_closed_and_engaged_in_it():
    k = pipeline_kpis(
        make_deals(), start=pd.Timestamp("2026-02-01"), end=pd.Timestamp("2026-04-01"), as_of=AS_OF
    )
    # closed Feb-Mar: D2 won, D3 and D4 lost; engaged Feb-Mar: D4, D5, D7
    assert (k["won_deals"], k["lost_deals"]) == (1, 2)
    assert k["win_rate"] == pytest.approx(1 / 3)
    assert (k["won_value"], k["sales_cycle_days"]) == (3000.0, 50.0)
    assert (k["deals_created"], k["pipeline_created"]) == (3, 4000.0)
    assert k["open_pipeline"] == 7000.0  # open at as_of, whatever the window


def test_stage_probabilities_weigh_the_open_deals():
    k = pipeline_kpis(
        make_deals(), as_of=AS_OF, probabilities={"engaging": 0.6, "PROSPECTING": 0.1}
    )
    assert k["weighted_pipeline"] == pytest.approx(2000 * 0.6 + 3000 * 0.1 + 2000 * 0.6)


def test_per_rep_and_per_region_through_the_teams():
    by_rep = pipeline_kpis(make_deals(), by="rep", as_of=AS_OF)
    assert by_rep.loc["Ann", ["win_rate", "sales_cycle_days", "open_pipeline"]].tolist() == [
        0.5,
        30.0,
        4000.0,
    ]
    assert by_rep.loc["Bob", ["win_rate", "sales_cycle_days", "open_pipeline"]].tolist() == [
        0.5,
        50.0,
        3000.0,
    ]
    deals = join_teams(make_deals(), TEAMS)
    by_region = pipeline_kpis(deals, by="region", as_of=AS_OF)
    assert by_region["open_pipeline"].to_dict() == {"Central": 4000.0, "East": 3000.0}
    assert pipeline_kpis(deals, by="manager", as_of=AS_OF)["won_value"].to_dict() == {
        "Xia": 1000.0,
        "Yves": 3000.0,
    }
    with pytest.raises(DataError, match="no manager column"):
        pipeline_kpis(make_deals(), by="manager")


def test_coverage_of_the_remaining_target():
    assert pipeline_coverage(7000.0, 5000.0, 3000.0) == 3.5  # 7,000 for 2,000 still to win
    assert np.isnan(pipeline_coverage(7000.0, 5000.0, 6000.0))  # target met
    by_region = pd.Series({"Central": 4000.0, "East": 3000.0})
    coverage = pipeline_coverage(
        by_region,
        pd.Series({"Central": 10000.0, "East": 1000.0}),
        pd.Series({"Central": 0.0, "East": 0.0}),
    )
    assert coverage.to_dict() == {"Central": 0.4, "East": 3.0}


def test_expected_close_dates():
    expected = expected_close(make_deals(), AS_OF)
    # mean cycle 40 days: D5 Mar 1 + 40 = Apr 10; D7 Mar 15 + 40 = Apr 24; D6, no engage
    # date: Mar 31 + 40 = May 10
    assert expected.dropna().dt.strftime("%m-%d").tolist() == ["04-10", "05-10", "04-24"]
    late = make_deals().assign(
        created=lambda d: d["created"].where(d["deal_id"] != "D5", pd.Timestamp("2026-01-01"))
    )
    assert expected_close(late, AS_OF)[late["deal_id"] == "D5"].iloc[0] == pd.Timestamp(
        "2026-04-01"
    )


def test_pipeline_forecast_of_a_quarter():
    q2 = pipeline_forecast(make_deals(), target_period("Q", 2026, 2), as_of=AS_OF)
    assert (q2["won"], q2["open_deals"], q2["open_value"]) == (0.0, 3, 7000.0)
    assert q2["weighted_open"] == 3500.0 and q2["forecast"] == 3500.0
    q1 = pipeline_forecast(make_deals(), target_period("Q", 2026, 1), as_of=AS_OF)
    assert (q1["won"], q1["open_deals"], q1["forecast"]) == (4000.0, 0, 4000.0)
    by_rep = pipeline_forecast(make_deals(), target_period("Q", 2026, 2), by="rep", as_of=AS_OF)
    assert by_rep["forecast"].to_dict() == {"Ann": 2000.0, "Bob": 1500.0}


# --------------------------------------------------------------------------- Maven CRM
MAVEN = "maven_crm_sales_opportunities"


@pytest.mark.realdata
def test_maven_win_rate_per_agent_matches_pandas(realdata):
    from models import load_table

    deals = load_table(realdata / MAVEN / "sales_pipeline.csv", "deals")
    assert len(deals) == 8800  # the 500 Prospecting deals without dates are kept
    assert deals["status"].value_counts().to_dict() == {"won": 4238, "lost": 2473, "open": 2089}
    ours = pipeline_kpis(deals, by="rep")["win_rate"]
    raw = pd.read_csv(realdata / MAVEN / "sales_pipeline.csv")
    closed = raw[raw["deal_stage"].isin(["Won", "Lost"])]
    theirs = closed["deal_stage"].eq("Won").groupby(closed["sales_agent"]).mean()
    pd.testing.assert_series_equal(ours.sort_index(), theirs.sort_index(), check_names=False)


@pytest.mark.realdata
def test_maven_open_pipeline_and_coverage_per_regional_office(realdata):
    from models import load_table

    deals = join_teams(
        load_table(realdata / MAVEN / "sales_pipeline.csv", "deals"),
        load_table(realdata / MAVEN / "sales_teams.csv", "teams"),
    )
    offices = pipeline_kpis(deals, by="region")
    assert offices.index.tolist() == ["Central", "East", "West"]
    assert offices["open_deals"].sum() == 2089
    raw = pd.read_csv(realdata / MAVEN / "sales_pipeline.csv").merge(
        pd.read_csv(realdata / MAVEN / "sales_teams.csv"), on="sales_agent"
    )
    counts = (
        raw[raw["deal_stage"].isin(["Prospecting", "Engaging"])].groupby("regional_office").size()
    )
    assert offices["open_deals"].to_dict() == counts.to_dict()
    # open values estimated at the mean won value of each deal's product
    won = raw[raw["deal_stage"] == "Won"]
    mean_won = won.groupby("product")["close_value"].mean()
    opened = raw[raw["deal_stage"].isin(["Prospecting", "Engaging"])]
    value = opened["product"].map(mean_won).groupby(opened["regional_office"]).sum()
    assert offices["open_pipeline"].to_dict() == pytest.approx(value.to_dict())
    # coverage of a Q1 2018 target equal to each office's Q4 2017 wins, nothing won yet
    q4 = pipeline_kpis(
        deals, by="region", start=pd.Timestamp("2017-10-01"), end=pd.Timestamp("2018-01-01")
    )["won_value"]
    coverage = pipeline_coverage(offices["open_pipeline"], q4, 0.0)
    assert ((coverage > 0) & (coverage < 10)).all()
