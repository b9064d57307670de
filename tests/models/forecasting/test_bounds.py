"""Rates stay rates: forecasts, bands and paths within the KPI's range (catalogue unit)."""

import numpy as np
import pandas as pd
import pytest

from models.forecasting import fit_forecast, fit_groups, forecast_frame, forecast_paths, kpi_bounds
from models.forecasting.engine import value_bounds


def monthly(values, start="2024-01-01"):
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="MS"))


@pytest.mark.parametrize(
    "kpi, bounds",
    [
        ("conversion_rate", (0.0, 1.0)),
        ("churn_rate", (0.0, 1.0)),
        ("csat", (0.0, 1.0)),
        ("revenue_growth", (None, None)),
        ("revenue_yoy", (None, None)),
        ("orders", (0.0, None)),
        ("revenue", (0.0, None)),
        ("average_basket", (0.0, None)),
        ("median_days_to_convert", (0.0, None)),
        ("nps", (-100.0, 100.0)),
        ("a_column_of_the_file", None),
    ],
)
def test_bounds_come_from_the_catalogue_unit(kpi, bounds):
    assert kpi_bounds(kpi) == bounds


def test_a_bound_the_history_crosses_is_dropped_and_none_means_the_history_sign():
    assert value_bounds(np.array([0.2, 1.3]), (0.0, 1.0)) == (0.0, None)
    assert value_bounds(np.array([-5.0, 3.0]), (0.0, None)) == (None, None)
    assert value_bounds(np.array([1.0, 3.0]), None) == (0.0, None)
    assert value_bounds(np.array([-1.0, 3.0]), None) == (None, None)


def conversion_near_95(n=24, seed=3):
    rng = np.random.default_rng(seed)
    return monthly(np.clip(0.95 + 0.01 * np.arange(n) / n + rng.normal(0, 0.03, n), 0, 1))


@pytest.mark.parametrize("n", [9, 18, 36])
def test_a_conversion_rate_near_95_percent_keeps_its_band_below_100(n):
    y = conversion_near_95(n)
    fitted = fit_forecast(y, 12, bounds=kpi_bounds("conversion_rate"))
    frame = forecast_frame(fitted)
    assert (frame["hi-95"] <= 1.0).all() and (frame["lo-95"] >= 0.0).all()
    assert (frame["mean"] <= 1.0).all()
    paths = forecast_paths(fitted, 500).to_numpy()
    assert paths.max() <= 1.0 and paths.min() >= 0.0
    # without the rate's bound the same band would pass 100 %: the clip is what holds it
    assert (forecast_frame(fit_forecast(y, 12))["hi-95"] > 1.0).any()


def test_a_falling_count_never_gets_a_negative_bound():
    y = monthly(np.linspace(40, 2, 18) + np.random.default_rng(0).normal(0, 4, 18).clip(-1, 1))
    frame = forecast_frame(fit_forecast(y, 12, bounds=kpi_bounds("orders")))
    assert (frame.to_numpy() >= 0).all()


def test_a_growth_rate_keeps_its_sign():
    y = monthly([-0.05, 0.02, -0.03, 0.04, -0.01, 0.03, -0.04, 0.01, 0.0, -0.02, 0.05, -0.03])
    frame = forecast_frame(fit_forecast(y, 6, bounds=kpi_bounds("revenue_growth")))
    assert (frame["lo-80"] < 0).all()


def test_group_forecasts_of_a_rate_stay_within_0_and_100_percent():
    months = pd.date_range("2024-01-01", periods=20, freq="MS")
    rng = np.random.default_rng(1)
    rows = []
    for region, level in (("North", 0.96), ("South", 0.5)):
        rate = np.clip(level + rng.normal(0, 0.03, len(months)), 0, 1)
        rows.append(
            pd.DataFrame(
                {"conversion_rate": rate, "partial_period": False, "conversion_provisional": False},
                index=pd.MultiIndex.from_product([months, [region]], names=["period", "region"]),
            )
        )
    frame = pd.concat(rows).sort_index()
    groups = fit_groups(frame, "conversion_rate", "region", 12)
    for group in groups.fits:
        table = groups.frame(group)
        assert table.to_numpy().max() <= 1.0 and table.to_numpy().min() >= 0.0
        assert groups.paths(group, 200).to_numpy().max() <= 1.0
