"""Churn risk: hand-checked features, no look-ahead, probabilities, determinism, degenerate data."""

import numpy as np
import pandas as pd
import pytest

from models import DataError, churn_lift, churn_risk
from models.scoring.bgnbd import FEATURES as BGNBD
from models.scoring.bgnbd import bgnbd_features
from models.scoring.customers import (
    NUMERIC,
    RiskSpec,
    customer_features,
    lapse_labels,
    purchase_days,
)

AS_OF = pd.Timestamp("2026-01-01")
FAST = RiskSpec(n_snapshots=6)


def make_orders(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["date", "customer_id", "amount"])
    return frame.assign(date=pd.to_datetime(frame["date"]), amount=frame["amount"].astype(float))


def make_history(n_customers: int = 150, days: int = 720, seed: int = 0) -> pd.DataFrame:
    """Customers with their own rhythm who lapse for good at a random moment (or never)."""
    rng = np.random.default_rng(seed)
    start = AS_OF - pd.Timedelta(days=days)
    rows = []
    for c in range(n_customers):
        gap = rng.uniform(10, 60)
        first = rng.uniform(0, days * 0.6)
        stop = first + rng.exponential(days * 0.7)
        t = first
        while t < min(stop, days + 200):
            rows.append(
                (
                    start + pd.Timedelta(days=int(t)),
                    f"C{c:03d}",
                    round(rng.lognormal(4, 0.5), 2),
                    rng.choice(["Ann", "Bob"]),
                )
            )
            t += gap * rng.gamma(8, 1 / 8)
    frame = pd.DataFrame(rows, columns=["date", "customer_id", "amount", "rep"])
    return frame


def test_features_by_hand():
    orders = make_orders(
        [
            ("2025-01-10", "A", 100),
            ("2025-04-10", "A", 50),
            ("2025-04-10", "A", 30),
            ("2025-10-02", "A", 20),
            ("2025-12-22", "B", 300),
            ("2025-12-30", "A", -40),
            ("2026-01-05", "A", 999),
        ]
    )  # after as_of: never read
    days = purchase_days(orders, AS_OF)
    f = customer_features(days, AS_OF, window=90)
    a, b = f.loc["A"], f.loc["B"]
    assert (a["recency_days"], a["frequency"], a["tenure_days"]) == (91, 3, 356)  # refund ignored
    assert a["usual_gap_days"] == pytest.approx(265 / 2)
    assert a["gap_ratio"] == pytest.approx(91 / 132.5)
    assert (a["orders_last_6m"], a["orders_prior_6m"]) == (1, 2)
    assert a["average_order"] == pytest.approx(200 / 3)
    assert a["value_at_stake"] == pytest.approx(200)  # under a year: revenue so far
    assert not a["active"] and b["active"]
    assert (b["recency_days"], b["frequency"]) == (10, 1)
    assert np.isnan(b["usual_gap_days"])
    labels = lapse_labels(purchase_days(orders, pd.Timestamp.max), f.index, AS_OF, 90)
    assert labels.to_dict() == {"A": 0, "B": 1}


def test_no_look_ahead_and_determinism():
    orders = make_history()
    before = orders[orders["date"] < AS_OF]
    full = churn_risk({"orders": orders}, AS_OF, 90, FAST)
    cut = churn_risk({"orders": before}, AS_OF, 90, FAST)
    pd.testing.assert_frame_equal(full, cut)
    again = churn_risk({"orders": orders}, AS_OF, 90, FAST)
    pd.testing.assert_frame_equal(full, again)
    assert set(full.index) == set(before["customer_id"])
    assert full["p_churn"].between(0, 1).all()
    assert full["p_churn"].is_monotonic_decreasing
    assert full.attrs["estimator"] in ("boosting", "logistic", "blend")
    assert max(full.attrs["snapshots"]) + pd.Timedelta(days=90) <= AS_OF


def test_rhythm_features_by_hand():
    # A buys every 30 days (a clock), B at uneven gaps: the same silence is unusual for A only
    rows = [(pd.Timestamp("2025-06-01") + pd.Timedelta(days=30 * k), "A", 10) for k in range(8)]
    rows += [
        (pd.Timestamp("2025-06-01") + pd.Timedelta(days=d), "B", 10)
        for d in (0, 5, 60, 70, 150, 160, 210)
    ]
    days = purchase_days(make_orders(rows), AS_OF)
    f = customer_features(days, pd.Timestamp("2025-12-28") + pd.Timedelta(days=45), 90)
    a, b = f.loc["A"], f.loc["B"]
    assert a["recency_days"] == b["recency_days"] == 45
    assert a["log_silent_own"] < b["log_silent_own"] < 0  # 1.5 gaps: far out for a clock
    assert f["log_silent_next"].le(0).all()
    early = customer_features(days, pd.Timestamp("2025-12-29"), 90).loc["A"]
    assert early["log_silent_own"] == pytest.approx(0, abs=1e-6)  # the day after an order
    assert early["log_silent_next"] < -5  # a 30-day clock buys in the next 90 days


@pytest.mark.parametrize("at", [AS_OF, AS_OF - pd.Timedelta(days=200)])
def test_bgnbd_features_read_only_the_past(at):
    orders = make_history()
    days = purchase_days(orders, pd.Timestamp.max)
    full, params = bgnbd_features(days, at, 90)
    cut, _ = bgnbd_features(days[days["day"] < at], at, 90)
    pd.testing.assert_frame_equal(full, cut)
    assert params is not None and list(full.columns) == list(BGNBD)
    assert np.isfinite(full.to_numpy()).all()


def test_no_look_ahead_with_bgnbd_features():
    orders = make_history()
    spec = RiskSpec(n_snapshots=4, features=NUMERIC + BGNBD)
    full = churn_risk({"orders": orders}, AS_OF, 90, spec)
    cut = churn_risk({"orders": orders[orders["date"] < AS_OF]}, AS_OF, 90, spec)
    pd.testing.assert_frame_equal(full, cut)


def test_risk_ranks_overdue_customers_first():
    scores = churn_risk({"orders": make_history()}, AS_OF, 90, FAST)
    gone = scores[scores["recency_days"] > 300]["p_churn"]
    regular = scores[(scores["gap_ratio"] < 0.5) & (scores["frequency"] > 5)]["p_churn"]
    assert gone.min() > regular.max()
    assert {"rep", "reason", "value_at_stake"} <= set(scores.columns)
    assert scores["reason"].str.len().gt(0).all()


def test_lift_sentence():
    orders = make_history()
    report = churn_lift({"orders": orders}, 90, top=20, spec=FAST)
    assert report.n_top == 20 and 0 <= report.hits <= 20
    assert report.as_of == orders["date"].max() + pd.Timedelta(days=1 - 90)
    assert report.actual == round(report.base_rate * report.n)
    text = report.sentence()
    assert text.startswith("Of the 20 active customers we flagged as most at risk on")
    assert f"{report.hits} did not come back within 90 days" in text


@pytest.mark.parametrize(
    "orders, message",
    [
        (
            make_orders(
                [("2025-01-01", "A", 10), ("2025-06-01", "A", 10), ("2025-12-01", "A", 10)]
            ),
            "several customers",
        ),
        (
            make_orders(
                [(f"2025-{m:02d}-01", f"C{m}", 10) for m in range(1, 13)] + [("2024-01-01", "X", 5)]
            ),
            "came back",
        ),  # everybody bought once: nobody ever came back
        (
            make_orders(
                [
                    (d, c, 10)
                    for d in pd.date_range("2024-01-01", "2025-12-31", freq="7D")
                    for c in "ABCDEFGH"
                ]
            ),
            "came back",
        ),  # everybody orders every week: nobody ever lapses
        (make_orders([("2025-11-01", "A", 10), ("2025-12-01", "B", 10)]), "days of order history"),
        (make_orders([("2026-02-01", "A", 10)]), "no order with a positive amount before"),
    ],
)
def test_degenerate_histories_say_what_to_do(orders, message):
    with pytest.raises(DataError, match=message):
        churn_risk({"orders": orders}, AS_OF, 90, FAST)


def test_no_orders_table():
    with pytest.raises(DataError, match="load one on the Data page"):
        churn_risk({}, AS_OF)


def test_demo_company_is_scored_by_default_as_of_the_day_after_the_data():
    from models import sample_tables

    tables = sample_tables()
    scores = churn_risk(tables)
    assert scores.attrs["as_of"] == tables["orders"]["date"].max() + pd.Timedelta(days=1)
    active = scores[scores["active"]]
    assert 0 < active["p_churn"].sum() < len(active)


def test_the_check_and_the_reasons_in_french():
    from models.scoring.customers import explain
    from models.scoring.snapshots import LiftReport

    report = LiftReport(
        as_of=pd.Timestamp("2026-08-03"),
        window=90,
        key="risk.lift",
        n=942,
        n_top=100,
        hits=19,
        base_rate=0.07,
        expected=69.2,
        actual=66,
        auc=0.7,
    )
    assert report.sentence("fr") == (
        "Sur les 100 clients actifs signalés comme les plus à risque le 03/08/2026, 19 ne sont "
        "pas revenus sous 90 jours ; 7 sur 100 pris au hasard ne seraient pas revenus. Nous "
        "attendions 69 départs sur 942 ; il y en a eu 66."
    )
    assert report.sentence().startswith(
        "Of the 100 active customers we flagged as most at "
        "risk on Aug 3, 2026, 19 did not come back"
    )
    row = pd.DataFrame(
        {
            "recency_days": [87],
            "frequency": [9],
            "usual_gap_days": [36.0],
            "gap_ratio": [2.4],
            "orders_prior_6m": [3],
            "orders_last_6m": [2],
            "tenure_days": [700],
        }
    )
    assert explain(row, 90, "fr").iat[0] == (
        "aucune commande depuis 87 jours ; commande d'habitude tous les 36 jours"
    )
    assert explain(row, 90).iat[0] == "no order for 87 days; usually orders every 36 days"
