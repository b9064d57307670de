"""What the What-if page reports about scenarios: goal-seek levels, comparisons, share links.

Pure functions over a fitted :class:`models.scenarios.driver_tree.DriverTree`; the page
formats them.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from models.forecasting.engine import reach_probability
from models.kpis.objective_store import link_id
from models.scenarios.driver_tree import (
    DRIVERS,
    DriverTree,
    GoalUnreachable,
    ScenarioError,
    check_changes,
    project,
    scenario_paths,
    seek_change,
)


def driver_ranges(tree: DriverTree) -> pd.DataFrame:
    """Per adjustable driver: its baseline average and its historical low, median and high.

    The history counts only final months, so a slider can show where a scenario leaves the
    range the business has actually known.
    """
    rows, baseline = {}, project(tree)
    for key in tree.drivers:
        past = tree.history[key].dropna() if key in tree.history else pd.Series(dtype=float)
        rows[key] = {
            "baseline": float(np.mean(baseline[key])),
            "low": past.min(),
            "median": past.median(),
            "high": past.max(),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def goal_seek_table(
    tree: DriverTree, target: float, weights: np.ndarray | None = None
) -> pd.DataFrame:
    """For each driver alone, the change that brings revenue over the horizon to ``target``
    (or over the months ``weights`` count: the rest of a target period, whose objective less
    what is booked is then ``target``; see :func:`models.scenarios.period_outlook.rest_weights`).

    Returns
    -------
    pandas.DataFrame
        Index: driver. Columns ``change`` (relative, NaN if unreachable), ``baseline`` and
        ``required`` (the driver's monthly average before and after), ``historical_best``
        (highest past month, lowest for churn) and ``stretch`` (the required level is beyond
        that best), ``note`` (why it is unreachable, in English, else empty) and ``closest``
        (the revenue over the horizon nearest the target within the driver's bounds when it is
        unreachable, else NaN).
    """
    ranges = driver_ranges(tree)
    rows = {}
    for key in tree.drivers:
        best = float(ranges["high" if DRIVERS[key].raises_revenue else "low"].astype(float)[key])
        closest = np.nan
        try:
            change, note = seek_change(tree, key, target, weights), ""
        except GoalUnreachable as err:
            change, note, closest = np.nan, str(err), err.closest
        required = float(np.mean(project(tree, {key: change})[key])) if note == "" else np.nan
        beyond = (required > best) if DRIVERS[key].raises_revenue else (required < best)
        rows[key] = {
            "change": change,
            "baseline": ranges.at[key, "baseline"],
            "required": required,
            "historical_best": best,
            "stretch": bool(note == "" and pd.notna(best) and beyond),
            "note": note,
            "closest": closest,
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def compare_scenarios(
    tree: DriverTree, scenarios: Mapping[str, Mapping[str, float]], target: float | None = None
) -> pd.DataFrame:
    """Side by side: each scenario's changes, revenue over the horizon and its odds.

    Parameters
    ----------
    tree
        The fitted driver tree.
    scenarios
        Name -> changes; "Baseline" (no change) is added first.
    target
        Revenue objective over the horizon, if any: adds ``gap`` and ``probability``.
    """
    rows = []
    for name, changes in {"Baseline": {}, **scenarios}.items():
        changes = check_changes(tree, dict(changes))
        frame = project(tree, changes)
        revenue = float(frame["scenario"].sum())
        row: dict[str, object] = {
            "scenario": name,
            **{key: changes.get(key, 0.0) for key in tree.drivers},
            "revenue": revenue,
            "vs_baseline": revenue / frame["baseline"].sum() - 1,
        }
        if target is not None:
            row["objective"] = target
            row["gap"] = revenue - target
            row["probability"] = total_reach_probability(tree, changes, target)
        rows.append(row)
    return pd.DataFrame(rows)


def total_reach_probability(tree: DriverTree, changes: Mapping[str, float], target: float) -> float:
    """Chance that revenue summed over the horizon reaches ``target`` under ``changes``."""
    totals = scenario_paths(tree, dict(changes)).sum(axis=0).to_frame().T
    return float(reach_probability(totals, pd.Series([target], index=totals.index)).iloc[0])


QUERY_SCALE = 100  # URLs carry whole percents: ?leads=10&churn_rate=-20


DATA_PARAM = "data"  # the share link's data set: ?data=3fa9c0d2e1b4&leads=10


def changes_to_query(changes: Mapping[str, float], scope: str | None = None) -> dict[str, str]:
    """Query parameters that reproduce ``changes`` (zero changes are left out), naming the
    data set of ``scope`` when given (:func:`models.kpis.objective_store.link_id`)."""
    query = {
        key: f"{value * QUERY_SCALE:g}"
        for key, value in changes.items()
        if key in DRIVERS and value != 0
    }
    return {DATA_PARAM: link_id(scope), **query} if scope else query


def link_matches_data(params: Mapping[str, str | list[str]], scope: str) -> bool | None:
    """Whether a share link was made on the data set of ``scope``: ``None`` when it names
    none (an older link), ``False`` when the receiver has other data loaded (the page then
    warns that the scenario was built on other figures)."""
    raw = params.get(DATA_PARAM)
    if raw is None:
        return None
    named = raw[-1] if isinstance(raw, list) else raw
    return str(named).strip().lower() == link_id(scope).lower()


def changes_from_query(params: Mapping[str, str | list[str]]) -> tuple[dict[str, float], list[str]]:
    """Changes read from query parameters, and the parameters that could not be read.

    Unknown keys are not drivers and are left alone (another page may own them); a
    driver whose value is not a number, or is below -100 %, is reported back.
    """
    changes, problems = {}, []
    for key, raw in params.items():
        if key not in DRIVERS:
            continue
        text = raw[-1] if isinstance(raw, list) else raw
        try:
            value = float(str(text).replace(",", ".")) / QUERY_SCALE
        except ValueError:
            problems.append(f"{key}={text!r} is not a number")
            continue
        if not np.isfinite(value):
            problems.append(f"{key}={text!r} is not a finite number")
            continue
        if value < -1:
            problems.append(f"{key}={text!r} must be a percent of at least -100")
            continue
        changes[key] = value
    return changes, problems


def fit_to_sliders(changes: Mapping[str, float]) -> tuple[dict[str, float], list[dict]]:
    """``changes`` brought within each driver's slider range (``DRIVERS[key].span``), and one
    ``{"driver", "asked", "low", "high", "value"}`` (whole percents) per change that was not.

    A link or a saved scenario may ask for more than a slider can show (``?leads=101``);
    Streamlit raises when a slider is given a value outside its range, so it is set to the
    nearest end instead, and the caller says so. Unknown drivers are left out.
    """
    fitted, clamped = {}, []
    for key, value in changes.items():
        if key not in DRIVERS or not np.isfinite(value):
            continue
        low, high = DRIVERS[key].span
        percent = round(value * QUERY_SCALE, 6)  # 0.3 * 100 is 30.000000000000004
        inside = min(max(percent, low), high)
        if inside != percent:
            clamped.append(
                {"driver": key, "asked": percent, "low": low, "high": high, "value": inside}
            )
        fitted[key] = inside / QUERY_SCALE
    return fitted, clamped


__all__ = [
    "ScenarioError",
    "changes_from_query",
    "changes_to_query",
    "compare_scenarios",
    "driver_ranges",
    "fit_to_sliders",
    "goal_seek_table",
    "total_reach_probability",
]
