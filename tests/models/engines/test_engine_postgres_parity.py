"""PostgreSQL computes every KPI as pandas does, read-only, through a throwaway cluster."""

import pytest
from conftest import copy_to_postgres
from engine_data import FREQS, GROUPINGS, assert_same_kpis, named_tables, reference, settings_for

from models.engines import canonical_table, compute_engine_kpis

DATA = ["demo", "edge-complete", "edge-missing"]


@pytest.fixture(scope="module")
def pg_tables(pg_cluster, pg_con):
    """Each data set's tables, created once by the admin role and read by the reader."""
    loaded = {}
    for data in DATA:
        for kind, frame in named_tables(data).items():
            name = f"{data.replace('-', '_')}_{kind}"
            copy_to_postgres(pg_cluster, name, frame)
            loaded.setdefault(data, {})[kind] = canonical_table(
                pg_con, kind, table=name, keep=["_row"]
            )
    return loaded


CASES = [
    (data, freq, by) for data in ("demo", "edge-complete") for freq in FREQS for by in GROUPINGS
] + [("edge-missing", "M", by) for by in GROUPINGS]


@pytest.mark.parametrize("data, freq, by", CASES)
def test_postgres_equals_pandas(pg_tables, data, freq, by):
    got = compute_engine_kpis(pg_tables[data], freq, by, settings_for(data), row_order="_row")
    assert_same_kpis(got, reference(data, freq, by))
