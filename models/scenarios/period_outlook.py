"""Will we hit the period: booked to date + forecast of the rest, against its objective.

For a target period (:class:`models.kpis.targets.TargetPeriod`) and the day the data ends:

* a month over counts what it booked;
* the unfinished month counts what it booked plus its forecast times the share of its days
  still to come (:func:`models.kpis.targets.remaining_share`): with Superstore ending on
  Saturday Dec 30, December 2017 is its 83,829 booked plus 1/31 of its month's forecast;
* a month not started counts its forecast.

The chance of reaching the objective is over the whole period at once: each simulated future
of the forecast (:func:`models.forecasting.engine.forecast_paths`) is summed over the rest
of the period, added to what is booked and compared to the target. That is not the product
of the monthly chances: a path that falls short in one month tends to fall short in the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.core.errors import DataError
from models.forecasting.engine import FittedForecast, forecast_paths
from models.forecasting.groups import GroupForecasts
from models.kpis.objectives import elapsed_share
from models.kpis.targets import TargetPeriod, period_objective, remaining_share

N_PATHS = 2000


@dataclass(frozen=True)
class PeriodOutlook:
    """Booked + forecast of one additive KPI over one target period.

    Attributes
    ----------
    booked
        Actuals from the period's start to ``as_of``.
    rest
        The forecast (mean) of what is still to come in the period.
    expected
        ``booked + rest``.
    low, high
        The 80 % interval of ``expected`` (10th and 90th percentiles of the paths).
    target
        The period's objective, or NaN.
    probability
        Share of simulated futures in which ``expected`` reaches ``target`` (NaN without one).
    months
        One row per month of the period: ``booked``, ``remaining_share``, ``rest``
        (forecast of what is still to come in it) and ``expected``.
    """

    period: TargetPeriod
    as_of: pd.Timestamp
    booked: float
    rest: float
    low: float
    high: float
    target: float
    probability: float
    months: pd.DataFrame

    @property
    def expected(self) -> float:
        return self.booked + self.rest

    @property
    def gap(self) -> float:
        """What the expected total lacks to reach the target (negative when above it)."""
        return self.target - self.expected


def rest_weights(
    index: pd.DatetimeIndex,
    period: TargetPeriod,
    as_of: pd.Timestamp,
    day_weights: Sequence[float] | None = None,
) -> np.ndarray:
    """How much of each forecast month (``index``: month starts) falls in the rest of
    ``period`` after ``as_of``: 1 for a month of the period not started, the share of its
    days left for the unfinished one, 0 outside the period.

    With a driver tree's months, these are the ``weights`` of
    :func:`models.scenarios.driver_tree.seek_change` and ``goal_seek_table``: goal-seek over
    exactly the period, for a target of its objective less what is booked.
    """
    months = pd.DatetimeIndex(index).normalize()
    inside = (months >= period.start) & (months < period.end)
    return np.array(
        [remaining_share(m, as_of, day_weights) if keep else 0.0 for m, keep in zip(months, inside)]
    )


def period_outlook(
    actuals: pd.Series,
    fitted: FittedForecast,
    period: TargetPeriod,
    as_of: pd.Timestamp,
    target: float | None = None,
    *,
    day_weights: Sequence[float] | None = None,
    effect: np.ndarray | None = None,
    n_paths: int = N_PATHS,
    seed: int = 0,
    higher_is_better: bool = True,
) -> PeriodOutlook:
    """Booked to date plus the forecast of the rest of ``period``, and its chance.

    Parameters
    ----------
    actuals
        Monthly totals of an additive KPI, indexed by month start, the unfinished month
        included (``compute_kpis(tables, "M")["revenue"]``).
    fitted
        The KPI's monthly forecast (:func:`models.forecasting.engine.fit_forecast` on its
        final months), reaching the end of the period (see ``models.kpis.horizon_to``).
    period
        The target period.
    as_of
        The last day with data (a whole day).
    target
        The period's objective (``models.kpis.period_objective``), if any.
    day_weights
        Seven weekday weights for the unfinished month's days left
        (``models.kpis.weekday_weights``); ``None`` counts calendar days alike.
    effect
        A scenario's multiplier of each forecast month
        (:func:`models.scenarios.driver_tree.scenario_effect`); ``None``: the forecast as is.
        With a driver tree, pass ``tree.revenue`` as ``fitted``: the paths are the tree's.

    Raises
    ------
    DataError
        The forecast does not cover a month of the period that is not over.
    """
    as_of = pd.Timestamp(as_of).normalize()
    months = period.months
    shares = np.array([remaining_share(m, as_of, day_weights) for m in months])
    # a month not started has nothing booked (whatever a stray future row says)
    booked = np.where(
        months > as_of, 0.0, actuals.reindex(months).fillna(0.0).to_numpy(dtype=float)
    )
    needed = months[shares > 0]
    index = pd.DatetimeIndex(fitted.index).normalize()
    missing = needed.difference(index)
    if len(missing):
        raise DataError.coded(
            "forecast_too_short",
            first=index[0].strftime("%Y-%m"),
            last=index[-1].strftime("%Y-%m"),
            needed=missing[-1].strftime("%Y-%m"),
        )
    scale = np.ones(len(index)) if effect is None else np.asarray(effect, dtype=float)
    mean = pd.Series(fitted.mean * scale, index=index).reindex(months).fillna(0.0).to_numpy()
    rest = mean * shares
    total_booked = float(booked.sum())
    if len(needed):
        paths = forecast_paths(fitted, n_paths, seed).mul(scale, axis=0)
        paths.index = index
        totals = total_booked + paths.reindex(months).fillna(0.0).mul(shares, axis=0).sum()
    else:  # the period is over: what was booked is all there is
        totals = pd.Series([total_booked])
    goal = np.nan if target is None else float(target)
    reached = totals.ge(goal) if higher_is_better else totals.le(goal)
    frame = pd.DataFrame(
        {"booked": booked, "remaining_share": shares, "rest": rest, "expected": booked + rest},
        index=pd.DatetimeIndex(months, name="month"),
    )
    return PeriodOutlook(
        period=period,
        as_of=as_of,
        booked=total_booked,
        rest=float(rest.sum()),
        low=float(totals.quantile(0.1)),
        high=float(totals.quantile(0.9)),
        target=goal,
        probability=float(reached.mean()) if np.isfinite(goal) else np.nan,
        months=frame,
    )


def group_outlooks(
    by_group: pd.Series,
    groups: GroupForecasts,
    objectives: pd.DataFrame,
    period: TargetPeriod,
    kpi: str,
    as_of: pd.Timestamp,
    *,
    day_weights: Sequence[float] | None = None,
) -> pd.DataFrame:
    """One row per group (rep, region…): target, actual to date, attainment, pace, forecast
    to the period's end and the chance of reaching the target.

    Parameters
    ----------
    by_group
        Monthly totals of an additive KPI indexed by (month, group):
        ``compute_kpis(tables, "M", by=...)[kpi]``, the unfinished month included.
    groups
        The groups' forecasts (:func:`models.forecasting.fit_groups`), reconciled to the
        total's and reaching the period's end.
    objectives
        Validated objectives; each group's target is ``period_objective(..., group)``.

    Returns
    -------
    pandas.DataFrame
        Index: group. ``target`` (NaN without one), ``actual`` (booked to date),
        ``attainment`` (actual / target), ``pace`` (actual / the target's share for the days
        gone: 1 or more is on pace), ``expected`` (actual + forecast of the rest), ``low`` and
        ``high`` (its 80 % interval), ``probability`` and ``note`` (why a group has no
        forecast).
    """
    share = float(elapsed_share(pd.Series([period.start]), period.freq, as_of).iloc[0])
    rows = {}
    names = sorted(set(map(str, by_group.index.get_level_values(1))) | set(groups.fits))
    for group in names:
        found = period_objective(objectives, period, kpi, group)
        target = np.nan if found is None else found[0]
        actuals = (
            by_group.xs(group, level=1)
            if group in by_group.index.get_level_values(1)
            else pd.Series(dtype=float)
        )
        if group in groups.fits:
            outlook = period_outlook(
                actuals,
                groups.fits[group],
                period,
                as_of,
                None if np.isnan(target) else target,
                day_weights=day_weights,
                effect=groups.scale,
            )
            booked, expected, low, high = (
                outlook.booked,
                outlook.expected,
                outlook.low,
                outlook.high,
            )
            probability, note = outlook.probability, ""
        else:
            months = period.months[period.months <= pd.Timestamp(as_of)]
            booked = float(actuals.reindex(months).fillna(0.0).sum())
            expected = low = high = probability = np.nan
            note = groups.skipped.get(group, "not forecast")
        rows[group] = {
            "target": target,
            "actual": booked,
            "attainment": booked / target if target else np.nan,
            "pace": booked / (target * share) if target and share else np.nan,
            "expected": expected,
            "low": low,
            "high": high,
            "probability": probability,
            "note": note,
        }
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "group"
    return frame
