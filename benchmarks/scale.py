"""How import + KPIs scale with the number of order rows: time and peak memory.

For each size, a fresh Python process generates nothing: it reads a CSV written beforehand
(``date,customer_id,amount``, ISO dates, ~26 bytes a row, 1 customer per 20 orders), runs
``load_table`` (dialect sniffing, date and number detection, validation) and
``compute_kpis(tables, "M")`` (every order KPI, churn included), and reports wall seconds and
its peak resident memory. A bare ``pandas.read_csv`` + monthly group-by of the same file is
measured the same way for scale.

    .venv/bin/python benchmarks/scale.py [--sizes 10000 100000 1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent


def write_orders(path: Path, n_rows: int, seed: int = 0) -> None:
    """Three years of orders, ``n_rows // 20`` customers, amounts with two decimals."""
    rng = np.random.default_rng(seed)
    days = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 3 * 365, n_rows), "D")
    frame = pd.DataFrame({
        "date": np.sort(days.to_numpy()).astype("datetime64[D]").astype(str),
        "customer_id": np.char.add("C", rng.integers(0, max(n_rows // 20, 1), n_rows).astype(str)),
        "amount": np.round(rng.gamma(2.0, 60.0, n_rows), 2)})
    frame.to_csv(path, index=False)


def measure(task: str, path: Path) -> dict:
    """Run one task in a fresh interpreter; returns its seconds and peak RSS."""
    code = f"""
import json, resource, sys, time
sys.path.insert(0, {str(ROOT)!r})
import pandas as pd
from models import compute_kpis, load_table
start = time.perf_counter()
if {task!r} == "objectif":
    orders = load_table({str(path)!r}, "orders")
    kpis = compute_kpis({{"orders": orders}}, "M")
    rows, periods = len(orders), len(kpis)
else:
    frame = pd.read_csv({str(path)!r}, parse_dates=["date"])
    monthly = frame.groupby(frame["date"].dt.to_period("M"))["amount"].sum()
    rows, periods = len(frame), len(monthly)
seconds = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak_mb, "rows": rows, "periods": periods}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--keep", type=Path, help="folder for the generated CSVs (default: temp)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="objectif-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"# Import + KPIs at scale\n\n{platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the start; "
          f"`python benchmarks/scale.py --sizes {' '.join(map(str, args.sizes))}`\n")
    print("| rows | CSV MB | load_table + compute_kpis s | peak MB | read_csv + group-by s | "
          "peak MB |\n| ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in args.sizes:
        path = folder / f"orders_{n}.csv"
        if not path.is_file():
            write_orders(path, n)
        ours, bare = measure("objectif", path), measure("pandas", path)
        assert ours["rows"] == bare["rows"] == n, (ours, bare)
        print(f"| {n:,} | {path.stat().st_size / 1e6:.1f} | {ours['seconds']:.2f} | "
              f"{ours['peak_mb']:.0f} | {bare['seconds']:.2f} | {bare['peak_mb']:.0f} |",
              flush=True)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
