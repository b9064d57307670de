"""Backtest summary in words: WAPE against seasonal naive, band coverage out of sample."""

import numpy as np
import pandas as pd
import pytest

from models.forecasting.accuracy import summarise_backtest, wape
from models.forecasting.engine import FittedForecast
from models.forecasting.metrics import conformal_quantile


def fitted_with_errors(abs_errors: list[float]) -> FittedForecast:
    """Five origins of two one-step points each; actuals 100, seasonal naive off by 20."""
    n = len(abs_errors)
    errors = pd.DataFrame(
        {
            "origin": np.repeat(np.arange(1, n // 2 + 1), 2),
            "step": 1,
            "actual": 100.0,
            "combination": 100.0 + np.array(abs_errors),
            "seasonal_naive": 80.0,
        }
    )
    index = pd.date_range("2027-01-01", periods=3, freq="MS")
    return FittedForecast(np.arange(36.0), 12, index, np.zeros(3), errors)


def test_summary_by_hand():
    summary = summarise_backtest(fitted_with_errors([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]))
    assert (summary.n_forecasts, summary.n_points) == (5, 10)
    assert summary.model_error == pytest.approx(145 / 1000)
    assert summary.naive_error == pytest.approx(0.2)
    # origins 1-4 are judged by a band that origin 5's 100 widens: held; origin 5 by the
    # 90th-percentile ("higher") of 1..8 = 8: both its errors (9, 100) fall outside
    assert summary.band_held == pytest.approx(0.8) and summary.band_points == 10


def test_too_few_errors_to_judge_a_band():
    summary = summarise_backtest(fitted_with_errors([1, 2, 3, 4]))
    assert np.isnan(summary.band_held) and summary.model_error == pytest.approx(10 / 400)


def test_helpers():
    assert conformal_quantile(np.arange(1.0, 9.0), 80) == 8.0
    assert wape(np.array([100.0, -100.0]), np.array([90.0, -95.0])) == pytest.approx(15 / 200)
    assert np.isnan(wape(np.zeros(2), np.ones(2)))
