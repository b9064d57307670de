"""What-if scenarios: revenue as a tree of drivers fitted on the user's own history.

Per month ``t`` (all quantities are monthly KPIs of :func:`models.kpis.compute.compute_kpis`)::

    new customers      = leads x conversion rate + other new customers   (with a leads table)
    buying customers   = active base x return rate + new customers
    revenue            = buying customers x orders per customer x average basket
    next active base   = active base x (1 - churn rate) + new customers + reactivations

*Active base* is the churn base (customers who bought within the last W days at the month's
start); *return rate* the share of it, plus returning lapsed customers, that buys in the
month; *other new customers* are first-time buyers not counted as converted leads (walk-ins,
direct orders); *reactivations* the lapsed customers who come back. Every identity holds
exactly on history, because the last driver of each line is defined as what balances it.

Each driver's baseline is its own forecast (:func:`models.forecasting.engine.fit_forecast`), fitted
once by :func:`fit_driver_tree`; a scenario only multiplies baselines and re-runs the
recursion (:func:`project`), so moving a slider costs microseconds, not a refit.

The drivers' forecasts recombine to a revenue close to, but not exactly, the revenue's own
forecast (:attr:`DriverTree.agreement` says how close). So that the What-if and Forecast
pages show one baseline, the scenario applies the tree's *relative* effect to the revenue
forecast: ``scenario = revenue forecast x tree(scenario) / tree(baseline)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from models.core.errors import DataError
from models.forecasting.bounds import NONNEGATIVE, UNBOUNDED, kpi_bounds
from models.forecasting.engine import FittedForecast, fit_forecast, forecast_paths
from models.kpis.compute import KpiSettings, compute_kpis, final_series
from models.kpis.retention import churn_counts


class ScenarioError(ValueError):
    """A scenario that cannot be computed: unknown driver, absent data, unreachable goal."""


@dataclass(frozen=True)
class Driver:
    """An adjustable driver: its label, display unit and the data it needs."""

    key: str
    label: str
    unit: str
    needs_leads: bool = False
    is_rate: bool = False  # a share: the scenario value is capped at 100 %
    raises_revenue: bool = True  # False for churn: more of it means less revenue
    span: tuple[int, int] = (-50, 100)  # slider range, in percent of the baseline


DRIVERS: dict[str, Driver] = {
    d.key: d
    for d in (
        Driver("leads", "Leads per month", "count", needs_leads=True),
        Driver("conversion_rate", "Conversion rate", "rate", needs_leads=True, is_rate=True),
        Driver("new_customers", "New customers per month", "count"),
        Driver(
            "churn_rate",
            "Churn rate (monthly)",
            "rate",
            is_rate=True,
            raises_revenue=False,
            span=(-100, 100),
        ),
        Driver("orders_per_customer", "Orders per buying customer", "ratio", span=(-30, 30)),
        Driver("average_basket", "Average basket", "currency", span=(-30, 50)),
    )
}

# baseline series the tree forecasts; the first six are also sliders (see DRIVERS)
SERIES = (
    "leads",
    "conversion_rate",
    "other_new",
    "new_customers",
    "churn_rate",
    "return_rate",
    "reactivations",
    "orders_per_customer",
    "average_basket",
)
MIN_MONTHS = 6  # fewer final months than this: no driver can be forecast sensibly
N_PATHS = 2000  # simulated revenue futures behind a scenario's probability


@dataclass(frozen=True)
class DriverTree:
    """Fitted baselines of every driver for the next ``horizon`` months.

    Attributes
    ----------
    baseline
        One row per future month (DatetimeIndex), one column per name in :data:`SERIES`
        that the data supports.
    history
        The same columns on the final past months, plus ``revenue`` and ``active_base``.
    base_start
        Active customers at the start of the first future month (known from the data).
    has_leads
        Whether new customers are driven by leads x conversion.
    revenue
        The revenue's own forecast over the same months: the baseline the scenario scales.
    """

    baseline: pd.DataFrame
    history: pd.DataFrame
    base_start: float
    has_leads: bool
    revenue: FittedForecast

    @property
    def agreement(self) -> float:
        """Relative gap, over the horizon, of the drivers' recombined revenue to the forecast."""
        return float(self.tree_revenue.sum() / self.revenue.mean.sum() - 1)

    # computed once per tree (a cached_property writes past the frozen __setattr__): a
    # slider move then only re-runs the recursion of the scenario itself
    @cached_property
    def tree_revenue(self) -> np.ndarray:
        """Revenue the drivers' baselines recombine to, per month."""
        return _run(self, {})["revenue"].to_numpy()

    @cached_property
    def revenue_paths(self) -> pd.DataFrame:
        """:data:`N_PATHS` simulated futures of the revenue forecast (seed 0)."""
        return forecast_paths(self.revenue, N_PATHS, seed=0)

    @property
    def horizon(self) -> int:
        return len(self.baseline)

    @property
    def drivers(self) -> list[str]:
        """The adjustable drivers this data supports, in display order."""
        hidden = {"new_customers"} if self.has_leads else {"leads", "conversion_rate"}
        return [key for key in DRIVERS if key not in hidden]


# --------------------------------------------------------------------------- history
def driver_history(kpi_frame: pd.DataFrame) -> pd.DataFrame:
    """Monthly drivers derived from a monthly KPI frame, on its complete months.

    Values that are not final yet (partial month, churn or conversion still provisional)
    are NaN, so they are neither forecast from nor shown as history.
    """
    k = kpi_frame[~kpi_frame["partial_period"]]
    # start where the active base is measurable: before it, "new" customers include old
    # ones bought before the data starts, and nothing would balance the base
    k = k.loc[k["churn_base"].first_valid_index() :] if k["churn_base"].notna().any() else k
    base = k["churn_base"].astype(float)
    history = pd.DataFrame(index=k.index)
    history["revenue"] = k["revenue"]
    history["buyers"] = k["active_customers"].astype(float)
    history["new_customers"] = k["new_customers"].astype(float)
    history["active_base"] = base
    history["churn_rate"] = k["churn_rate"]
    history["return_rate"] = k["returning_customers"] / base.where(base > 0)
    # the base of month t+1 minus what stayed from month t: customers who came in during t
    next_base = base.shift(-1)
    inflow = next_base - (base - k["churned_customers"])
    history["reactivations"] = inflow - history["new_customers"]
    history["orders_per_customer"] = k["orders"] / history["buyers"].where(history["buyers"] > 0)
    history["average_basket"] = k["average_basket"]
    if "leads" in k and k["leads"].sum() > 0:
        final_conversion = ~k["conversion_provisional"].astype(bool)
        history["leads"] = k["leads"].astype(float)
        history["conversion_rate"] = k["conversion_rate"].where(final_conversion)
        history["other_new"] = (k["new_customers"] - k["converted_leads"]).where(final_conversion)
    return history


def _base_at(orders: pd.DataFrame, start: pd.Timestamp, window: int) -> float:
    """Customers active at ``start`` by the churn definition (bought within W days before)."""
    purchases = orders[(orders["amount"] > 0) & (orders["date"] < start)]
    counts = churn_counts(purchases, "M", None, window, start)
    return float(counts["base"].iloc[-1]) if len(counts) else 0.0


# --------------------------------------------------------------------------- fitting
def fit_driver_tree(
    tables: dict[str, pd.DataFrame], horizon: int = 12, settings: KpiSettings | None = None
) -> DriverTree:
    """Fit each driver's baseline forecast on the monthly history of ``tables``.

    Parameters
    ----------
    tables
        Canonical tables; ``orders`` is required, ``leads`` adds the lead drivers.
    horizon
        Number of future months, starting the month after the last complete one.
    settings
        Churn and conversion windows (the KPIs' defaults when omitted).

    Returns
    -------
    DriverTree

    Raises
    ------
    DataError
        No orders, or fewer than :data:`MIN_MONTHS` complete months with a churn rate.
    """
    if "orders" not in tables or tables["orders"].empty:
        raise DataError.coded("whatif_needs_orders")
    if horizon < 1:
        raise ScenarioError(f"horizon must be at least 1 month; got {horizon}")
    settings = settings or KpiSettings()
    kpis = compute_kpis(tables, "M", None, settings)
    history = driver_history(kpis)
    revenue = fit_forecast(final_series(kpis, "revenue"), horizon, bounds=kpi_bounds("revenue"))
    months = pd.DatetimeIndex(revenue.index, freq="MS")
    first_future = months[0]
    has_leads = "leads" in history and history["conversion_rate"].notna().sum() >= MIN_MONTHS
    wanted = [
        s
        for s in SERIES
        if s in history and (has_leads or s not in ("leads", "conversion_rate", "other_new"))
    ]
    baseline = pd.DataFrame(index=months)
    for name in wanted:
        baseline[name] = _forecast_driver(history[name], months, name)
    if has_leads:
        baseline = baseline.drop(columns="new_customers")
    base_start = _base_at(tables["orders"], first_future, settings.churn_window)
    tree = DriverTree(
        baseline=baseline,
        history=history,
        base_start=base_start,
        has_leads=has_leads,
        revenue=revenue,
    )
    tree.tree_revenue, tree.revenue_paths  # noqa: B018 - computed now, pickled with the tree
    return tree


def _forecast_driver(series: pd.Series, months: pd.DatetimeIndex, name: str) -> np.ndarray:
    """The forecast of one driver on ``months``, from its last known value onwards."""
    measured = series.notna().to_numpy().nonzero()[0]
    # from the first to the last final month (churn needs W days of history to start)
    known = series.iloc[measured[0] : measured[-1] + 1] if len(measured) else series.iloc[:0]
    if known.count() < MIN_MONTHS:
        raise DataError.coded(
            "whatif_history_too_short", months=MIN_MONTHS, series=name, found=len(known)
        )
    known = known.asfreq("MS")
    if known.isna().any():  # a gap inside the history: carry the last value
        known = known.ffill()
    steps = (months[-1].year - known.index[-1].year) * 12 + months[-1].month - known.index[-1].month
    fitted = fit_forecast(known, max(steps, 1), bounds=DRIVER_BOUNDS.get(name, NONNEGATIVE))
    mean = pd.Series(
        fitted.mean,
        index=pd.date_range(
            known.index[-1] + pd.offsets.MonthBegin(1), periods=max(steps, 1), freq="MS"
        ),
    )
    return mean.reindex(months).to_numpy(dtype=float)


# the forecast's range per driver series: shares in 0-100 %, other new customers (a balance)
# signed; counts, baskets, frequencies and reactivations cannot go below zero (a bound the
# history itself crosses is dropped: engine.value_bounds)
DRIVER_BOUNDS = {
    "conversion_rate": (0.0, 1.0),
    "churn_rate": (0.0, 1.0),
    "return_rate": (0.0, 1.0),
    "other_new": UNBOUNDED,
}


# --------------------------------------------------------------------------- scenarios
def check_changes(tree: DriverTree, changes: dict[str, float]) -> dict[str, float]:
    """``changes`` as floats, each naming a driver this data supports and above -100 %."""
    clean = {}
    for key, value in changes.items():
        if key not in DRIVERS:
            raise ScenarioError(f"unknown driver {key!r}; available: {', '.join(tree.drivers)}")
        if key not in tree.drivers:
            need = "a leads table" if DRIVERS[key].needs_leads else "no leads table"
            raise ScenarioError(
                f"the driver {key!r} needs {need}; available with this data: "
                f"{', '.join(tree.drivers)}"
            )
        change = float(value)
        if not np.isfinite(change) or change < -1:
            raise ScenarioError(
                f"{key}: a change must be a finite share of at least -1 (-100 %); got {value!r}"
            )
        clean[key] = change
    return clean


def _scaled(tree: DriverTree, changes: dict[str, float], key: str) -> np.ndarray:
    values = tree.baseline[key].to_numpy() * (1 + changes.get(key, 0.0))
    return np.clip(values, 0.0, 1.0) if DRIVERS[key].is_rate else values


def _run(tree: DriverTree, changes: dict[str, float]) -> pd.DataFrame:
    """The recursion of the module docstring over the future months."""
    b = tree.baseline
    if tree.has_leads:
        leads, conversion = (
            _scaled(tree, changes, "leads"),
            _scaled(tree, changes, "conversion_rate"),
        )
        new = np.clip(leads * conversion + b["other_new"].to_numpy(), 0.0, None)
    else:
        new = _scaled(tree, changes, "new_customers")
    churn = _scaled(tree, changes, "churn_rate")
    return_rate, reactivations = b["return_rate"].to_numpy(), b["reactivations"].to_numpy()
    base = np.empty(tree.horizon)
    level = tree.base_start
    for t in range(tree.horizon):
        base[t] = level
        level = max(level * (1 - churn[t]) + new[t] + reactivations[t], 0.0)
    buyers = base * return_rate + new
    orders = buyers * _scaled(tree, changes, "orders_per_customer")
    revenue = orders * _scaled(tree, changes, "average_basket")
    frame = pd.DataFrame(
        {
            "revenue": revenue,
            "orders": orders,
            "buyers": buyers,
            "active_base": base,
            "new_customers": new,
            "churn_rate": churn,
            "orders_per_customer": _scaled(tree, changes, "orders_per_customer"),
            "average_basket": _scaled(tree, changes, "average_basket"),
        },
        index=b.index,
    )
    if tree.has_leads:
        frame["leads"], frame["conversion_rate"] = leads, conversion
    return frame


def project(tree: DriverTree, changes: dict[str, float] | None = None) -> pd.DataFrame:
    """Baseline and scenario revenue per future month, with the scenario's drivers.

    Parameters
    ----------
    tree
        Fitted baselines (:func:`fit_driver_tree`).
    changes
        Driver -> relative change (``{"leads": 0.10}`` is +10 % leads every month).

    Returns
    -------
    pandas.DataFrame
        One row per future month: ``baseline`` and ``scenario`` revenue, then the scenario's
        drivers (``leads``, ``conversion_rate``, ``new_customers``, ``active_base``,
        ``buyers``, ``churn_rate``, ``orders_per_customer``, ``average_basket``, ``orders``).
    """
    changes = check_changes(tree, changes or {})
    baseline = pd.Series(tree.revenue.mean, index=tree.baseline.index, name="baseline")
    scenario = _run(tree, changes)
    scenario["revenue"] = baseline * _effect(tree, changes, scenario["revenue"].to_numpy())
    return pd.concat([baseline, scenario.rename(columns={"revenue": "scenario"})], axis=1)


def _effect(
    tree: DriverTree, changes: dict[str, float], scenario: np.ndarray | None = None
) -> np.ndarray:
    """Scenario revenue over baseline revenue of the tree, per month (1 without changes).

    ``scenario`` is the tree's revenue under ``changes`` when the caller has run it already.
    """
    if not changes:
        return np.ones(tree.horizon)
    tree_baseline = tree.tree_revenue
    if scenario is None:
        scenario = _run(tree, changes)["revenue"].to_numpy()
    safe = np.where(tree_baseline > 0, tree_baseline, np.nan)
    return np.nan_to_num(scenario / safe, nan=1.0)


def scenario_paths(tree: DriverTree, changes: dict[str, float]) -> pd.DataFrame:
    """Simulated revenue futures under ``changes``: the forecast's paths times the effect.

    Feed them to :func:`models.forecasting.engine.reach_probability` for the odds of an objective.
    """
    effect = _effect(tree, check_changes(tree, changes))
    return tree.revenue_paths.mul(effect, axis=0)


def what_if(
    tables: dict[str, pd.DataFrame], changes: dict[str, float], horizon: int = 12
) -> pd.DataFrame:
    """Fit the driver tree on ``tables`` and project a scenario (see :func:`project`).

    The fit is the slow part: an app fits once (:func:`fit_driver_tree`) and calls
    :func:`project` on every slider move.
    """
    return project(fit_driver_tree(tables, horizon), changes)


def scenario_effect(tree: DriverTree, changes: dict[str, float]) -> np.ndarray:
    """Scenario revenue over baseline revenue, per future month (ones without changes)."""
    return _effect(tree, check_changes(tree, changes))


def scenario_total(
    tree: DriverTree, changes: dict[str, float], weights: np.ndarray | None = None
) -> float:
    """Revenue over the whole horizon under ``changes`` (as :func:`project` computes it), or
    over a target period's rest: each month times its ``weights`` (0 to 1, see
    :func:`models.scenarios.period_outlook.rest_weights`)."""
    changes = check_changes(tree, changes)
    revenue = tree.revenue.mean * _effect(tree, changes)
    return float((revenue if weights is None else revenue * weights).sum())


def change_bounds(driver: str) -> tuple[float, float]:
    """The interval goal-seek searches: -100 % to +1,000 % (rates are capped at 100 % anyway)."""
    return -1.0, 10.0


class GoalUnreachable(ScenarioError):
    """No change of the driver within its bounds reaches the target; ``closest`` is the
    revenue of the bound that comes nearest, ``low`` and ``high`` the bounds tried."""

    def __init__(self, message: str, closest: float, low: float, high: float) -> None:
        super().__init__(message)
        self.closest, self.low, self.high = closest, low, high


def seek_change(
    tree: DriverTree, driver: str, target: float, weights: np.ndarray | None = None
) -> float:
    """The relative change of ``driver`` alone for which revenue over the horizon (or over the
    months ``weights`` count, as in :func:`scenario_total`) is ``target``.

    Raises
    ------
    GoalUnreachable
        Even the driver's extreme within :func:`change_bounds` falls short (or overshoots).
    """
    check_changes(tree, {driver: 0.0})
    low, high = change_bounds(driver)
    gap = lambda change: scenario_total(tree, {driver: change}, weights) - target  # noqa: E731
    at_low, at_high = gap(low), gap(high)
    if at_low * at_high > 0:
        best = max(at_low, at_high) + target
        over = f"{tree.horizon} months" if weights is None else "the rest of the period"
        raise GoalUnreachable(
            f"{DRIVERS[driver].label}: no change between {low:+.0%} and {high:+.0%} brings "
            f"revenue over {over} to {target:,.0f}; the closest is {best:,.0f}",
            best,
            low,
            high,
        )
    if at_low == 0 or at_high == 0:
        return low if at_low == 0 else high
    return float(brentq(gap, low, high, xtol=1e-9, rtol=1e-10))


def goal_seek(
    tables: dict[str, pd.DataFrame] | DriverTree, driver: str, target: float, horizon: int = 12
) -> float:
    """The relative change of one driver that makes revenue over ``horizon`` months ``target``.

    ``tables`` may be a fitted :class:`DriverTree` (then ``horizon`` is the tree's).
    """
    tree = tables if isinstance(tables, DriverTree) else fit_driver_tree(tables, horizon)
    return seek_change(tree, driver, target)


def recombine_history(history: pd.DataFrame) -> pd.Series:
    """Revenue rebuilt from the historical drivers by the same recursion as :func:`project`.

    Starts from the first month with an active base and runs the base forward with the
    actual churn, new customers and reactivations; a check that the tree is an identity.
    """
    h = history.dropna(
        subset=[
            "active_base",
            "churn_rate",
            "reactivations",
            "return_rate",
            "orders_per_customer",
            "average_basket",
        ]
    )
    level, rows = float(h["active_base"].iloc[0]), []
    for month, r in h.iterrows():
        buyers = level * r["return_rate"] + r["new_customers"]
        rows.append((month, buyers * r["orders_per_customer"] * r["average_basket"]))
        level = level * (1 - r["churn_rate"]) + r["new_customers"] + r["reactivations"]
    return pd.Series(dict(rows), name="revenue")
