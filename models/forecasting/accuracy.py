"""How good a forecast was on its own series, in words a leader reads: backtest summary.

The forecast is re-made from earlier points of the history as if the rest were unknown
(the backtests of :func:`models.forecasting.engine.fit_forecast`). Three figures come out: how far
off the chosen model was, how far off seasonal naive ("same month last year") was, and how
often the 80 % band held — each origin judged by a band calibrated on the *other* origins
only, so the band is never scored on the errors that set its width.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.forecasting.engine import FittedForecast
from models.forecasting.metrics import conformal_quantile

MIN_CALIBRATION = 8  # fewer errors than this from other origins: no band to judge


@dataclass(frozen=True)
class BacktestSummary:
    """What the backtests of one series say (NaN where they cannot say it)."""

    n_forecasts: int  # backtest origins
    n_points: int  # forecast points compared with what happened
    model_error: float  # sum of absolute errors / sum of absolute actuals (WAPE)
    naive_error: float  # the same for seasonal naive
    band_level: int
    band_held: float  # share of points inside the band, out of sample
    band_points: int = 0  # points that could be judged (enough errors from other origins)


def wape(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Weighted absolute percentage error: total miss over total volume (NaN if no volume)."""
    volume = np.abs(actual).sum()
    return float(np.abs(actual - forecast).sum() / volume) if volume > 0 else np.nan


def summarise_backtest(fitted: FittedForecast, level: int = 80) -> BacktestSummary:
    """Backtest accuracy of ``fitted`` against seasonal naive, and out-of-sample band coverage."""
    errors = fitted.errors
    if errors.empty:
        return BacktestSummary(0, 0, np.nan, np.nan, level, np.nan, 0)
    actual = errors["actual"].to_numpy()
    model = errors[fitted.model].to_numpy()
    scores = np.abs(actual - model) / np.sqrt(errors["step"].to_numpy())
    origins = errors["origin"].to_numpy()
    held = []
    for origin in np.unique(origins):
        others = scores[origins != origin]
        if len(others) < MIN_CALIBRATION:
            continue
        held.extend(scores[origins == origin] <= conformal_quantile(others, level))
    return BacktestSummary(
        n_forecasts=int(errors["origin"].nunique()),
        n_points=len(errors),
        model_error=wape(actual, model),
        naive_error=wape(actual, errors["seasonal_naive"].to_numpy()),
        band_level=level,
        band_held=float(np.mean(held)) if held else np.nan,
        band_points=len(held),
    )
