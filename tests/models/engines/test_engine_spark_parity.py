"""Spark (local mode) computes the KPIs as pandas does: one session, a few cases."""

import pytest
from engine_data import assert_same_kpis, for_engine, named_tables, reference, settings_for

from models.engines import compute_engine_kpis


@pytest.fixture(scope="module")
def spark_tables(spark_con):
    """Temporary views of the frames (no table written to a warehouse folder)."""
    loaded = {}
    for data in ("demo", "edge-complete"):
        for kind, frame in named_tables(data).items():
            name = f"{data.replace('-', '_')}_{kind}"
            spark_con._session.createDataFrame(for_engine(frame)).createOrReplaceTempView(name)
            loaded.setdefault(data, {})[kind] = spark_con.table(name)
    return loaded


@pytest.mark.parametrize(
    "data, freq, by",
    [
        ("demo", "M", None),
        ("demo", "W", "region"),
        ("demo", "Q", "source"),
        ("edge-complete", "M", "rep"),
        ("edge-complete", "Y", "product"),
    ],
)
def test_spark_equals_pandas(spark_tables, data, freq, by):
    got = compute_engine_kpis(spark_tables[data], freq, by, settings_for(data), row_order="_row")
    assert_same_kpis(got, reference(data, freq, by))
