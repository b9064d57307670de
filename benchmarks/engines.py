"""Order KPIs computed by an engine at scale: wall time, CPU time, peak memory, rows back.

Writes a synthetic orders file with DuckDB (3 years, 1 customer per 20 rows, 2% refunds, 8
regions) unless it exists, then for each engine runs ``compute_engine_kpis`` (every monthly
order KPI, churn included) in a fresh process and reports its wall and CPU seconds, its
peak resident memory (the process and its children: Spark's JVM; for PostgreSQL the
server's own processes are not counted, only the client), the rows that came back from the
engine, and whether its KPI frame equals the first engine's.

    .venv/bin/python benchmarks/engines.py --rows 10000000 --engines duckdb postgres spark
        [--by region] [--freq M] [--data-dir /tmp/objectif-engines] [--memory-limit 3GB]

The data folder is never in the repository; ``--keep`` leaves PostgreSQL's copy running
for nothing: each run starts and removes its own throwaway cluster.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "models" / "engines"))  # the throwaway cluster


def generate_orders(path: Path, n_rows: int, n_customers: int) -> Path:
    """The synthetic orders as Parquet, written by DuckDB itself (100M rows: no pandas).

    Values come from hashes of the row number, so the same size gives the same file.
    """
    import duckdb

    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    con.execute(f"""
        COPY (
            SELECT TIMESTAMP '2023-01-01' + to_days(CAST(hash(i, 1) % 1096 AS INTEGER)) AS date,
                   'C' || CAST(hash(i, 2) % {int(n_customers)} AS VARCHAR) AS customer_id,
                   CASE WHEN hash(i, 3) % 50 = 0 THEN -1 ELSE 1 END
                     * round(5 + (hash(i, 4) % 20000) / 100.0, 2) AS amount,
                   'R' || CAST(hash(i, 5) % 8 AS VARCHAR) AS region
            FROM range({int(n_rows)}) AS t(i)
        ) TO '{partial}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)""")
    con.close()
    partial.rename(path)
    return path


def high_water_mb(pid: int | str = "self") -> float:
    """Peak resident memory of a process (``VmHWM``), in MB; 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return 0.0


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (read from /proc: no psutil)."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                children.append(int(entry.name))
    return children + [d for c in children for d in descendants(c)]


def count_rows_back() -> list[int]:
    """Record the rows of every result an Ibis expression sends back (the transfer)."""
    import ibis.expr.types.relations as relations

    sizes: list[int] = []
    execute = relations.Table.execute

    def counted(self, *args, **kwargs):
        result = execute(self, *args, **kwargs)
        sizes.append(len(result))
        return result

    relations.Table.execute = counted
    return sizes


def open_orders(
    engine: str, path: Path, memory_limit: str, cluster_url: str | None, password: str | None
):
    """The orders as an Ibis table of ``engine`` (and a function closing the engine)."""
    import ibis

    from models.engines import canonical_table, connect_engine, read_files

    if engine == "duckdb":
        con = ibis.duckdb.connect(
            threads=2,
            memory_limit=memory_limit,
            preserve_insertion_order=False,
            temp_directory=str(path.parent / "duckdb_spill"),
        )
        return read_files(path, "orders", con=con, keep=["region"]), con.disconnect
    if engine == "postgres":
        con = connect_engine(cluster_url, password=password, timeout=600)
        return canonical_table(con, "orders", table="orders", keep=["region"]), con.disconnect
    if engine == "spark":
        from pyspark.sql import SparkSession

        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        session = (
            SparkSession.builder.master("local[2]")
            .appName("objectif-bench")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.warehouse.dir", str(path.parent / "spark-warehouse"))
            .config("spark.driver.memory", "3g")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "8")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        con = ibis.pyspark.connect(session)
        return con.read_parquet(str(path)), session.stop
    raise SystemExit(f"unknown engine {engine}")


def run_child(args: argparse.Namespace) -> None:
    """One measurement, in this fresh process; prints one JSON line."""
    import pandas as pd

    from models.engines import compute_engine_kpis
    from models.kpis import KpiSettings, compute_kpis

    sizes = count_rows_back()
    by = None if args.by == "none" else args.by
    started, cpu = time.perf_counter(), time.process_time()
    if args.child == "pandas":
        frame = pd.read_parquet(args.path)
        kpis = compute_kpis({"orders": frame}, args.freq, by, KpiSettings())
        close = lambda: None  # noqa: E731
    else:
        orders, close = open_orders(
            args.child,
            Path(args.path),
            args.memory_limit,
            args.cluster_url,
            os.environ.get("OBJECTIF_DB_PASSWORD"),
        )
        kpis = compute_engine_kpis({"orders": orders}, args.freq, by, KpiSettings())
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = high_water_mb() + sum(high_water_mb(p) for p in descendants(os.getpid()))
    kpis.to_parquet(args.result)
    close()
    print(
        json.dumps(
            {
                "engine": args.child,
                "wall_s": wall,
                "cpu_s": cpu,
                "peak_mb": peak,
                "rows_back": sizes,
                "result_rows": len(kpis),
            }
        )
    )


def load_postgres(cluster, path: Path) -> float:
    """Copy the Parquet file into the cluster (DuckDB -> CSV -> COPY); seconds taken."""
    import duckdb

    started = time.perf_counter()
    csv = path.with_suffix(".csv")
    if not csv.is_file():
        duckdb.connect().execute(f"COPY (SELECT * FROM '{path}') TO '{csv}' (HEADER false)")
    with cluster.admin_connection() as admin:
        admin.execute("DROP TABLE IF EXISTS orders")
        admin.execute(
            "CREATE TABLE orders (date timestamp, customer_id text, "
            "amount double precision, region text)"
        )
        with (
            admin.cursor().copy("COPY orders FROM STDIN (FORMAT csv)") as copy,
            open(csv, "rb") as source,
        ):
            while chunk := source.read(8 << 20):
                copy.write(chunk)
        admin.execute("ANALYZE orders")
    return time.perf_counter() - started


def measure(
    engine: str,
    args: argparse.Namespace,
    path: Path,
    extra_env: dict[str, str],
    cluster_url: str | None,
) -> dict:
    result = Path(args.data_dir) / f"kpis_{engine}_{args.rows}_{args.freq}_{args.by}.parquet"
    command = [
        sys.executable,
        __file__,
        "--child",
        engine,
        "--path",
        str(path),
        "--freq",
        args.freq,
        "--by",
        args.by,
        "--memory-limit",
        args.memory_limit,
        "--result",
        str(result),
    ] + (["--cluster-url", cluster_url] if cluster_url else [])
    load = os.getloadavg()[0]
    out = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **extra_env})
    if out.returncode != 0:
        return {"engine": engine, "error": out.stderr.strip().splitlines()[-1:], "load": load}
    row = json.loads(out.stdout.strip().splitlines()[-1])
    return {**row, "load": load, "result": str(result)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=None, help="default: rows / 20")
    parser.add_argument(
        "--engines",
        nargs="+",
        default=["duckdb"],
        choices=["duckdb", "postgres", "spark", "pandas"],
    )
    parser.add_argument("--freq", default="M")
    parser.add_argument("--by", default="none", help="a dimension, or none (totals)")
    parser.add_argument("--data-dir", default=str(Path(tempfile.gettempdir()) / "objectif-engines"))
    parser.add_argument("--memory-limit", default="3GB", help="DuckDB's memory limit")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--cluster-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return
    path = Path(args.data_dir) / f"orders_{args.rows}.parquet"
    started = time.perf_counter()
    generate_orders(path, args.rows, args.customers or max(args.rows // 20, 1))
    print(
        f"data: {path} ({path.stat().st_size / 1e6:.0f} MB, "
        f"{time.perf_counter() - started:.0f} s to write or find)",
        flush=True,
    )
    rows = []
    for engine in args.engines:
        env, url, cluster = {}, None, None
        if engine == "postgres":
            from postgres_cluster import start_cluster

            cluster = start_cluster(
                {
                    "shared_buffers": "1GB",
                    "work_mem": "256MB",
                    "max_parallel_workers_per_gather": "2",
                }
            )
            print(f"postgres: loaded in {load_postgres(cluster, path):.0f} s", flush=True)
            with cluster.admin_connection() as admin:
                admin.execute("GRANT SELECT ON orders TO objectif_reader")
            env, url = {"OBJECTIF_DB_PASSWORD": cluster.reader_password}, cluster.url()
        try:
            rows.append(measure(engine, args, path, env, url))
        finally:
            if cluster is not None:
                cluster.stop()
        print(json.dumps(rows[-1]), flush=True)
    report(rows, args)


def report(rows: list[dict], args: argparse.Namespace) -> None:
    """A markdown table; each engine's frame compared with the first engine's."""
    import pandas as pd

    reference = next((pd.read_parquet(r["result"]) for r in rows if "result" in r), None)
    print(f"\n{args.rows:,} rows, freq {args.freq}, by {args.by}\n")
    print(
        "| engine | wall s | CPU s (this process) | peak MB | rows back per query | "
        "KPI rows | equal to first | load avg |"
    )
    print("|---|---:|---:|---:|---|---:|---|---:|")
    for row in rows:
        if "error" in row:
            print(f"| {row['engine']} | failed: {row['error']} | | | | | | {row['load']:.1f} |")
            continue
        frame = pd.read_parquet(row["result"])
        try:
            pd.testing.assert_frame_equal(frame, reference, rtol=1e-9, check_index_type=False)
            same = "yes"
        except AssertionError as error:
            same = f"no: {str(error).splitlines()[0]}"
        print(
            f"| {row['engine']} | {row['wall_s']:.1f} | {row['cpu_s']:.1f} | "
            f"{row['peak_mb']:.0f} | {row['rows_back']} | {row['result_rows']} | {same} | "
            f"{row['load']:.1f} |"
        )


if __name__ == "__main__":
    main()
