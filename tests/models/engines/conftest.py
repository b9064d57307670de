"""Engines for the parity tests: DuckDB in process, a throwaway PostgreSQL, Spark local.

PostgreSQL and Spark are skipped with the reason when their binaries are missing, unless
``OBJECTIF_REQUIRE_ENGINES=1`` (set by ``.ci/run``): then a missing engine fails the run.
"""

from __future__ import annotations

import os
import shutil

import ibis
import pytest
from engine_data import for_engine
from postgres_cluster import find_bindir, start_cluster


def _unavailable(reason: str) -> None:
    if os.environ.get("OBJECTIF_REQUIRE_ENGINES") == "1":
        pytest.fail(f"{reason} (OBJECTIF_REQUIRE_ENGINES=1)")
    pytest.skip(reason)


@pytest.fixture
def duckdb_con():
    con = ibis.duckdb.connect()
    yield con
    con.disconnect()


@pytest.fixture(scope="session")
def pg_cluster():
    if find_bindir() is None:
        _unavailable("PostgreSQL server binaries not found (apt-get install postgresql)")
    cluster = start_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_con(pg_cluster):
    from models.engines import connect_engine

    con = connect_engine(pg_cluster.url(), password=pg_cluster.reader_password, timeout=30)
    yield con
    con.disconnect()


def copy_to_postgres(cluster, name: str, frame) -> None:
    """Create ``name`` from a pandas frame with the admin role (COPY: fast, exact types)."""
    types = {
        "datetime64": "timestamp",
        "float": "double precision",
        "int": "bigint",
        "bool": "boolean",
    }
    frame = for_engine(frame) if "_row" not in frame else frame
    columns = []
    for column, dtype in frame.dtypes.items():
        sql_type = next((v for k, v in types.items() if str(dtype).startswith(k)), "text")
        columns.append(f'"{column}" {sql_type}')
    with cluster.admin_connection() as admin:
        admin.execute(f'DROP TABLE IF EXISTS "{name}"')
        admin.execute(f'CREATE TABLE "{name}" ({", ".join(columns)})')
        with admin.cursor().copy(f'COPY "{name}" FROM STDIN') as copy:
            for row in frame.itertuples(index=False):
                copy.write_row([None if v is None or v != v else v for v in row])


@pytest.fixture(scope="session")
def spark_con(tmp_path_factory):
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        _unavailable(
            "Java not found: Spark local needs Java 17 (apt-get install openjdk-17-jre-headless)"
        )
    pyspark = pytest.importorskip("pyspark")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        pyspark.sql.SparkSession.builder.master("local[2]")
        .appName("objectif-tests")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("spark")))
        .config("spark.sql.session.timeZone", "UTC")  # naive timestamps stay as written
        .config("spark.sql.shuffle.partitions", "1")  # tiny tables: one task a stage
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield ibis.pyspark.connect(session)
    session.stop()
