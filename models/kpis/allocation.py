"""Top-down allocation of a target, the check that groups add up, and the bottom-up roll-up.

A yearly (or quarterly) total is spread over its months, each month's over the groups (reps,
regions, segments…), by weights: last year's seasonality or shares, a forecast, or evenly.
Locked cells keep their value and the rest of the total is spread over the others. Every
figure is rounded to the cent by the largest-remainder method, so the cells add up to their
total exactly, to the cent, as a spreadsheet user checks it.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from models.core.errors import DataError
from models.core.periods import period_labels

CENT = 100  # allocation unit: cents


def spread(total: float, weights: pd.Series, locked: pd.Series | None = None) -> pd.Series:
    """Split ``total`` over the cells of ``weights`` in proportion to them, to the cent.

    Parameters
    ----------
    total
        The amount to split (not negative).
    weights
        One weight per cell (not negative; NaN counts 0). When the free cells' weights are
        all 0, they share evenly.
    locked
        Cells whose value is kept as given (rounded to the cent); the rest of ``total`` is
        spread over the other cells.

    Returns
    -------
    pandas.Series
        Same index as ``weights``; values in cents that add up to ``total`` exactly
        (largest-remainder rounding: each cell gets its share rounded down, and the cents
        left go one each to the cells with the largest remainders, first cells first on ties).

    Raises
    ------
    DataError
        A negative total or weight, or locked cells adding up to more than the total.
    """
    weights = weights.astype(float).fillna(0.0)
    locked = pd.Series(dtype=float) if locked is None else locked.dropna().astype(float)
    if not np.isfinite(total) or total < 0 or (weights < 0).any():
        raise DataError.coded("allocation_negative", total=f"{total:,.2f}")
    unknown = locked.index.difference(weights.index)
    if len(unknown):
        raise ValueError(f"locked cells {list(unknown)} are not among {list(weights.index)}")
    locked_cents = np.round(locked.to_numpy() * CENT).astype(np.int64)
    left = int(round(total * CENT)) - int(locked_cents.sum())
    free = ~weights.index.isin(locked.index)
    if left < 0 or (left > 0 and not free.any()):
        raise DataError.coded(
            "allocation_locked", total=f"{total:,.2f}", locked=f"{locked.sum():,.2f}"
        )
    cents = pd.Series(0, index=weights.index, dtype=np.int64)
    cents[locked.index] = locked_cents
    if free.any():
        free_weights = weights[free].to_numpy()
        if free_weights.sum() <= 0:
            free_weights = np.ones(len(free_weights))
        cents[free] = largest_remainder(left, free_weights)
    return cents / CENT


def largest_remainder(units: int, weights: np.ndarray) -> np.ndarray:
    """``units`` whole units shared in proportion to ``weights`` (positive sum), adding up
    exactly: the floors of the exact shares, then one more unit to each of the largest
    remainders (ties: the first cells)."""
    exact = units * weights / weights.sum()
    floors = np.floor(exact).astype(np.int64)
    short = units - int(floors.sum())
    order = np.argsort(-(exact - floors), kind="stable")
    floors[order[:short]] += 1
    return floors


def seasonal_weights(history: pd.Series, months: pd.DatetimeIndex) -> pd.Series:
    """Weights of ``months`` from the same months a year earlier (last year's seasonality).

    Parameters
    ----------
    history
        Monthly totals of the KPI indexed by month start (``compute_kpis(..., "M")``).
    months
        The months to weigh.

    A month whose year-earlier value is unknown gets the mean of the known ones; with none
    known, a DataError says so.
    """
    year_ago = pd.DatetimeIndex(months) - pd.DateOffset(years=1)
    values = history.reindex(year_ago).astype(float).clip(lower=0)
    if values.isna().all():
        raise DataError.coded(
            "allocation_no_history",
            first=year_ago[0].strftime("%Y-%m"),
            last=year_ago[-1].strftime("%Y-%m"),
        )
    return pd.Series(values.fillna(values.mean()).to_numpy(), index=pd.DatetimeIndex(months))


def group_shares(by_group: pd.Series, months: pd.DatetimeIndex, years_back: int = 1) -> pd.Series:
    """Each group's share of the KPI over ``months`` shifted ``years_back`` years (last
    year's shares with 1; the forecast's with 0 and a forecast per group).

    Parameters
    ----------
    by_group
        Values indexed by (period, group), as ``compute_kpis(..., "M", by=...)[kpi]``.
    """
    past = pd.DatetimeIndex(months) - pd.DateOffset(years=years_back)
    periods = by_group.index.get_level_values(0)
    chosen = by_group[periods.isin(past)].clip(lower=0)
    totals = chosen.groupby(level=1).sum()
    if totals.sum() <= 0:
        raise DataError.coded(
            "allocation_no_history",
            first=past[0].strftime("%Y-%m"),
            last=past[-1].strftime("%Y-%m"),
        )
    return totals / totals.sum()


def allocate(
    total: float,
    month_weights: pd.Series,
    group_weights: pd.Series | pd.DataFrame,
    kpi: str = "revenue",
    locked: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """A total spread over months, then each month over groups: objectives rows.

    Parameters
    ----------
    total
        The period's target (a year's, a quarter's).
    month_weights
        One weight per month (index: month starts); :func:`seasonal_weights`, a forecast's
        ``mean``, or ones for an even split.
    group_weights
        One weight per group (:func:`group_shares`, ones), the same every month; or a frame
        months x groups for weights that change by month (a forecast per group).
    kpi
        The KPI the rows are objectives of.
    locked
        Rows ``period`` (a month start), ``group`` (NA for the month's total) and ``target``
        kept as they are; the rest is re-spread around them.

    Returns
    -------
    pandas.DataFrame
        ``period`` (``2018-01``), ``kpi``, ``group`` (NA on each month's total row),
        ``target``, ``period_start`` and ``locked``. Month totals add up to ``total`` and each
        month's groups to its total, exactly to the cent.
    """
    months = pd.DatetimeIndex(month_weights.index)
    locked = (
        pd.DataFrame(columns=["period", "group", "target"])
        if locked is None
        else locked.assign(period=pd.to_datetime(locked["period"]))
    )
    month_locks = locked[locked["group"].isna()].set_index("period")["target"]
    month_totals = spread(total, month_weights, month_locks)
    if isinstance(group_weights, pd.Series):
        group_weights = pd.DataFrame(
            [group_weights.to_numpy()] * len(months), index=months, columns=group_weights.index
        )
    rows = []
    for month, month_total in month_totals.items():
        mine = locked[locked["group"].notna() & (locked["period"] == month)]
        cells = spread(
            month_total,
            cast(pd.Series, group_weights.loc[cast(pd.Timestamp, month)]),
            mine.set_index("group")["target"] if len(mine) else None,
        )
        rows.append(
            pd.DataFrame(
                {
                    "period_start": month,
                    "group": [pd.NA],
                    "target": [month_total],
                    "locked": [month in month_locks],
                }
            )
        )
        rows.append(
            pd.DataFrame(
                {
                    "period_start": month,
                    "group": cells.index,
                    "target": cells.to_numpy(),
                    "locked": cells.index.isin(mine["group"]),
                }
            )
        )
    frame = pd.concat(rows, ignore_index=True)
    frame.insert(
        0, "period", period_labels(frame["period_start"], pd.Series("M", index=frame.index))
    )
    frame.insert(1, "kpi", kpi)
    frame["group"] = frame["group"].astype("string")
    return frame[["period", "kpi", "group", "target", "period_start", "locked"]]


def check_groups(objectives: pd.DataFrame, tolerance: float = 0.005) -> pd.DataFrame:
    """Periods whose groups do not add up to their total.

    Parameters
    ----------
    objectives
        Validated objectives.
    tolerance
        The difference below which they add up (half a cent).

    Returns
    -------
    pandas.DataFrame
        One row per (kpi, period) that has both a total and group rows: ``total``,
        ``groups`` (their sum), ``n_groups``, ``difference`` (groups - total) and
        ``adds_up``.
    """
    totals = objectives[objectives["group"].isna()].set_index(["kpi", "period"])["target"]
    cells = objectives[objectives["group"].notna()].groupby(["kpi", "period"])["target"]
    frame = pd.DataFrame({"total": totals, "groups": cells.sum(), "n_groups": cells.size()})
    frame = frame.dropna(subset=["total", "groups"])
    frame["n_groups"] = frame["n_groups"].astype(int)
    frame["difference"] = frame["groups"] - frame["total"]
    frame["adds_up"] = frame["difference"].abs() < tolerance
    return frame.reset_index()


def roll_up(objectives: pd.DataFrame, parents: dict[str, str] | None = None) -> pd.DataFrame:
    """Bottom-up: each period's group objectives summed into totals, or into their parents.

    Parameters
    ----------
    objectives
        Validated objectives (only additive KPIs make sense: a rate does not add up).
    parents
        Group -> parent (rep -> manager or regional office, from a teams table); ``None``
        sums all groups into the period's total (group NA). Groups without a parent are left
        out.

    Returns
    -------
    pandas.DataFrame
        ``period``, ``kpi``, ``group`` (the parent, or NA), ``target``.
    """
    cells = objectives[objectives["group"].notna()]
    parent = (
        pd.Series(pd.NA, index=cells.index, dtype="string")
        if parents is None
        else cells["group"].map(parents).astype("string")
    )
    if parents is not None:
        cells, parent = cells[parent.notna()], parent[parent.notna()]
    summed = (
        cells.assign(parent=parent.fillna(""))
        .groupby(["period", "kpi", "parent"], sort=True)["target"]
        .sum()
        .reset_index()
    )
    summed["group"] = summed["parent"].replace("", pd.NA).astype("string")
    return summed[["period", "kpi", "group", "target"]]
