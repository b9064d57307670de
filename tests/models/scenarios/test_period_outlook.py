"""Booked + forecast of the rest over a target period, by hand on a constant forecast."""

import numpy as np
import pandas as pd
import pytest

from models import DataError
from models.forecasting.engine import fit_forecast
from models.kpis.targets import target_period
from models.scenarios.period_outlook import period_outlook

AS_OF = pd.Timestamp("2017-12-30")  # Superstore's last day: December has one day left


def _actuals() -> pd.Series:
    """100 a month from January 2016; December 2017 booked 90 by the 30th."""
    months = pd.date_range("2016-01-01", "2017-12-01", freq="MS")
    return pd.Series(100.0, index=months).where(months < "2017-12-01", 90.0)


def _constant_fit(horizon: int = 16):
    """A forecast of 100 a month from December 2017 (no doubt: every path is 100)."""
    return fit_forecast(_actuals().iloc[:-1], horizon)


def test_a_month_with_one_day_left():
    outlook = period_outlook(
        _actuals(), _constant_fit(), target_period("M", 2017, 12), AS_OF, target=93.0
    )
    assert outlook.booked == 90.0
    assert outlook.rest == pytest.approx(100 / 31)  # 3.23, not the month's 100
    assert outlook.expected == pytest.approx(93.2258, abs=1e-4)
    assert outlook.probability == 1.0 and outlook.gap == pytest.approx(-0.2258, abs=1e-4)


def test_a_fiscal_year_from_april():
    fiscal = target_period("Y", 2017, fiscal_start=4)  # April 2017 - March 2018
    outlook = period_outlook(_actuals(), _constant_fit(), fiscal, AS_OF, target=1190.0)
    # April-November: 8 x 100 booked; December: 90 + 100/31; January-March: 3 x 100
    assert outlook.booked == 890.0
    assert outlook.rest == pytest.approx(100 / 31 + 300)
    assert outlook.expected == pytest.approx(1193.2258, abs=1e-4)
    assert outlook.probability == 1.0
    assert (
        period_outlook(_actuals(), _constant_fit(), fiscal, AS_OF, target=1200.0).probability == 0.0
    )
    months = outlook.months
    assert months["booked"].tolist() == [100.0] * 8 + [90.0, 0.0, 0.0, 0.0]
    assert months["remaining_share"].tolist() == pytest.approx([0] * 8 + [1 / 31, 1, 1, 1])


def test_a_period_over_is_what_it_booked():
    outlook = period_outlook(
        _actuals(), _constant_fit(), target_period("Y", 2016), AS_OF, target=1200.0
    )
    assert (outlook.booked, outlook.rest, outlook.probability) == (1200.0, 0.0, 1.0)
    assert np.isnan(
        period_outlook(_actuals(), _constant_fit(), target_period("Y", 2016), AS_OF).probability
    )  # no target, no chance


def test_a_forecast_too_short_is_refused():
    with pytest.raises(DataError, match="forecast further"):
        period_outlook(_actuals(), _constant_fit(3), target_period("Y", 2018), AS_OF)


def test_the_chance_is_over_the_whole_period_not_month_by_month():
    rng = np.random.default_rng(1)
    months = pd.date_range("2014-01-01", "2017-11-01", freq="MS")
    history = pd.Series(
        1000 + 100 * np.sin(np.arange(len(months)) * np.pi / 6) + rng.normal(0, 60, len(months)),
        index=months,
    )
    fitted = fit_forecast(history, 13)
    actuals = pd.concat([history, pd.Series([900.0], index=[pd.Timestamp("2017-12-01")])])
    year = target_period("Y", 2018)
    middle = period_outlook(actuals, fitted, year, AS_OF, target=float(fitted.mean[1:].sum()))
    assert 0.35 < middle.probability < 0.65  # the expected total: about an even chance
    assert middle.low < middle.expected < middle.high
    chances = [
        period_outlook(actuals, fitted, year, AS_OF, target=middle.expected * k).probability
        for k in (0.9, 1.0, 1.1)
    ]
    assert chances[0] > chances[1] > chances[2]
    again = period_outlook(actuals, fitted, year, AS_OF, target=middle.expected)
    assert again.probability == chances[1]  # same seed, same answer


def test_rest_weights_of_a_tree_horizon():
    from models.scenarios.period_outlook import rest_weights

    months = pd.date_range("2017-12-01", periods=5, freq="MS")  # Dec 2017 - Apr 2018
    weights = rest_weights(months, target_period("Q", 2018, 1), AS_OF)
    assert weights.tolist() == [0.0, 1.0, 1.0, 1.0, 0.0]  # Q1 2018 only
    fiscal = rest_weights(months, target_period("Y", 2017, fiscal_start=4), AS_OF)
    assert fiscal.tolist() == pytest.approx([1 / 31, 1, 1, 1, 0])  # to March 2018


def test_a_scenario_scales_the_rest_not_what_is_booked():
    fiscal = target_period("Y", 2017, fiscal_start=4)
    effect = np.full(16, 1.1)  # +10 % every month from December
    outlook = period_outlook(
        _actuals(), _constant_fit(), fiscal, AS_OF, target=1200.0, effect=effect
    )
    assert outlook.booked == 890.0
    assert outlook.rest == pytest.approx(1.1 * (100 / 31 + 300))  # 333.55
    assert outlook.probability == 1.0  # 1,223.5 >= 1,200


def test_goal_seek_over_exactly_the_period():
    from models.scenarios.driver_tree import scenario_total, seek_change
    from models.scenarios.period_outlook import rest_weights
    from tests.models.scenarios.factories import small_tree

    tree = small_tree()  # 6,000 a month from January 2027, for 3 months
    weights = rest_weights(
        tree.baseline.index, target_period("M", 2027, 2), pd.Timestamp("2026-12-31")
    )
    assert weights.tolist() == [0.0, 1.0, 0.0]
    assert scenario_total(tree, {}, weights) == pytest.approx(6000.0)
    change = seek_change(tree, "average_basket", 6600.0, weights)  # February alone, +10 %
    assert change == pytest.approx(0.10, abs=1e-6)


def _by_region() -> pd.DataFrame:
    """East 40 and West 60 a month from 2016; North 10 from September 2017; December 2017
    booked 90 % by the 30th."""
    months = pd.date_range("2016-01-01", "2017-12-01", freq="MS")
    index = pd.MultiIndex.from_product(
        [months, ["East", "North", "West"]], names=["period", "region"]
    )
    level = {"East": 40.0, "North": 10.0, "West": 60.0}
    revenue = [
        level[r] * (0.9 if m == months[-1] else 1.0)
        if r != "North" or m >= pd.Timestamp("2017-09-01")
        else 0.0
        for m, r in index
    ]
    return pd.DataFrame(
        {"revenue": revenue, "partial_period": [m == months[-1] for m, _ in index]}, index=index
    )


def test_attainment_pace_and_chance_per_group():
    from models.forecasting.groups import fit_groups
    from models.kpis.objectives import validate_objectives
    from models.scenarios.period_outlook import group_outlooks

    frame = _by_region()
    total = fit_forecast(
        pd.Series(100.0, index=pd.date_range("2016-01-01", "2017-11-01", freq="MS")), 4
    )
    groups = fit_groups(frame, "revenue", "region", 4, total)
    objectives = validate_objectives(
        pd.DataFrame(
            {
                "period": ["2017-Q4", "2017-Q4"],
                "kpi": "revenue",
                "group": ["East", "West"],
                "target": [125.0, 170.0],
            }
        )
    )
    rows = group_outlooks(
        frame["revenue"], groups, objectives, target_period("Q", 2017, 4), "revenue", AS_OF
    )
    east, west, north = rows.loc["East"], rows.loc["West"], rows.loc["North"]
    # East: 40 + 40 + 36 booked of 125; 91 of Q4's 92 days gone
    assert east["actual"] == 116.0 and east["attainment"] == pytest.approx(116 / 125)
    assert east["pace"] == pytest.approx(116 / (125 * 91 / 92))
    assert east["expected"] == pytest.approx(116 + 40 / 31) and east["probability"] == 0.0
    assert west["actual"] == 174.0 and west["probability"] == 1.0
    # North: 3 months old, not forecast: its actual, no target, the reason
    assert north["actual"] == 29.0 and np.isnan(north["target"]) and np.isnan(north["expected"])
    assert "3 final periods" in north["note"]
