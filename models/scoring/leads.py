"""Lead scoring: the probability that each open lead converts in the next C days.

Trained like churn risk (see :mod:`models.scoring.snapshots`): at snapshot days stepping back from
``as_of - C``, the leads open then (created before, not converted before) are described
from what was known before the snapshot and labelled 1 when they converted in the C days
after it. A lead flagged converted without a conversion date cannot be placed in time: it is
neither open nor an example.

Fields that are filled (almost) only on converted leads - the rep, segment or value of a
closed-deals export merged into the leads, as in the Olist funnel - were written at
conversion: they would give the answer away, so they are not used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.core.errors import DataError
from models.data.importer import prepare_tables
from models.kpis.compute import LEAD_RECORD_FIELDS, KpiSettings, latest_date
from models.scoring.snapshots import (
    LiftReport,
    SnapshotClassifier,
    as_categories,
    check_ranking,
    snapshot_days,
)

CATEGORICAL = ("source", "rep", "segment", "region")
HISTORY_DAYS = 365  # "similar leads": those created in the year before the outcome is known
SMOOTHING = 20  # pseudo-leads at the overall rate added to each group's rate
LEAK_FILL = (0.05, 0.5)  # filled on < 5 % of open or lost leads, > 50 % of converted ones


@dataclass(frozen=True)
class LeadSpec:
    """How the lead model is trained (see :class:`models.scoring.customers.RiskSpec`)."""

    window: int = KpiSettings().conversion_window
    step: int = 14
    n_snapshots: int = 24
    candidates: tuple[str, ...] = ("boosting", "logistic", "blend")
    seed: int = 0
    refit: bool = True
    n_holdout: int = 1
    calibrate: bool = False


def usable_leads(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The leads table (merged with its conversions) with a day of conversion, or a DataError."""
    leads = prepare_tables(tables).get("leads")
    if leads is None or leads.empty:
        raise DataError.coded("scoring_needs_leads")
    if "converted_date" not in leads or leads["converted_date"].isna().all():
        raise DataError.coded("scoring_needs_conversion_dates")
    leads = leads.assign(
        created=leads["created"].dt.normalize(),
        converted_day=leads["converted_date"].dt.normalize(),
    )
    # a deal won before the lead was recorded converted on the day it was created
    leads["converted_day"] = leads["converted_day"].where(
        leads["converted_day"].isna() | (leads["converted_day"] >= leads["created"]),
        leads["created"],
    )
    undated = leads["converted"].fillna(False).astype(bool) if "converted" in leads else False
    return leads[~(undated & leads["converted_day"].isna())]


def fields_filled_at_conversion(leads: pd.DataFrame, before: pd.Timestamp) -> list[str]:
    """Optional fields filled on converted leads but (almost) never on the others."""
    known = leads[leads["created"] < before]
    won = known["converted_day"] < before
    if won.sum() == 0 or (~won).sum() == 0:
        return []
    low, high = LEAK_FILL
    return [
        f
        for f in (*CATEGORICAL, "value")
        if f in known
        and known.loc[~won, f].notna().mean() < low
        and known.loc[won, f].notna().mean() > high
    ]


def _group_rates(leads: pd.DataFrame, column: str, at: pd.Timestamp, window: int) -> pd.Series:
    """Smoothed share of each group's leads that converted within C days (known by ``at``)."""
    end = at - pd.Timedelta(days=window)
    start = end - pd.Timedelta(days=HISTORY_DAYS)
    past = leads[(leads["created"] < end) & (leads["created"] >= start)]
    if past.empty:
        return pd.Series(dtype=float)
    days = (past["converted_day"] - past["created"]).dt.days
    hit = days.le(window) & past["converted_day"].lt(at)
    overall = hit.mean()
    keys = past[column].astype("string").fillna("(empty)")
    grouped = hit.groupby(keys)
    return (grouped.sum() + SMOOTHING * overall) / (grouped.size() + SMOOTHING)


def lead_features(
    leads: pd.DataFrame, at: pd.Timestamp, window: int, fields: list[str]
) -> pd.DataFrame:
    """Features of the leads open at ``at`` (index ``lead_id``), from data before ``at``."""
    open_ = leads[(leads["created"] < at) & ~(leads["converted_day"] < at)]
    frame = pd.DataFrame(index=pd.Index(open_["lead_id"], name="lead_id"))
    frame["created"] = open_["created"].to_numpy()
    frame["age_days"] = (at - open_["created"]).dt.days.to_numpy()
    frame["log_age"] = np.log1p(frame["age_days"])
    record = [f for f in LEAD_RECORD_FIELDS if f in fields]
    frame["completeness"] = open_[record].notna().mean(axis=1).to_numpy() if record else 1.0
    if "value" in fields:
        frame["value"] = open_["value"].to_numpy()
        frame["log_value"] = np.log1p(frame["value"].clip(lower=0).fillna(0))
        frame["value_missing"] = frame["value"].isna().astype(float)
    overall = _group_rates(leads.assign(_all="all"), "_all", at, window)
    frame["rate_all"] = float(overall.iloc[0]) if len(overall) else 0.0
    for column in CATEGORICAL:
        if column in fields:
            frame[column] = as_categories(pd.Series(open_[column].to_numpy(), index=frame.index))
            rates = _group_rates(leads, column, at, window)
            frame[f"rate_{column}"] = (
                frame[column].map(rates).astype(float).fillna(frame["rate_all"])
            )
            # relative to all leads: the level moves with how conversions were recorded
            frame[f"lift_{column}"] = np.log(
                (frame[f"rate_{column}"] + 1e-3) / (frame["rate_all"] + 1e-3)
            )
    return frame


def _numeric(fields: list[str]) -> list[str]:
    names = ["log_age", "completeness"]
    names += ["log_value", "value_missing"] if "value" in fields else []
    return names + [f"lift_{c}" for c in CATEGORICAL if c in fields]


def conversion_labels(
    leads: pd.DataFrame, ids: pd.Index, at: pd.Timestamp, window: int
) -> pd.Series:
    """1 for each lead that converted in ``[at, at + window)``."""
    day = leads.set_index("lead_id")["converted_day"]
    day = day[~day.index.duplicated()].reindex(ids)
    return (day.ge(at) & day.lt(at + pd.Timedelta(days=window))).astype(int)


def lead_scores(
    tables: dict[str, pd.DataFrame],
    as_of: pd.Timestamp | str | None = None,
    window: int | None = None,
    spec: LeadSpec | None = None,
) -> pd.DataFrame:
    """Probability that each lead open at ``as_of`` converts in ``[as_of, as_of + C)``.

    Parameters
    ----------
    tables
        Canonical tables; ``leads`` (and ``conversions`` if loaded apart) are used.
    as_of
        The scoring day; by default the day after the last date the tables know.
    window
        C, in days; by default the KPI's conversion window.
    spec
        Training options.

    Returns
    -------
    pandas.DataFrame
        One row per open lead (index ``lead_id``), sorted by ``expected_value`` then
        ``p_convert``: ``p_convert``, ``created``, ``age_days``, the lead's fields, ``value``
        and ``expected_value`` (p x value; a lead without a value counts the median value
        of the leads that converted before ``as_of``; NaN when the leads have no usable
        value), ``completeness`` of the record and
        each group's past conversion rate. ``attrs`` holds the chosen estimator, its
        validation and the fields left out as written at conversion.
    """
    spec = spec or LeadSpec()
    window = int(window or spec.window)
    leads = usable_leads(tables)
    as_of = (
        latest_date(prepare_tables(tables)) + pd.Timedelta(days=1)
        if as_of is None
        else pd.Timestamp(as_of).normalize()
    )
    leads = leads[leads["created"] < as_of]
    # conversions on or after as_of are not known yet
    leads = leads.assign(converted_day=leads["converted_day"].where(leads["converted_day"] < as_of))
    if leads.empty:
        raise DataError.coded("no_lead_before", day=as_of)
    leaked = fields_filled_at_conversion(leads, as_of)
    fields = [f for f in (*CATEGORICAL, "value") if f in leads and f not in leaked]
    first = max(
        leads["created"].min(),
        leads["converted_day"].min() if leads["converted_day"].notna().any() else as_of,
    )
    snapshots = snapshot_days(first, as_of, window, spec.step, spec.n_snapshots, warm_up=0)
    if not snapshots:
        raise DataError.coded("leads_history_too_short", window=window, day=as_of)
    parts = []
    for day in snapshots:
        features = lead_features(leads, day, window, fields)
        features["converted_next"] = conversion_labels(leads, features.index, day, window)
        parts.append(features.assign(snapshot=day))
    history = pd.concat(parts)
    categorical = [c for c in CATEGORICAL if c in fields]
    model = SnapshotClassifier(
        numeric=tuple(_numeric(fields)),
        categorical=tuple(categorical),
        horizon=window,
        candidates=spec.candidates,
        n_holdout=spec.n_holdout,
        refit=spec.refit,
        calibrate=spec.calibrate,
        seed=spec.seed,
    )
    try:
        model.fit(history, history["converted_next"], history["snapshot"])
    except DataError as err:
        raise DataError.coded("cannot_learn_leads", detail=err) from None
    current = lead_features(leads, as_of, window, fields)
    if current.empty:
        raise DataError.coded("no_open_lead", day=as_of)
    current["p_convert"] = model.predict_proba(current)[:, 1]
    if "value" in current:  # a lead without a value counts what a converted lead is worth
        typical = leads.loc[leads["converted_day"].notna(), "value"].median()
        current["expected_value"] = current["p_convert"] * current["value"].fillna(typical)
    else:
        current["expected_value"] = np.nan
    shown = [
        "p_convert",
        "expected_value",
        "created",
        "age_days",
        *categorical,
        *(["value"] if "value" in current else []),
        "completeness",
        *[f"rate_{c}" for c in categorical],
    ]
    result = current[shown].sort_values(
        ["expected_value", "p_convert"], ascending=False, kind="stable"
    )
    result.attrs = {
        "as_of": as_of,
        "window": window,
        "estimator": model.estimator_name_,
        "validation": model.validation_,
        "left_out": leaked,
        "snapshots": sorted(history["snapshot"].unique()),
    }
    return result


def lead_lift(
    tables: dict[str, pd.DataFrame],
    window: int | None = None,
    top: int = 50,
    spec: LeadSpec | None = None,
) -> LiftReport:
    """Score the leads open one window before the data ends, and check what became of them."""
    spec = spec or LeadSpec()
    window = int(window or spec.window)
    end = latest_date(prepare_tables(tables)) + pd.Timedelta(days=1)
    as_of = end - pd.Timedelta(days=window)
    scores = lead_scores(tables, as_of, window, spec).sort_values(
        "p_convert", ascending=False, kind="stable"
    )
    converted = conversion_labels(usable_leads(tables), scores.index, as_of, window)
    return check_ranking("leads.lift", as_of, window, scores["p_convert"], converted, top)
