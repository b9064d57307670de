"""The members of the forecast combination, each ``fit_x(y, horizon) -> forecast``.

Every model here works on a non-seasonal (already seasonally adjusted) 1-D array and returns
``horizon`` point forecasts. They are written with NumPy rather than fitted through
statsmodels' general state-space machinery: the benchmark fits each one about five times
per series (the backtests), and statsmodels' automatic ETS and ARIMA cost 0.03-0.15 s per
fit where these cost a millisecond or two, for the same accuracy on M3 (see
benchmarks/README.md).

* ``fit_ets`` -- additive exponential smoothing, level / Holt / damped trend, by AICc;
  smoothing parameters on a grid, initial states by least squares (exact for a linear
  model given the parameters); ``fit_damped`` -- the damped trend alone; ``fit_smoothing``
  -- both from one grid;
* ``fit_theta`` -- the standard Theta method (Assimakopoulos & Nikolopoulos, 2000, in the
  SES-with-drift form of Hyndman & Billah, 2003);
* ``fit_dotm`` -- the Dynamic Optimised Theta Method (Fiorucci et al., 2016): theta
  chosen per series, the trend line updated as the data come;
* ``fit_arima`` -- ARIMA(p, d, q), p, q <= 2, d from a KPSS test, by Hannan-Rissanen
  regressions and AICc;
* ``fit_aggregated`` -- any of these fitted on the means of k consecutive periods
  (temporal aggregation), interpolated back to single periods;
* ``fit_ridge`` -- a scikit-learn ridge regression on lags and calendar (Fourier) terms
  of the scaled series, trained on the series itself and forecast recursively;
* ``fit_croston`` -- Croston's method with the Syntetos-Boylan correction, for
  intermittent demand.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from statsmodels.tsa.stattools import kpss

# Smoothing-parameter grids. alpha is denser near 0 and 1, where the SSE changes fastest;
# phi spans the usual damped range [0.8, 0.98] (Hyndman et al., 2008); beta is a share of alpha.
ALPHAS = np.array(
    [
        0.005,
        0.02,
        0.05,
        0.08,
        0.11,
        0.15,
        0.2,
        0.25,
        0.3,
        0.35,
        0.4,
        0.45,
        0.5,
        0.55,
        0.6,
        0.65,
        0.7,
        0.75,
        0.8,
        0.85,
        0.9,
        0.95,
        0.99,
    ]
)
BETA_SHARES = np.array([0.005, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75])
PHIS = np.array([0.8, 0.85, 0.9, 0.94, 0.98])
# Weight of a year's seasonal ratios relative to the next year's (seasonal_indices): an
# exponentially weighted mean over years, Holt-Winters' seasonal smoothing with gamma = 0.2
# per year. Chosen on in-sample validation (m3.py --validation, test period unseen) among
# 0.5-0.9 and equal weights: benchmarks/README.md.
SEASONAL_DISCOUNT = 0.8


def seasonal_indices(y: np.ndarray, m: int) -> np.ndarray | None:
    """Multiplicative seasonal indices of length m, or None when they cannot be estimated.

    Classical decomposition: the ratios of the series to its centred moving average are
    averaged by position in the season. Each average is noisy (a handful of years), so the
    indices are shrunk towards 1 by the James-Stein factor ``1 - noise / spread`` (positive
    part): ``spread`` is the mean squared deviation of the indices from 1, ``noise`` the
    mean sampling variance of an index (pooled variance of the ratios around their
    position's mean over the number of years). A series with no seasonality gets indices of
    about 1, a strong clear pattern is kept almost whole. The years are averaged with
    weights decaying by ``SEASONAL_DISCOUNT`` per year back (seasonality evolves, as in
    Holt-Winters' seasonal smoothing or X-11's moving seasonal filters); the noise is then
    that of a weighted mean. The series is extended by half a season (the same months a
    year before, times the last year's growth) so that the moving average, hence the
    ratios, reach the last observation. This replaced the all-or-nothing 90 %
    autocorrelation test of the M competitions, better on M3 monthly validation windows
    (``m3.py --validation``); the figures are in benchmarks/README.md.

    Under three seasons (from ``m + 1`` points) the series is also extended half a season
    before its start (the same months a year later, over a year's growth), so that every
    point gets a ratio and the months seen twice measure the noise: the shrinkage then
    decides from the series' own history whether one or two seasons show a pattern (on
    validation windows of M3 and M1 cut to 18-36 months, better at every length than no
    indices, or than unshrunk ones from two seasons: benchmarks/results/short_history.md).
    """
    n = len(y)
    if m < 2 or n <= m or np.any(y <= 0):
        return None
    half = m // 2
    # The centred moving average needs half a season beyond the last point: extend the series
    # by that much (as X-12-ARIMA extends it by forecasts before filtering), with the same
    # months a year earlier times the growth of the last year over the one before, so that
    # the latest half season gets ratios too.
    if n >= 3 * m:
        growth = y[-m:].mean() / y[-2 * m : -m].mean()
        before = y[:0]
    else:  # a short history: a year's growth from its first and last seasons, both ends
        # (none under a season and a half: from seasons a month or two apart it is noise,
        # and it would take the only months seen twice to explain their difference)
        growth = (y[-m:].mean() / y[:m].mean()) ** (m / (n - m)) if n >= m + half else 1.0
        before = y[m - half : m] / growth
    extended = np.r_[before, y, y[n - m : n - m + half] * growth]
    trend = pd.Series(extended).rolling(m, center=True).mean()
    if m % 2 == 0:  # centred 2xm moving average for an even period
        trend = trend.rolling(2).mean().shift(-1)
    ratios = y / trend.to_numpy()[len(before) : len(before) + n]
    by_position = [r[~np.isnan(r)] for r in (ratios[i::m] for i in range(m))]
    # each year's ratio weighs SEASONAL_DISCOUNT times the next year's: the latest last
    weights = [SEASONAL_DISCOUNT ** np.arange(len(r))[::-1] for r in by_position]
    indices = np.array(
        [np.average(r, weights=w) for r, w in zip(by_position, weights, strict=True)]
    )
    indices = indices / indices.mean()
    n_ratios = sum(len(r) for r in by_position)
    spread = float(np.mean((indices - 1) ** 2))
    if n_ratios > m and spread > 0:
        pooled = sum(float(np.sum((r - r.mean()) ** 2)) for r in by_position) / (n_ratios - m)
        # sampling variance of a weighted mean: pooled * sum(w^2) / sum(w)^2
        noise = float(np.mean([pooled * np.sum(w**2) / np.sum(w) ** 2 for w in weights]))
        indices = 1 + max(0.0, 1 - noise / spread) * (indices - 1)
    return indices / indices.mean()


def seasonal_naive(y: np.ndarray, m: int, horizon: int) -> np.ndarray:
    """The last season repeated (the last value when the series is shorter than a season)."""
    if m < 2 or len(y) < m:
        return np.full(horizon, y[-1], dtype=float)
    last = y[-m:]
    return np.array([last[i % m] for i in range(horizon)], dtype=float)


# --------------------------------------------------------------------------- ETS


def _aicc(sse: np.ndarray, n: int, k: int) -> np.ndarray:
    """AICc of a Gaussian model with ``k`` estimated values (sigma included)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        aic = n * np.log(np.maximum(sse, 1e-300) / n) + 2 * k
        return aic + (2 * k * (k + 1) / (n - k - 1) if n - k - 1 > 0 else np.inf)


def _smooth(
    y: np.ndarray, alpha: np.ndarray, beta: np.ndarray, phi: np.ndarray, trend: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """SSE, final level and final slope of additive ETS for a vector of parameter sets.

    For a linear innovations model with given parameters the one-step errors are linear
    in the initial states, so we run the recursion three times side by side -- on the data
    from a zero state, and on zeros from each unit initial state -- and solve the 2x2
    least-squares problem for the initial states of every parameter set at once.
    """
    g = alpha.size
    n_states = 2 if trend else 1
    runs = n_states + 1
    level = np.zeros((runs, g))
    slope = np.zeros((runs, g))
    level[1] = 1.0
    if trend:
        slope[2] = 1.0
    errors = np.empty((len(y), runs, g))
    damped_beta = alpha * beta
    fitted, step = np.empty((runs, g)), np.empty((runs, g))
    for t, value in enumerate(y):  # in place: this loop is most of the forecaster's time
        e = errors[t]
        if trend:
            slope *= phi  # the slope's part of the forecast, then its update below
            np.add(level, slope, out=fitted)
        else:
            fitted[...] = level
        np.negative(fitted, out=e)
        e[0] += value  # the data run; the unit-state runs see zeros
        np.multiply(alpha, e, out=step)
        np.add(fitted, step, out=level)
        if trend:
            np.multiply(damped_beta, e, out=step)
            slope += step
    cross = np.einsum("tjg,tkg->gjk", errors, errors)  # (g, runs, runs)
    gram, rhs = cross[:, 1:, 1:], cross[:, 1:, 0]
    gram = gram + 1e-10 * np.eye(n_states) * np.trace(gram, axis1=1, axis2=2)[:, None, None]
    x0 = -np.linalg.solve(gram, rhs[..., None])[..., 0]  # (g, n_states)
    sse = cross[:, 0, 0] + np.einsum("gk,gk->g", x0, rhs)
    final_level = level[0] + np.einsum("gk,kg->g", x0, level[1:])
    final_slope = slope[0] + np.einsum("gk,kg->g", x0, slope[1:]) if trend else np.zeros(g)
    return np.maximum(sse, 0.0), final_level, final_slope


def ses(y: np.ndarray) -> tuple[float, float, float]:
    """Simple exponential smoothing: (alpha, final level, SSE) minimising the SSE."""
    zeros = np.zeros_like(ALPHAS)
    sse, level, _ = _smooth(y, ALPHAS, zeros, zeros, trend=False)
    best = int(np.argmin(sse))
    return float(ALPHAS[best]), float(level[best]), float(sse[best])


def _trended(y: np.ndarray, phis: np.ndarray) -> tuple[np.ndarray, ...]:
    """Grid of trended ETS fits: (phi, SSE, final level, final slope) per parameter set."""
    a, b, p = (v.ravel() for v in np.meshgrid(ALPHAS, BETA_SHARES, phis, indexing="ij"))
    return (p, *_smooth(y, a, b, p, trend=True))


def _trend_path(level: float, slope: float, phi: float, horizon: int) -> np.ndarray:
    """level + (phi + phi^2 + ... + phi^h) * slope: linear when phi = 1."""
    return level + np.cumsum(phi ** np.arange(1, horizon + 1)) * slope


def fit_smoothing(y: np.ndarray, horizon: int) -> np.ndarray:
    """Two rows from one grid of trended fits: ETS by AICc (``fit_ets``) and the damped
    trend by least squares (``fit_damped``); the combination needs both, and the grid is
    the costly part."""
    n = len(y)
    _, level, sse = ses(y)
    if n < 6:
        return np.vstack([np.full(horizon, level), np.full(horizon, y[-1], dtype=float)])
    best_aicc, best = _aicc(np.array(sse), n, 3), np.full(horizon, level)
    p, sse_t, level_t, slope_t = _trended(y, np.append(PHIS, 1.0))
    holt = p == 1.0
    for mask, k in ((holt, 5), (~holt, 6)):  # alpha, beta, (phi), l0, b0, sigma
        aicc = _aicc(sse_t[mask], n, k)
        i = int(np.argmin(aicc))
        if aicc[i] < best_aicc:
            best_aicc = aicc[i]
            best = _trend_path(level_t[mask][i], slope_t[mask][i], p[mask][i], horizon)
    i = int(np.argmin(sse_t[~holt]))
    damped = _trend_path(level_t[~holt][i], slope_t[~holt][i], p[~holt][i], horizon)
    return np.vstack([best, damped])


def fit_ets(y: np.ndarray, horizon: int) -> np.ndarray:
    """Additive-error ETS with no, linear or damped trend, chosen by AICc."""
    return fit_smoothing(y, horizon)[0]


def fit_damped(y: np.ndarray, horizon: int) -> np.ndarray:
    """Damped-trend ETS, least squares (Gardner & McKenzie's robust default)."""
    return fit_smoothing(y, horizon)[1]


# --------------------------------------------------------------------------- Theta


def fit_theta(y: np.ndarray, horizon: int, theta: float = 2.0) -> np.ndarray:
    """The Theta method: SES plus half the slope of the linear trend (theta = 2).

    In Hyndman & Billah's form the forecast is the SES forecast plus
    ``b/2 * (h - 1 + 1/alpha - (1 - alpha)^n / alpha)`` where ``b`` is the least-squares slope.
    """
    n = len(y)
    if n < 4:
        return np.full(horizon, y[-1], dtype=float)
    alpha, level, _ = ses(y)
    slope = np.polyfit(np.arange(n), y, 1)[0]
    steps = np.arange(1, horizon + 1)
    return level + (1 - 1 / theta) * slope * (steps - 1 + 1 / alpha - (1 - alpha) ** n / alpha)


THETAS = np.array([1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0])


def fit_dotm(y: np.ndarray, horizon: int) -> np.ndarray:
    """The Dynamic Optimised Theta Method (Fiorucci, Pellegrini, Louzada, Petropoulos &
    Koehler, 2016), by least squares on a grid of alpha and theta.

    The one-step forecast is ``l[t-1] + (1 - 1/theta) * ((1 - alpha)^(t-1) * A[t-1] +
    (1 - (1 - alpha)^t) / alpha * B[t-1])``, where ``l`` is simple exponential smoothing
    and ``A``, ``B`` are the intercept and slope of the least-squares line through the data
    so far (updated each period: the dynamic part); theta, how much of the slope is kept,
    is chosen per series instead of fixed at 2. The initial level is solved exactly (the
    errors are linear in it).
    """
    n = len(y)
    if n < 6:
        return np.full(horizon, y[-1], dtype=float)
    t = np.arange(1, n + 1, dtype=float)
    mean_y, mean_t = np.cumsum(y) / t, (t + 1) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = (np.cumsum(t * y) - t * mean_t * mean_y) / (np.cumsum(t * t) - t * mean_t**2)
    slope[0] = 0.0  # one point has no slope
    intercept = mean_y - mean_t * slope
    before_a, before_b = np.r_[y[0], intercept[:-1]], np.r_[0.0, slope[:-1]]  # A, B at t-1
    alpha, weight = ALPHAS[:, None, None], (1 - 1 / THETAS)[None, :, None]
    level = np.zeros((len(ALPHAS), n + 1))  # SES from a zero level; l0 enters as (1-a)^t l0
    for i, value in enumerate(y):
        level[:, i + 1] = ALPHAS * value + (1 - ALPHAS) * level[:, i]
    decay = (1 - alpha) ** (t - 1)
    fitted = level[:, None, :-1] + weight * (
        decay * before_a + (1 - (1 - alpha) ** t) / alpha * before_b
    )
    residual = y - fitted
    decay = np.broadcast_to(decay, residual.shape)
    level0 = np.sum(residual * decay, axis=2) / np.sum(decay**2, axis=2)
    sse = np.sum((residual - level0[..., None] * decay) ** 2, axis=2)
    i, j = (int(k) for k in np.unravel_index(np.argmin(sse), sse.shape))
    a, w = ALPHAS[i], 1 - 1 / THETAS[j]
    last = level[i, -1] + (1 - a) ** n * level0[i, j]
    steps = np.arange(1, horizon + 1)
    return last + w * (
        (1 - a) ** n * intercept[-1] + (steps - 1 + (1 - (1 - a) ** (n + 1)) / a) * slope[-1]
    )


# --------------------------------------------------------------------------- ARIMA

ARIMA_ORDERS = ((0, 0), (1, 0), (0, 1), (1, 1), (2, 0), (0, 2), (2, 2))


def differences(y: np.ndarray) -> int:
    """1 when a KPSS test rejects level stationarity at 5 %, else 0."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # p-value beyond the look-up table
            _, p_value, *_ = kpss(y, regression="c", nlags="auto")
    except (ValueError, OverflowError):
        return 1
    return int(p_value < 0.05)


def _lags(x: np.ndarray, k: int, start: int) -> np.ndarray:
    """Columns x[t-1], ..., x[t-k] for t = start, ..., len(x) - 1."""
    return (
        np.column_stack([x[start - j : len(x) - j] for j in range(1, k + 1)])
        if k
        else np.empty((len(x) - start, 0))
    )


def _stable(coefs: np.ndarray) -> bool:
    """Roots of 1 - c1 z - c2 z^2 ... outside the unit circle (stationary / invertible)."""
    if coefs.size == 0:
        return True
    roots = np.roots(np.r_[-coefs[::-1], 1.0])
    return bool(np.all(np.abs(roots) > 1.0 + 1e-3))


def fit_arima(y: np.ndarray, horizon: int, drift_choice: bool = False) -> np.ndarray:
    """A small automatic ARIMA estimated by Hannan-Rissanen regressions.

    ``d`` comes from a KPSS test; the differenced series is centred on its mean (a drift
    when d = 1); a long autoregression estimates the innovations, then each (p, q) is a
    least-squares regression on p lags of the series and q lagged innovations. The lowest
    AICc among the stationary and invertible candidates wins.
    """
    n = len(y)
    if n < 8:
        return np.full(horizon, y[-1], dtype=float)
    d = differences(y)
    w = np.diff(y) if d else y.astype(float)
    mu = w.mean()
    wc = w - mu
    long_order = int(min(max(4, np.log(len(wc)) ** 2 // 2), len(wc) // 4))
    innovations = np.zeros_like(wc)
    if long_order >= 1:
        design = _lags(wc, long_order, long_order)
        coef, *_ = np.linalg.lstsq(design, wc[long_order:], rcond=None)
        innovations[long_order:] = wc[long_order:] - design @ coef
    best_aicc, best = np.inf, (np.zeros(0), np.zeros(0), innovations, mu)
    start = long_order + 2  # one sample for every order, so that AICc values compare
    centres = (mu, 0.0) if d and drift_choice else (mu,)
    for (p, q), centre in itertools.product(ARIMA_ORDERS, centres):
        wc = w - centre
        target = wc[start:]
        if len(target) < p + q + 4:
            continue
        design = np.column_stack([_lags(wc, p, start), _lags(innovations, q, start)])
        coef = np.linalg.lstsq(design, target, rcond=None)[0] if design.shape[1] else np.zeros(0)
        ar, ma = coef[:p], coef[p:]
        if not (_stable(ar) and _stable(-ma)):
            continue
        residuals = target - design @ coef if design.shape[1] else target
        k = p + q + 1 + (centre != 0.0)
        aicc = float(_aicc(np.array(residuals @ residuals), len(target), k))
        if aicc < best_aicc:
            full_res = innovations.copy()
            full_res[start:] = residuals
            best_aicc, best = aicc, (ar, ma, full_res, centre)
    ar, ma, res, mu = best
    wc = w - mu
    history, errors = list(wc), list(res)
    future = []
    for _ in range(horizon):
        value = sum(c * history[-1 - j] for j, c in enumerate(ar)) + sum(
            c * errors[-1 - j] for j, c in enumerate(ma)
        )
        history.append(value)
        errors.append(0.0)
        future.append(value)
    path = np.asarray(future) + mu
    return y[-1] + np.cumsum(path) if d else path


# --------------------------------------------------------------------------- aggregation

MIN_BLOCKS = 8  # fewer aggregated points than this: the member is fitted on the series itself


def fit_aggregated(
    fitter: Callable[[np.ndarray, int], np.ndarray], y: np.ndarray, horizon: int, k: int
) -> np.ndarray:
    """``fitter`` on the means of ``k`` consecutive periods, back on single periods.

    Temporal aggregation (as in MAPA, Kourentzes, Petropoulos & Trapero, 2014): blocks of
    ``k`` periods, aligned on the last observation, average out noise so that level and
    trend are estimated differently than on the series itself. The block forecasts are
    placed at the blocks' centres and interpolated linearly from the last observed block,
    one value per period. A fitter that returns several rows (``fit_smoothing``) gets
    each row interpolated.
    """
    n_blocks = len(y) // k
    if k == 1 or n_blocks < MIN_BLOCKS:
        return fitter(y, horizon)
    blocks = y[len(y) - n_blocks * k :].reshape(n_blocks, k).mean(axis=1)
    ahead = -(-horizon // k) + 1  # enough blocks to interpolate the last period
    last_centre = len(y) - 1 - (k - 1) / 2
    centres = last_centre + k * np.arange(ahead + 1)
    forecast = fitter(blocks, ahead)
    values = np.concatenate([np.full((*forecast.shape[:-1], 1), blocks[-1]), forecast], axis=-1)
    periods = np.arange(len(y), len(y) + horizon)
    return np.apply_along_axis(lambda row: np.interp(periods, centres, row), -1, values)


# --------------------------------------------------------------------------- ridge


def fit_ridge(
    y: np.ndarray, horizon: int, period: int = 12, n_lags: int = 3, alpha: float = 1.0
) -> np.ndarray:
    """Ridge regression on lagged changes and calendar terms, forecast recursively.

    The target is the period-on-period change of the series scaled by its mean absolute
    level (so one penalty suits every scale); features are the last ``n_lags`` changes and
    a sine/cosine pair of the position in the year (``period``): a local model, trained on
    the series itself. The unpenalised intercept is the drift.
    """
    n = len(y)
    if n < n_lags + 6:
        return np.full(horizon, y[-1], dtype=float)
    scale = float(np.mean(np.abs(y))) or 1.0
    change = np.diff(y) / scale
    positions = np.arange(1, n + horizon)  # position of each change in the year
    angle = 2 * np.pi * positions / max(period, 1)
    calendar = (
        np.column_stack([np.sin(angle), np.cos(angle)])
        if period > 1
        else np.empty((len(positions), 0))
    )
    design = np.column_stack([_lags(change, n_lags, n_lags), calendar[n_lags : len(change)]])
    model = Ridge(alpha=alpha).fit(design, change[n_lags:])
    coef, intercept = model.coef_, float(model.intercept_)
    history = list(change)
    for t in range(len(change), len(change) + horizon):
        lags = history[-1 : -n_lags - 1 : -1]
        history.append(intercept + float(np.dot(coef, np.r_[lags, calendar[t]])))
    return y[-1] + scale * np.cumsum(history[len(change) :])


# --------------------------------------------------------------------------- intermittent


def intermittent(y: np.ndarray) -> bool:
    """Non-negative demand with zeros in at least a third of the periods."""
    return bool(np.all(y >= 0) and np.mean(y == 0) >= 1 / 3 and np.any(y > 0))


def fit_croston(y: np.ndarray, horizon: int, alpha: float = 0.1) -> np.ndarray:
    """Croston's method with the Syntetos-Boylan bias correction: a flat demand rate."""
    if not np.any(y > 0):
        return np.zeros(horizon)
    sizes, gaps, gap = [], [], 1
    for value in y:
        if value > 0:
            sizes.append(value)
            gaps.append(gap)
            gap = 1
        else:
            gap += 1
    size, interval = float(sizes[0]), float(gaps[0])
    for s, g in zip(sizes[1:], gaps[1:], strict=True):
        size += alpha * (s - size)
        interval += alpha * (g - interval)
    return np.full(horizon, (1 - alpha / 2) * size / interval)
