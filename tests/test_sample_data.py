"""The demo-company generator (``sample_data/generate.py``) and the CSV files it committed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sample_data.generate import generate, to_csv_text, window

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"
COLUMNS = {
    "orders": [
        "order_id",
        "date",
        "customer_id",
        "amount",
        "quantity",
        "rep",
        "region",
        "segment",
        "channel",
        "product",
    ],
    "leads": [
        "lead_id",
        "created_date",
        "source",
        "converted",
        "converted_date",
        "rep",
        "segment",
        "value",
        "customer_id",
    ],
    "calls": ["call_id", "datetime", "rep", "direction", "outcome", "duration_s", "customer_id"],
    "feedback": ["date", "customer_id", "csat", "nps", "rating"],
    "objectives": ["period", "kpi", "target"],
}


def committed_end() -> str:
    """The last month of the committed orders.csv (``YYYY-MM``)."""
    return pd.read_csv(SAMPLE / "orders.csv", usecols=["date"])["date"].max()[:7]


@pytest.fixture(scope="module")
def end() -> str:
    return committed_end()


@pytest.fixture(scope="module")
def tables(end: str) -> dict[str, pd.DataFrame]:
    return generate(seed=42, end=end)


@pytest.fixture(scope="module")
def monthly_revenue(tables: dict[str, pd.DataFrame]) -> pd.Series:
    orders = tables["orders"]
    return orders["amount"].groupby(orders["date"].dt.to_period("M")).sum()


@pytest.fixture(scope="module")
def purchases(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    orders = tables["orders"]
    return orders[orders["amount"] > 0].sort_values(["customer_id", "date"], kind="stable")


# --------------------------------------------------------------------------- the generator
def test_same_seed_same_tables(tables: dict[str, pd.DataFrame], end: str) -> None:
    again = generate(seed=42, end=end)
    for kind, frame in tables.items():
        pd.testing.assert_frame_equal(frame, again[kind])
        assert to_csv_text(frame) == to_csv_text(again[kind])


def test_columns(tables: dict[str, pd.DataFrame]) -> None:
    assert {kind: list(frame.columns) for kind, frame in tables.items()} == COLUMNS
    assert tables["orders"]["order_id"].str.fullmatch(r"O-\d{6}").all()
    assert tables["orders"]["customer_id"].str.fullmatch(r"C-\d{5}").all()
    assert tables["orders"]["order_id"].is_unique and tables["leads"]["lead_id"].is_unique


def months_of(tables: dict[str, pd.DataFrame]) -> dict[str, list[pd.Period]]:
    dated = {"orders": "date", "leads": "created_date", "calls": "datetime", "feedback": "date"}
    return {
        kind: sorted(tables[kind][column].dt.to_period("M").unique())
        for kind, column in dated.items()
    }


@pytest.mark.parametrize("end_month", ["committed", "2025-03"])
def test_exactly_36_months_ending_at_end(
    tables: dict[str, pd.DataFrame], end: str, end_month: str
) -> None:
    if end_month == "committed":
        end_month = end
    else:
        tables = generate(seed=7, end=end_month)
    last = pd.Period(end_month, "M")
    expected = list(pd.period_range(last - 35, last, freq="M"))
    assert months_of(tables) == {
        kind: expected for kind in ("orders", "leads", "calls", "feedback")
    }


def test_default_end_is_last_month() -> None:
    last = pd.Timestamp.today().to_period("M") - 1
    days = window(None)
    assert days[0] == (last - 35).start_time and days[-1] == last.end_time.normalize()
    assert len(days) == days.normalize().nunique() == (days[-1] - days[0]).days + 1


def test_sizes(tables: dict[str, pd.DataFrame]) -> None:
    orders = tables["orders"]
    assert 15_000 <= len(orders) <= 25_000
    assert 1_500 <= orders["customer_id"].nunique() <= 2_500
    assert 6_000 <= len(tables["leads"]) <= 10_000
    assert 15_000 <= len(tables["calls"]) <= 30_000
    assert 3_000 <= len(tables["feedback"]) <= 5_000


# --------------------------------------------------------------------------- orders
def years_of(monthly: pd.Series) -> list[pd.Series]:
    """The three consecutive 12-month blocks of a 36-month series."""
    return [monthly.iloc[i : i + 12] for i in (0, 12, 24)]


def test_december_peak_and_summer_dip(monthly_revenue: pd.Series) -> None:
    # each month against the mean of its 12-month block, averaged over the 3 years
    ratio = pd.concat([block / block.mean() for block in years_of(monthly_revenue)])
    by_month = ratio.groupby(ratio.index.month).mean()
    assert by_month[12] > 1.15
    assert by_month[[7, 8]].mean() < 0.85


def test_year_over_year_growth(monthly_revenue: pd.Series) -> None:
    years = [block.sum() for block in years_of(monthly_revenue)]
    assert years[0] < years[1] < years[2]
    assert 0.05 < (years[2] / years[0]) ** 0.5 - 1 < 0.2


def test_segments_basket_and_refunds(tables: dict[str, pd.DataFrame]) -> None:
    orders = tables["orders"]
    median = orders[orders["amount"] > 0].groupby("segment")["amount"].median()
    assert median["Entreprise"] > median["PME"] > median["Particulier"]
    refunds = orders[orders["amount"] < 0]
    assert 0.003 < len(refunds) / len(orders) < 0.008
    first_purchase = orders[orders["amount"] > 0].groupby("customer_id")["date"].min()
    assert (refunds["date"] > refunds["customer_id"].map(first_purchase)).all()


def test_each_customer_has_one_home(tables: dict[str, pd.DataFrame]) -> None:
    homes = tables["orders"].groupby("customer_id")[["rep", "region", "segment"]].nunique()
    assert (homes == 1).all().all()
    assert tables["orders"]["rep"].nunique() == 6 and tables["orders"]["region"].nunique() == 4


def test_churners_and_returners(tables: dict[str, pd.DataFrame], purchases: pd.DataFrame) -> None:
    end = tables["orders"]["date"].max()
    per_customer = purchases.groupby("customer_id")["date"].agg(["max", "size"])
    churners = per_customer[
        (per_customer["size"] >= 3) & (end - per_customer["max"]).dt.days.gt(180)
    ]
    assert len(churners) > 0.1 * len(per_customer)
    gap = purchases.groupby("customer_id")["date"].diff().dt.days
    returners = purchases.loc[gap > 120, "customer_id"].nunique()
    assert 30 <= returners <= 0.15 * len(per_customer)


def test_empty_crm_fields_concentrated_on_reps(tables: dict[str, pd.DataFrame]) -> None:
    orders = tables["orders"]
    for column in ("channel", "product"):
        empty = orders[column].isna().groupby(orders["rep"]).mean().sort_values()
        assert 0.2 < empty.iloc[-1] < 0.4, column  # one rep skips it often
        assert 0.02 < empty.iloc[-2] < 0.1, column  # another sometimes
        assert (empty.iloc[:-2] == 0).all(), column
    value_empty = tables["leads"]["value"].isna().groupby(tables["leads"]["rep"]).mean()
    assert value_empty.max() > 0.4 and value_empty.median() < 0.1


# --------------------------------------------------------------------------- leads
def test_conversion_rate_by_source(tables: dict[str, pd.DataFrame]) -> None:
    leads = tables["leads"]
    rates = leads.groupby("source")["converted"].mean()
    assert len(rates) == 6
    assert np.diff(np.sort(rates.to_numpy())).min() > 0.005  # all different
    assert rates["Recommandation"] > rates["Salon"] > rates["Site web"] > rates["Emailing"]
    assert rates["Site web"] > rates["Réseaux sociaux"]
    days = (leads["converted_date"] - leads["created_date"]).dt.days
    median = days.groupby(leads["source"]).median()
    assert median.between(7, 70).all() and median.max() - median.min() > 20
    assert (days > 90).sum() > 10


def test_recent_leads_are_mostly_open(tables: dict[str, pd.DataFrame]) -> None:
    leads = tables["leads"]
    recent = leads["created_date"] > leads["created_date"].max() - pd.Timedelta(days=28)
    assert leads.loc[recent, "converted"].mean() < 0.5 * leads["converted"].mean()


def test_converted_leads_become_customers(
    tables: dict[str, pd.DataFrame], purchases: pd.DataFrame
) -> None:
    leads = tables["leads"]
    converted = leads["converted"].eq(1)
    assert set(leads["converted"]) == {0, 1}
    assert (leads["converted_date"].notna() == converted).all()
    assert (leads["customer_id"].notna() == converted).all()
    won = leads[converted].set_index("customer_id")
    assert won.index.is_unique
    first_order = purchases.groupby("customer_id")["date"].min()
    assert won.index.isin(first_order.index).all()
    assert (first_order[won.index] >= won["converted_date"]).all()
    # after the first 6 months, most new customers come from leads
    late = first_order[first_order > first_order.min() + pd.Timedelta(days=182)]
    assert late.index.isin(won.index).mean() > 0.6


# --------------------------------------------------------------------------- calls, feedback
def test_calls(tables: dict[str, pd.DataFrame]) -> None:
    calls = tables["calls"]
    stamp = calls["datetime"]
    assert (stamp.dt.day_of_week < 5).all() and stamp.dt.hour.between(8, 17).all()
    assert ((calls["duration_s"] == 0) == (calls["outcome"] == "missed")).all()
    inbound = calls[calls["direction"] == "inbound"]
    missed = inbound["outcome"].eq("missed").groupby(inbound["rep"]).mean()
    assert 0.08 <= inbound["outcome"].eq("missed").mean() <= 0.15
    assert missed.max() - missed.min() > 0.03
    assert 0.05 < calls["customer_id"].isna().mean() < 0.5
    answered = calls.loc[calls["outcome"] == "answered", "duration_s"]
    assert 180 < answered.median() < 300


def test_feedback(tables: dict[str, pd.DataFrame]) -> None:
    feedback = tables["feedback"]
    csat, nps, rating = (feedback[c].dropna() for c in ("csat", "nps", "rating"))
    assert csat.between(1, 5).all() and nps.between(0, 10).all() and rating.between(1, 5).all()
    assert 0.75 <= csat.ge(4).mean() <= 0.85
    assert 20 <= 100 * (nps.ge(9).mean() - nps.le(6).mean()) <= 40
    assert 0.4 < feedback["rating"].notna().mean() < 0.6
    assert feedback["csat"].isna().any() and feedback["nps"].isna().any()
    assert feedback[["csat", "nps"]].notna().any(axis=1).all()


def test_objectives(tables: dict[str, pd.DataFrame], end: str, monthly_revenue: pd.Series) -> None:
    objectives = tables["objectives"]
    last = pd.Period(end, "M")
    periods = [str(p) for p in pd.period_range(last - 11, last + 12, freq="M")]
    assert sorted(objectives["period"].unique()) == periods
    assert (objectives.groupby("period")["kpi"].nunique() == 7).all()
    targets = objectives.set_index(["period", "kpi"])["target"]
    for period in periods:
        expected = round(monthly_revenue[pd.Period(period, "M") - 12] * 1.10, -3)
        assert targets[(period, "revenue")] == expected
    assert targets.xs("conversion_rate", level="kpi").between(0.05, 0.15).all()
    assert targets.xs("churn_rate", level="kpi").between(0.01, 0.05).all()
    assert targets.xs("csat", level="kpi").between(0.5, 1).all()


# --------------------------------------------------------------------------- committed files
def test_committed_csvs_are_the_generator_output(tables: dict[str, pd.DataFrame]) -> None:
    total = 0
    for kind, frame in tables.items():
        data = (SAMPLE / f"{kind}.csv").read_bytes()
        total += len(data)
        assert b"\r" not in data
        assert data.decode("utf-8") == to_csv_text(frame), f"{kind}.csv is stale: regenerate it"
    assert total < 5_000_000
