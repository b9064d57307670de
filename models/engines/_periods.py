"""Calendar periods as Ibis expressions: the engine-side twin of ``models.core.periods``.

``period_start`` there computes in pandas; here the engine truncates. Both give the first
day of the period at midnight, weeks starting on Monday (DuckDB, PostgreSQL and Spark all
truncate ``week`` to the ISO Monday).
"""

from __future__ import annotations

import datetime as dt
from typing import cast

import ibis
import ibis.expr.types as ir
import pandas as pd

# Ibis truncation units per Objectif frequency.
_UNITS = {"W": "W", "M": "M", "Q": "Q", "Y": "Y"}


def period_of(timestamps: ir.TimestampValue, freq: str) -> ir.TimestampValue:
    """The start of the period each timestamp falls in (``freq``: W, M, Q or Y)."""
    return timestamps.truncate(_UNITS[freq])


def day_of(timestamps: ir.TimestampValue) -> ir.TimestampValue:
    """The timestamp's day at midnight (pandas' ``normalize``)."""
    return timestamps.truncate("D")


def timestamp_literal(value: pd.Timestamp) -> ir.TimestampScalar:
    """A naive timestamp literal: Ibis binds it as a value, never pasted into SQL by us."""
    return ibis.literal(pd.Timestamp(value).to_pydatetime(), type="timestamp")


def day_after(as_of: pd.Timestamp) -> pd.Timestamp:
    """``as_of`` is a whole day: everything before the next midnight is known."""
    return pd.Timestamp(as_of).normalize() + pd.Timedelta(days=1)


def days(n: int) -> ir.IntervalScalar:
    """An interval of ``n`` whole days."""
    return ibis.interval(days=int(n))


def to_timestamp(value: object) -> pd.Timestamp:
    """A timestamp from what a driver returns (``datetime``, ``date``, numpy or pandas)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    stamp = pd.Timestamp(cast(dt.datetime, value))  # or numpy / pandas: Timestamp reads all
    return stamp.tz_localize(None) if stamp.tzinfo else stamp
