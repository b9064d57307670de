"""How import + KPIs scale with the number of order rows: time and peak memory.

For each size and format, a fresh Python process reads a file written beforehand
(``date,customer_id,amount``: 3 years of orders, 1 customer per 20 orders; CSV with ISO dates,
~25 bytes a row, or Parquet with a timestamp, a string and a double column), runs
``load_table`` (format detection, date and number parsing, validation, quality report) and
``compute_kpis(tables, "M")`` (every order KPI, churn included), and reports wall and CPU
seconds from after the imports, its peak resident memory, and the 1-minute load average when
it started (the machine may be shared: CPU seconds are the figure least moved by other work).
A bare pandas read + monthly group-by of the same file is measured the same way for scale.

    .venv/bin/python benchmarks/scale.py [--sizes 10000 100000 1000000]
        [--formats csv parquet] [--no-bare] [--keep DIR]
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


def make_orders(n_rows: int, seed: int = 0) -> pd.DataFrame:
    """Three years of orders, ``n_rows // 20`` customers, amounts with two decimals."""
    rng = np.random.default_rng(seed)
    days = np.datetime64("2023-01-01") + np.sort(rng.integers(0, 3 * 365, n_rows))
    customers = rng.integers(0, max(n_rows // 20, 1), n_rows).astype(str)
    return pd.DataFrame(
        {
            "date": days.astype("datetime64[ns]"),
            "customer_id": pd.Series(customers, dtype="str").radd("C"),
            "amount": np.round(rng.gamma(2.0, 60.0, n_rows), 2),
        }
    )


def write_orders(folder: Path, n_rows: int, fmt: str) -> Path:
    """The orders file of one size and format, written once (the same rows in every format).

    CSV holds ISO dates (``2023-01-31``); Parquet holds a timestamp column, a string column
    and a double column, as a warehouse export would.
    """
    path = folder / f"orders_{n_rows}.{fmt}"
    if path.is_file():
        return path
    frame = make_orders(n_rows)
    if fmt == "csv":
        frame.to_csv(path, index=False, date_format="%Y-%m-%d")
    else:
        frame.to_parquet(path, index=False)
    return path


def measure(task: str, path: Path) -> dict:
    """Run one task in a fresh interpreter: wall and CPU seconds, peak RSS, load average.

    The clocks start after the imports (pandas, pyarrow and the models' modules), so the
    figures are the work itself; ``base_mb`` is the resident memory at that moment.
    """
    code = f"""
import json, os, resource, sys, time
sys.path.insert(0, {str(ROOT)!r})
import pandas as pd, pyarrow.parquet
from models import compute_kpis, load_table
def high_water_mb():
    # This process's own peak (VmHWM). ru_maxrss would start from the parent's peak: Linux
    # keeps it across exec, and this script's parent may just have built a 10M-row file.
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
base_mb = high_water_mb()
load = os.getloadavg()[0]
path = {str(path)!r}
start, cpu_start = time.perf_counter(), time.process_time()
if {task!r} == "objectif":
    orders = load_table(path, "orders")
    kpis = compute_kpis({{"orders": orders}}, "M")
    rows, periods = len(orders), len(kpis)
else:
    if path.endswith(".csv"):
        frame = pd.read_csv(path, parse_dates=["date"])
    else:
        frame = pd.read_parquet(path)
    monthly = frame.groupby(frame["date"].dt.to_period("M"))["amount"].sum()
    rows, periods = len(frame), len(monthly)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
peak_mb = high_water_mb()
print(json.dumps({{"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb, "base_mb": base_mb, "rows": rows,
                  "periods": periods, "load": load}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--formats", nargs="+", choices=["csv", "parquet"], default=["csv"])
    parser.add_argument(
        "--no-bare", action="store_true", help="skip the bare pandas read + group-by comparison"
    )
    parser.add_argument("--keep", type=Path, help="folder for the generated files (default: temp)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="objectif-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(
        f"# Import + KPIs at scale\n\n{platform.machine()}, {os.cpu_count()} cores, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; `python benchmarks/scale.py "
        f"--sizes {' '.join(map(str, args.sizes))} --formats {' '.join(args.formats)}"
        f"{' --no-bare' if args.no_bare else ''}`\n"
    )
    print(f"`uptime` at the start: {uptime()}\n")
    print(
        "| rows | format | file MB | load_table + compute_kpis s | CPU s | peak MB (after "
        "imports) | load avg | bare pandas read + group-by s | peak MB |\n"
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    for n in args.sizes:
        for fmt in args.formats:
            path = write_orders(folder, n, fmt)
            ours = measure("objectif", path)
            bare = None if args.no_bare else measure("pandas", path)
            assert ours["rows"] == n and (bare is None or bare["rows"] == n), (ours, bare)
            bare_cells = (
                "– | –" if bare is None else f"{bare['seconds']:.2f} | {bare['peak_mb']:.0f}"
            )
            print(
                f"| {n:,} | {fmt} | {path.stat().st_size / 1e6:.1f} | {ours['seconds']:.2f} | "
                f"{ours['cpu']:.2f} | {ours['peak_mb']:.0f} ({ours['base_mb']:.0f}) | "
                f"{ours['load']:.1f} | {bare_cells} |",
                flush=True,
            )
    print(f"\n`uptime` at the end: {uptime()}")


def uptime() -> str:
    """The load averages as ``uptime`` prints them (1, 5 and 15 minutes)."""
    return ", ".join(f"{load:.2f}" for load in os.getloadavg())


if __name__ == "__main__":
    main()
