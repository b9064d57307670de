"""Forecast accuracy metrics: sMAPE, MASE, interval coverage and the interval (Winkler) score.

The definitions are the ones of the M3 benchmark in ``../shared/bench/README.md`` so that the
numbers the app shows users and the numbers of ``benchmarks/m3.py`` are the same thing.

Conventions shared by every function:

* the horizon is the **last** axis: 1-D inputs give a float, 2-D inputs
  (series x horizon) give one value per row;
* a NaN anywhere in a row makes that row's result NaN (nothing is silently skipped);
* an empty horizon gives NaN (the metric is undefined), shapes that do not match raise
  ``ValueError``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["coverage", "interval_score", "mase", "mase_scale", "msis", "smape"]


def _arrays(*values: ArrayLike) -> list[np.ndarray]:
    """Float arrays of one common shape (scalars broadcast), or ValueError."""
    arrays = [np.asarray(v, dtype=float) for v in values]
    shapes = {a.shape for a in arrays if a.ndim}
    if len(shapes) > 1:
        raise ValueError(f"shapes do not match: {[a.shape for a in arrays]}")
    shape = shapes.pop() if shapes else ()
    return [np.broadcast_to(a, shape) for a in arrays]


def _mean_last_axis(values: np.ndarray) -> float | np.ndarray:
    """Mean over the horizon; NaN (without a warning) for an empty horizon."""
    if values.ndim == 0:
        return float(values)
    if values.shape[-1] == 0:
        out = np.full(values.shape[:-1], np.nan)
    else:
        out = values.mean(axis=-1)
    return float(out) if np.ndim(out) == 0 else out


def smape(y: ArrayLike, f: ArrayLike) -> float | np.ndarray:
    """Symmetric mean absolute percentage error, M3 definition (0 to 200).

    Parameters
    ----------
    y
        Actual values, horizon on the last axis.
    f
        Point forecasts, same shape as ``y``.

    Returns
    -------
    float or numpy.ndarray
        ``mean(200 * |y - f| / (|y| + |f|))`` over the horizon. A point where both the
        actual and the forecast are 0 counts as a perfect forecast (0), not as 0/0.

    Examples
    --------
    >>> smape([100, 200], [110, 180])
    10.025...
    """
    y, f = _arrays(y, f)
    denominator = np.abs(y) + np.abs(f)
    error = np.abs(y - f)
    # 0/0 only when y == f == 0: a perfect forecast, so 0 rather than NaN.
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(denominator == 0, 0.0, 200.0 * error / denominator)
    return _mean_last_axis(terms)


def mase_scale(insample: ArrayLike, season: int = 12) -> float:
    """In-sample MAE of the seasonal naive forecast: the MASE denominator.

    Parameters
    ----------
    insample
        The history the forecast was fitted on (1-D).
    season
        Seasonal lag (12 monthly, 4 quarterly, 1 for non-seasonal data).

    Returns
    -------
    float
        ``mean(|y[t] - y[t - season]|)``; the lag falls back to 1 when the history has no
        more than ``season`` points. NaN when the history is too short for lag 1 or
        when the scale is 0 (a constant history: no meaningful unit).
    """
    x = np.asarray(insample, dtype=float)
    if x.ndim != 1:
        raise ValueError("insample must be one-dimensional")
    if season < 1:
        raise ValueError("season must be at least 1")
    lag = season if len(x) > season else 1
    if len(x) <= lag:
        return float("nan")
    scale = float(np.mean(np.abs(x[lag:] - x[:-lag])))
    return scale if scale > 0 else float("nan")


def mase(y: ArrayLike, f: ArrayLike, insample: ArrayLike, season: int = 12) -> float | np.ndarray:
    """Mean absolute scaled error (Hyndman & Koehler, 2006).

    Parameters
    ----------
    y
        Actual values over the horizon (1-D, or 2-D rows that share ``insample``).
    f
        Point forecasts, same shape as ``y``.
    insample
        The history the forecast was fitted on (1-D).
    season
        Seasonal lag of the naive scale (12 monthly, 4 quarterly, 1 yearly).

    Returns
    -------
    float or numpy.ndarray
        MAE over the horizon divided by :func:`mase_scale`. Below 1 means better than the
        in-sample seasonal naive; NaN when the scale is 0 or undefined.

    Examples
    --------
    >>> mase([13, 14], [12, 12], insample=[1, 2, 3, 4, 5], season=1)
    1.5
    """
    y, f = _arrays(y, f)
    return _mean_last_axis(np.abs(y - f)) / mase_scale(insample, season)


def coverage(y: ArrayLike, lo: ArrayLike, hi: ArrayLike) -> float | np.ndarray:
    """Share of actual values inside the prediction interval ``[lo, hi]`` (bounds included).

    Parameters
    ----------
    y
        Actual values, horizon on the last axis.
    lo, hi
        Interval bounds, same shape as ``y``.

    Returns
    -------
    float or numpy.ndarray
        A share between 0 and 1: an 80 % interval should give about 0.8.

    Examples
    --------
    >>> coverage([1, 5, 9], [0, 0, 0], [5, 5, 5])
    0.666...
    """
    y, lo, hi = _arrays(y, lo, hi)
    inside = ((y >= lo) & (y <= hi)).astype(float)
    inside[np.isnan(y) | np.isnan(lo) | np.isnan(hi)] = np.nan
    return _mean_last_axis(inside)


def interval_score(y: ArrayLike, lo: ArrayLike, hi: ArrayLike, level: float) -> float | np.ndarray:
    """Interval (Winkler) score of a central prediction interval: lower is better.

    Parameters
    ----------
    y
        Actual values, horizon on the last axis.
    lo, hi
        Bounds of the ``level`` % interval, same shape as ``y``.
    level
        Nominal coverage in percent (e.g. 95).

    Returns
    -------
    float or numpy.ndarray
        Mean over the horizon of ``(hi - lo) + 2/a * (lo - y)·[y < lo] + 2/a * (y - hi)·[y > hi]``
        with ``a = 1 - level/100`` (Gneiting & Raftery, 2007): the width, plus a penalty for
        each miss. It rewards narrow intervals only when they still hold the actuals, so it
        tells apart "well calibrated" from "uselessly wide". In the units of ``y``.

    Examples
    --------
    >>> interval_score([5, 12], [0, 0], [10, 10], level=80)
    20.0
    """
    if not 0 < level < 100:
        raise ValueError("level must be a percentage strictly between 0 and 100")
    y, lo, hi = _arrays(y, lo, hi)
    alpha = 1 - level / 100
    penalty = (2 / alpha) * (np.maximum(lo - y, 0) + np.maximum(y - hi, 0))
    return _mean_last_axis(hi - lo + penalty)


def msis(
    y: ArrayLike,
    lo: ArrayLike,
    hi: ArrayLike,
    insample: ArrayLike,
    level: float = 95,
    season: int = 12,
) -> float | np.ndarray:
    """Mean scaled interval score (M4 competition): :func:`interval_score` / :func:`mase_scale`.

    Scale-free, so it can be averaged over series of different units, like MASE.
    """
    return interval_score(y, lo, hi, level) / mase_scale(insample, season)


def conformal_quantile(scores: ArrayLike, level: float) -> float:
    """The finite-sample split-conformal quantile of ``scores`` at ``level`` percent.

    The ``ceil((n + 1) * level) / n`` empirical quantile, taken at an observed score
    (``method="higher"``): at least ``level`` % of new scores fall at or below it.
    """
    values = np.asarray(scores, dtype=float)
    q = min(1.0, level / 100 * (len(values) + 1) / len(values))
    return float(np.quantile(values, q, method="higher"))
