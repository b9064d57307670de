"""Series -> forecast frame (mean, lo-80, hi-80, lo-95, hi-95) from a combination of models.

The series is seasonally adjusted (classical multiplicative decomposition as in the Theta
method, recent years weighing more, the seasonal indices shrunk towards 1 by their own
noise); six members forecast the adjusted series -- exponential smoothing chosen by AICc,
damped-trend smoothing, Theta, dynamic optimised Theta, a small automatic ARIMA (these five
on the log scale when the series is positive) and a scikit-learn ridge regression on lags
and calendar terms -- and their median, reseasonalised, is the forecast: combining is what
wins on M3. The members live in ``forecast_models``. Rolling-origin backtests on the series'
own history calibrate the interval widths (so that an 80 % interval holds about 80 % of what
happens), the persistence of errors along the sample paths, and report the accuracy against
seasonal naive. Intermittent demand gets Croston's method.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd
from scipy import stats

from models.core.errors import DataError
from models.forecasting.basis import HistoryBasis
from models.forecasting.bounds import NONNEGATIVE, UNBOUNDED, Bounds, clip_to
from models.forecasting.candidates import (
    fit_aggregated,
    fit_arima,
    fit_croston,
    fit_dotm,
    fit_ridge,
    fit_smoothing,
    fit_theta,
    intermittent,
    seasonal_indices,
    seasonal_naive,
)
from models.forecasting.metrics import conformal_quantile, mase_scale

SEASON_LENGTHS = {
    "MS": 12,
    "M": 12,
    "ME": 12,
    "QS": 4,
    "Q": 4,
    "QE": 4,
    "W": 52,
    "YS": 1,
    "Y": 1,
    "YE": 1,
    "D": 7,
}


@dataclass(frozen=True)
class ForecastSpec:
    """Knobs of the automatic forecaster (defaults are what the benchmark measured)."""

    n_origins: int = 4  # rolling-origin backtests used to calibrate intervals
    # an origin keeps at least this many seasons of training data (8 points at least): one,
    # so that 18 months get a backtest from the first 12 (the accuracy card's evidence)
    min_train_seasons: int = 1
    # a seasonal history of fewer than this many seasons steps its origins back half a season
    short_seasons: int = 4


MIN_PERIODS = 6  # fewer observed periods than this: no forecast (a trend is not told from noise)
# seasonal indices further than this from 1 somewhere: the forecast is called seasonal (a
# pattern of +-2 % is not one a reader would call a season)
SEASONAL_SHOWN = 0.02


def season_length(index: pd.DatetimeIndex) -> int:
    """Observations per year for a regular index (12 monthly, 4 quarterly, 52 weekly)."""
    freq = index.freqstr or getattr(index, "inferred_freq", None)  # not in pandas-stubs
    if freq is None:
        raise DataError.coded("irregular_series")
    base = freq.split("-")[0]
    return SEASON_LENGTHS.get(base, 1)


# The combination's members, all fitted to the seasonally adjusted series (on the log scale
# when it is positive), by fitter: one grid of exponential smoothing fits gives two members.
# Chosen on in-sample validation (the last 18 months of each M3 monthly training series,
# never the test period): see benchmarks/README.md.
MEMBERS: dict[tuple[str, ...], Callable[[np.ndarray, int], np.ndarray]] = {
    ("ets", "damped"): fit_smoothing,  # ETS by AICc, damped-trend ETS
    ("theta",): fit_theta,
    ("dotm",): fit_dotm,  # Theta with theta chosen per series (replaced a fixed theta = 1.5)
    ("arima",): fit_arima,
}
MEMBER_NAMES = tuple(name for names in MEMBERS for name in names)
# Each member is the mean of its fits on the series and on the means of 2 and of 3
# consecutive periods (temporal aggregation, MAPA-like; forecast_models.fit_aggregated),
# blocks no longer than a quarter of the season: monthly and weekly data are averaged up to
# a quarter; quarterly and yearly data, already sums over a quarter or more, are not (blocks
# of 2 and 3 periods did worse on M3 quarterly and yearly: benchmarks/README.md).
AGGREGATION = (1, 2, 3)
# A forecast on the log scale may not leave the observed range by more than this factor
# (e^3 = 20): a guard against an exponential trend on a short, explosive history.
LOG_GUARD = 3.0


def adjust(y: np.ndarray, m: int, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """The seasonally adjusted series and the seasonal factors of the next ``horizon``
    periods (ones when the history is too short or not positive)."""
    indices = seasonal_indices(y, m)
    n = len(y)
    if indices is None:
        return y, np.ones(horizon)
    return y / indices[np.arange(n) % m], indices[np.arange(n, n + horizon) % m]


def member_forecasts(adjusted: np.ndarray, horizon: int, period: int) -> dict[str, np.ndarray]:
    """Each member's forecast of the adjusted series.

    Positive series are modelled on the log scale: errors and trends proportional to the
    level (multiplicative ETS-like models), which suits sales and most business data and
    keeps forecasts positive; it did better on in-sample validation (benchmarks/README.md).

    Each member averages its forecasts fitted at the ``AGGREGATION`` levels that last at
    most a quarter of the ``period`` (the season length): the series and its means over 2
    and 3 periods see the trend through less noise (better on M3 monthly validation:
    benchmarks/README.md).
    """
    levels = [k for k in AGGREGATION if k == 1 or 4 * k <= period]
    log_scale = bool(np.all(adjusted > 0))
    z = np.log(adjusted) if log_scale else adjusted
    out: dict[str, np.ndarray] = {}
    for names, fitter in MEMBERS.items():
        fits = []
        for k in levels:
            f = np.atleast_2d(fit_aggregated(fitter, z, horizon, k))
            fits.append(
                np.exp(np.clip(f, z.min() - LOG_GUARD, z.max() + LOG_GUARD)) if log_scale else f
            )
        out.update(zip(names, np.mean(fits, axis=0), strict=True))
    return out


def point_forecasts(y: np.ndarray, m: int, horizon: int) -> dict[str, np.ndarray]:
    """Each member's forecast, reseasonalised, their median (``combination``), the
    scikit-learn ridge model, Croston's and seasonal naive."""
    adjusted, future = adjust(y, m, horizon)
    out = {name: f * future for name, f in member_forecasts(adjusted, horizon, m).items()}
    # The scikit-learn model works on the adjusted series' own scale (it models scaled
    # changes; on the log scale it did worse on validation).
    out["ridge"] = fit_ridge(adjusted, horizon, period=m) * future
    # The median (of six: the mean of the middle two) is robust to a member gone astray.
    out["combination"] = np.median([out[name] for name in (*MEMBER_NAMES, "ridge")], axis=0)
    out["seasonal_naive"] = seasonal_naive(y, m, horizon)
    if intermittent(y):
        out["intermittent"] = fit_croston(y, horizon)
    return out


CANDIDATES = {
    "combination": "median of ETS, damped ETS, Theta, optimised Theta, ARIMA and a ridge "
    "regression (seasonally adjusted when the data is seasonal)",
    "ridge": "ridge regression on lags and calendar terms (scikit-learn)",
    "intermittent": "Croston's method (SBA) for intermittent demand",
    "seasonal_naive": "seasonal naive (the same period last year)",
}


def backtest(
    y: np.ndarray,
    m: int,
    horizon: int,
    n_origins: int,
    sporadic: bool = False,
    spec: ForecastSpec | None = None,
) -> pd.DataFrame:
    """Rolling-origin errors of each candidate (columns named as in ``CANDIDATES``).

    Origins step back one season (or ``horizon``; half a season on histories of fewer than
    ``spec.short_seasons`` seasons) at a time from the end, keeping at least
    ``spec.min_train_seasons`` seasons (and 8 points) of training data; one row per origin
    and step ahead. Non-seasonal (yearly) series step back half the horizon: one period at a
    time, the errors never reached beyond step 4 and the intervals were far too narrow (M3
    yearly coverage 68 % / 75 % at 80 / 95 %). ``sporadic`` adds Croston's method.
    """
    spec = spec or ForecastSpec()
    minimum = max(spec.min_train_seasons * m, 8)
    # step back a season at a time; half a season when the history is short, to get errors
    season = m if m > 1 else max(1, horizon // 2)
    step = max(1, min(season, horizon) if len(y) >= spec.short_seasons * m else season // 2)
    names = ["combination", "seasonal_naive", "ridge"] + (["intermittent"] if sporadic else [])
    rows = []
    for k in range(1, n_origins + 1):
        cut = len(y) - k * step
        if cut < minimum:
            break
        ahead = min(horizon, len(y) - cut)
        forecasts = point_forecasts(y[:cut], m, ahead)
        if sporadic:
            forecasts["intermittent"] = fit_croston(y[:cut], ahead)
        actual = y[cut : cut + ahead]
        for h in range(ahead):
            rows.append(
                {
                    "origin": k,
                    "step": h + 1,
                    "cut": cut,
                    "actual": actual[h],
                    **{name: forecasts[name][h] for name in names},
                }
            )
    return pd.DataFrame(rows, columns=["origin", "step", "cut", "actual", *names])


@dataclass(frozen=True)
class FittedForecast:
    """What one fit knows: the history, the point forecast and the backtest errors."""

    values: np.ndarray
    season: int
    index: pd.DatetimeIndex
    mean: np.ndarray
    errors: pd.DataFrame
    model: str = "combination"  # the chosen candidate, a key of CANDIDATES
    bounds: Bounds = UNBOUNDED  # the range of the KPI's values: mean, bands, paths stay in it
    basis: HistoryBasis | None = None  # what the history allowed (months, seasons, backtests)

    @property
    def model_errors(self) -> np.ndarray:
        """Backtest errors of the chosen candidate."""
        return (self.errors["actual"] - self.errors[self.model]).to_numpy()

    @property
    def constant(self) -> bool:
        return bool(np.ptp(self.values) == 0)


def value_bounds(values: np.ndarray, bounds: Bounds | None) -> Bounds:
    """The bounds a fit keeps: ``bounds`` (non-negative for a non-negative history when
    None), without a side the history itself crosses (a rate above 100 % in the data is
    then not the rate the catalogue defines: the data is not contradicted)."""
    if bounds is None:
        bounds = NONNEGATIVE if np.all(values >= 0) else UNBOUNDED
    low, high = bounds
    low = None if low is not None and np.any(values < low) else low
    high = None if high is not None and np.any(values > high) else high
    return low, high


def fit_forecast(
    y: pd.Series, horizon: int, spec: ForecastSpec | None = None, bounds: Bounds | None = None
) -> FittedForecast:
    """Fit the combination on ``y`` and backtest it: the costly step, done once.

    ``bounds`` is the range of the KPI's values (``models.forecasting.bounds.kpi_bounds``:
    0-100 % for a rate, non-negative for a count); None keeps a non-negative history's
    forecast non-negative. Fewer than ``MIN_PERIODS`` observed periods raise ``DataError``.
    """
    spec = spec or ForecastSpec()
    if horizon < 1:
        raise DataError.coded("bad_horizon", horizon=horizon)
    values = _clean(y)
    dates = cast(pd.DatetimeIndex, y.index)  # a regular index: season_length checks it
    m = season_length(dates)
    bounds = value_bounds(values, bounds)
    index = pd.date_range(
        dates[-1], periods=horizon + 1, freq=dates.freq or getattr(dates, "inferred_freq", None)
    )[1:]
    if np.ptp(values) == 0:  # a constant series: nothing to learn, nothing to doubt
        errors = backtest(values, m, horizon, 0)
        return FittedForecast(
            values,
            m,
            index,
            np.full(horizon, values[-1]),
            errors,
            bounds=bounds,
            basis=history_basis(values, m, errors),
        )
    # No choice among candidates by backtest: it did worse on M3 monthly, and short
    # histories, which switched to forced seasonal indices when they had none under three
    # seasons, now get indices shrunk by their own noise from 13 months on
    # (the switch then lost at every length on M3 and M1 validation windows:
    # benchmarks/results/short_history.md). The backtests calibrate the intervals.
    sporadic = intermittent(values)
    errors = backtest(values, m, horizon, spec.n_origins, sporadic=sporadic, spec=spec)
    # Intermittent demand gets Croston's method by principle: the smoothing models' one-step
    # logic breaks down on runs of zeros, and a flat demand rate is what stock planning uses.
    model = "intermittent" if sporadic else "combination"
    mean = clip_to(point_forecasts(values, m, horizon)[model], bounds)
    return FittedForecast(
        values,
        m,
        index,
        mean,
        errors,
        model,
        bounds,
        history_basis(values, m, errors, seasonal=not sporadic),
    )


def history_basis(
    values: np.ndarray, m: int, errors: pd.DataFrame, seasonal: bool = True
) -> HistoryBasis:
    """What ``values`` allowed: periods, full seasons, whether a seasonal pattern was used
    (indices further than ``SEASONAL_SHOWN`` from 1), and the backtests behind the bands."""
    indices = seasonal_indices(values, m) if seasonal else None
    shown = indices is not None and float(np.max(np.abs(indices - 1))) > SEASONAL_SHOWN
    return HistoryBasis(
        n_periods=len(values),
        season=m,
        n_seasons=len(values) // m if m > 1 else 0,
        seasonal=shown,
        learnable=m > 1 and len(values) > m,
        n_origins=int(errors["origin"].nunique()) if len(errors) else 0,
        n_errors=len(errors),
        from_backtest=len(errors) >= MIN_ERRORS,
    )


def forecast(
    y: pd.Series, horizon: int, level: tuple[int, ...] = (80, 95), spec: ForecastSpec | None = None
) -> pd.DataFrame:
    """Forecast ``horizon`` periods of ``y`` with prediction intervals.

    Parameters
    ----------
    y
        Values on a regular ``DatetimeIndex`` (monthly, weekly, quarterly or yearly).
    horizon
        Number of future periods.
    level
        Interval coverages in percent.
    spec
        Backtest settings.

    Returns
    -------
    pandas.DataFrame
        Index continuing ``y``'s; ``mean`` and ``lo-L``/``hi-L`` per level.
        ``attrs`` holds ``model``, ``backtest_mase`` (the combination's), ``naive_mase``
        (seasonal naive's) and ``backtest_errors`` (how many errors calibrated the intervals).
    """
    return forecast_frame(fit_forecast(y, horizon, spec), level)


def forecast_frame(fitted: FittedForecast, level: tuple[int, ...] = (80, 95)) -> pd.DataFrame:
    """The forecast table of a fit: mean and intervals, within the fit's ``bounds``."""
    frame = pd.DataFrame({"mean": fitted.mean}, index=fitted.index)
    for lv in level:
        half = 0.0 if fitted.constant else half_widths(fitted, lv)
        frame[f"lo-{lv}"] = fitted.mean - half
        frame[f"hi-{lv}"] = fitted.mean + half
    frame = clip_to(frame, fitted.bounds)
    errors = fitted.errors
    scale = mase_scale(fitted.values, fitted.season)  # the benchmark's MASE: users see the same
    frame.attrs.update(
        model="constant" if fitted.constant else CANDIDATES[fitted.model],
        backtest_mase=float(np.mean(np.abs(fitted.model_errors)) / scale)
        if len(errors)
        else np.nan,
        naive_mase=float(np.mean(np.abs(errors["actual"] - errors["seasonal_naive"])) / scale)
        if len(errors)
        else np.nan,
        backtest_errors=len(errors),
    )
    return frame


def forecast_paths(fitted: FittedForecast, n_paths: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Sample futures of a fit, one column per path, for probabilities of reaching targets.

    The error at step h is ``sigma * sqrt(h) * (rho * z0 + sqrt(1 - rho^2) * z_h)``: its
    spread at each step is the 80 % interval's (the same calibration as the intervals),
    and ``rho``, how much of it persists along a path (a common shock ``z0``), comes from
    the backtests (``error_persistence``). A pure random walk (the previous version) made
    sums of 12 months far too uncertain (actual yearly sums of an M3 sample fell far too
    rarely in the lowest decile of the simulated ones).
    """
    rng = np.random.default_rng(seed)
    if fitted.constant:
        return pd.DataFrame(np.repeat(fitted.mean[:, None], n_paths, axis=1), index=fitted.index)
    horizon = len(fitted.mean)
    sigma = half_widths(fitted, 80)[0] / stats.norm.ppf(0.9)
    rho = error_persistence(fitted)
    common = rng.normal(size=(1, n_paths))
    own = rng.normal(size=(horizon, n_paths))
    shocks = rho * common + np.sqrt(1 - rho**2) * own
    paths = fitted.mean[:, None] + sigma * np.sqrt(np.arange(1, horizon + 1))[:, None] * shocks
    paths = clip_to(paths, fitted.bounds)
    return pd.DataFrame(paths, index=fitted.index)


DEFAULT_PERSISTENCE = 0.5  # with fewer than two backtest origins: half-way between extremes


def error_persistence(fitted: FittedForecast) -> float:
    """Correlation of one path's errors across steps, estimated from the backtests.

    With scores ``u = error / sqrt(step)`` of variance ``s^2`` and a share ``rho^2`` of it
    common to all steps of an origin, the mean score of an origin with H steps has variance
    ``s^2 * (rho^2 + (1 - rho^2) / H)``: solved for ``rho^2`` by the method of moments.
    """
    errors = fitted.errors
    if errors.empty or errors["origin"].nunique() < 2:
        return DEFAULT_PERSISTENCE
    scores = pd.Series(fitted.model_errors / np.sqrt(errors["step"].to_numpy()))
    total = float(np.mean(scores**2))
    by_origin = scores.groupby(errors["origin"].to_numpy())
    steps = float(by_origin.size().mean())
    between = float(np.mean(by_origin.mean() ** 2))
    if total == 0 or steps <= 1:
        return DEFAULT_PERSISTENCE
    share = (between - total / steps) / (total * (1 - 1 / steps))
    return float(np.sqrt(np.clip(share, 0.0, 1.0)))


def reach_probability(
    paths: pd.DataFrame, targets: pd.Series, higher_is_better: bool = True, cumulative: bool = False
) -> pd.Series:
    """Probability, per future period, that the outcome meets its target.

    With ``cumulative`` the running sums are compared (revenue to date against the sum of
    the monthly targets to date: the chance of reaching the year's objective).
    """
    targets = targets.reindex(paths.index)
    values = paths.cumsum() if cumulative else paths
    goal = targets.cumsum() if cumulative else targets
    hits = values.ge(goal, axis=0) if higher_is_better else values.le(goal, axis=0)
    return hits.mean(axis=1).where(goal.notna())


def _clean(y: pd.Series) -> np.ndarray:
    if not isinstance(y.index, pd.DatetimeIndex):
        raise DataError.coded("not_dated_series")
    values = pd.to_numeric(y, errors="coerce").astype(float)
    season_length(y.index)  # an irregular index is said before a short one
    found = int(values.notna().sum())
    if found < MIN_PERIODS:
        raise DataError.coded("history_too_short", found=found, periods=MIN_PERIODS)
    return values.interpolate(limit_direction="both").to_numpy()


MIN_ERRORS = 3  # fewer backtest errors than this: use the seasonal naive interval
MIN_CONFORMAL_ORIGINS = 3  # fewer backtest origins than this: a Student's t band, not conformal


def half_widths(fitted: FittedForecast, level: float) -> np.ndarray:
    """Half-width of the ``level`` % interval at each step ahead (normalised split conformal).

    Backtest errors are divided by the square root of their step (the error of a level that
    persists grows like a random walk), pooled across steps and origins; their finite-sample
    conformal quantile times sqrt(h) is the half-width at step h. On an M3 sample this
    covered close to the nominal level where quantiles per step covered too much
    (docs/forecasting.md).

    With errors from fewer than ``MIN_CONFORMAL_ORIGINS`` origins (a history under 30
    months: one origin at 18, two at 24) the conformal quantile rests on one or two shared
    level errors and, at 95 %, on the largest of fewer than 19 scores: the half-width is
    then Student's t (n - 1 degrees of freedom) times the RMS of the same scaled errors.
    With fewer than ``MIN_ERRORS`` errors the seasonal naive interval stands in: in-sample
    RMS of the seasonal differences times the square root of the seasons ahead. (Chosen on
    validation windows of M3 and M1 cut to 18-36 months: benchmarks/results/short_history.md.)
    """
    y, m, errors = fitted.values, fitted.season, fitted.errors
    steps_ahead = np.arange(1, len(fitted.mean) + 1)
    if len(errors) >= MIN_ERRORS:
        scores = fitted.model_errors / np.sqrt(errors["step"].to_numpy())
        if errors["origin"].nunique() >= MIN_CONFORMAL_ORIGINS:
            return conformal_quantile(np.abs(scores), level) * np.sqrt(steps_ahead)
        t = stats.t.ppf(0.5 + level / 200, len(scores) - 1)
        return t * np.sqrt(np.mean(scores**2)) * np.sqrt(steps_ahead)
    z = stats.norm.ppf(0.5 + level / 200)
    lag = m if m > 1 and len(y) > m else 1
    rms = np.sqrt(np.mean((y[lag:] - y[:-lag]) ** 2)) if len(y) > lag else np.abs(y).mean()
    seasons = np.ceil(steps_ahead / lag) if lag > 1 else steps_ahead
    return z * rms * np.sqrt(seasons)
