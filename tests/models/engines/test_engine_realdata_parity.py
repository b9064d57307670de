"""Engines equal pandas on the real public files (Superstore, Olist), every period and group.

Skipped when ``../shared/realdata`` is absent (the files are never copied into the repo).
"""

import functools

import pandas as pd
import pytest
from conftest import copy_to_postgres
from engine_data import FREQS, GROUPINGS, assert_same_kpis, for_engine

from models.core import DataError
from models.data import load_table
from models.engines import canonical_table, compute_engine_kpis
from models.kpis import KpiSettings, compute_kpis

pytestmark = pytest.mark.realdata


@functools.cache
def real_tables(realdata, name: str) -> dict[str, pd.DataFrame]:
    if name == "superstore":
        path = realdata / "superstore/classic_kaggle_2014_2017/Sample - Superstore.csv"
        return {"orders": load_table(path, "orders")}
    if name == "olist":  # orders + payments (amount) + customers (the person), as in risk.py
        folder = realdata / "olist_ecommerce_sample15k"
        orders = pd.read_csv(folder / "olist_orders_dataset.csv")
        amount = (
            pd.read_csv(folder / "olist_order_payments_dataset.csv")
            .groupby("order_id")["payment_value"]
            .sum()
        )
        person = pd.read_csv(folder / "olist_customers_dataset.csv").set_index("customer_id")[
            "customer_unique_id"
        ]
        frame = pd.DataFrame(
            {
                "date": pd.to_datetime(orders["order_purchase_timestamp"]),
                "customer_id": orders["customer_id"].map(person).astype("string"),
                "amount": orders["order_id"].map(amount).astype(float),
                "order_id": orders["order_id"].astype("string"),
            }
        )
        return {"orders": frame.dropna(subset=["amount"]).reset_index(drop=True)}
    folder = realdata / "olist_marketing_funnel"  # leads completed by their closed deals
    return {
        "leads": load_table(folder / "olist_marketing_qualified_leads_dataset.csv", "leads"),
        "conversions": load_table(folder / "olist_closed_deals_dataset.csv", "conversions"),
    }


CASES = (
    [("superstore", f, b) for f in FREQS for b in GROUPINGS if b != "source"]
    + [("olist", f, None) for f in FREQS]
    + [("funnel", f, b) for f in ("M", "Q") for b in (None, "source", "rep", "segment")]
)


@pytest.mark.parametrize("name, freq, by", CASES)
def test_duckdb_equals_pandas_on_real_files(realdata, duckdb_con, name, freq, by):
    tables = real_tables(realdata, name)
    engine = {
        kind: duckdb_con.create_table(kind, for_engine(frame)) for kind, frame in tables.items()
    }
    try:
        expected = compute_kpis(tables, freq, by, KpiSettings())
    except DataError:  # no such column (Superstore has no rep, no channel): both refuse
        with pytest.raises(DataError, match="no KPI can be computed"):
            compute_engine_kpis(engine, freq, by, KpiSettings(), row_order="_row")
        return
    got = compute_engine_kpis(engine, freq, by, KpiSettings(), row_order="_row")
    assert_same_kpis(got, expected)


@pytest.mark.parametrize(
    "name, by",
    [("superstore", "region"), ("superstore", None), ("olist", None), ("funnel", "source")],
)
def test_postgres_equals_pandas_on_real_files(realdata, pg_cluster, pg_con, name, by):
    tables = real_tables(realdata, name)
    engine = {}
    for kind, frame in tables.items():
        copy_to_postgres(pg_cluster, f"real_{name}_{kind}", frame)
        engine[kind] = canonical_table(pg_con, kind, table=f"real_{name}_{kind}", keep=["_row"])
    got = compute_engine_kpis(engine, "M", by, KpiSettings(), row_order="_row")
    assert_same_kpis(got, compute_kpis(tables, "M", by, KpiSettings()))
