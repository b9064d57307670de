"""Tables for the engine parity tests: the demo company, small edge cases, and their loading.

Every engine gets the same pandas frames plus ``_row`` (the row's position), so that ties
between rows of one customer at one moment are broken as pandas breaks them.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from models import sample_tables
from models.kpis import KpiSettings, compute_kpis

FREQS = ("W", "M", "Q", "Y")
GROUPINGS = (None, "rep", "region", "segment", "channel", "product", "source")
ROW = "_row"


@functools.lru_cache(maxsize=1)
def demo_tables() -> dict[str, pd.DataFrame]:
    tables = sample_tables()
    return {"orders": tables["orders"], "leads": tables["leads"]}


def edge_tables(order_ids: str = "complete") -> dict[str, pd.DataFrame]:
    """Orders and leads with every case the definitions single out.

    Refunds and a zero amount; lines of one order; a purchase without customer; a rep with
    a gap (nothing in February or March); missing group values; one customer buying in two
    groups on one day, and at two times of their first day; a last month cut short;
    ``order_ids``: ``complete`` (distinct ids count), ``missing`` (one purchase without id:
    rows count) or ``none`` (no column).
    """
    rows = [  # date, customer, amount, order id, rep, region, segment, channel, product
        ("2026-01-05 09:00", "A", 100.0, "O1", "Ann", "N", "PME", "Web", "P1"),
        ("2026-01-05 09:00", "A", 50.0, "O1", "Ann", "N", "PME", "Web", "P2"),  # 2nd line
        ("2026-01-05 08:00", "B", 20.0, "O9", "Gap", "S", None, "Shop", "P1"),
        ("2026-01-05 10:00", "B", 25.0, "O10", "Bob", "S", None, "Shop", "P2"),
        ("2026-01-31", "C", 200.0, "O2", "Bob", None, "ETI", "Web", "P1"),
        ("2026-02-01", "D", 60.0, "O6", "Cy", "N", "PME", None, "P3"),
        ("2026-02-10", "A", -30.0, "R1", "Ann", "N", "PME", "Web", "P1"),  # refund
        ("2026-02-11", "E", 0.0, "Z1", "Cy", "S", "PME", "Web", "P3"),  # zero: no purchase
        ("2026-02-12", None, 45.0, "O11", "Cy", "S", "PME", "Web", "P3"),  # no customer
        ("2026-03-15", "C", 80.0, "O3", "Bob", "S", "ETI", "Shop", "P2"),
        ("2026-03-18", "D", 60.0, "O7", "Cy", "N", "PME", "Web", "P3"),
        ("2026-03-20", "A", 70.0, "O4", "Ann", "N", "PME", "Web", "P1"),
        ("2026-03-20", "A", 30.0, "O12", "Bob", "S", "PME", "Shop", "P2"),  # same day, other group
        ("2026-04-02", "B", 40.0, "O5", "Gap", "S", None, "Shop", "P1"),
        ("2026-04-20", "F", 15.0, "O13", "Ann", "N", "TPE", "Web", "P2"),
        ("2026-04-20", "F", -15.0, "R2", "Ann", "N", "TPE", "Web", "P2"),
        ("2026-05-06", "C", 90.0, "O8", "Bob", None, "ETI", "Web", "P1"),  # May cut short
    ]
    orders = pd.DataFrame(
        rows,
        columns=[
            "date",
            "customer_id",
            "amount",
            "order_id",
            "rep",
            "region",
            "segment",
            "channel",
            "product",
        ],
    )
    orders["date"] = pd.to_datetime(orders["date"], format="mixed")
    orders = orders.astype({c: "string" for c in orders.columns if c not in ("date", "amount")})
    if order_ids == "missing":
        orders.loc[11, "order_id"] = pd.NA
    elif order_ids == "none":
        orders = orders.drop(columns="order_id")
    leads = pd.DataFrame(
        [  # id, created, source, converted date, rep, customer, value
            ("L1", "2025-12-20", "Salon", "2026-01-05", "Ann", "A", 100.0),
            ("L2", "2026-01-02", "Site web", "2026-01-05", "Bob", "B", None),
            ("L3", "2026-01-10", "Prospection", "2026-01-31", "Bob", "C", 50.0),
            ("L4", "2026-01-15", None, None, "Cy", None, None),  # no source, not converted
            ("L5", "2026-02-01", "Site web", "2026-03-20", "Cy", "D", 10.0),  # 47 days
            ("L6", "2026-03-01", "Emailing", "2026-06-01", "Ann", None, None),  # after as_of
            ("L7", "2026-03-03", "Salon", None, None, None, 5.0),
            ("L8", "2026-04-10", "Cold calling", "2026-04-20", "Ann", "F", None),
        ],
        columns=["lead_id", "created", "source", "converted_date", "rep", "customer_id", "value"],
    )
    leads["created"] = pd.to_datetime(leads["created"])
    leads["converted_date"] = pd.to_datetime(leads["converted_date"])
    leads = leads.astype({c: "string" for c in ("lead_id", "source", "rep", "customer_id")})
    leads["converted"] = leads["converted_date"].notna()
    return {"orders": orders, "leads": leads}


EDGE_SETTINGS = KpiSettings(churn_window=30, conversion_window=40)


@functools.cache
def reference(data: str, freq: str, by: str | None) -> pd.DataFrame:
    """``compute_kpis`` (pandas) on the named data: ``demo`` or ``edge-<order_ids>``."""
    return compute_kpis(named_tables(data), freq, by, settings_for(data))


def named_tables(data: str) -> dict[str, pd.DataFrame]:
    return demo_tables() if data == "demo" else edge_tables(data.split("-", 1)[1])


def settings_for(data: str) -> KpiSettings:
    return KpiSettings() if data == "demo" else EDGE_SETTINGS


def for_engine(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as drivers take it: plain object strings with ``None``, and ``_row``."""
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.StringDtype) or out[column].dtype == object:
            values = out[column].astype(object)
            out[column] = values.where(values.notna(), None).astype(object)
    out[ROW] = np.arange(len(out), dtype="int64")
    return out


def assert_same_kpis(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Same index values, columns and dtypes; floats to 1e-9 relative.

    The group level's string dtype (``str`` or ``string``) is not compared: the pandas path
    itself gives either, depending on which parts were concatenated.
    """
    assert list(got.columns) == list(expected.columns)
    assert got.index.names == expected.index.names
    pd.testing.assert_frame_equal(
        got, expected, rtol=1e-9, check_index_type=False, check_freq=False
    )
    for level in range(expected.index.nlevels):
        values = list(expected.index.get_level_values(level))
        assert list(got.index.get_level_values(level)) == values
