"""Connections and bad input: each failure is a DataError naming what to fix, nothing hangs."""

import time

import pandas as pd
import pytest
from conftest import copy_to_postgres
from engine_data import edge_tables

from models.core import DataError
from models.engines import (
    canonical_table,
    check_select,
    compute_engine_kpis,
    connect_engine,
    redact,
)


@pytest.fixture(scope="module")
def pg_orders(pg_cluster):
    copy_to_postgres(
        pg_cluster,
        "shop orders",
        edge_tables()["orders"].rename(columns={"date": "Order Date", "amount": "Sales"}),
    )
    return "shop orders"


def test_password_is_hidden_and_read_from_the_environment(pg_cluster, monkeypatch):
    assert "s3cret" not in redact("postgresql://u:s3cret@h/db")
    monkeypatch.setenv("OBJECTIF_DB_PASSWORD", pg_cluster.reader_password)
    con = connect_engine(pg_cluster.url())
    assert con.raw_sql("SHOW default_transaction_read_only").fetchone() == ("on",)
    con.disconnect()


def test_wrong_credentials(pg_cluster):
    with pytest.raises(DataError, match="refused the credentials of user 'objectif_reader'") as err:
        connect_engine(pg_cluster.url(), password="not-the-password")
    assert "not-the-password" not in str(err.value)


def test_unreachable_host_answers_quickly(pg_cluster):
    closed = pg_cluster.url().replace(f":{pg_cluster.port}/", ":1/")
    started = time.monotonic()
    with pytest.raises(DataError, match="does not answer"):
        connect_engine(closed, password="x")
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    "url, message",
    [
        ("not a url", "cannot be read"),
        ("oracle://u@h/db", "unknown engine 'oracle'"),
        ("duckdb:////no/such/file.duckdb", "no file at"),
        ("postgresql://objectif_reader@127.0.0.1:{port}/nodb", "no such database"),
    ],
)
def test_bad_urls(pg_cluster, url, message):
    with pytest.raises(DataError, match=message):
        connect_engine(url.format(port=pg_cluster.port), password=pg_cluster.reader_password)


def test_missing_table_and_column_are_named(pg_con, pg_orders):
    with pytest.raises(DataError, match="table not found"):
        canonical_table(pg_con, "orders", table="no_such_table")
    with pytest.raises(DataError, match=r"required but not found: \['date', 'amount'\]"):
        canonical_table(pg_con, "orders", table=pg_orders)
    with pytest.raises(DataError, match=r"not among the source's columns: \['Amount'\]"):
        canonical_table(
            pg_con, "orders", table=pg_orders, mapping={"date": "Order Date", "amount": "Amount"}
        )


def test_mapped_names_are_quoted_by_the_engine(pg_con, pg_orders):
    # a space in the table name and in the columns: quoted identifiers, never pasted text
    table = canonical_table(
        pg_con,
        "orders",
        table=pg_orders,
        mapping={"date": "Order Date", "amount": "Sales"},
        keep=["_row"],
    )
    k = compute_engine_kpis({"orders": table}, "M", row_order="_row")
    assert k["revenue"].iloc[0] == 395


@pytest.mark.parametrize(
    "query",
    [
        "DELETE FROM orders",
        "DROP TABLE orders",
        "SELECT 1; DROP TABLE orders",
        "INSERT INTO orders SELECT * FROM orders",
        "CREATE TABLE x AS SELECT 1",
        "SELECT * INTO copy FROM orders",
        "UPDATE orders SET amount = 0",
    ],
)
def test_only_select_queries_are_read(query):
    with pytest.raises(DataError, match="SELECT"):
        check_select(query, "postgres")


def test_a_select_query_as_source(pg_con, pg_orders):
    query = 'SELECT "Order Date" AS date, customer_id, "Sales" AS amount FROM "shop orders"'
    table = canonical_table(pg_con, "orders", query=query)
    assert compute_engine_kpis({"orders": table}, "Y")["revenue"].sum() == pytest.approx(840)


def test_writes_are_refused_by_the_read_only_transaction(pg_con, pg_orders):
    with pytest.raises(Exception, match="read-only transaction"):
        pg_con.raw_sql('DELETE FROM "shop orders"')


def test_a_slow_query_is_cancelled_by_the_statement_timeout(pg_cluster, pg_orders):
    con = connect_engine(pg_cluster.url(), password=pg_cluster.reader_password, timeout=0.5)
    slow = canonical_table(
        con,
        "orders",
        query=(
            'SELECT o."Order Date" AS date, o.customer_id, o."Sales" AS amount '
            'FROM "shop orders" o CROSS JOIN generate_series(1, 500000000) g'
        ),
    )
    started = time.monotonic()
    with pytest.raises(DataError, match="longer than the timeout"):
        compute_engine_kpis({"orders": slow}, "M")
    assert time.monotonic() - started < 5
    con.disconnect()


def test_duckdb_file_errors(duckdb_con, tmp_path):
    from models.engines import read_files

    with pytest.raises(DataError, match="no file at"):
        read_files(tmp_path / "missing.parquet", "orders", con=duckdb_con)
    pd.DataFrame({"when": ["2026-01-01"], "who": ["A"]}).to_csv(tmp_path / "o.csv", index=False)
    with pytest.raises(
        DataError, match=r"required but not found: \['date', 'customer_id', 'amount'\]"
    ):
        read_files(tmp_path / "o.csv", "orders", con=duckdb_con)
