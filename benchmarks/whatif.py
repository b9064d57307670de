"""How long a what-if recompute takes: the model work behind one slider move.

Fits the driver tree of the demo company once (the cached, slow step), then times what the
What-if page recomputes when a slider moves: the projection, the simulated futures of the
scenario and of the baseline for the probability, and the comparison of saved scenarios.

    .venv/bin/python benchmarks/whatif.py [--repeat 200] [--horizon 12] [--months 18]
                                          [--orders olist]

``--months N`` keeps the last N months of orders (a short history, as most companies
upload); ``--orders olist`` uses the Olist e-commerce sample of ../shared/realdata instead of
the demo company (orders with their payments and the person behind each customer id). The
line to read for #17 is the baseline agreement: how far the drivers' forecasts recombine
from the revenue forecast over the horizon.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python benchmarks/whatif.py` puts benchmarks/ first
    sys.path.insert(0, str(ROOT))

import pandas as pd

from models import sample_tables
from models.scenarios import (
    compare_scenarios,
    driver_ranges,
    fit_driver_tree,
    project,
    total_reach_probability,
)


def slider_move(tree, changes: dict[str, float], target: float) -> None:
    """What pages/whatif.py computes (outside Streamlit) after one slider move."""
    driver_ranges(tree)
    for driver in tree.drivers:  # the caption under each slider
        project(tree, {driver: changes.get(driver, 0.0)})
    project(tree, changes)
    total_reach_probability(tree, changes, target)
    total_reach_probability(tree, {}, target)
    compare_scenarios(tree, {"A": {tree.drivers[0]: 0.1}, "B": {"churn_rate": -0.2}}, target)


def olist_tables(realdata: Path) -> dict[str, pd.DataFrame]:
    """Olist's orders joined to their payments (amount) and customers (the person)."""
    folder = realdata / "olist_ecommerce_sample15k"
    orders = pd.read_csv(folder / "olist_orders_dataset.csv")
    payments = pd.read_csv(folder / "olist_order_payments_dataset.csv")
    customers = pd.read_csv(folder / "olist_customers_dataset.csv")
    amount = payments.groupby("order_id")["payment_value"].sum()
    person = customers.set_index("customer_id")["customer_unique_id"]
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(orders["order_purchase_timestamp"]),
            "customer_id": orders["customer_id"].map(person).astype("string"),
            "amount": orders["order_id"].map(amount).astype(float),
            "order_id": orders["order_id"].astype("string"),
        }
    )
    return {"orders": frame.dropna(subset=["customer_id", "amount"])}


def last_months(tables: dict[str, pd.DataFrame], months: int) -> dict[str, pd.DataFrame]:
    """Every dated table cut to the last ``months`` months of the orders."""
    last = tables["orders"]["date"].max().to_period("M")
    first = (last - months + 1).to_timestamp()
    out = {}
    for kind, table in tables.items():
        date = next((c for c in ("date", "created", "timestamp") if c in table), None)
        out[kind] = table[table[date] >= first] if date else table
    return out


def timed(function, repeat: int) -> np.ndarray:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return np.array(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--horizon", type=int, default=12)
    parser.add_argument(
        "--months", type=int, default=0, help="keep only the last N months of orders (0: all)"
    )
    parser.add_argument("--orders", choices=("demo", "olist"), default="demo")
    parser.add_argument("--realdata", type=Path, default=ROOT.parent / "shared" / "realdata")
    args = parser.parse_args()
    tables = sample_tables() if args.orders == "demo" else olist_tables(args.realdata)
    if args.months:
        tables = last_months(tables, args.months)
    start = time.perf_counter()
    tree = fit_driver_tree(tables, args.horizon)
    fit_s = time.perf_counter() - start
    target = float(project(tree)["baseline"].sum())
    rng = np.random.default_rng(0)
    moves = [{d: float(rng.uniform(-0.3, 0.3)) for d in tree.drivers} for _ in range(args.repeat)]
    it = iter(moves * 2)
    project_ms = timed(lambda: project(tree, next(it)), args.repeat)
    it = iter(moves * 2)
    move_ms = timed(lambda: slider_move(tree, next(it), target), args.repeat)
    months = f", last {args.months} months" if args.months else ""
    print(f"# What-if recompute, {args.orders}{months}, horizon {args.horizon}\n")
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}\n"
    )
    print(
        f"fit_driver_tree (once per data set and horizon, cached by the page): {fit_s:.1f} s; "
        f"baseline agreement with the revenue forecast {tree.agreement:+.1%}\n"
    )
    print("| step | median ms | p95 ms | max ms |\n| --- | ---: | ---: | ---: |")
    for name, ms in (
        ("project (one scenario)", project_ms),
        ("slider move: everything the page recomputes", move_ms),
    ):
        print(f"| {name} | {np.median(ms):.2f} | {np.percentile(ms, 95):.2f} | {ms.max():.2f} |")


if __name__ == "__main__":
    main()
