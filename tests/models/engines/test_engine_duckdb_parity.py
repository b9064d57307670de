"""DuckDB computes every order and lead KPI exactly as the pandas path (``compute_kpis``)."""

import dataclasses

import pandas as pd
import pytest
from engine_data import (
    EDGE_SETTINGS,
    FREQS,
    GROUPINGS,
    assert_same_kpis,
    edge_tables,
    for_engine,
    named_tables,
    reference,
    settings_for,
)

from models.engines import compute_engine_kpis, read_files
from models.kpis import compute_kpis


def load(con, tables):
    return {kind: con.create_table(kind, for_engine(frame)) for kind, frame in tables.items()}


@pytest.mark.parametrize("by", GROUPINGS)
@pytest.mark.parametrize("freq", FREQS)
@pytest.mark.parametrize("data", ["demo", "edge-complete", "edge-missing", "edge-none"])
def test_duckdb_equals_pandas(duckdb_con, data, freq, by):
    tables = load(duckdb_con, named_tables(data))
    got = compute_engine_kpis(tables, freq, by, settings_for(data), row_order="_row")
    assert_same_kpis(got, reference(data, freq, by))


@pytest.mark.parametrize("by", [None, "rep", "source"])
def test_rows_after_the_cut_off_are_left_out_as_in_pandas(duckdb_con, by):
    settings = dataclasses.replace(EDGE_SETTINGS, as_of=pd.Timestamp("2026-04-10"))
    tables = edge_tables()
    got = compute_engine_kpis(load(duckdb_con, tables), "M", by, settings, row_order="_row")
    assert_same_kpis(got, compute_kpis(tables, "M", by, settings))


def test_edge_figures_by_hand(duckdb_con):
    orders = {"orders": edge_tables()["orders"]}
    k = compute_engine_kpis(load(duckdb_con, orders), "M", None, EDGE_SETTINGS, row_order="_row")
    assert k["revenue"].tolist() == [395, 75, 240, 40, 90]  # refunds lower revenue
    assert k["orders"].tolist() == [4, 2, 4, 2, 1]  # O1's two lines: one order; no refund
    assert k["new_customers"].tolist() == [3, 1, 0, 1, 0]
    assert k["partial_period"].tolist() == [False] * 4 + [True]


def test_lazy_parquet_and_csv_files(duckdb_con, tmp_path):
    orders = for_engine(edge_tables()["orders"])
    orders.to_parquet(tmp_path / "orders.parquet")
    orders.to_csv(tmp_path / "orders.csv", index=False)
    expected = compute_kpis({"orders": edge_tables()["orders"]}, "M", "rep", EDGE_SETTINGS)
    for name in ("orders.parquet", "orders.csv"):
        table = read_files(tmp_path / name, "orders", con=duckdb_con, keep=["_row"])
        got = compute_engine_kpis({"orders": table}, "M", "rep", EDGE_SETTINGS, row_order="_row")
        assert_same_kpis(got, expected)
