"""Objectives: validation, attainment against the KPIs, pace, and bulk fills.

An objective is a target for one KPI over one period (month, quarter or year), optionally
for one group (a rep, a region…). Targets of rates are fractions (0.05 = 5 %).
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from models.core.errors import DataError
from models.core.i18n import Joined, Phrase
from models.core.kpi_catalogue import BY_KEY, KpiName
from models.core.periods import next_start, parse_periods, period_labels
from models.data.objective_rules import (
    CEILINGS,
    OBJECTIVE_COLUMNS,
    check_objectives,
    row_labels,
    row_problems,
    usable_rows,
)

__all__ = [
    "ADDITIVE",
    "CEILINGS",
    "OBJECTIVE_COLUMNS",
    "attainment",
    "check_objectives",
    "copy_period",
    "elapsed_share",
    "fill_from_history",
    "targets_for",
    "validate_objectives",
]
# KPIs that add up over time: a quarter's target is the sum of its months'.
ADDITIVE = frozenset(
    {
        "revenue",
        "orders",
        "new_customers",
        "leads",
        "converted_leads",
        "calls_placed",
        "calls_received",
        "calls_missed",
    }
)
_FREQ_ORDER = {"M": 0, "Q": 1, "Y": 2}
MAX_PROBLEMS = 10  # rows listed in one message: enough to fix them, short enough to read


def validate_objectives(frame: pd.DataFrame) -> pd.DataFrame:
    """Check and normalise objectives, or raise a DataError listing every bad row.

    Parameters
    ----------
    frame
        Columns ``period``, ``kpi``, ``target`` and optionally ``group``; rows as the user
        typed them (row numbers in messages count from 1), or as a file gave them (a
        ``source`` column, e.g. ``objectives.csv, line 5``, names them instead).

    Returns
    -------
    pandas.DataFrame
        ``OBJECTIVE_COLUMNS``, one row per (kpi, period, group), sorted.
    """
    frame = frame.reset_index(drop=True)
    labels = row_labels(frame) if "kpi" in frame else None
    parsed, found = row_problems(frame, labels)
    problems = [problem for row in found for problem in row]
    # the same objective twice, named as the user sees the rows (keys as parsed above)
    keys = pd.DataFrame(
        {
            "kpi": parsed["kpi"].where(parsed["kpi"].isin(list(BY_KEY))),
            "period": parsed["period"],
            "group": parsed["group"].fillna(""),
        }
    ).astype(object)
    groups = keys.dropna().groupby(["kpi", "period", "group"]).groups
    for key, rows in groups.items():
        name, period, _ = cast(tuple[str, str, str], key)
        if len(rows) > 1:
            problems.append(
                Phrase(
                    "objective.twice",
                    rows=_rows_phrase([labels[r] for r in rows] if labels else list(rows)),
                    kpi=KpiName(name),
                    period=period,
                )
            )
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(Phrase("objective.more", count=len(problems) - MAX_PROBLEMS))
        raise DataError.coded("objectives_not_saved", problems=Joined(tuple(shown), ";"))
    return usable_rows(parsed, found)


def _rows_phrase(labels: list[object]) -> object:
    """``rows 1, 2`` for grid rows; the sources joined when some came from a file."""
    if all(isinstance(label, Phrase) and label.code == "objective.row" for label in labels):
        return Phrase(
            "objective.rows",
            rows=", ".join(str(cast(Phrase, label).params["row"]) for label in labels),
        )
    return Joined(tuple(labels), ";")


def targets_for(objectives: pd.DataFrame, freq: str, group: str | None = None) -> pd.DataFrame:
    """Targets per (period start, kpi) at ``freq``.

    An objective set at ``freq`` wins; otherwise finer objectives are rolled up — summed for
    additive KPIs (a quarter's revenue target is its three months'), averaged for rates —
    and only when every finer period of the coarser one has a target.
    """
    objectives = objectives[
        objectives["group"].isna() if group is None else objectives["group"].eq(group).fillna(False)
    ]
    exact = objectives[objectives["freq"] == freq]
    rows = [exact[["period_start", "kpi", "target"]]]
    finer = objectives[objectives["freq"].map(_FREQ_ORDER) < _FREQ_ORDER.get(freq, -1)]
    if not finer.empty:
        alias = {"Q": "Q", "Y": "Y"}[freq]
        rolled = finer.assign(coarse=finer["period_start"].dt.to_period(alias).dt.start_time)
        for (start, kpi), part in rolled.groupby(["coarse", "kpi"]):
            expected = (
                3
                if (freq == "Q" and part["freq"].iat[0] == "M")
                else 12
                if part["freq"].iat[0] == "M"
                else 4
            )
            if (
                len(part) < expected
                or ((exact["kpi"] == kpi) & (exact["period_start"] == start)).any()
            ):
                continue
            value = part["target"].sum() if kpi in ADDITIVE else part["target"].mean()
            rows.append(pd.DataFrame({"period_start": [start], "kpi": [kpi], "target": [value]}))
    return pd.concat(rows, ignore_index=True)


def attainment(
    kpis: pd.DataFrame, objectives: pd.DataFrame, freq: str, as_of: pd.Timestamp | None = None
) -> pd.DataFrame:
    """Actual vs target for every objective that falls on a computed period.

    Parameters
    ----------
    kpis
        ``compute_kpis`` output (totals, indexed by period).
    objectives
        Validated objectives.
    freq
        The frequency of ``kpis``.
    as_of
        The last day with data; the period containing it gets a run-rate projection.

    Returns
    -------
    pandas.DataFrame
        ``period``, ``kpi``, ``actual``, ``target``, ``attainment`` (actual / target, or
        target / actual for KPIs where lower is better: 100 % or more means met),
        ``met`` (by the KPI's direction), ``projected`` and ``projected_attainment`` (the
        current period at its run-rate, additive KPIs only).
    """
    targets = targets_for(objectives, freq)
    # every KPI each dashboard run: vectorised lookups, not a loop over the objectives
    frame = targets[
        targets["kpi"].isin(kpis.columns) & targets["period_start"].isin(kpis.index)
    ].reset_index(drop=True)
    columns = list(dict.fromkeys(frame["kpi"]))
    values = kpis[columns].to_numpy(dtype=float, na_value=np.nan)
    actual = values[
        kpis.index.get_indexer(pd.Index(frame["period_start"])),
        pd.Index(columns).get_indexer(pd.Index(frame["kpi"])),
    ]
    target = frame["target"].to_numpy(dtype=float)
    better_high = frame["kpi"].map(lambda kpi: BY_KEY[kpi].higher_is_better).to_numpy(dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        # >= 100 % means met either way: target / actual when lower is better (churn)
        ratio = np.where(
            better_high,
            actual / np.where(target != 0, target, np.nan),
            target / np.where(actual != 0, actual, np.nan),
        )
    met = pd.Series(np.where(better_high, actual >= target, actual <= target), dtype="boolean")
    frame = pd.DataFrame(
        {
            "period_start": frame["period_start"],
            "kpi": frame["kpi"],
            "actual": actual,
            "target": target,
            "attainment": ratio,
            "met": met.mask(np.isnan(actual)),
        }
    )
    frame["projected"] = np.nan
    if as_of is not None and not frame.empty:
        share = elapsed_share(frame["period_start"], freq, as_of)
        running = (share > 0) & (share < 1) & frame["kpi"].isin(ADDITIVE)
        frame.loc[running, "projected"] = frame.loc[running, "actual"] / share[running]
    frame["projected_attainment"] = frame["projected"] / frame["target"].where(frame["target"] != 0)
    frame.insert(
        0,
        "period",
        period_labels(
            frame["period_start"], pd.Series(freq if freq != "W" else "M", index=frame.index)
        ),
    )
    return frame.sort_values(["period_start", "kpi"], ignore_index=True)


def elapsed_share(starts: pd.Series, freq: str, as_of: pd.Timestamp) -> pd.Series:
    """Share of each period's days that lie on or before ``as_of`` (0 to 1)."""
    ends = next_start(starts, freq)
    total = (ends - starts).dt.days
    done = (pd.Timestamp(as_of).normalize() + pd.Timedelta(days=1) - starts).dt.days
    return (done / total).clip(0, 1)


def fill_from_history(
    kpis: pd.DataFrame, kpi: str, periods: list[str], uplift: float, freq: str = "M"
) -> pd.DataFrame:
    """Objectives 'same period last year + uplift' for ``periods`` (labels like 2027-01).

    Periods whose year-earlier actual is unknown are left out.
    """
    parsed = parse_periods(pd.Series(periods))
    year_ago = parsed["period_start"] - pd.DateOffset(years=1)
    actual = (
        kpis[kpi].reindex(pd.DatetimeIndex(year_ago)).to_numpy()
        if kpi in kpis
        else np.full(len(periods), np.nan)
    )
    frame = pd.DataFrame({"period": parsed["period"], "kpi": kpi, "target": actual * (1 + uplift)})
    return frame.dropna(subset=["target"]).reset_index(drop=True)


def copy_period(objectives: pd.DataFrame, source: str, targets: list[str]) -> pd.DataFrame:
    """The objectives of period ``source`` repeated for each period in ``targets``."""
    chosen = objectives[objectives["period"] == source]
    copies = [chosen.assign(period=label) for label in targets]
    return (
        pd.concat(copies, ignore_index=True)[["period", "kpi", "group", "target"]]
        if copies
        else chosen[["period", "kpi", "group", "target"]]
    )
