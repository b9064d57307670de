"""Objectives: validation, attainment against the KPIs, pace, and bulk fills.

An objective is a target for one KPI over one period (month, quarter or year), optionally
for one group (a rep, a region…). Targets of rates are fractions (0.05 = 5 %).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.i18n import Joined, Phrase
from models.kpi_catalogue import BY_KEY, KpiName
from models.periods import next_start, normalise_kpi_names, parse_periods, period_labels
from models.schema import DataError

OBJECTIVE_COLUMNS = ["period", "kpi", "group", "target", "period_start", "freq"]
# KPIs that add up over time: a quarter's target is the sum of its months'.
ADDITIVE = frozenset({"revenue", "orders", "new_customers", "leads", "converted_leads",
                      "calls_placed", "calls_received", "calls_missed"})
_FREQ_ORDER = {"M": 0, "Q": 1, "Y": 2}
MAX_PROBLEMS = 10  # rows listed in one message: enough to fix them, short enough to read


# The largest target a KPI of each unit may have: far above any real business's figure, far
# below where sums, ratios and formatting lose meaning (Babel raises from 1e28 on). Saving
# refuses a target outside these bounds, and a stored one outside them (written by an older
# version or by hand) is skipped on reading with a warning, so one bad row cannot break a page.
CEILINGS: dict[str, float] = {
    "currency": 1e12,   # a trillion in revenue or basket, in one period
    "count": 1e9,       # a billion orders, customers, leads or calls in one period
    "days": 3_650.0,    # ten years to convert a lead
    "rating": 100.0,    # ratings are out of 5, 10 or at most 100
    "score": 100.0,     # NPS runs from -100 to +100
    "rate": 1.0,        # shares are fractions of 1
    "growth": 100.0,    # growth rates (revenue growth, vs last year): +10,000 %
}
GROUP_COLUMN_WIDTH = 200  # characters a group name may have (the database column's width)


def _bounds(kpi: str, target: float) -> tuple[float, float, Phrase]:
    """The range a target of ``kpi`` must lie in, and why (said of ``target``'s side)."""
    unit = BY_KEY[kpi].unit
    if unit == "rate" and kpi.endswith(("growth", "yoy")):
        return -1.0, CEILINGS["growth"], Phrase("objective.growth_bounds",
                                                high=f"{CEILINGS['growth']:g}")
    if unit == "rate":
        return 0.0, CEILINGS["rate"], Phrase("objective.rate_bounds")
    if unit == "score":
        return -CEILINGS["score"], CEILINGS["score"], Phrase("objective.nps_bounds")
    return 0.0, CEILINGS[unit], (Phrase("objective.not_negative") if target < 0 else
                                 Phrase("objective.at_most", high=f"{CEILINGS[unit]:,.0f}"))


def row_labels(frame: pd.DataFrame) -> list[object]:
    """How messages name each row of ``frame``: its ``source`` (``objectives.csv, line 5``,
    set when the row came from a file) when it has one, else its row in the grid (from 1)."""
    sources = frame["source"] if "source" in frame else pd.Series(None, index=frame.index)
    return [source if isinstance(source, str) and source.strip() else
            Phrase("objective.row", row=number) for number, source in
            enumerate(sources.tolist(), start=1)]


def check_objectives(frame: pd.DataFrame,
                     labels: list[object] | None = None) -> tuple[pd.DataFrame, list[Phrase]]:
    """Split objectives into the usable rows, normalised, and one problem per unusable row.

    Parameters
    ----------
    frame
        Columns ``period``, ``kpi``, ``target`` and optionally ``group`` (and ``source``,
        see :func:`row_labels`).
    labels
        How each row is named in the problems; :func:`row_labels` by default.

    Returns
    -------
    (objectives, problems)
        ``OBJECTIVE_COLUMNS`` for the rows without a problem (duplicates are not looked for:
        :func:`validate_objectives` does), and the problems, each naming its row.
    """
    missing = {"period", "kpi", "target"} - set(frame.columns)
    if missing:
        raise DataError.coded("objectives_columns", missing=sorted(missing),
                              found=list(frame.columns))
    frame = frame.reset_index(drop=True)
    labels = row_labels(frame) if labels is None else list(labels)
    periods = parse_periods(frame["period"].astype(object))
    kpi = normalise_kpi_names(frame["kpi"].astype(object))
    target = pd.to_numeric(frame["target"], errors="coerce")
    group = (frame["group"].astype("string").str.strip().replace("", pd.NA)
             if "group" in frame else pd.Series(pd.NA, index=frame.index, dtype="string"))
    problems, usable = [], []
    for i in frame.index:
        row, name = labels[i], kpi[i]
        said = len(problems)
        if pd.isna(periods["period"][i]):
            problems.append(Phrase("objective.bad_period", row=row, value=frame["period"][i]))
        if pd.isna(name) or name not in BY_KEY:
            problems.append(Phrase("objective.unknown_kpi", row=row, value=frame["kpi"][i],
                                   known=", ".join(sorted(BY_KEY))))
        elif pd.isna(target[i]) or not np.isfinite(target[i]):
            problems.append(Phrase("objective.bad_target", row=row, value=frame["target"][i]))
        else:
            low, high, why = _bounds(name, target[i])
            if not low <= target[i] <= high:
                problems.append(Phrase("objective.out_of_range", row=row, kpi=KpiName(name),
                                       target=f"{target[i]:g}", why=why))
        if pd.notna(group[i]) and len(group[i]) > GROUP_COLUMN_WIDTH:
            problems.append(Phrase("objective.long_group", row=row, most=GROUP_COLUMN_WIDTH))
        usable.append(len(problems) == said)
    clean = pd.DataFrame({"period": periods["period"], "kpi": kpi, "group": group,
                          "target": target, "period_start": periods["period_start"],
                          "freq": periods["freq"]})[usable]
    return clean.sort_values(["kpi", "period_start", "group"], na_position="first",
                             ignore_index=True), problems


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
    clean, problems = check_objectives(frame, labels)
    if len(frame):  # the same objective twice: named as the user sees the rows
        kpi = normalise_kpi_names(frame["kpi"].astype(object))
        keys = pd.DataFrame({
            "kpi": kpi.where(kpi.isin(list(BY_KEY))),
            "period": parse_periods(frame["period"].astype(object))["period"],
            "group": (frame["group"].astype("string").str.strip().fillna("")
                      if "group" in frame else "")}).astype(object)
        for (name, period, _), rows in keys.dropna().groupby(
                ["kpi", "period", "group"]).groups.items():
            if len(rows) > 1:
                problems.append(Phrase("objective.twice", rows=_rows_phrase(
                    [labels[r] for r in rows]), kpi=KpiName(name), period=period))
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(Phrase("objective.more", count=len(problems) - MAX_PROBLEMS))
        raise DataError.coded("objectives_not_saved", problems=Joined(tuple(shown), ";"))
    return clean


def _rows_phrase(labels: list[object]) -> object:
    """``rows 1, 2`` for grid rows; the sources joined when some came from a file."""
    if all(isinstance(label, Phrase) and label.code == "objective.row" for label in labels):
        return Phrase("objective.rows", rows=", ".join(str(label.params["row"])
                                                       for label in labels))
    return Joined(tuple(labels), ";")


def targets_for(objectives: pd.DataFrame, freq: str, group: str | None = None) -> pd.DataFrame:
    """Targets per (period start, kpi) at ``freq``.

    An objective set at ``freq`` wins; otherwise finer objectives are rolled up — summed for
    additive KPIs (a quarter's revenue target is its three months'), averaged for rates —
    and only when every finer period of the coarser one has a target.
    """
    objectives = objectives[objectives["group"].isna() if group is None
                            else objectives["group"].eq(group).fillna(False)]
    exact = objectives[objectives["freq"] == freq]
    rows = [exact[["period_start", "kpi", "target"]]]
    finer = objectives[objectives["freq"].map(_FREQ_ORDER) < _FREQ_ORDER.get(freq, -1)]
    if not finer.empty:
        alias = {"Q": "Q", "Y": "Y"}[freq]
        rolled = finer.assign(coarse=finer["period_start"].dt.to_period(alias).dt.start_time)
        for (start, kpi), part in rolled.groupby(["coarse", "kpi"]):
            expected = 3 if (freq == "Q" and part["freq"].iat[0] == "M") else \
                12 if part["freq"].iat[0] == "M" else 4
            if len(part) < expected or ((exact["kpi"] == kpi) & (exact["period_start"] == start)).any():
                continue
            value = part["target"].sum() if kpi in ADDITIVE else part["target"].mean()
            rows.append(pd.DataFrame({"period_start": [start], "kpi": [kpi], "target": [value]}))
    return pd.concat(rows, ignore_index=True)


def attainment(kpis: pd.DataFrame, objectives: pd.DataFrame, freq: str,
               as_of: pd.Timestamp | None = None) -> pd.DataFrame:
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
    frame = targets[targets["kpi"].isin(kpis.columns)
                    & targets["period_start"].isin(kpis.index)].reset_index(drop=True)
    columns = list(dict.fromkeys(frame["kpi"]))
    values = kpis[columns].to_numpy(dtype=float, na_value=np.nan)
    actual = values[kpis.index.get_indexer(frame["period_start"]),
                    pd.Index(columns).get_indexer(frame["kpi"])]
    target = frame["target"].to_numpy(dtype=float)
    better_high = frame["kpi"].map(lambda kpi: BY_KEY[kpi].higher_is_better).to_numpy(dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        # >= 100 % means met either way: target / actual when lower is better (churn)
        ratio = np.where(better_high, actual / np.where(target != 0, target, np.nan),
                         target / np.where(actual != 0, actual, np.nan))
    met = pd.Series(np.where(better_high, actual >= target, actual <= target), dtype="boolean")
    frame = pd.DataFrame({"period_start": frame["period_start"], "kpi": frame["kpi"],
                          "actual": actual, "target": target, "attainment": ratio,
                          "met": met.mask(np.isnan(actual))})
    frame["projected"] = np.nan
    if as_of is not None and not frame.empty:
        share = elapsed_share(frame["period_start"], freq, as_of)
        running = (share > 0) & (share < 1) & frame["kpi"].isin(ADDITIVE)
        frame.loc[running, "projected"] = frame.loc[running, "actual"] / share[running]
    frame["projected_attainment"] = frame["projected"] / frame["target"].where(frame["target"] != 0)
    frame.insert(0, "period", period_labels(frame["period_start"],
                                            pd.Series(freq if freq != "W" else "M", index=frame.index)))
    return frame.sort_values(["period_start", "kpi"], ignore_index=True)


def elapsed_share(starts: pd.Series, freq: str, as_of: pd.Timestamp) -> pd.Series:
    """Share of each period's days that lie on or before ``as_of`` (0 to 1)."""
    ends = next_start(starts, freq)
    total = (ends - starts).dt.days
    done = (pd.Timestamp(as_of).normalize() + pd.Timedelta(days=1) - starts).dt.days
    return (done / total).clip(0, 1)


def fill_from_history(kpis: pd.DataFrame, kpi: str, periods: list[str], uplift: float,
                      freq: str = "M") -> pd.DataFrame:
    """Objectives 'same period last year + uplift' for ``periods`` (labels like 2027-01).

    Periods whose year-earlier actual is unknown are left out.
    """
    parsed = parse_periods(pd.Series(periods))
    year_ago = parsed["period_start"] - pd.DateOffset(years=1)
    actual = kpis[kpi].reindex(pd.DatetimeIndex(year_ago)).to_numpy() if kpi in kpis else \
        np.full(len(periods), np.nan)
    frame = pd.DataFrame({"period": parsed["period"], "kpi": kpi,
                          "target": actual * (1 + uplift)})
    return frame.dropna(subset=["target"]).reset_index(drop=True)


def copy_period(objectives: pd.DataFrame, source: str, targets: list[str]) -> pd.DataFrame:
    """The objectives of period ``source`` repeated for each period in ``targets``."""
    chosen = objectives[objectives["period"] == source]
    copies = [chosen.assign(period=label) for label in targets]
    return pd.concat(copies, ignore_index=True)[["period", "kpi", "group", "target"]] if copies \
        else chosen[["period", "kpi", "group", "target"]]
