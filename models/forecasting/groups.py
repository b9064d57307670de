"""Forecasts per group (rep, region, segment, …) that add up to the total's forecast.

Each group is forecast on its own history; for additive KPIs (revenue, orders, …) the group
forecasts are then scaled, period by period, so that they sum to the total's own forecast —
"top-down by forecast proportions" (Athanasopoulos, Ahmed & Hyndman, 2009). The total keeps
the forecast the benchmark measured; each group keeps its own shape and its own share.
Rates (churn, conversion) do not add up: their groups are forecast independently. Groups
too young to forecast are named, not forecast; the others then share the whole total.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from models.core.errors import DataError
from models.core.i18n import Phrase
from models.core.kpi_catalogue import KpiName
from models.forecasting.bounds import kpi_bounds
from models.forecasting.engine import FittedForecast, fit_forecast, forecast_frame, forecast_paths
from models.kpis.compute import final_series
from models.kpis.objectives import ADDITIVE

MIN_GROUP_PERIODS = 6  # fewer final periods than this: the group is listed, not forecast


@dataclass(frozen=True)
class GroupForecasts:
    """Fitted forecasts of each group and the factor that makes them add up.

    Attributes
    ----------
    fits
        Group -> its own fit.
    scale
        Factor per future period, the same for every group (ones for rates): a group's
        forecast is its own fit's forecast times this factor.
    skipped
        Group -> why it was not forecast (too short, always zero).
    """

    fits: dict[str, FittedForecast]
    scale: np.ndarray
    skipped: dict[str, str] = field(default_factory=dict)

    def frame(self, group: str, level: tuple[int, ...] = (80, 95)) -> pd.DataFrame:
        """The group's forecast table (``mean``, ``lo-L``, ``hi-L``), reconciled."""
        frame = forecast_frame(self.fits[group], level)
        scaled = frame.mul(self.scale, axis=0)
        scaled.attrs = frame.attrs
        return scaled

    def paths(self, group: str, n_paths: int = 2000, seed: int = 0) -> pd.DataFrame:
        """Simulated futures of the group, reconciled like its mean."""
        return forecast_paths(self.fits[group], n_paths, seed).mul(self.scale, axis=0)


def group_histories(
    kpi_frame: pd.DataFrame, kpi: str, by: str
) -> tuple[dict[str, pd.Series], dict[str, str]]:
    """Final history of ``kpi`` per group of a ``compute_kpis(..., by=by)`` frame.

    Returns the usable histories and, for the others, the reason they cannot be forecast.
    """
    if by not in kpi_frame.index.names:
        raise DataError.coded("kpis_not_by", by=Phrase(f"dimension.{by}"))
    histories, skipped = {}, {}
    for group, part in kpi_frame.groupby(level=by, sort=True):
        try:
            series = final_series(part.droplevel(by), kpi)
        except DataError:
            skipped[str(group)] = "no final value yet"
            continue
        if kpi in ADDITIVE:  # a group is born with its first sale, not with the data
            active = (series.fillna(0) != 0).to_numpy().nonzero()[0]
            series = series.iloc[active[0] :].fillna(0) if len(active) else series.iloc[:0]
        if series.empty:
            skipped[str(group)] = "always zero"
        elif series.count() < MIN_GROUP_PERIODS:
            skipped[str(group)] = f"only {series.count()} final periods"
        else:
            histories[str(group)] = series if kpi in ADDITIVE else series.ffill()
    return histories, skipped


def reconcile_to_total(total: np.ndarray, groups: list[np.ndarray]) -> np.ndarray:
    """The factor per period that makes the (non-negative) group forecasts sum to ``total``.

    Where the groups' forecasts sum to zero the factor is 1: there is no share to scale.
    """
    sums = np.sum([np.clip(g, 0, None) for g in groups], axis=0)
    return np.divide(total, sums, out=np.ones_like(sums, dtype=float), where=sums > 0)


def fit_groups(
    kpi_frame: pd.DataFrame, kpi: str, by: str, horizon: int, total: FittedForecast | None = None
) -> GroupForecasts:
    """Fit ``kpi`` per group of ``by``; additive KPIs are reconciled to ``total``.

    Parameters
    ----------
    kpi_frame
        ``compute_kpis(tables, freq, by=by)``.
    kpi
        A KPI column.
    by
        The grouping dimension.
    horizon
        Number of future periods.
    total
        The total's fit over the same periods (needed for additive KPIs).
    """
    histories, skipped = group_histories(kpi_frame, kpi, by)
    if not histories:
        raise DataError.coded(
            "no_group_history",
            by=Phrase(f"dimension.{by}"),
            periods=MIN_GROUP_PERIODS,
            kpi=KpiName(kpi),
        )
    bounds = kpi_bounds(kpi)  # a rate's groups stay within 0-100 %, counts non-negative
    fits = {
        group: fit_forecast(series, horizon, bounds=bounds) for group, series in histories.items()
    }
    if kpi not in ADDITIVE or total is None:
        return GroupForecasts(fits, np.ones(horizon), skipped)
    for group, fit in fits.items():  # compute_kpis gives every group every period
        if not fit.index.equals(total.index):
            raise DataError.coded("group_misaligned", by=Phrase(f"dimension.{by}"), group=group)
    means = [forecast_frame(fit)["mean"].to_numpy() for fit in fits.values()]
    return GroupForecasts(fits, reconcile_to_total(total.mean, means), skipped)
