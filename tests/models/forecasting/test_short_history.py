"""Short histories (#17): what 6 to 36 months allow, said by the fit and honoured by it."""

import numpy as np
import pandas as pd
import pytest

from models import DataError
from models.forecasting import fit_forecast, forecast_frame, summarise_backtest


def monthly(values, start="2024-01-01"):
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="MS"))


def seasonal_sales(n, seed=0):
    """+30 % in December, -25 % in August and September, 1 % growth a month, 3 % noise."""
    rng = np.random.default_rng(seed)
    month = np.arange(n) % 12  # January first
    season = np.where(month == 11, 1.3, np.where(np.isin(month, [7, 8]), 0.75, 1.0))
    return monthly(1000 * (1 + 0.01 * np.arange(n)) * season * rng.normal(1, 0.03, n))


def flat_sales(n, seed=0):
    return monthly(1000 * np.random.default_rng(seed).normal(1, 0.1, n))


@pytest.mark.parametrize("n", [13, 18, 24])
def test_a_short_strongly_seasonal_history_gets_a_seasonal_forecast(n):
    fitted = fit_forecast(seasonal_sales(n, seed=n), 12)
    assert fitted.basis.seasonal and fitted.basis.learnable
    assert fitted.basis.n_seasons == n // 12
    mean = pd.Series(fitted.mean, index=fitted.index)
    assert mean[mean.index.month == 12].iloc[0] > 1.3 * mean[mean.index.month == 8].iloc[0]


@pytest.mark.parametrize("n", [18, 24])
def test_a_short_history_without_seasonality_gets_none(n):
    # the shrinkage takes most noise-only histories' indices to 1; with 12 months seen once
    # or twice, a spurious pattern survives in a minority (about 40 % at 18 months)
    seasonal = [fit_forecast(flat_sales(n, seed), 12).basis.seasonal for seed in range(20)]
    assert sum(seasonal) <= 10
    fitted = fit_forecast(flat_sales(n, seed=1), 12)
    assert not fitted.basis.seasonal
    key, fields = fitted.basis.phrases()[0]
    assert key == ("basis.one_year_flat" if n < 24 else "basis.years_flat")
    assert fields["n"] == n


def test_nine_months_get_a_non_seasonal_forecast_and_the_note():
    y = seasonal_sales(9, seed=9)
    fitted = fit_forecast(y, 12)
    assert not fitted.basis.seasonal and not fitted.basis.learnable
    assert fitted.basis.phrases()[0] == ("basis.no_season", {"n": 9})
    # no seasonal pattern in the forecast: no month is lifted by a season it never saw twice
    assert np.ptp(np.diff(fitted.mean)) < 0.05 * fitted.mean.mean()
    frame = forecast_frame(fitted)
    assert (frame["lo-95"] <= frame["mean"]).all() and (frame["hi-95"] >= frame["mean"]).all()


@pytest.mark.parametrize("n", [1, 5])
def test_under_six_months_is_a_clear_error(n):
    with pytest.raises(DataError, match=f"only {n} periods .* at least 6") as caught:
        fit_forecast(seasonal_sales(n), 12)
    assert "au moins 6" in caught.value.text("fr")


def test_eighteen_months_have_an_accuracy_from_the_twelve_month_origin_marked_thin():
    fitted = fit_forecast(seasonal_sales(18, seed=2), 12)
    assert fitted.basis.n_origins == 1 and fitted.basis.thin_evidence
    assert fitted.errors["cut"].min() == 12 and len(fitted.errors) == 6
    summary = summarise_backtest(fitted)
    assert summary.n_forecasts == 1 and summary.n_points == 6
    assert np.isfinite(summary.model_error) and np.isfinite(summary.naive_error)
    frame = forecast_frame(fitted)
    assert np.isfinite(frame.attrs["backtest_mase"])


@pytest.mark.parametrize("n", [18, 24, 30])
def test_a_launch_spike_does_not_widen_the_bands_beyond_the_later_variability(n):
    # three months of a launch (three times the level), then a level with 5 % noise
    rng = np.random.default_rng(n)
    y = 100 * rng.normal(1, 0.05, n)
    y[:3] *= 3
    frame = forecast_frame(fit_forecast(monthly(y), 12))
    after = y[3:]
    # a random walk with the later months' own changes, 80 % band a year ahead, twice over
    allowed = 2 * 1.28 * np.std(np.diff(after), ddof=1) * np.sqrt(12)
    half = (frame["hi-80"] - frame["lo-80"]) / 2
    assert (half <= allowed).all(), (half.max(), allowed)
    assert frame["hi-80"].max() < 1.5 * after.mean()
