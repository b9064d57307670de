"""KPIs against hand computations on small tables (see docs/KPIS.md for the definitions)."""

import numpy as np
import pandas as pd
import pytest

from models import DataError
from models.kpis.compute import KpiSettings, compute_kpis, is_marketing_source

MONTHS = pd.DatetimeIndex(
    pd.to_datetime(["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01"]),
    name="period",
)


def make_orders() -> pd.DataFrame:
    rows = [  # date, customer, amount, order id, rep
        ("2026-01-05", "A", 100, "O1", "Ann"),
        ("2026-01-05", "A", 50, "O1", "Ann"),
        ("2026-01-31", "B", 200, "O2", "Bob"),  # first order on the last day of the month
        ("2026-02-01", "D", 60, "O6", "Cy"),
        ("2026-02-10", "A", -30, "R1", "Ann"),  # refund
        ("2026-03-15", "C", 80, "O3", "Bob"),
        ("2026-03-18", "D", 60, "O7", "Cy"),
        ("2026-03-20", "A", 70, "O4", "Ann"),
        ("2026-05-02", "B", 40, "O5", "Bob"),  # April is empty
    ]
    frame = pd.DataFrame(rows, columns=["date", "customer_id", "amount", "order_id", "rep"])
    return frame.assign(date=pd.to_datetime(frame["date"]), amount=frame["amount"].astype(float))


def test_order_kpis_by_hand():
    k = compute_kpis({"orders": make_orders()}, settings=KpiSettings(churn_window=45))
    assert k.index.equals(MONTHS)
    assert k["revenue"].tolist() == [350, 30, 210, 0, 40]
    assert k["orders"].tolist() == [2, 1, 3, 0, 1]  # O1's two lines are one order; refunds are none
    assert k["average_basket"].tolist()[:3] == [175, 30, 70]
    assert np.isnan(k["average_basket"].iloc[3])
    assert k["active_customers"].tolist() == [2, 1, 3, 0, 1]
    assert k["new_customers"].tolist() == [2, 1, 1, 0, 0]
    assert k["repeat_purchase_rate"].tolist()[:3] == pytest.approx([0, 0, 2 / 3])
    assert k["repeat_purchase_rate"].iloc[4] == 1.0
    assert k["revenue_growth"].tolist()[1:4] == pytest.approx([30 / 350 - 1, 6, -1])
    assert np.isnan(k["revenue_growth"].iloc[4])  # previous month had no revenue


def test_churn_by_hand_with_a_lapse_exactly_at_w_days():
    # W = 45. B (Jan 31 -> May 2) lapses Mar 17; C (Mar 15, never again) lapses Apr 29;
    # D buys Feb 1 then Mar 18, exactly 45 days later: not a lapse; D lapses May 2 (= as_of).
    # A's Mar 20 expiry (May 4) is after the data ends: not a lapse yet.
    k = compute_kpis({"orders": make_orders()}, settings=KpiSettings(churn_window=45))
    assert k["churn_base"].isna().tolist()[:2] == [True, True]  # < 45 days of history
    assert k["churn_base"].tolist()[2:] == [2, 3, 2]
    assert k["churned_customers"].tolist()[2:] == [1, 1, 1]
    assert k["churn_rate"].tolist()[2:] == pytest.approx([1 / 2, 1 / 3, 1 / 2])
    assert k["retention_rate"].tolist()[2:] == pytest.approx([1 / 2, 2 / 3, 1 / 2])
    assert k["churn_provisional"].tolist() == [False, False, False, False, True]


def test_order_kpis_by_rep_add_up_to_the_total():
    orders = make_orders()
    total = compute_kpis({"orders": orders}, settings=KpiSettings(churn_window=45))
    by_rep = compute_kpis({"orders": orders}, by="rep", settings=KpiSettings(churn_window=45))
    assert by_rep.index.names == ["period", "rep"]
    assert by_rep.loc[("2026-03-01", "Bob"), "revenue"] == 80
    for column in ("revenue", "orders", "new_customers", "churned_customers"):
        summed = by_rep[column].groupby(level="period").sum(min_count=1)
        pd.testing.assert_series_equal(summed, total[column], check_names=False, check_dtype=False)


def brute_force_churn(orders, window, as_of, periods, freq_offset):
    """Direct reading of the definition, customer by customer, period by period."""
    purchases = orders[orders["amount"] > 0]
    days = {c: sorted(set(g["date"].dt.normalize())) for c, g in purchases.groupby("customer_id")}
    w = pd.Timedelta(days=window)
    out = []
    for start in periods:
        end = start + freq_offset
        base = lapsed = 0
        for dates in days.values():
            before = [d for d in dates if d < start]
            if not before or before[-1] < start - w:
                continue
            base += 1
            last = before[-1]
            later = [d for d in dates if d > last]
            expiry = last + w
            if expiry < end and expiry <= as_of and (not later or later[0] > expiry):
                lapsed += 1
        out.append((base, lapsed))
    return out


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("window", [20, 45, 90])
def test_churn_matches_a_brute_force_reading_of_the_definition(seed, window):
    rng = np.random.default_rng(seed)
    n = 150
    orders = pd.DataFrame(
        {
            "date": pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 400, n), unit="D"),
            "customer_id": rng.choice(list("ABCDEFGHIJKL"), n),
            "amount": rng.choice([-5.0, 10.0, 20.0, 30.0], n),
        }
    )
    k = compute_kpis({"orders": orders}, settings=KpiSettings(churn_window=window))
    as_of = orders["date"].max()
    expected = brute_force_churn(orders, window, as_of, k.index, pd.DateOffset(months=1))
    measurable = k["churn_base"].notna()
    got = list(zip(k["churn_base"], k["churned_customers"]))
    assert [g for g, m in zip(got, measurable) if m] == [
        e for e, m in zip(expected, measurable) if m
    ]


def make_leads() -> pd.DataFrame:
    rows = [  # id, created, source, converted date, rep, value
        ("L1", "2026-01-10", "Salon", "2026-01-20", "Ann", 100.0),
        ("L2", "2026-01-15", "Site web", "2026-02-20", "Ann", None),  # 36 days: after C = 30
        ("L3", "2026-01-31", "Prospection", None, "Bob", 50.0),
        ("L4", "2026-02-01", "Site web", "2026-03-03", "Bob", None),  # exactly 30 days
        ("L5", "2026-02-14", "Salon", None, "Bob", None),
    ]
    frame = pd.DataFrame(
        rows, columns=["lead_id", "created", "source", "converted_date", "rep", "value"]
    )
    frame["created"] = pd.to_datetime(frame["created"])
    frame["converted_date"] = pd.to_datetime(frame["converted_date"])
    return frame.assign(converted=frame["converted_date"].notna())


def test_lead_kpis_by_hand():
    k = compute_kpis({"leads": make_leads()}, settings=KpiSettings(conversion_window=30))
    assert k["leads"].tolist() == [2 + 1, 2]
    assert k["converted_leads"].tolist() == [1, 1]
    assert k["conversion_rate"].tolist() == pytest.approx([1 / 3, 1 / 2])
    assert k["median_days_to_convert"].tolist() == [10, 30]
    assert k["marketing_leads"].tolist() == [2, 2]
    assert k["marketing_share"].tolist() == pytest.approx([2 / 3, 1])
    # as_of = Mar 3 (last known date); Feb cohort needs until Feb 28 + 30 days
    assert k["conversion_provisional"].tolist() == [False, True]


def test_conversion_by_source():
    k = compute_kpis(
        {"leads": make_leads()}, by="source", settings=KpiSettings(conversion_window=30)
    )
    assert k.loc[("2026-01-01", "Salon"), "conversion_rate"] == 1.0
    assert k.loc[("2026-01-01", "Site web"), "conversion_rate"] == 0.0
    assert k.loc[("2026-02-01", "Site web"), "conversion_rate"] == 1.0


def test_marketing_sources():
    sources = pd.Series(["Salon", "Prospection", "Cold calling", "direct_traffic", None, ""])
    assert is_marketing_source(sources).tolist() == [True, False, False, True, False, False]


def make_calls() -> pd.DataFrame:
    rows = [
        ("2026-01-05 09:00", "Ann", "outbound", "answered"),
        ("2026-01-05 10:00", "Ann", "inbound", "missed"),
        ("2026-01-06 11:00", "Bob", "inbound", "answered"),
        ("2026-01-07 12:00", "Bob", "inbound", "answered"),
        ("2026-01-08 13:00", "Bob", "outbound", "missed"),
    ]  # an unanswered outbound call is not "missed"
    frame = pd.DataFrame(rows, columns=["timestamp", "rep", "direction", "outcome"])
    return frame.assign(timestamp=pd.to_datetime(frame["timestamp"]))


def test_call_kpis_by_hand():
    k = compute_kpis({"calls": make_calls()})
    assert k[["calls_placed", "calls_received", "calls_missed"]].iloc[0].tolist() == [2, 3, 1]
    assert k["answer_rate"].iloc[0] == pytest.approx(2 / 3)
    by_rep = compute_kpis({"calls": make_calls()}, by="rep")
    assert by_rep.loc[
        ("2026-01-01", "Ann"), ["calls_placed", "calls_received", "calls_missed"]
    ].tolist() == [1, 1, 1]
    assert by_rep.loc[("2026-01-01", "Bob"), "answer_rate"] == 1.0


def test_feedback_kpis_by_hand():
    feedback = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-01-01"] * 5),
            "csat": [5, 4, 3, 1, np.nan],
            "nps": [10, 9, 8, 6, np.nan],
            "rating": [4, 5, np.nan, np.nan, np.nan],
        }
    )
    k = compute_kpis({"feedback": feedback})
    assert k["csat"].iloc[0] == 0.5 and k["csat_responses"].iloc[0] == 4
    assert k["nps"].iloc[0] == 25.0 and k["nps_responses"].iloc[0] == 4  # (2 - 1) / 4
    assert k["average_rating"].iloc[0] == 4.5 and k["rating_responses"].iloc[0] == 2


def test_report_quality_per_rep():
    # leads fields present: source, value. Ann fills 4 of 4 cells, Bob 3 of 6.
    k = compute_kpis({"leads": make_leads()}, by="rep")
    jan = k.xs(pd.Timestamp("2026-01-01"), level="period")["report_quality"]
    assert jan["Ann"] == 3 / 4  # L1 source+value, L2 source only
    feb = k.xs(pd.Timestamp("2026-02-01"), level="period")["report_quality"]
    assert feb["Bob"] == 2 / 4  # L4 source, L5 source


def test_weeks_quarters_years_and_errors():
    orders = make_orders()
    assert compute_kpis({"orders": orders}, freq="Q")["revenue"].tolist() == [590, 40]
    assert compute_kpis({"orders": orders}, freq="Y")["revenue"].tolist() == [630]
    weekly = compute_kpis({"orders": orders}, freq="W")
    assert weekly.index[0] == pd.Timestamp("2026-01-05")  # weeks start on Monday
    assert weekly["revenue"].sum() == 630
    with pytest.raises(DataError, match="unknown period"):
        compute_kpis({"orders": orders}, freq="D")
    with pytest.raises(DataError, match="cannot break KPIs down"):
        compute_kpis({"orders": orders}, by="colour")
    with pytest.raises(DataError, match="no dated table"):
        compute_kpis({})


def test_docs_are_generated_from_the_catalogue():
    from pathlib import Path

    from models.core.kpi_catalogue import render_markdown

    docs = Path(__file__).resolve().parents[3] / "docs" / "KPIS.md"
    assert docs.read_text(encoding="utf-8") == render_markdown(), (
        "regenerate: python -m models.core.kpi_catalogue > docs/KPIS.md"
    )


def test_every_catalogued_kpi_is_computed_on_the_demo_company():
    from models import sample_tables
    from models.core.kpi_catalogue import CATALOGUE

    columns = set(compute_kpis(sample_tables()).columns)
    assert [d.key for d in CATALOGUE if d.key not in columns] == []


def test_summaries_pool_counts_and_recompute_ratios():
    from models.kpis.compute import summarise_kpis

    k = compute_kpis(
        {"orders": make_orders(), "leads": make_leads()},
        settings=KpiSettings(churn_window=45, conversion_window=30),
    )
    total = summarise_kpis(k)
    assert total["revenue"] == 630 and total["orders"] == 7
    assert total["average_basket"] == 90
    assert total["conversion_rate"] == pytest.approx(2 / 5)
    assert total["churn_rate"] == pytest.approx(3 / 7)  # (1 + 1 + 1) / (2 + 3 + 2)
    by_rep = summarise_kpis(compute_kpis({"orders": make_orders()}, by="rep"), by="rep")
    assert by_rep.loc["Ann", "revenue"] == 190 and by_rep.loc["Ann", "orders"] == 2


def test_closed_deals_complete_the_leads():
    from models.data.importer import merge_conversions

    leads = make_leads().drop(columns=["converted", "converted_date"])
    deals = pd.DataFrame(
        {
            "lead_id": ["L1", "L4", "L9"],
            "converted_date": pd.to_datetime(["2026-01-20", "2026-03-03", "2026-03-05"]),
            "rep": ["Zoe", "Zoe", "Zoe"],
        }
    )
    merged = merge_conversions(leads, deals)
    assert merged["converted"].tolist() == [True, False, False, True, False]
    assert merged["rep"].tolist() == ["Ann", "Ann", "Bob", "Bob", "Bob"]  # the lead's rep is kept
    k = compute_kpis(
        {"leads": leads, "conversions": deals}, settings=KpiSettings(conversion_window=30)
    )
    assert k["converted_leads"].tolist() == [1, 1]


def test_funnel_by_hand():
    from models.kpis.compute import compute_funnel

    leads = make_leads().assign(customer_id=["A", None, None, "D", None])
    tables = {"leads": leads, "orders": make_orders()}
    funnel = compute_funnel(
        tables,
        pd.Timestamp("2026-01-01"),
        pd.Timestamp("2026-02-28"),
        KpiSettings(conversion_window=30),
    )
    # L1 (10 days) and L4 (exactly 30) convert within C; A and D ordered, on 3 and 2 days
    assert funnel["count"].tolist() == [5, 2, 2, 2]
    assert funnel["rate"].tolist()[1:] == pytest.approx([0.4, 1.0, 1.0])


# --------------------------------------------------------------------------- fast paths
# The counting in periods/retention is written with numpy for 10M-row files; these pandas
# versions are the plain definitions they must agree with.
def reference_period_start(dates: pd.Series, freq: str) -> pd.Series:
    alias = {"W": "W-SUN", "M": "M", "Q": "Q", "Y": "Y"}[freq]
    return dates.dt.to_period(alias).dt.start_time.astype("datetime64[ns]")


def reference_customer_counts(purchases: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    purchases = purchases.assign(first=purchases.groupby("customer_id")["date"].transform("min"))
    first_rows = purchases[purchases["date"].eq(purchases["first"])]
    pairs = purchases[keys + ["customer_id", "first"]].drop_duplicates(keys + ["customer_id"])
    return (
        pd.DataFrame(
            {
                "active_customers": purchases.groupby(keys)["customer_id"].nunique(),
                "new_customers": first_rows.drop_duplicates("customer_id").groupby(keys).size(),
                "returning_customers": pairs[pairs["first"] < pairs["period"]].groupby(keys).size(),
            }
        )
        .fillna(0)
        .astype("int64")
    )


def reference_events(purchases: pd.DataFrame, by: str | None) -> pd.DataFrame:
    columns = ["customer_id", "date"] + ([by] if by else [])
    events = purchases[columns].assign(date=purchases["date"].dt.normalize())
    events = events.sort_values(["customer_id", "date"], kind="stable")
    events = events.drop_duplicates(["customer_id", "date"])
    return events.assign(next_date=events.groupby("customer_id")["date"].shift(-1))


def random_purchases(seed: int, n: int = 300, n_ids: int = 25) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = (
        pd.Timestamp("2024-01-01")
        + pd.to_timedelta(rng.integers(0, 700, n), "D")
        + pd.to_timedelta(rng.integers(0, 2, n) * rng.integers(0, 86400, n), "s")
    )
    return pd.DataFrame(
        {
            "date": dates.astype("datetime64[ns]"),
            "customer_id": rng.integers(0, n_ids, n),
            "region": rng.choice(["N", "S", "E"], n),
        }
    )


@pytest.mark.parametrize("freq", ["W", "M", "Q", "Y"])
@pytest.mark.parametrize("span_days", [20, 3 * 365, 150 * 365])
def test_period_start_matches_pandas_periods(freq, span_days):
    from models.core.periods import period_start

    rng = np.random.default_rng(span_days)
    dates = pd.Series(
        pd.Timestamp("1950-01-01") + pd.to_timedelta(rng.integers(0, span_days * 86400, 5000), "s"),
        name="date",
    )
    dates[::7] = pd.NaT
    for unit in ("ns", "s"):
        typed = dates.astype(f"datetime64[{unit}]")
        pd.testing.assert_series_equal(
            period_start(typed, freq), reference_period_start(typed, freq)
        )


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("by", [None, "region"])
@pytest.mark.parametrize("n_ids", [25, 100_000])  # few ids: a mask of the pairs; many: a sort
def test_customer_counts_and_events_match_the_pandas_definitions(seed, by, n_ids):
    from models.kpis.retention import customer_counts, purchase_events

    purchases = random_purchases(seed, n_ids=n_ids)
    purchases["period"] = reference_period_start(purchases["date"], "M")
    keys = ["period"] + ([by] if by else [])
    expected = reference_customer_counts(purchases, keys)
    pd.testing.assert_frame_equal(
        customer_counts(purchases, keys), expected, check_names=False, check_freq=False
    )
    events = purchase_events(purchases, by).sort_values(["customer_id", "date"])
    pd.testing.assert_frame_equal(events, reference_events(purchases, by))


def test_leads_before_the_first_order_leave_no_missing_flag():
    # leads from November, orders from January: the outer join used to leave NaN in the
    # orders' flags for Nov-Dec, and What-if's ``~partial_period`` raised TypeError on a float
    leads = pd.DataFrame(
        {
            "lead_id": ["L1", "L2", "L3"],
            "created": pd.to_datetime(["2025-11-03", "2025-12-10", "2026-02-01"]),
            "converted": [True, False, False],
        }
    )
    k = compute_kpis(
        {"orders": make_orders(), "leads": leads},
        settings=KpiSettings(churn_window=45, conversion_window=30),
    )
    assert k.index[0] == pd.Timestamp("2025-11-01")
    for flag in ("partial_period", "churn_provisional", "conversion_provisional"):
        assert k[flag].dtype == bool
    assert k["partial_period"].tolist() == [False] * 6 + [True]  # May is the month of as_of
    assert np.isnan(k["revenue"].iloc[0])  # no orders yet: not measured, not zero
    assert (~k["partial_period"]).sum() == 6
