"""Churn risk: the probability that each customer places no order in the next W days.

The model learns from the same history it scores. For snapshot days stepping back from
``as_of - W`` (one every ``step`` days), it computes each customer's features from the
orders before the snapshot and labels the customer 1 when no order followed within W days;
every label window ends on or before ``as_of``, so nothing after ``as_of`` is read (orders
on or after ``as_of`` are dropped first). See :mod:`models.scoring.snapshots` for how the
estimator is chosen and calibrated.

A *purchase* is a day with a positive amount (as in the KPIs); refunds do not make a
customer active.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import gammaincc

from models.core.errors import DataError
from models.core.i18n import t
from models.kpis.compute import latest_date
from models.scoring.bgnbd import FEATURES as BGNBD
from models.scoring.bgnbd import BgNbdParams, bgnbd_features
from models.scoring.snapshots import (
    LiftReport,
    SnapshotClassifier,
    as_categories,
    check_ranking,
    snapshot_days,
)

HALF_YEAR = 182
# Model inputs (log scales where a ratio matters more than a difference).
NUMERIC = (
    "log_recency",
    "log_frequency",
    "log_tenure",
    "log_gap_ratio",
    "log_recent",
    "log_before",
    "trend",
    "log_basket",
    "one_time",
    "log_gap_cv",
    "overdue_z",
    "season_step",
    "outlook",
    "log_silent_own",
    "log_silent_next",
)
# BGNBD (what BG/NBD fitted at each snapshot says, models.scoring.bgnbd.bgnbd_features) is not used
# by default: it was measured to add nothing (benchmarks/README.md) and costs a fit per snapshot.
PRIOR_GAPS = 3  # a customer's gap spread is shrunk towards everybody's, as if from 3 gaps
CATEGORICAL_CANDIDATES = ("segment",)
# Columns of churn_risk's result, in order.
OUTPUT = (
    "p_churn",
    "active",
    "recency_days",
    "frequency",
    "tenure_days",
    "usual_gap_days",
    "gap_ratio",
    "orders_last_6m",
    "orders_prior_6m",
    "average_order",
    "value_at_stake",
    "reason",
)


@dataclass(frozen=True)
class RiskSpec:
    """How the churn model is trained.

    Attributes
    ----------
    window
        W, days: the label is "no order in the W days after the snapshot".
    step
        Days between two training snapshots.
    n_snapshots
        How many snapshots at most (the latest is held out to choose the estimator).
    candidates
        Estimator kinds tried (``boosting``, ``logistic``, ``blend``). Only the blend by
        default: choosing on one held-out snapshot picked a single model on days when the
        average of both ranked better (benchmarks/README.md).
    seed
        Random state of the estimator.
    features
        Numeric model inputs; a subset gives the baselines (``("log_recency",)``).
    refit
        Refit the chosen estimator on every snapshot once it is chosen.
    categorical
        Customer attributes used as categorical inputs when the orders have them.
    calibrate
        Add a Platt map fitted on the held-out snapshot (see :mod:`models.scoring.snapshots`).
    n_holdout
        Latest snapshots held out to choose the estimator (and calibrate it, if asked).
    """

    window: int = 90
    step: int = 30
    n_snapshots: int = 12
    candidates: tuple[str, ...] = ("blend",)
    seed: int = 0
    features: tuple[str, ...] = NUMERIC
    refit: bool = True
    categorical: tuple[str, ...] = CATEGORICAL_CANDIDATES
    n_holdout: int = 1
    calibrate: bool = (
        False  # Platt on the held-out snapshot: measured worse (models.scoring.snapshots)
    )


def purchase_days(orders: pd.DataFrame | None, before: pd.Timestamp) -> pd.DataFrame:
    """One row per customer and purchase day before ``before``: amount, orders, last rep."""
    if orders is None or orders.empty:
        raise DataError.coded("risk_needs_orders")
    orders = orders[(orders["date"] < before) & (orders["amount"] > 0)]
    orders = orders.dropna(subset=["customer_id"])
    if orders.empty:
        raise DataError.coded("no_order_before", day=before)
    extra = [c for c in ("rep", *CATEGORICAL_CANDIDATES) if c in orders]
    days = orders.assign(day=orders["date"].dt.normalize()).sort_values("date")
    grouped = days.groupby(["customer_id", "day"], sort=True)
    out = grouped["amount"].sum().to_frame()
    for column in extra:
        out[column] = grouped[column].last()
    return out.reset_index()


def customer_features(
    days: pd.DataFrame, at: pd.Timestamp, window: int, fill_gap: float | None = None
) -> pd.DataFrame:
    """Features of every customer with a purchase day before ``at`` (index ``customer_id``).

    ``fill_gap`` is the usual gap given to customers who bought once (by default the median
    usual gap of the repeat customers, or ``window`` when there are none).
    """
    known = days[days["day"] < at]
    grouped = known.groupby("customer_id", sort=True)
    first, last = grouped["day"].min(), grouped["day"].max()
    frequency = grouped.size()
    to_at = (at - known["day"]).dt.days
    recent = (to_at <= HALF_YEAR).groupby(known["customer_id"]).sum()
    before = ((to_at > HALF_YEAR) & (to_at <= 2 * HALF_YEAR)).groupby(known["customer_id"]).sum()
    total = grouped["amount"].sum()
    gaps = known.groupby("customer_id")["day"].diff().dt.days
    gap_sd = gaps.groupby(known["customer_id"]).std()  # needs three purchase days
    frame = pd.DataFrame(
        {
            "recency_days": (at - last).dt.days,
            "frequency": frequency,
            "tenure_days": (at - first).dt.days,
            "usual_gap_days": ((last - first).dt.days / (frequency - 1)).where(frequency > 1),
            "orders_last_6m": recent,
            "orders_prior_6m": before,
            "average_order": total / frequency,
            # average yearly revenue; customers younger than a year count their revenue so far
            "value_at_stake": total / np.maximum((at - first).dt.days / 365.25, 1.0),
        }
    )
    for column in ("rep", *CATEGORICAL_CANDIDATES):
        if column in known:
            frame[column] = grouped[column].last()
    repeat_gaps = frame["usual_gap_days"].dropna()
    if fill_gap is None:
        fill_gap = float(repeat_gaps.median()) if len(repeat_gaps) else float(window)
    gap = frame["usual_gap_days"].fillna(fill_gap).clip(lower=1.0)
    frame["gap_ratio"] = frame["recency_days"] / gap
    # how regular the rhythm is: 1 for a Poisson buyer (and when unknown), near 0 for a clock
    spread = gap_sd.reindex(frame.index).fillna(gap).clip(lower=1.0)
    frame["log_gap_cv"] = np.log1p(spread / gap)
    frame["overdue_z"] = ((frame["recency_days"] - gap) / spread).clip(-5, 20)
    frame["season_step"] = season_step(days, at, window)
    frame = frame.join(rhythm_features(frame, gap, gap_sd.reindex(frame.index), window))
    # purchase days per customer expected in the next W days, all customers together
    last_w = known["day"].ge(at - pd.Timedelta(days=window)).sum()
    frame["outlook"] = np.log((last_w + 1) / len(frame)) + frame["season_step"]
    frame["active"] = frame["recency_days"] < window
    frame["log_recency"] = np.log1p(frame["recency_days"])
    frame["log_frequency"] = np.log(frame["frequency"])
    frame["log_tenure"] = np.log1p(frame["tenure_days"])
    frame["log_gap_ratio"] = np.log1p(frame["gap_ratio"])
    frame["log_recent"] = np.log1p(frame["orders_last_6m"])
    frame["log_before"] = np.log1p(frame["orders_prior_6m"])
    frame["trend"] = frame["log_recent"] - frame["log_before"]
    frame["log_basket"] = np.log1p(frame["average_order"])
    frame["one_time"] = (frame["frequency"] == 1).astype(float)
    return frame


def rhythm_features(
    frame: pd.DataFrame, gap: pd.Series, gap_sd: pd.Series, window: int
) -> pd.DataFrame:
    """How unusual the silence is for the customer's own rhythm, and what it says of the window.

    Each customer's gaps are taken as gamma with their usual gap as mean; the coefficient of
    variation is shrunk towards the median of the customers with three gaps or more (as if
    from ``PRIOR_GAPS`` gaps of theirs). ``log_silent_own`` is log P(gap > recency): near 0
    while on rhythm, very negative when long overdue. ``log_silent_next`` is
    log P(no purchase in the next W days | still buying): the renewal process's own answer.
    """
    n_known = (frame["frequency"] - 2).clip(lower=0)  # degrees of freedom of gap_sd
    cv2 = (gap_sd / gap) ** 2
    pooled = cv2[frame["frequency"] >= 4]
    prior = float(pooled.median()) if len(pooled) else 1.0
    cv2 = ((n_known * cv2.fillna(0) + PRIOR_GAPS * prior) / (n_known + PRIOR_GAPS)).clip(0.01, 4)
    shape = 1 / cv2
    scale = gap / shape
    recency = frame["recency_days"]
    with np.errstate(divide="ignore"):
        own = np.log(gammaincc(shape, recency / scale)).clip(lower=-50)
        later = np.log(gammaincc(shape, (recency + window) / scale)).clip(lower=-60)
    return pd.DataFrame(
        {"log_silent_own": own, "log_silent_next": (later - own).clip(upper=0)}, index=frame.index
    )


def season_step(days: pd.DataFrame, at: pd.Timestamp, window: int) -> float:
    """How much busier the next W days were than the W days before, one year earlier.

    The log ratio of purchase days (all customers) in ``[at - 1y, at - 1y + W)`` and in
    ``[at - 1y - W, at - 1y)``; 0 without a year and W days of history. It tells the model
    that a quiet season is coming (more lapses) before it comes.
    """
    ago = at - pd.Timedelta(days=365)
    w = pd.Timedelta(days=window)
    if days["day"].min() > ago - w:
        return 0.0
    after = days["day"].between(ago, ago + w, inclusive="left").sum()
    before = days["day"].between(ago - w, ago, inclusive="left").sum()
    return float(np.log((after + 1) / (before + 1)))


def lapse_labels(
    days: pd.DataFrame, customers: pd.Index, at: pd.Timestamp, window: int
) -> pd.Series:
    """1 for each customer with no purchase day in ``[at, at + window)``."""
    end = at + pd.Timedelta(days=window)
    came_back = set(days.loc[(days["day"] >= at) & (days["day"] < end), "customer_id"])
    return pd.Series([0 if c in came_back else 1 for c in customers], index=customers, dtype=int)


def _categorical(features: pd.DataFrame, allowed: tuple[str, ...]) -> list[str]:
    return [c for c in allowed if c in features and features[c].nunique() <= 50]


def training_frame(
    days: pd.DataFrame, as_of: pd.Timestamp, spec: RiskSpec
) -> tuple[pd.DataFrame, BgNbdParams | None]:
    """Features and labels of every customer at every snapshot (column ``snapshot``).

    Also returns the BG/NBD parameters of the latest snapshot when ``spec.features`` asks
    for BG/NBD inputs (``None`` otherwise), to start the fit of the scoring day from.
    """
    first = days["day"].min()
    snapshots = snapshot_days(
        first, as_of, spec.window, spec.step, spec.n_snapshots, warm_up=spec.window
    )
    if not snapshots:
        span = (as_of - first).days
        raise DataError.coded(
            "risk_history_too_short", need=2 * spec.window, window=spec.window, day=as_of, span=span
        )
    parts, params = [], None
    for day in sorted(snapshots):  # oldest first: each BG/NBD fit starts from the last one
        features = customer_features(days, day, spec.window)
        if set(BGNBD) & set(spec.features):
            bg, params = bgnbd_features(days, day, spec.window, params)
            features = features.join(bg)
        features["lapsed"] = lapse_labels(days, features.index, day, spec.window)
        parts.append(features.assign(snapshot=day))
    return pd.concat(parts), params


def churn_risk(
    tables: dict[str, pd.DataFrame],
    as_of: pd.Timestamp | str | None = None,
    window: int = 90,
    spec: RiskSpec | None = None,
) -> pd.DataFrame:
    """Probability that each customer places no order in ``[as_of, as_of + window)``.

    Parameters
    ----------
    tables
        Canonical tables; ``orders`` is used (rows on or after ``as_of`` are ignored).
    as_of
        The scoring day; by default the day after the last date the tables know.
    window
        W, in days (the churn window of the KPIs).
    spec
        Training options; ``spec.window`` is replaced by ``window``.

    Returns
    -------
    pandas.DataFrame
        One row per customer who ordered before ``as_of`` (index ``customer_id``), sorted by
        ``p_churn`` (highest first): ``p_churn``, ``active`` (ordered in the last W days),
        the features that explain it, ``value_at_stake`` (average yearly revenue), ``rep``
        (of the last order, when known) and ``reason`` in words. ``attrs`` holds the chosen
        estimator, its validation and the snapshots used.

    Raises
    ------
    DataError
        No orders, too short a history, or a history in which (almost) nobody ever came back
        or everybody always did.
    """
    spec = RiskSpec(**{**(spec or RiskSpec()).__dict__, "window": int(window)})
    as_of = default_as_of(tables) if as_of is None else pd.Timestamp(as_of).normalize()
    days = purchase_days(tables.get("orders"), as_of)
    if days["customer_id"].nunique() < 2:
        raise DataError.coded("one_customer")
    history, bgnbd_params = training_frame(days, as_of, spec)
    categorical = _categorical(history, spec.categorical)
    for column in categorical:
        history[column] = as_categories(history[column])
    model = SnapshotClassifier(
        numeric=spec.features,
        categorical=tuple(categorical),
        horizon=spec.window,
        candidates=spec.candidates,
        n_holdout=spec.n_holdout,
        refit=spec.refit,
        calibrate=spec.calibrate,
        seed=spec.seed,
    )
    try:
        model.fit(history, history["lapsed"], history["snapshot"])
    except DataError as err:
        raise DataError.coded("cannot_learn_lapses", detail=err) from None
    current = customer_features(days, as_of, spec.window)
    if set(BGNBD) & set(spec.features):
        current = current.join(bgnbd_features(days, as_of, spec.window, bgnbd_params)[0])
    for column in categorical:
        current[column] = as_categories(current[column])
    current["p_churn"] = model.predict_proba(current)[:, 1]
    current["reason"] = explain(current, spec.window)
    columns = list(OUTPUT) + (["rep"] if "rep" in current else [])
    result = current[columns].sort_values(
        ["p_churn", "value_at_stake"], ascending=[False, False], kind="stable"
    )
    result.attrs = {
        "as_of": as_of,
        "window": spec.window,
        "estimator": model.estimator_name_,
        "validation": model.validation_,
        "snapshots": sorted(history["snapshot"].unique()),
    }
    return result


def default_as_of(tables: dict[str, pd.DataFrame]) -> pd.Timestamp:
    """The day after the last date the tables know: everything up to it is in."""
    return latest_date(tables) + pd.Timedelta(days=1)


def explain(features: pd.DataFrame, window: int, lang: str = "en") -> pd.Series:
    """The main reason for each customer's risk, in words (``lang``), read from the features."""

    def one(row) -> str:
        days = int(row["recency_days"])
        if row["frequency"] == 1:
            return t("reason.once", lang, days=days)
        gap = f"{row['usual_gap_days']:.0f}"
        if row["gap_ratio"] >= 1.5:
            return t("reason.overdue", lang, days=days, gap=gap)
        if row["orders_prior_6m"] >= 2 and row["orders_last_6m"] <= row["orders_prior_6m"] / 2:
            return t(
                "reason.slowing",
                lang,
                recent=int(row["orders_last_6m"]),
                before=int(row["orders_prior_6m"]),
            )
        if row["usual_gap_days"] > window:
            return t("reason.rare", lang, gap=gap)
        if row["tenure_days"] < window:
            return t("reason.new", lang, days=int(row["tenure_days"]))
        return t("reason.rhythm", lang, gap=gap, days=days)

    return features.apply(one, axis=1) if len(features) else pd.Series(dtype=object)


def churn_lift(
    tables: dict[str, pd.DataFrame], window: int = 90, top: int = 100, spec: RiskSpec | None = None
) -> LiftReport:
    """Score the active customers as of one window before the data ends, and check.

    The scores use only the orders before that day, as :func:`churn_risk` always does; the
    outcome is read from the last ``window`` days of the data.
    """
    as_of = default_as_of(tables) - pd.Timedelta(days=window)
    scores = churn_risk(tables, as_of, window, spec)
    active = scores[scores["active"]]
    if active.empty:
        raise DataError.coded("no_active_customer", window=window, day=as_of)
    days = purchase_days(tables["orders"], as_of + pd.Timedelta(days=window))
    lapsed = lapse_labels(days, active.index, as_of, window)
    return check_ranking("risk.lift", as_of, window, active["p_churn"], lapsed, top)
