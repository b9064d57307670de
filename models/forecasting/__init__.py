"""Forecasts of a KPI series: candidates chosen by backtest, intervals, paths, groups.

The pages import from here; the modules below are this package's own business.
"""

from models.forecasting.accuracy import summarise_backtest
from models.forecasting.basis import HistoryBasis
from models.forecasting.bounds import kpi_bounds
from models.forecasting.engine import (
    FittedForecast,
    fit_forecast,
    forecast,
    forecast_frame,
    forecast_paths,
    reach_probability,
)
from models.forecasting.groups import GroupForecasts, fit_groups, group_histories
from models.forecasting.metrics import coverage, mase, msis, smape

__all__ = [
    "FittedForecast",
    "GroupForecasts",
    "HistoryBasis",
    "coverage",
    "fit_forecast",
    "fit_groups",
    "forecast",
    "forecast_frame",
    "forecast_paths",
    "group_histories",
    "kpi_bounds",
    "mase",
    "msis",
    "reach_probability",
    "smape",
    "summarise_backtest",
]
