"""Calendar periods: which period a date falls in, where periods start and end."""

from __future__ import annotations

import pandas as pd

from models.schema import DataError

FREQS: dict[str, str] = {"W": "W-SUN", "M": "M", "Q": "Q", "Y": "Y"}  # weeks run Monday-Sunday
PERIODS_PER_YEAR: dict[str, int] = {"W": 52, "M": 12, "Q": 4, "Y": 1}


def check_freq(freq: str) -> str:
    """Return ``freq`` if it is one of W, M, Q, Y; else raise a DataError saying so."""
    if freq not in FREQS:
        raise DataError(f"unknown period {freq!r}: use 'W' (week), 'M' (month), 'Q' (quarter) "
                        "or 'Y' (year)")
    return freq


def period_start(dates: pd.Series, freq: str) -> pd.Series:
    """The first day of the period each date falls in (midnight)."""
    return dates.dt.to_period(FREQS[check_freq(freq)]).dt.start_time.astype("datetime64[ns]")


def next_start(starts: pd.Series | pd.DatetimeIndex, freq: str):
    """The start of the following period (the exclusive end of each period)."""
    offset = {"W": pd.DateOffset(weeks=1), "M": pd.DateOffset(months=1),
              "Q": pd.DateOffset(months=3), "Y": pd.DateOffset(years=1)}[check_freq(freq)]
    return starts + offset


def period_range(first: pd.Timestamp, last: pd.Timestamp, freq: str) -> pd.DatetimeIndex:
    """Every period start from the period of ``first`` to that of ``last``, inclusive."""
    alias = FREQS[check_freq(freq)]
    periods = pd.period_range(pd.Timestamp(first).to_period(alias),
                              pd.Timestamp(last).to_period(alias), freq=alias)
    return pd.DatetimeIndex(periods.start_time.astype("datetime64[ns]"), name="period")
