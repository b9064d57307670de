"""Target periods: a month, a quarter or a fiscal year, its objective and its days left.

A fiscal year starts on the first day of ``fiscal_start`` (1 = January, 4 = April…) and is
named by the calendar year it starts in: with an April start, ``FY2018`` runs from April 2018
to March 2019. Its quarters are counted from its first month (Q1 = April-June).

An objective for a target period is first-class when it was entered at that period (a row
``2018`` for a calendar year, ``2018-Q2`` for a quarter); otherwise it is the sum of the
finer objectives that cover the period exactly (its three months, its four quarters, its
twelve months), and only when every one of them is set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.core.errors import DataError
from models.kpis.objectives import ADDITIVE

MONTHS_IN = {"M": 1, "Q": 3, "Y": 12}


@dataclass(frozen=True)
class TargetPeriod:
    """A month, quarter or (fiscal) year.

    Attributes
    ----------
    freq
        ``M``, ``Q`` or ``Y``.
    start
        Its first day (the first of a month).
    fiscal_start
        The first month of the fiscal year the period belongs to (1 = calendar).
    """

    freq: str
    start: pd.Timestamp
    fiscal_start: int = 1

    @property
    def end(self) -> pd.Timestamp:
        """The day after its last day (exclusive end)."""
        return self.start + pd.DateOffset(months=MONTHS_IN[self.freq])

    @property
    def months(self) -> pd.DatetimeIndex:
        """The first day of each of its months."""
        return pd.date_range(self.start, periods=MONTHS_IN[self.freq], freq="MS")

    @property
    def fiscal_year(self) -> int:
        """The calendar year its fiscal year starts in."""
        return self.start.year - (self.start.month < self.fiscal_start)

    @property
    def label(self) -> str:
        """``2018-03``, ``2018-Q2``, ``2018`` on a calendar year; ``FY2018-Q1``, ``FY2018``
        on a fiscal year starting in another month than January."""
        if self.freq == "M":
            return self.start.strftime("%Y-%m")
        prefix = str(self.start.year) if self.fiscal_start == 1 else f"FY{self.fiscal_year}"
        if self.freq == "Y":
            return prefix
        quarter = ((self.start.month - self.fiscal_start) % 12) // 3 + 1
        return f"{prefix}-Q{quarter}"

    @property
    def calendar_aligned(self) -> bool:
        """Whether the period is a calendar month, quarter or year (objectives are stored
        with calendar labels: only such a period can have its own row)."""
        return (
            self.freq == "M"
            or (self.freq == "Q" and self.start.month % 3 == 1)
            or (self.freq == "Y" and self.start.month == 1)
        )


def target_period(freq: str, year: int, number: int = 1, fiscal_start: int = 1) -> TargetPeriod:
    """The ``number``-th month or quarter (from 1) of fiscal year ``year``, or the year itself.

    >>> target_period("Y", 2018, fiscal_start=4).label
    'FY2018'
    >>> target_period("Q", 2018, 4, fiscal_start=4).start.date()
    datetime.date(2019, 1, 1)
    """
    if freq not in MONTHS_IN:
        raise DataError.coded("bad_freq", freq=freq)
    if not 1 <= fiscal_start <= 12:
        raise ValueError(f"fiscal_start is a month from 1 to 12; got {fiscal_start}")
    count = 12 // MONTHS_IN[freq]
    if not 1 <= number <= count:
        raise ValueError(f"a year has {count} period(s) of freq {freq}; got number {number}")
    first = pd.Timestamp(year=year, month=fiscal_start, day=1)
    return TargetPeriod(
        freq, first + pd.DateOffset(months=(number - 1) * MONTHS_IN[freq]), fiscal_start
    )


def period_containing(day: pd.Timestamp, freq: str, fiscal_start: int = 1) -> TargetPeriod:
    """The month, fiscal quarter or fiscal year that ``day`` falls in."""
    day = pd.Timestamp(day)
    offset = (day.month - fiscal_start) % 12  # months since the fiscal year started
    year = day.year - (day.month < fiscal_start)
    number = offset // MONTHS_IN.get(freq, 1) + 1
    return target_period(freq, year, number, fiscal_start)


def horizon_to(period: TargetPeriod, first_forecast_month: pd.Timestamp) -> int:
    """Months a forecast starting at ``first_forecast_month`` needs to reach the period's end
    (at least 1)."""
    first = pd.Timestamp(first_forecast_month)
    last = period.months[-1]
    return max((last.year - first.year) * 12 + last.month - first.month + 1, 1)


def period_objective(
    objectives: pd.DataFrame, period: TargetPeriod, kpi: str, group: str | None = None
) -> tuple[float, str] | None:
    """The objective of ``kpi`` (for ``group``, or the total) over ``period``, and how it was
    found: ``"entered"`` (a row for that very period), ``"quarters"`` or ``"months"`` (the sum
    of the finer rows that cover it, their mean for a rate). ``None`` when neither exists.

    Parameters
    ----------
    objectives
        Validated objectives (``OBJECTIVE_COLUMNS``).
    """
    rows = objectives[
        (objectives["kpi"] == kpi)
        & (
            objectives["group"].isna()
            if group is None
            else objectives["group"].eq(group).fillna(False)
        )
    ]
    if period.calendar_aligned:
        exact = rows[(rows["freq"] == period.freq) & (rows["period_start"] == period.start)]
        if len(exact):
            return float(exact["target"].to_numpy(dtype=float)[0]), "entered"
    for freq, name in (("Q", "quarters"), ("M", "months")):
        if MONTHS_IN[freq] >= MONTHS_IN[period.freq]:
            continue
        starts = period.months[:: MONTHS_IN[freq]]
        if freq == "Q" and starts[0].month % 3 != 1:
            continue  # fiscal quarters that are not calendar ones have no rows of their own
        parts = rows[(rows["freq"] == freq) & rows["period_start"].isin(starts)]
        if parts["period_start"].nunique() == len(starts):
            values = parts.drop_duplicates("period_start")["target"]
            return float(values.sum() if kpi in ADDITIVE else values.mean()), name
    return None


def remaining_share(
    month: pd.Timestamp, as_of: pd.Timestamp, day_weights: Sequence[float] | None = None
) -> float:
    """Share of ``month``'s sales still to come after ``as_of`` (a whole day): 0 for a month
    over, 1 for a month not started.

    Parameters
    ----------
    day_weights
        Seven weights, Monday first (:func:`weekday_weights`): a day counts by its weekday's
        weight. ``None`` counts calendar days alike.
    """
    days = pd.date_range(month, month + pd.offsets.MonthEnd(0), freq="D")
    weights = (
        np.ones(len(days))
        if day_weights is None
        else np.asarray(day_weights, dtype=float)[days.day_of_week]
    )
    total = weights.sum()
    if total <= 0:
        return float(days[-1] > pd.Timestamp(as_of).normalize())
    return float(weights[days > pd.Timestamp(as_of).normalize()].sum() / total)


def weekday_weights(dates: pd.Series, amounts: pd.Series) -> np.ndarray:
    """Average sales per weekday, Monday first, relative to their mean: a business closed on
    Sundays gets weight 0 there, so a month ending on a weekend has less left than its days.

    The average is over the weekdays of the span the dates cover (a Sunday without sales
    counts as a zero).
    """
    if dates.empty:
        return np.ones(7)
    days = dates.dt.normalize()
    calendar = pd.date_range(days.min(), days.max(), freq="D")
    per_day = amounts.groupby(days).sum().reindex(calendar, fill_value=0.0)
    means = per_day.groupby(calendar.day_of_week).mean().reindex(range(7), fill_value=0.0)
    mean = means.mean()
    return (means / mean).to_numpy() if mean > 0 else np.ones(7)
