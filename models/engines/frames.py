"""Aggregates from an engine -> the frame ``compute_kpis`` returns (same index, columns, dtypes).

The engine sends back counts per (period[, group]) that occur; this module lays them on
the complete grid of periods x groups, fills empty cells with 0, and derives the ratios,
growth rates, the churn base (a running sum) and the provisional flags exactly as the
pandas path does, so forecasts, objectives and what-if read either frame the same way.
Only periods x groups rows are handled here: nothing in this module grows with the data.
"""

from __future__ import annotations

from typing import cast

import pandas as pd

from models.core.periods import PERIODS_PER_YEAR, next_start, period_range
from models.engines._periods import day_after

CUSTOMER_COUNTS = ["orders", "active_customers", "new_customers", "returning_customers"]


def complete_grid(
    frame: pd.DataFrame, periods: pd.DatetimeIndex, by: str | None, groups: pd.Index | None
) -> pd.DataFrame:
    """``frame`` reindexed on every period (x every group); absent cells are NaN."""
    if by is None:
        return frame.reindex(periods)
    return frame.reindex(
        pd.MultiIndex.from_product([periods, cast(pd.Index, groups)], names=["period", by])
    )


def index_aggregates(aggregates: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """The engine's rows indexed by ``period`` (``datetime64[ns]``) [and the group]."""
    periods = pd.to_datetime(aggregates["period"]).astype("datetime64[ns]")
    aggregates = aggregates.assign(period=periods)
    return aggregates.set_index(["period"] + ([by] if by else []))


def group_index(values: pd.Series, by: str | None) -> pd.Index | None:
    """The sorted distinct groups, as the pandas path lists them."""
    if by is None:
        return None
    return pd.Index(sorted(values.unique()), name=by)


def safe_ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return numerator / denominator.where(denominator > 0)


def shift_periods(series: pd.Series, by: str | None, periods: int) -> pd.Series:
    if by is None:
        return series.shift(periods)
    return series.groupby(level=by).shift(periods)


def finish_order_kpis(
    aggregates: pd.DataFrame,
    freq: str,
    by: str | None,
    churn_window: int,
    as_of: pd.Timestamp,
    has_order_id: bool,
) -> pd.DataFrame:
    """The frame of ``models.kpis.compute.order_kpis`` from :func:`.orders.order_aggregates`.

    Parameters
    ----------
    aggregates
        The engine's result, one row per (period[, group]) that occurs.
    freq, by, churn_window, as_of
        As given to the engine.
    has_order_id
        Whether the orders table has an ``order_id`` column.
    """
    cells = index_aggregates(aggregates, by)
    last = min(cells["last_date"].max(), pd.Timestamp(as_of))
    periods = period_range(cells["first_date"].min(), last, freq)
    groups = group_index(cells.index.get_level_values(by).to_series(), by) if by else None
    counts = cells.drop(columns=["first_date", "last_date"])
    # distinct ids only when every purchase has one (pandas: "one row = one order" otherwise)
    use_ids = has_order_id and int(counts["missing_ids"].sum()) == 0
    counts["orders"] = counts["order_ids"] if use_ids else counts["purchase_rows"]
    frame = complete_grid(counts, periods, by, groups).fillna(0)
    out = pd.DataFrame({"revenue": frame["revenue"].astype("float64")}, index=frame.index)
    for column in CUSTOMER_COUNTS:
        out[column] = frame[column].astype("int64")
    out = out[["revenue", "orders", "active_customers", "new_customers", "returning_customers"]]
    out["average_basket"] = safe_ratio(out["revenue"], out["orders"])
    out["repeat_purchase_rate"] = safe_ratio(out["returning_customers"], out["active_customers"])
    previous = shift_periods(out["revenue"], by, 1)
    out["revenue_growth"] = out["revenue"] / previous.where(previous > 0) - 1
    year_ago = shift_periods(out["revenue"], by, PERIODS_PER_YEAR[freq])
    out["revenue_yoy"] = out["revenue"] / year_ago.where(year_ago > 0) - 1
    _add_churn(out, frame, by, churn_window, cells["first_date"].min())
    starts = pd.Series(out.index.get_level_values("period"), index=out.index)
    out["partial_period"] = next_start(starts, freq) > day_after(as_of)
    out["churn_provisional"] = out["partial_period"]
    return out


def _add_churn(
    out: pd.DataFrame,
    frame: pd.DataFrame,
    by: str | None,
    churn_window: int,
    first_date: pd.Timestamp,
) -> None:
    """Churn base, lapses, churn and retention rates (in place, as the pandas path adds them).

    The base of period p counts the events that entered before p minus those that left
    before p: a running sum over the periods, per group.
    """
    moved = (frame["entered"] - frame["left"]).astype("int64")
    running = moved.groupby(level=by).cumsum() if by else moved.cumsum()
    base = (running - moved).astype("int64")
    lapsed = frame["lapsed"].astype("int64")
    first_known = first_date + pd.Timedelta(days=churn_window)
    starts = pd.Series(out.index.get_level_values("period"), index=out.index)
    measurable = starts >= first_known  # earlier periods lack W days of history
    out["churn_base"] = base.where(measurable)
    out["churned_customers"] = lapsed.where(measurable)
    out["churn_rate"] = safe_ratio(out["churned_customers"], out["churn_base"])
    out["retention_rate"] = 1 - out["churn_rate"]
