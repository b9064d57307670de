"""Contract of models.forecasting.engine.forecast on small series (accuracy is the benchmark's job)."""

import numpy as np
import pandas as pd
import pytest

from models import DataError
from models.forecasting.engine import CANDIDATES, forecast, seasonal_indices


def monthly(values, start="2023-11-01"):
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="MS"))


def seasonal_sales(n=36, seed=0):
    rng = np.random.default_rng(seed)
    month = np.arange(n) % 12
    season = np.where(month == 1, 1.3, np.where(np.isin(month, [8, 9]), 0.75, 1.0))
    return monthly(1000 * (1 + 0.01 * np.arange(n)) * season * rng.normal(1, 0.03, n))


def test_contract_shape_index_and_ordered_bounds():
    y = seasonal_sales()
    result = forecast(y, 12)
    assert len(result) == 12
    assert result.index[0] == y.index[-1] + pd.offsets.MonthBegin(1)
    assert list(result.columns) == ["mean", "lo-80", "hi-80", "lo-95", "hi-95"]
    assert (result["lo-95"] <= result["lo-80"]).all() and (result["lo-80"] <= result["mean"]).all()
    assert (result["mean"] <= result["hi-80"]).all() and (result["hi-80"] <= result["hi-95"]).all()
    assert result.attrs["model"] in CANDIDATES.values()
    assert result.attrs["backtest_mase"] > 0 and result.attrs["naive_mase"] > 0


def test_same_input_same_output():
    y = seasonal_sales()
    pd.testing.assert_frame_equal(forecast(y, 6), forecast(y, 6))


def test_seasonality_is_carried_forward():
    y = seasonal_sales()
    assert seasonal_indices(y.to_numpy(), 12) is not None
    result = forecast(y, 12)["mean"]
    december = result[result.index.month == 12].iloc[0]
    august = result[result.index.month == 8].iloc[0]
    assert december > 1.3 * august


def test_seasonal_indices_are_shrunk_by_their_noise():
    rng = np.random.default_rng(5)
    noise = rng.normal(1, 0.1, 96) * 100  # no seasonality: the averages by month are noise
    flat = seasonal_indices(noise, 12)
    assert np.allclose(flat.mean(), 1) and np.max(np.abs(flat - 1)) < 0.02
    pattern = 1 + 0.3 * np.sin(2 * np.pi * np.arange(12) / 12)
    clear = 100 * np.tile(pattern, 8) * rng.normal(1, 0.01, 96)  # strong and clean: kept
    kept = seasonal_indices(clear, 12)
    assert np.allclose(kept, pattern / pattern.mean(), atol=0.02)


def test_seasonal_indices_follow_recent_years_up_to_the_last_month():
    # the peak month's effect grew from +10 % to +40 % over eight years, on a rising trend
    years = np.repeat(np.arange(8), 12)
    peak = np.where(np.arange(96) % 12 == 11, 1 + 0.1 + 0.3 * years / 7, 1.0)
    y = 100 * 1.01 ** np.arange(96) * peak

    def peak_index(values):
        indices = seasonal_indices(values, 12)
        return indices[11] / np.median(indices)

    assert peak_index(y) > 1.27  # the years weighed equally gave 1.22
    # the last month (the peak) gets a ratio of its own: the latest year's peak counts
    assert peak_index(y[:-1]) < peak_index(y) - 0.02


def test_sales_never_get_negative_bounds():
    y = monthly([5, 0, 3, 0, 8, 1, 0, 0, 2, 9, 0, 1] * 2)
    result = forecast(y, 6)
    assert (result.to_numpy() >= 0).all()


def test_constant_and_short_series():
    flat = forecast(monthly([7.0] * 10), 3)
    assert flat["mean"].tolist() == [7.0] * 3 and (flat["hi-95"] == 7.0).all()
    short = forecast(monthly([10.0, 12.0, 11.0, 13.0, 12.0, 14.0]), 2)
    assert len(short) == 2 and short["mean"].notna().all()
    with pytest.raises(DataError, match="only 5 periods .* at least 6"):
        forecast(monthly([10.0, 12.0, np.nan, 11.0, 13.0, 12.0]), 3)
    with pytest.raises(DataError, match="horizon"):
        forecast(monthly([10.0, 11.0]), 0)


@pytest.mark.parametrize("freq, periods", [("W-MON", 60), ("QS", 20)])
def test_weekly_and_quarterly_series(freq, periods):
    rng = np.random.default_rng(1)
    y = pd.Series(
        100 + rng.normal(0, 5, periods).cumsum(),
        index=pd.date_range("2022-01-03", periods=periods, freq=freq),
    )
    result = forecast(y, 4)
    assert result.index.freqstr == y.index.freqstr and len(result) == 4


def test_irregular_index_is_refused():
    y = pd.Series([1.0, 2.0, 3.0], index=pd.to_datetime(["2026-01-01", "2026-01-05", "2026-03-01"]))
    with pytest.raises(DataError, match="regular date index"):
        forecast(y, 2)


def test_sample_paths_and_the_probability_of_reaching_a_target():
    from models.forecasting.engine import (
        fit_forecast,
        forecast_frame,
        forecast_paths,
        reach_probability,
    )

    fitted = fit_forecast(seasonal_sales(48), 12)
    frame = forecast_frame(fitted)
    paths = forecast_paths(fitted, n_paths=4000, seed=1)
    assert paths.shape == (12, 4000) and paths.index.equals(frame.index)
    assert paths.mean(axis=1).to_numpy() == pytest.approx(frame["mean"].to_numpy(), rel=0.02)
    inside = paths.ge(frame["lo-80"], axis=0) & paths.le(frame["hi-80"], axis=0)
    assert inside.mean(axis=1).to_numpy() == pytest.approx(np.full(12, 0.8), abs=0.04)
    assert reach_probability(paths, frame["mean"]).to_numpy() == pytest.approx(
        np.full(12, 0.5), abs=0.04
    )
    assert (reach_probability(paths, frame["lo-95"] * 0.5) > 0.99).all()
    assert (reach_probability(paths, frame["hi-95"] * 2) < 0.01).all()
    lower = reach_probability(paths, frame["mean"] * 0.9, higher_is_better=False)
    assert (lower < 0.5).all()
    year = reach_probability(paths, frame["mean"], cumulative=True)
    assert year.iloc[-1] == pytest.approx(0.5, abs=0.05)
    assert forecast_paths(fitted, 10, seed=3).equals(forecast_paths(fitted, 10, seed=3))


def test_a_three_year_seasonal_history_gets_a_seasonal_forecast_and_backtests():
    from models.forecasting.engine import fit_forecast

    y = seasonal_sales(36, seed=4)
    fitted = fit_forecast(y, 12)
    assert fitted.model == "combination"
    assert not fitted.errors.empty
    december = fitted.mean[fitted.index.month == 12][0]  # seasonal_sales peaks in December
    august = fitted.mean[fitted.index.month == 8][0]
    assert december > 1.3 * august


def test_a_falling_non_negative_series_keeps_forecasts_bounds_and_paths_non_negative():
    from models.forecasting.engine import fit_forecast, forecast_paths

    rng = np.random.default_rng(2)
    y = monthly(np.maximum(0, 60 - 2.5 * np.arange(24) + rng.normal(0, 4, 24)))
    result = forecast(y, 12)
    assert (result.to_numpy() >= 0).all()
    assert (forecast_paths(fit_forecast(y, 12), 200).to_numpy() >= 0).all()


def test_intermittent_demand_gets_a_flat_non_negative_croston_forecast():
    from models.forecasting.engine import fit_forecast

    y = monthly([0, 0, 3, 0, 0, 0, 5, 0, 2, 0, 0, 0, 4, 0, 0, 6, 0, 0, 0, 3, 0, 0, 2, 0])
    fitted = fit_forecast(y, 6)
    assert fitted.model == "intermittent"
    assert np.ptp(fitted.mean) == 0 and 0 < fitted.mean[0] < 6
    assert (forecast(y, 6).to_numpy() >= 0).all()


@pytest.mark.parametrize("freq, periods, season", [("W-MON", 156, 52), ("QS", 28, 4)])
def test_weekly_and_quarterly_seasonality_is_found_and_carried_forward(freq, periods, season):
    rng = np.random.default_rng(3)
    peak = np.arange(periods) % season == 0
    y = pd.Series(
        100 * np.where(peak, 1.5, 1.0) * rng.normal(1, 0.02, periods),
        index=pd.date_range("2021-01-04", periods=periods, freq=freq),
    )
    result = forecast(y, season)
    assert result.index.freqstr == y.index.freqstr
    assert result["mean"].iloc[0] > 1.3 * result["mean"].iloc[1:].median()  # the next peak
    assert (result["lo-95"] <= result["mean"]).all() and (result["mean"] <= result["hi-95"]).all()


def test_the_scikit_learn_member_learns_a_trend_and_a_calendar_pattern():
    from models.forecasting.candidates import fit_ridge

    t = np.arange(60)
    trend = 100 + 2.0 * t
    assert fit_ridge(trend, 6) == pytest.approx(100 + 2.0 * np.arange(60, 66), rel=0.01)
    seasonal = 100 + 10 * np.sin(2 * np.pi * (t + 1) / 12)
    future = 100 + 10 * np.sin(2 * np.pi * (np.arange(60, 72) + 1) / 12)
    assert np.mean(np.abs(fit_ridge(seasonal, 12, period=12) - future)) < 2.0


def test_each_member_continues_a_straight_line_and_a_flat_level():
    from models.forecasting.candidates import fit_arima, fit_damped, fit_dotm, fit_ets, fit_theta

    line = 50 + 3.0 * np.arange(40)
    assert fit_ets(line, 4) == pytest.approx(50 + 3.0 * np.arange(40, 44), rel=1e-3)
    assert fit_arima(line + np.sin(np.arange(40)), 4) == pytest.approx(
        50 + 3.0 * np.arange(40, 44), rel=0.02
    )
    assert np.all(np.diff(fit_damped(line, 6)) > 0)
    # theta <= 4 keeps at most 3/4 of the slope, on top of a level that has caught up
    steps = np.diff(fit_dotm(line, 6))
    assert np.all(steps > 0) and np.all(steps <= 3.0 + 1e-9)
    rng = np.random.default_rng(5)
    level = 20 + rng.normal(0, 0.5, 60)
    for fit in (fit_ets, fit_theta, fit_arima, fit_damped, fit_dotm):
        assert fit(level, 3) == pytest.approx(np.full(3, 20.0), abs=1.0)


@pytest.mark.parametrize("k", [2, 3])
def test_a_member_fitted_on_aggregated_periods_continues_a_line_period_by_period(k):
    from models.forecasting.candidates import fit_aggregated, fit_ets

    line = 50 + 3.0 * np.arange(41)  # 41 periods: the first one is left out of the blocks
    assert fit_aggregated(fit_ets, line, 7, k) == pytest.approx(
        50 + 3.0 * np.arange(41, 48), rel=1e-3
    )
    short = line[:10]  # fewer than 8 blocks: fitted on the periods themselves
    assert fit_aggregated(fit_ets, short, 3, k) == pytest.approx(fit_ets(short, 3))


def _fitted_with_scores(scores_by_origin: dict[str, list[float]]):
    """A fit whose backtest errors divided by sqrt(step) are ``scores_by_origin``."""
    from models.forecasting.engine import FittedForecast

    rows = [
        {"origin": origin, "step": step, "actual": score * np.sqrt(step), "combination": 0.0}
        for origin, scores in scores_by_origin.items()
        for step, score in enumerate(scores, start=1)
    ]
    index = pd.date_range("2024-01-01", periods=3, freq="MS")
    return FittedForecast(np.ones(3), 12, index, np.ones(3), pd.DataFrame(rows))


@pytest.mark.parametrize(
    "scores, rho",
    [
        # by hand: total = mean(1, 9, 1, 9) = 5, between = mean(2^2, (-2)^2) = 4, H = 2:
        # rho^2 = (4 - 5 / 2) / (5 * (1 - 1 / 2)) = 0.6
        ({"a": [1.0, 3.0], "b": [-1.0, -3.0]}, np.sqrt(0.6)),
        # one shock per origin, the same at every step: fully persistent
        ({"a": [2.0, 2.0, 2.0], "b": [-1.0, -1.0, -1.0], "c": [0.5, 0.5, 0.5]}, 1.0),
        # each origin's errors cancel out: nothing persists (the estimate, -1/3, is clipped to 0)
        ({"a": [1.0, -1.0], "b": [-2.0, 2.0]}, 0.0),
        # a single origin says nothing about persistence: the documented default
        ({"a": [1.0, 2.0, 3.0]}, 0.5),
    ],
)
def test_error_persistence_by_the_method_of_moments(scores, rho):
    from models.forecasting.engine import error_persistence

    assert error_persistence(_fitted_with_scores(scores)) == pytest.approx(rho)


# ---------------------------------------------------------- the NumPy members vs statsmodels
def _noisy_walk(n: int = 120, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return 100 + np.cumsum(rng.normal(0.3, 1.0, n)) + rng.normal(0, 2.0, n)


def test_numpy_ses_fits_as_well_as_statsmodels():
    """The grid search must not leave accuracy on the table: its in-sample SSE is within 1 % of
    statsmodels' optimised simple exponential smoothing on the same series."""
    from statsmodels.tsa.holtwinters import SimpleExpSmoothing

    from models.forecasting.candidates import ses

    for seed in range(5):
        y = _noisy_walk(seed=seed)
        _, _, sse = ses(y)
        reference = SimpleExpSmoothing(y, initialization_method="estimated").fit()
        assert sse <= reference.sse * 1.01, (seed, sse, reference.sse)


def test_numpy_theta_matches_statsmodels_theta_model():
    """Same method (SES with drift, Hyndman & Billah): forecasts within 1 % of statsmodels'."""
    from statsmodels.tsa.forecasting.theta import ThetaModel

    from models.forecasting.candidates import fit_theta

    for seed in range(5):
        y = _noisy_walk(seed=seed)
        ours = fit_theta(y, 12)
        theirs = ThetaModel(y, period=1, deseasonalize=False).fit().forecast(12)
        assert np.allclose(ours, np.asarray(theirs), rtol=0.01), seed


@pytest.mark.parametrize("n", [13, 18, 24])
def test_a_short_strongly_seasonal_history_gets_a_seasonal_forecast(n):
    # one to two seasons of a clear pattern (+30 % in December, -25 % in August), 3 % noise
    y = seasonal_sales(n, seed=n).iloc[-n:]
    result = forecast(y, 12)["mean"]
    december = result[result.index.month == 12].iloc[0]
    august = result[result.index.month == 8].iloc[0]
    assert december > 1.3 * august


@pytest.mark.parametrize("n, bound", [(13, 0.1), (18, 0.01), (24, 0.01)])
def test_a_short_history_without_seasonality_gets_its_indices_shrunk_to_one(n, bound):
    # noise around a level: unshrunk indices deviate from 1 by about 0.2 here (10 % noise).
    # The months seen twice measure the noise and the shrinkage takes the indices to 1 in
    # the typical history from 18 months; at 13 one month seen twice is thin evidence and
    # about half the histories keep part of a spurious pattern
    deviations = []
    for seed in range(20):
        rng = np.random.default_rng(seed)
        indices = seasonal_indices(1000 * rng.normal(1, 0.1, n), 12)
        deviations.append(np.max(np.abs(indices - 1)))
    assert np.median(deviations) < bound
