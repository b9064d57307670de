"""How long a what-if recompute takes: the model work behind one slider move.

Fits the driver tree of the demo company once (the cached, slow step), then times what the
What-if page recomputes when a slider moves: the projection, the simulated futures of the
scenario and of the baseline for the probability, and the comparison of saved scenarios.

    .venv/bin/python benchmarks/whatif.py [--repeat 200] [--horizon 12]
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

from models import sample_tables  # noqa: E402
from models.scenarios import compare_scenarios, driver_ranges, total_reach_probability
from models.scenarios import fit_driver_tree, project


def slider_move(tree, changes: dict[str, float], target: float) -> None:
    """What pages/whatif.py computes (outside Streamlit) after one slider move."""
    driver_ranges(tree)
    for driver in tree.drivers:  # the caption under each slider
        project(tree, {driver: changes.get(driver, 0.0)})
    project(tree, changes)
    total_reach_probability(tree, changes, target)
    total_reach_probability(tree, {}, target)
    compare_scenarios(tree, {"A": {"leads": 0.1}, "B": {"churn_rate": -0.2}}, target)


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
    args = parser.parse_args()
    tables = sample_tables()
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
    print(f"# What-if recompute, demo company, horizon {args.horizon}\n")
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}\n")
    print(f"fit_driver_tree (once per data set and horizon, cached by the page): {fit_s:.1f} s; "
          f"baseline agreement with the revenue forecast {tree.agreement:+.1%}\n")
    print("| step | median ms | p95 ms | max ms |\n| --- | ---: | ---: | ---: |")
    for name, ms in (("project (one scenario)", project_ms),
                     ("slider move: everything the page recomputes", move_ms)):
        print(f"| {name} | {np.median(ms):.2f} | {np.percentile(ms, 95):.2f} | {ms.max():.2f} |")


if __name__ == "__main__":
    main()
