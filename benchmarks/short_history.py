"""Forecasts on the histories companies have: M3 and M1 monthly cut to their last L months.

Run from the repository root::

    .venv/bin/python benchmarks/short_history.py [--sets m3 m1] [--lengths 18 24 30 36 full]
                                                 [--method NAME ...] [--every K] [--offset I]
                                                 [--validation] [--jobs 2]

The protocol of ``../shared/bench/README.md`` ("Short histories"): each series' training
part is cut to its last ``L`` months and the first 12 test points are forecast; ``full``
keeps the whole training part and forecasts the 18 test points. MASE is scaled by the
seasonal-naive error (lag 12) of the history given. A series whose training part is
shorter than ``L`` (32 M1 series under 36 months) is given all of it.

``--validation`` never looks at the test period: the last 12 points of each training part
(18 for ``full``) are forecast instead, from the ``L`` months before them. Choices are made
there; the test-period table is the check.

Methods (``--method``, default the three below, in the same run):

* ``seasonal_naive`` -- ``m3.seasonal_naive``;
* ``damped_hw`` -- statsmodels' damped Holt-Winters, configured as the README's anchors
  (below);
* ``objectif`` -- ``models.forecasting.engine.forecast``;
* ``package.module:function`` -- any forecaster with the signature of ``m3.py``.

The data loading, the workers, the timeouts and the metrics are ``m3.py``'s; this file adds
the cut, the damped Holt-Winters baseline and the sets x lengths x methods table.
Output: ``<out>/short_history.md`` (printed too) and ``<out>/short_history.csv`` (one row
per set, length, method and series); ``--every``, ``--offset`` and ``--validation`` add
suffixes to both names, as in ``m3.py``.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import warnings
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime

import m3  # also sets the BLAS thread limits before numpy loads
import numpy as np
import pandas as pd

HORIZON = 12  # h for a cut history
FULL_HORIZON = 18  # h for the whole training part: the competitions' own horizon
SEASON = 12
LENGTHS = ("18", "24", "30", "36", "full")
SETS = ("m3", "m1")
METHODS = {
    "seasonal_naive": "seasonal_naive",
    "damped_hw": "short_history:damped_holt_winters",
    "objectif": "objectif",
}
N_SIMULATIONS = 1000

# ../shared/bench/README.md, "Short histories": MASE of seasonal naive, damped Holt-Winters
# and the forecaster as it was then (None where the README gives no figure).
ANCHORS = {
    ("m3", "18"): (1.227, 1.354, 1.145),
    ("m1", "18"): (1.264, 1.645, 1.470),
    ("m3", "24"): (1.143, 1.069, 1.053),
    ("m1", "24"): (1.093, 0.964, 1.216),
    ("m1", "30"): (1.059, 0.915, 0.933),
    ("m3", "36"): (1.079, 0.917, 0.848),
    ("m1", "36"): (1.048, 0.895, 0.872),
    ("m3", "full"): (1.146, None, None),
    ("m1", "full"): (1.314, 1.051, 1.020),
}


def damped_holt_winters(
    y: pd.Series, horizon: int, level: Iterable[int] = m3.LEVELS
) -> pd.DataFrame:
    """statsmodels' damped Holt-Winters exactly as the README's anchors were measured.

    ``ExponentialSmoothing(trend="add", damped_trend=True, seasonal="mul"`` (``"add"`` when
    the history is not positive) ``, seasonal_periods=12, initialization_method="estimated")``
    when the history has at least 24 months, without the seasonal part below. statsmodels
    gives no interval formula for this class: the bounds are quantiles of 1,000 simulated
    futures with normal additive errors of the fit's residual variance (``simulate``, seed 0).
    """
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    values = y.to_numpy(dtype=float)
    seasonal = None
    if len(values) >= 2 * SEASON:
        seasonal = "mul" if np.all(values > 0) else "add"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = ExponentialSmoothing(
            values,
            trend="add",
            damped_trend=True,
            seasonal=seasonal,
            seasonal_periods=SEASON if seasonal else None,
            initialization_method="estimated",
        ).fit()
        mean = fit.forecast(horizon)
        paths = fit.simulate(
            horizon, repetitions=N_SIMULATIONS, anchor="end", error="add", random_state=0
        )
    paths = np.asarray(paths).reshape(horizon, -1)
    future = pd.date_range(y.index[-1], periods=horizon + 1, freq=y.index.freq)[1:]
    frame = pd.DataFrame({"mean": mean}, index=future)
    for lv in level:
        frame[f"lo-{lv}"] = np.quantile(paths, 0.5 - lv / 200, axis=1)
        frame[f"hi-{lv}"] = np.quantile(paths, 0.5 + lv / 200, axis=1)
    return frame


def cut_series(series: list[m3.Series], length: str, validation: bool) -> list[m3.Series]:
    """Each series' history cut to its last ``length`` months, the test to the horizon.

    With ``validation`` the test period is dropped and the end of the training part takes
    its place (12 points, or 18 for ``full``)."""
    horizon = FULL_HORIZON if length == "full" else HORIZON
    out = []
    for s in series:
        train, test = s.train, s.test
        if validation:
            train, test = train.iloc[:-horizon], train.to_numpy()[-horizon:]
        if length != "full":
            train = train.iloc[-int(length) :]
        out.append(replace(s, train=train, test=np.asarray(test, dtype=float)[:horizon]))
    return out


def run(args: argparse.Namespace) -> pd.DataFrame:
    """Per-series scores of every method on every set and length (one long frame)."""
    tables = []
    for name in args.sets:
        full = m3.load_series(
            args.bench_dir, "monthly", every=args.every, offset=args.offset, competition=name
        )
        for length in args.lengths:
            series = cut_series(full, length, args.validation)
            horizon = len(series[0].test)
            spec = m3.Subset(SEASON, horizon, "MS")
            for method in args.methods:
                target = METHODS.get(method, method)
                print(f"{name} L={length}: {method}, {len(series)} series", file=sys.stderr)
                outcomes, _ = m3.run_method(target, series, horizon, args.jobs, args.timeout)
                table = m3.score_method(series, outcomes, spec)
                table.insert(0, "method", method)
                table.insert(0, "history", length)
                table.insert(0, "set", name)
                table["n_train"] = [len(s.train) for s in series]
                tables.append(table)
    return pd.concat(tables, ignore_index=True)


def summary_table(scores: pd.DataFrame, methods: list[str]) -> str:
    """One row per set and length; MASE, sMAPE, coverage and time per method."""
    rows = []
    for (name, length), group in scores.groupby(["set", "history"], sort=False):
        by_method = {m: m3.summarise(g) for m, g in group.groupby("method", sort=False)}
        baselines = [
            by_method[m]["mase"] for m in ("seasonal_naive", "damped_hw") if m in by_method
        ]
        best = min(baselines) if baselines else np.nan
        for method in methods:
            s = by_method[method]
            target = ""
            if method not in ("seasonal_naive", "damped_hw") and pd.notna(best):
                target = f"{s['mase'] / best:.3f}"
            rows.append(
                [
                    name.upper(),
                    length,
                    method,
                    str(s["n"]),
                    m3._fmt(s["mase"], ".3f"),
                    m3._fmt(s["smape"], ".2f"),
                    m3._fmt(100 * s["cover80"], ".1f"),
                    m3._fmt(100 * s["cover95"], ".1f"),
                    m3._fmt(s["seconds"], ".3f"),
                    m3._fmt(s["cpu_seconds"], ".3f"),
                    target,
                    str(s["failures"]),
                ]
            )
    return m3.markdown_table(
        [
            "set",
            "L",
            "method",
            "n",
            "MASE",
            "sMAPE",
            "cover 80",
            "cover 95",
            "s/series",
            "CPU s/series",
            "MASE / best baseline",
            "failures",
        ],
        rows,
    )


def anchor_lines(scores: pd.DataFrame) -> list[str]:
    """The baselines' MASE beside the README's anchors (test period, whole sets only)."""
    lines = []
    for (name, length), (naive, hw, then) in ANCHORS.items():
        group = scores[(scores["set"] == name) & (scores["history"] == length)]
        cells = []
        for method, anchor in (("seasonal_naive", naive), ("damped_hw", hw), ("objectif", then)):
            if anchor is None or not (group["method"] == method).any():
                continue
            value = group.loc[group["method"] == method, "mase"].mean()
            verdict = (
                "" if method == "objectif" else (" OK" if round(value, 3) == anchor else " DIFFERS")
            )
            cells.append(f"{method} {value:.3f} ({anchor:.3f}{verdict})")
        if cells:
            lines.append(f"- {name.upper()} L={length}: " + ", ".join(cells))
    return lines


def report(args: argparse.Namespace, scores: pd.DataFrame, load: tuple[float, float]) -> str:
    what = (
        "validation: the last 12 (full: 18) points of each training part, test period unseen"
        if args.validation
        else "test period"
    )
    sample = f", every {args.every}th series from the {args.offset}th" if args.every > 1 else ""
    short = (
        scores.drop_duplicates(["set", "history", "unique_id"])
        .assign(cut=lambda f: f["history"] != "full")
        .query("cut")
        .groupby(["set", "history"])["n_train"]
        .apply(lambda n: int((n < n.max()).sum()) if len(n) else 0)
    )
    parts = [
        f"# Short histories: M3 and M1 monthly cut to the last L months ({what}{sample})",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores, "
        f"{args.jobs} process(es): "
        f"`python {' '.join(shlex.quote(a) for a in sys.argv)}`",
        "",
        f"1-minute load average {load[0]:.1f} at the start, {load[1]:.1f} at the end.",
        "",
        "h = 12 for a cut history, 18 for `full`; MASE scaled by the seasonal-naive "
        "error (lag 12) of the history given; coverage pooled over all points. "
        "`MASE / best baseline`: the method's MASE over the better of seasonal naive "
        "and damped Holt-Winters in the same run (target <= 0.97).",
        "",
        summary_table(scores, args.methods),
        "",
    ]
    shorter = {k: v for k, v in short.items() if v}
    if shorter:
        parts += [
            "Series whose training part is shorter than L (given all of it): "
            + ", ".join(f"{n.upper()} L={length}: {v}" for (n, length), v in shorter.items()),
            "",
        ]
    checks = anchor_lines(scores)
    if checks and args.every == 1 and not args.validation:
        parts += [
            "## Check against the anchors of ../shared/bench/README.md (MASE)",
            "",
            "Objectif's anchor is the forecaster as it was when they were measured (no verdict).",
            "",
            *checks,
            "",
        ]
    failed = scores[scores["failed"]]
    if len(failed):
        parts += ["## Failures (scored with seasonal naive's forecast instead)", ""]
        for (name, length, method), group in failed.groupby(["set", "history", "method"]):
            parts.append(
                f"- {name} L={length} {method}: {len(group)} series, e.g. "
                + "; ".join(f"{r.unique_id}: {r.error}" for r in group.head(3).itertuples())
            )
        parts.append("")
    return "\n".join(parts)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    parser.add_argument("--lengths", nargs="+", choices=LENGTHS, default=list(LENGTHS))
    parser.add_argument(
        "--method",
        action="extend",
        nargs="+",
        dest="methods",
        help="seasonal_naive, damped_hw, objectif or package.module:function "
        f"(default: {' '.join(METHODS)})",
    )
    m3.add_common_arguments(parser)
    parser.add_argument(
        "--name", default="short_history", help="stem of the output files (default short_history)"
    )
    args = parser.parse_args(argv)
    args.methods = list(dict.fromkeys(args.methods or METHODS))
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for method in args.methods:
        m3.resolve(METHODS.get(method, method))  # fail fast: raises Unavailable
    load_before = os.getloadavg()[0]
    scores = run(args)
    text = report(args, scores, (load_before, os.getloadavg()[0]))
    print(text)
    stem = (
        args.name
        + ("_validation" if args.validation else "")
        + (f"_every{args.every}" if args.every > 1 else "")
        + (f"_offset{args.offset}" if args.every > 1 and args.offset % args.every else "")
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{stem}.md").write_text(text + "\n", encoding="utf-8")
    scores.to_csv(args.out / f"{stem}.csv", index=False)
    print(f"written to {args.out / stem}.md and .csv", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
