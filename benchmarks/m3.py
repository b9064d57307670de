"""Score forecasters on the M3 competition data, with the metrics the app shows users.

Run from the repository root::

    .venv/bin/python benchmarks/m3.py [--subset monthly] [--limit N]
                                      [--method NAME ...] [--originals] [--jobs 2]
                                      [--out benchmarks/results] [--paths] [--every K]
                                      [--bench-dir ../shared/bench] [--timeout 120]

Methods (``--method``, default ``seasonal_naive objectif``):

* ``seasonal_naive`` -- the last season repeated, defined below (the benchmark floor);
* ``objectif`` -- ``models.forecasting.engine.forecast``, the app's forecaster (imported lazily:
  when it cannot be imported the method is reported as unavailable, the run goes on);
* ``package.module:function`` -- any other forecaster with the same signature.

A forecaster is ``f(y: pd.Series, horizon: int, level=(80, 95)) -> pd.DataFrame`` with
columns ``mean, lo-80, hi-80, lo-95, hi-95`` and one row per future period. ``y`` is the
training part of one series on a regular DatetimeIndex (monthly ``MS``, quarterly ``QS``,
yearly ``YS``; series with no date, and the whole ``other`` subset, start in 2000-01).

``--originals`` also scores the 24 original competition submissions (monthly only, point
forecasts only) with the same code; on the full set THETA, ForecastPro and COMB S-H-D must
reproduce the anchors of ``../shared/bench/README.md``, which validates the metrics.
``--originals`` alone runs no forecaster unless ``--method`` is also given.

Output: a markdown summary (printed and written to ``<out>/m3_<subset>.md``) and one CSV
per method with one row per series (``<out>/m3_<subset>_<method>.csv``). With ``--limit N``
(or ``--every K``) the file names get a ``_nN`` (``_everyK``) suffix so that a quick run
never overwrites the full results.
See ``benchmarks/README.md`` for what each figure means.
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing as mp
import os
import re
import shlex
import signal
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from statistics import NormalDist

# Two processes on two cores: BLAS must not start its own threads in each of them, or the
# timings measure contention. Set before numpy loads; spawned workers re-import this module,
# so these lines run first there too (and they inherit the environment anyway).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python benchmarks/m3.py` puts benchmarks/ first, not the root
    sys.path.insert(0, str(ROOT))

from models.forecasting import coverage, mase, msis, smape

LEVELS = (80, 95)
COLUMNS = ("mean", "lo-80", "hi-80", "lo-95", "hi-95")
CATEGORIES = ("MICRO", "INDUSTRY", "MACRO", "FINANCE", "DEMOGRAPHIC", "OTHER")
DEFAULT_METHODS = ("seasonal_naive", "objectif")
METHODS = {"objectif": "models.forecasting.engine:forecast"}  # name -> import path (lazy)


@dataclass(frozen=True)
class Subset:
    """How an M3 subset is scored: season of the MASE scale, horizon, index frequency."""

    season: int
    horizon: int
    freq: str  # pandas start-anchored frequency; anchored on the start month below


SUBSETS = {
    "monthly": Subset(12, 18, "MS"),
    "quarterly": Subset(4, 8, "QS"),
    "yearly": Subset(1, 6, "YS"),
    "other": Subset(1, 8, "YS"),  # weekly/daily/unknown in M3, scored non-seasonal
}
SEASON_OF_FREQ = {"MS": 12, "QS": 4, "YS": 1}

# ../shared/bench/README.md, M3 monthly, full set: (sMAPE, MASE)
ANCHORS = {
    "THETA (original)": (13.90, 0.858),
    "ForecastPro (original)": (13.90, 0.848),
    "COMB S-H-D (original)": (14.47, 0.896),
    "seasonal_naive": (17.24, 1.146),
}


# --------------------------------------------------------------------------- the data


@dataclass(frozen=True)
class Series:
    uid: str
    category: str
    train: pd.Series  # values on a regular DatetimeIndex
    test: np.ndarray  # the competition's hold-out, length = horizon


def _index(start: str | float, periods: int, freq: str) -> pd.DatetimeIndex:
    """A regular index from the first date; 2000-01 when the series has no date."""
    first = pd.Timestamp("2000-01-01") if pd.isna(start) else pd.Timestamp(start)
    if freq in ("QS", "YS"):  # anchor on the start month so the first date is kept
        freq = f"{freq}-{first.strftime('%b').upper()}"
    return pd.date_range(first, periods=periods, freq=freq)


def load_series(
    bench_dir: Path,
    subset: str,
    limit: int | None = None,
    every: int = 1,
    offset: int = 0,
    validation: bool = False,
    competition: str = "m3",
) -> list[Series]:
    """The subset's series in file order (the first ``limit`` when given).

    ``competition`` names the file, ``<competition>_<subset>.csv``: ``m1`` is M1's monthly
    set (short_history.py), whose file has no ``ds`` column (every series starts in 2000-01).

    ``every`` keeps every k-th series in file order, starting at the ``offset``-th (a sample
    stratified like the file, which is sorted by category), applied before ``limit``.
    ``validation`` holds out the last ``horizon`` points of each training part instead of
    the test period, which is then never seen: a check on data no choice was made on.
    """
    spec = SUBSETS[subset]
    frame = pd.read_csv(bench_dir / f"{competition}_{subset}.csv", dtype={"ds": "string"})
    out = []
    for i, (uid, rows) in enumerate(frame.groupby("unique_id", sort=False)):
        if i % every != offset % every:
            continue
        rows = rows.sort_values("t")
        start = rows["ds"].iloc[0] if "ds" in rows else None
        index = _index(start, len(rows), spec.freq)
        is_train = (rows["split"] == "train").to_numpy()
        values = rows["y"].to_numpy(dtype=float)
        if validation:  # the test period dropped, the training part's end held out
            values, index = values[is_train], index[is_train]
            is_train = np.arange(len(values)) < len(values) - spec.horizon
        out.append(
            Series(
                str(uid),
                str(rows["category"].iloc[0]),
                pd.Series(values[is_train], index=index[is_train], name=str(uid)),
                values[~is_train],
            )
        )
        if limit and len(out) == limit:
            break
    return out


# --------------------------------------------------------------------------- seasonal naive


def seasonal_naive(y: pd.Series, horizon: int, level: Iterable[int] = LEVELS) -> pd.DataFrame:
    """The last observed season repeated, with normal prediction intervals.

    Intervals: ``sigma`` is the root mean square of the in-sample seasonal differences
    ``y[t] - y[t-m]`` (the method's own one-season-ahead errors); ``k`` seasons ahead the
    error is a sum of ``k`` such independent steps, so its sd is ``sigma * sqrt(k)`` with
    ``k = ceil(h / m)``. This is the textbook formula (Hyndman & Athanasopoulos, FPP3
    §5.5), the one statsforecast's SeasonalNaive uses. ``m`` comes from the index
    frequency and falls back to 1 (naive) when the history is not longer than a season.
    """
    values = y.to_numpy(dtype=float)
    m = SEASON_OF_FREQ.get((y.index.freqstr or "").split("-")[0], 1)
    if len(values) <= m:
        m = 1
    steps = np.arange(horizon)
    mean = values[len(values) - m + steps % m]
    residuals = values[m:] - values[:-m]
    sigma = np.sqrt(np.mean(residuals**2)) if len(residuals) else np.nan
    sd = sigma * np.sqrt(steps // m + 1)
    future = pd.date_range(y.index[-1], periods=horizon + 1, freq=y.index.freq)[1:]
    frame = pd.DataFrame({"mean": mean}, index=future)
    for lv in level:
        z = NormalDist().inv_cdf(0.5 + lv / 200)
        frame[f"lo-{lv}"] = mean - z * sd
        frame[f"hi-{lv}"] = mean + z * sd
    return frame


# --------------------------------------------------------------------------- methods


class Unavailable(Exception):
    """The method's code cannot be imported (e.g. it is being written)."""


def resolve(name: str) -> Callable[..., pd.DataFrame]:
    """The forecaster called ``name``; Unavailable when its module does not import."""
    if name == "seasonal_naive":
        return seasonal_naive
    target = METHODS.get(name, name)
    if ":" not in target:
        raise Unavailable(
            f"unknown method {name!r} (use seasonal_naive, objectif or package.module:function)"
        )
    module, _, attribute = target.partition(":")
    try:
        return getattr(importlib.import_module(module), attribute)
    except Exception as exc:
        raise Unavailable(f"{target}: {type(exc).__name__}: {exc}") from exc


class Timeout(Exception):
    pass


@contextmanager
def deadline(seconds: float):
    """Raise Timeout in this process after ``seconds`` (0: no limit). Unix only."""
    if not seconds or not hasattr(signal, "SIGALRM"):
        yield
        return

    def _raise(signum, frame):
        raise Timeout(f"no forecast after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_output(frame: object, horizon: int) -> dict[str, np.ndarray]:
    """The forecast columns as arrays, or ValueError when the frame breaks the contract."""
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"returned {type(frame).__name__}, not a DataFrame")
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"missing columns {missing}")
    if len(frame) != horizon:
        raise ValueError(f"{len(frame)} rows for a horizon of {horizon}")
    out = {c: frame[c].to_numpy(dtype=float) for c in COLUMNS}
    if not all(np.isfinite(v).all() for v in out.values()):
        raise ValueError("non-finite values in the forecast")
    return out


@dataclass
class Outcome:
    uid: str
    forecast: dict[str, np.ndarray] | None  # None when the method failed on the series
    seconds: float  # wall time of the call: what the spec asks for
    cpu_seconds: float  # CPU time of the call: robust to other load on a shared machine
    error: str = ""
    path_sums: np.ndarray | None = None  # (len(path_sums(...)), n_paths) simulated, --paths


N_PATHS = 1000


def path_sums(season: int, horizon: int) -> tuple[int, ...]:
    """--paths: the sums of the first k periods forecast_paths is checked on: a year's
    total (12 monthly, 4 quarterly) and the whole horizon."""
    return tuple(sorted({k for k in (season, horizon) if 1 < k <= horizon}))


def simulate_sums(y: pd.Series, horizon: int, season: int) -> np.ndarray:
    """Simulated sums of the first k periods for each k of ``path_sums``, from the app's
    own fit_forecast + forecast_paths (outside the timed call: the paths are an extra)."""
    from models.forecasting import fit_forecast, forecast_paths

    paths = forecast_paths(fit_forecast(y, horizon), n_paths=N_PATHS, seed=0).to_numpy()
    return np.array([paths[:k].sum(axis=0) for k in path_sums(season, horizon)])


_CACHE: dict[str, Callable[..., pd.DataFrame]] = {}


def run_one(task: tuple[str, str, pd.Series, int, float, int]) -> Outcome:
    """Fit and forecast one series; any exception is caught and returned as the error.

    The last item of ``task`` is the season for --paths' sums, 0 when not asked."""
    method, uid, y, horizon, timeout, paths_season = task
    if method not in _CACHE:
        _CACHE[method] = resolve(method)
    started, cpu_started = time.perf_counter(), time.process_time()
    frame, error = None, ""
    try:
        with deadline(timeout):
            frame = _CACHE[method](y, horizon, level=LEVELS)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if not error:
        try:
            sums = simulate_sums(y, horizon, paths_season) if paths_season else None
            return Outcome(uid, check_output(frame, horizon), seconds, cpu, path_sums=sums)
        except ValueError as exc:
            error = f"invalid output: {exc}"
    return Outcome(uid, None, seconds, cpu, error.replace("\n", " ")[:300])


def _init_worker() -> None:
    warnings.simplefilter("ignore")  # statsmodels convergence chatter, once per fit


def run_method(
    method: str,
    series: list[Series],
    horizon: int,
    jobs: int,
    timeout: float,
    paths_season: int = 0,
) -> tuple[list[Outcome], float]:
    """Outcomes in series order and the wall time of the whole method."""
    season = paths_season if method == "objectif" else 0
    tasks = [(method, s.uid, s.train, horizon, timeout, season) for s in series]
    started = time.perf_counter()
    if jobs == 1:  # in-process: tracebacks and debuggers work
        _init_worker()
        outcomes = [_progress(i, len(tasks), started, run_one(t)) for i, t in enumerate(tasks)]
    else:
        # spawn, not fork: fresh workers that load numpy with the thread limits above
        with mp.get_context("spawn").Pool(jobs, initializer=_init_worker) as pool:
            chunk = max(1, min(16, len(tasks) // (jobs * 20)))
            outcomes = [
                _progress(i, len(tasks), started, o)
                for i, o in enumerate(pool.imap_unordered(run_one, tasks, chunksize=chunk))
            ]
    wall = time.perf_counter() - started
    order = {s.uid: i for i, s in enumerate(series)}
    return sorted(outcomes, key=lambda o: order[o.uid]), wall


def _progress(i: int, total: int, started: float, outcome: Outcome) -> Outcome:
    if (i + 1) % 100 == 0 or i + 1 == total:
        print(
            f"  {i + 1}/{total} series, {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
            flush=True,
        )
    return outcome


# --------------------------------------------------------------------------- scoring


def score(s: Series, fc: dict[str, np.ndarray], season: int) -> dict[str, float]:
    """The series' metrics; interval metrics are NaN when there are no intervals."""
    y, insample = s.test, s.train.to_numpy()
    row = {"smape": smape(y, fc["mean"]), "mase": mase(y, fc["mean"], insample, season)}
    if "lo-80" in fc:
        row |= {
            "cover80": coverage(y, fc["lo-80"], fc["hi-80"]),
            "cover95": coverage(y, fc["lo-95"], fc["hi-95"]),
            "msis95": msis(y, fc["lo-95"], fc["hi-95"], insample, 95, season),
        }
    else:
        row |= {"cover80": np.nan, "cover95": np.nan, "msis95": np.nan}
    return row


def score_method(series: list[Series], outcomes: list[Outcome], spec: Subset) -> pd.DataFrame:
    """Per-series table; a failed series is scored on seasonal naive's forecast instead."""
    rows = []
    for s, o in zip(series, outcomes, strict=True):
        fc = o.forecast
        if fc is None:
            fc = check_output(seasonal_naive(s.train, spec.horizon), spec.horizon)
        pits = {}
        if o.path_sums is not None:  # PIT: share of simulated sums below the actual sum
            pits = {
                f"pit{k}": float(np.mean(sims <= s.test[:k].sum()))
                for k, sims in zip(path_sums(spec.season, spec.horizon), o.path_sums, strict=True)
            }
        rows.append(
            {
                "unique_id": s.uid,
                **score(s, fc, spec.season),
                **pits,
                "seconds": o.seconds,
                "cpu_seconds": o.cpu_seconds,
                "failed": o.forecast is None,
                "category": s.category,
                "error": o.error,
            }
        )
    return _per_series_frame(rows)


def score_originals(series: list[Series], path: Path, spec: Subset) -> dict[str, pd.DataFrame]:
    """Per-series tables of the original M3 submissions (point forecasts only)."""
    frame = pd.read_csv(path)
    steps = [f"h{h}" for h in range(1, spec.horizon + 1)]
    out = {}
    for method, rows in frame.groupby("method", sort=False):
        by_uid = rows.set_index("unique_id")[steps]
        table = [
            {
                "unique_id": s.uid,
                **score(s, {"mean": by_uid.loc[s.uid].to_numpy(dtype=float)}, spec.season),
                "seconds": np.nan,
                "cpu_seconds": np.nan,
                "failed": False,
                "category": s.category,
                "error": "",
            }
            for s in series
        ]
        out[f"{method} (original)"] = _per_series_frame(table)
    return out


def _per_series_frame(rows: list[dict]) -> pd.DataFrame:
    columns = [
        "unique_id",
        "smape",
        "mase",
        "cover80",
        "cover95",
        "seconds",
        "failed",
        "category",
        "msis95",
        "cpu_seconds",
        "error",
    ]  # the documented ones first
    columns += sorted({key for row in rows for key in row if key.startswith("pit")})
    return pd.DataFrame(rows, columns=columns)


def pit_table(results: dict[str, pd.DataFrame]) -> str:
    """Deciles of the PIT of the simulated sums: 10 % each when the paths are calibrated."""
    rows = []
    for name, table in results.items():
        for column in [c for c in table.columns if c.startswith("pit")]:
            pit = table[column].dropna().to_numpy()
            counts = np.histogram(pit, bins=np.linspace(0, 1, 11))[0] / max(len(pit), 1)
            rows.append(
                [
                    f"{name}, sum of {column[3:]} periods",
                    str(len(pit)),
                    *[f"{100 * c:.1f}" for c in counts],
                    f"{100 * np.mean(pit < 0.1):.1f}",
                    f"{100 * np.mean(pit > 0.9):.1f}",
                ]
            )
    if not rows:
        return ""
    return markdown_table(
        [
            "forecast_paths",
            "n",
            *[f"{10 * i}-{10 * i + 10}" for i in range(10)],
            "% < 0.1",
            "% > 0.9",
        ],
        rows,
    )


def summarise(per_series: pd.DataFrame) -> dict[str, float]:
    """Means over series; coverage is pooled over all points (same horizon everywhere)."""
    return {
        "n": len(per_series),
        "smape": per_series["smape"].mean(),
        "mase": per_series["mase"].mean(),  # NaN scales (constant history) skipped
        "mase_nan": int(per_series["mase"].isna().sum()),
        "cover80": per_series["cover80"].mean(),
        "cover95": per_series["cover95"].mean(),
        "msis95": per_series["msis95"].mean(),
        "seconds": per_series["seconds"].mean(),
        "cpu_seconds": per_series["cpu_seconds"].mean(),
        "failures": int(per_series["failed"].sum()),
    }


# --------------------------------------------------------------------------- reporting


def _fmt(value: float, spec: str, missing: str = "–") -> str:
    return missing if value is None or pd.isna(value) else format(value, spec)


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    aligns = ["---"] + ["---:"] * (len(header) - 1)
    lines = [header, aligns, *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def main_table(results: dict[str, pd.DataFrame]) -> str:
    """One row per method, best sMAPE first."""
    rows = []
    for name, table in sorted(results.items(), key=lambda kv: kv[1]["smape"].mean()):
        s = summarise(table)
        mase_cell = _fmt(s["mase"], ".3f") + (f" ({s['mase_nan']} NaN)" if s["mase_nan"] else "")
        rows.append(
            [
                name,
                str(s["n"]),
                _fmt(s["smape"], ".2f"),
                mase_cell,
                _fmt(100 * s["cover80"], ".1f") + ("%" if pd.notna(s["cover80"]) else ""),
                _fmt(100 * s["cover95"], ".1f") + ("%" if pd.notna(s["cover95"]) else ""),
                _fmt(s["msis95"], ".2f"),
                _fmt(s["seconds"], ".4f"),
                _fmt(s["cpu_seconds"], ".4f"),
                str(s["failures"]) if pd.notna(s["seconds"]) else "–",
            ]
        )
    return markdown_table(
        [
            "method",
            "n series",
            "sMAPE",
            "MASE",
            "cover 80%",
            "cover 95%",
            "MSIS 95%",
            "s/series",
            "CPU s/series",
            "failures",
        ],
        rows,
    )


def category_table(results: dict[str, pd.DataFrame]) -> str:
    """sMAPE / MASE per M3 category, methods in the same order as the main table."""
    any_table = next(iter(results.values()))
    present = [c for c in CATEGORIES if (any_table["category"] == c).any()]
    counts = any_table["category"].value_counts()
    rows = []
    for name, table in sorted(results.items(), key=lambda kv: kv[1]["smape"].mean()):
        means = table.groupby("category")[["smape", "mase"]].mean()
        rows.append(
            [name] + [f"{means.loc[c, 'smape']:.2f} / {means.loc[c, 'mase']:.3f}" for c in present]
        )
    return markdown_table(["method (sMAPE / MASE)"] + [f"{c} ({counts[c]})" for c in present], rows)


def anchor_check(results: dict[str, pd.DataFrame]) -> list[str]:
    """Compare with the README's anchors (meaningful on the full monthly set only)."""
    lines = []
    for name, (a_smape, a_mase) in ANCHORS.items():
        if name not in results:
            continue
        s = summarise(results[name])
        ok = round(s["smape"], 2) == a_smape and round(s["mase"], 3) == a_mase
        lines.append(
            f"- {name}: sMAPE {s['smape']:.2f} (anchor {a_smape:.2f}), MASE "
            f"{s['mase']:.3f} (anchor {a_mase:.3f}) -> {'OK' if ok else 'DIFFERS'}"
        )
    return lines


def report(
    args: argparse.Namespace,
    results: dict[str, pd.DataFrame],
    walls: dict[str, float],
    unavailable: dict[str, str],
    n_series: int,
    load: tuple[float, float],
) -> str:
    spec = SUBSETS[args.subset]
    parts = [
        f"# M3 {args.subset}: {n_series} series, horizon {spec.horizon}, "
        f"MASE season {spec.season}"
        + (
            " -- validation: the last horizon of each training part, test period unseen"
            if args.validation
            else ""
        ),
        "",
        f"Run {datetime.now():%Y-%m-%d %H:%M} on {os.cpu_count()} cores, "
        f"{args.jobs} process(es): `python {' '.join(shlex.quote(a) for a in sys.argv)}`",
        "",
        f"1-minute load average {load[0]:.1f} at the start, {load[1]:.1f} at the end"
        + (
            " (above the core count: other work competed, so wall times are inflated; "
            "CPU s/series is not)."
            if max(load) > (os.cpu_count() or 1)
            else "."
        ),
        "",
    ]
    if results:
        parts += [
            main_table(results),
            "",
            "## sMAPE / MASE by M3 category",
            "",
            category_table(results),
            "",
        ]
    pits = pit_table(results)
    if pits:
        parts += [
            "## Calibration of forecast_paths: PIT of cumulative sums (% per decile)",
            "",
            "The share of the 1,000 simulated paths whose sum of the first k periods is "
            "below the actual sum; calibrated paths give 10 % in each decile.",
            "",
            pits,
            "",
        ]
    if walls:
        parts += ["## Wall time", ""]
        parts += [
            f"- {name}: {wall:.1f} s for {n_series} series (includes starting the worker processes)"
            for name, wall in walls.items()
        ]
        parts.append("")
    if unavailable:
        parts += ["## Unavailable methods", ""]
        parts += [f"- {name}: {why}" for name, why in unavailable.items()]
        parts.append("")
    failed = {n: t[t["failed"]] for n, t in results.items() if t["failed"].any()}
    if failed:
        parts += ["## Failures (scored with seasonal naive's forecast instead)", ""]
        for name, table in failed.items():
            parts.append(
                f"- {name}: {len(table)} series, e.g. "
                + "; ".join(f"{r.unique_id}: {r.error}" for r in table.head(5).itertuples())
            )
        parts.append("")
    checks = anchor_check(results)
    if (
        checks
        and args.subset == "monthly"
        and not args.limit
        and args.every == 1
        and not args.validation
    ):
        parts += ["## Check against the anchors of ../shared/bench/README.md", "", *checks, ""]
    return "\n".join(parts)


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_")


# --------------------------------------------------------------------------- command


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """The options this runner shares with short_history.py: which series, validation or
    test period, workers, where the data is and where results go."""
    parser.add_argument(
        "--every",
        type=int,
        default=1,
        help="only every k-th series in file order (a stratified sample)",
    )
    parser.add_argument(
        "--offset",
        type=int,
        default=0,
        help="with --every K: start at the series of this rank (0 to K-1)",
    )
    parser.add_argument(
        "--validation",
        action="store_true",
        help="forecast the last horizon of each training part instead of "
        "the test period (which is then never seen)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=120,
        help="seconds per series before it counts as failed (0: none)",
    )
    parser.add_argument("--bench-dir", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subset", choices=sorted(SUBSETS), default="monthly")
    parser.add_argument("--limit", type=int, help="only the first N series (file order)")
    parser.add_argument(
        "--method",
        action="extend",
        nargs="+",
        dest="methods",
        help="seasonal_naive, objectif or package.module:function "
        f"(default: {' '.join(DEFAULT_METHODS)}, or none with --originals)",
    )
    parser.add_argument(
        "--originals",
        action="store_true",
        help="also score the 24 original M3 submissions (monthly only)",
    )
    parser.add_argument(
        "--paths",
        action="store_true",
        help="also check forecast_paths: PIT of the sums of a year's and of "
        "the whole horizon's periods (objectif only)",
    )
    add_common_arguments(parser)
    args = parser.parse_args(argv)
    if args.methods is None:
        args.methods = [] if args.originals else list(DEFAULT_METHODS)
    if args.originals and args.subset != "monthly":
        parser.error("--originals exists for the monthly subset only")
    if args.originals and args.validation:
        parser.error("--originals scores the test period; it cannot go with --validation")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    spec = SUBSETS[args.subset]
    load_before = os.getloadavg()[0]
    series = load_series(
        args.bench_dir, args.subset, args.limit, args.every, args.offset, args.validation
    )
    print(f"M3 {args.subset}: {len(series)} series, horizon {spec.horizon}", file=sys.stderr)
    results: dict[str, pd.DataFrame] = {}
    walls: dict[str, float] = {}
    unavailable: dict[str, str] = {}
    for method in dict.fromkeys(args.methods):
        try:
            resolve(method)  # fail fast here rather than once per series in the workers
        except Unavailable as exc:
            unavailable[method] = str(exc)
            print(f"{method}: unavailable ({exc})", file=sys.stderr)
            continue
        print(f"{method}: {args.jobs} process(es)", file=sys.stderr)
        outcomes, walls[method] = run_method(
            method, series, spec.horizon, args.jobs, args.timeout, spec.season if args.paths else 0
        )
        results[method] = score_method(series, outcomes, spec)
    originals: dict[str, pd.DataFrame] = {}
    if args.originals:
        originals = score_originals(
            series, args.bench_dir / "m3_monthly_original_forecasts.csv", spec
        )
    text = report(
        args,
        results | originals,
        walls,
        unavailable,
        len(series),
        (load_before, os.getloadavg()[0]),
    )
    print(text)
    write_outputs(args, text, results, originals)
    return 0


def write_outputs(
    args: argparse.Namespace,
    text: str,
    results: dict[str, pd.DataFrame],
    originals: dict[str, pd.DataFrame],
) -> None:
    args.out.mkdir(parents=True, exist_ok=True)
    stem = (
        f"m3_{args.subset}"
        + ("_validation" if args.validation else "")
        + (f"_every{args.every}" if args.every > 1 else "")
        + (f"_offset{args.offset}" if args.every > 1 and args.offset % args.every else "")
        + (f"_n{args.limit}" if args.limit else "")
    )
    (args.out / f"{stem}.md").write_text(text + "\n", encoding="utf-8")
    for name, table in results.items():
        table.to_csv(args.out / f"{stem}_{_slug(name)}.csv", index=False)
    if originals:
        combined = pd.concat(
            {n.removesuffix(" (original)"): t for n, t in originals.items()}, names=["method", None]
        ).reset_index(level=0)
        no_intervals = ["cover80", "cover95", "msis95", "seconds", "cpu_seconds", "failed", "error"]
        combined.drop(columns=no_intervals).to_csv(args.out / f"{stem}_originals.csv", index=False)
    print(f"written to {args.out / stem}.md and per-series CSVs", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
