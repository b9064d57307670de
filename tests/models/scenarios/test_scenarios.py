"""Driver tree: hand-computed projections, identity, monotonicity, goal-seek, the demo fit."""

import numpy as np
import pandas as pd
import pytest

from models import sample_tables
from models.kpis.compute import KpiSettings, compute_kpis
from models.scenarios.driver_tree import (
    DRIVERS,
    DriverTree,
    GoalUnreachable,
    ScenarioError,
    driver_history,
    fit_driver_tree,
    goal_seek,
    project,
    recombine_history,
    scenario_paths,
    scenario_total,
    seek_change,
    what_if,
)
from tests.models.scenarios.factories import small_tree


def test_no_change_gives_exactly_the_baseline():
    frame = project(small_tree())
    assert frame["scenario"].tolist() == frame["baseline"].tolist() == [6000.0] * 3
    assert frame["active_base"].tolist() == pytest.approx([100, 100, 100])


def test_ten_percent_more_leads_matches_a_hand_computation():
    # 11 new a month: base 100 -> 101 -> 101.9; buyers 61, 61.5, 61.95
    frame = project(small_tree(), {"leads": 0.10})
    assert frame["scenario"].tolist() == pytest.approx([6100.0, 6150.0, 6195.0])
    assert frame["new_customers"].tolist() == pytest.approx([11.0] * 3)


def test_less_churn_matches_a_hand_computation():
    # churn 5 %: base 100 -> 105 -> 109.75; buyers 60, 62.5, 64.875
    frame = project(small_tree(), {"churn_rate": -0.5})
    assert frame["scenario"].tolist() == pytest.approx([6000.0, 6250.0, 6487.5])


def test_the_scenario_scales_the_revenue_forecast_not_the_tree_level():
    # the revenue's own forecast says 12,000 a month, the tree 6,000: the effect is relative
    frame = project(small_tree(revenue_level=12000.0), {"average_basket": 0.10})
    assert frame["baseline"].tolist() == pytest.approx([12000.0] * 3)
    assert frame["scenario"].tolist() == pytest.approx([13200.0] * 3)
    assert small_tree(revenue_level=12000.0).agreement == pytest.approx(-0.5)


def test_orders_alone_drive_new_customers_directly():
    tree = small_tree(has_leads=False)
    assert "leads" not in tree.drivers and "new_customers" in tree.drivers
    assert project(tree, {"new_customers": 0.10})["scenario"].tolist() == pytest.approx(
        [6100.0, 6150.0, 6195.0]
    )
    with pytest.raises(ScenarioError, match="needs a leads table"):
        project(tree, {"leads": 0.1})


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"weather": 0.1}, "unknown driver 'weather'"),
        ({"leads": -1.5}, "at least -1"),
        ({"leads": float("nan")}, "finite"),
    ],
)
def test_bad_changes_are_refused_with_a_message(changes, message):
    with pytest.raises(ScenarioError, match=message):
        project(small_tree(), changes)


def test_rates_are_capped_at_one_hundred_percent():
    frame = project(small_tree(), {"conversion_rate": 9.0})
    assert frame["conversion_rate"].max() == 1.0


def test_goal_seek_reaches_its_target():
    tree = small_tree()
    assert seek_change(tree, "leads", 6100 + 6150 + 6195) == pytest.approx(0.10, abs=1e-9)
    assert seek_change(tree, "churn_rate", 6000 + 6250 + 6487.5) == pytest.approx(-0.5, abs=1e-9)
    assert goal_seek(tree, "average_basket", 19800) == pytest.approx(0.10, abs=1e-9)


def test_goal_seek_says_when_a_target_is_out_of_reach():
    with pytest.raises(GoalUnreachable, match="no change between"):
        seek_change(small_tree(), "orders_per_customer", 1e9)


def test_scenario_paths_are_the_forecast_paths_times_the_effect():
    tree = small_tree(revenue_level=12000.0)
    paths = scenario_paths(tree, {"average_basket": 0.10})
    assert paths.shape == (3, 2000)
    assert np.allclose(paths.to_numpy(), 13200.0)  # a constant history has no spread


# ----------------------------------------------------------------- fitted on the demo company
@pytest.fixture(scope="module")
def demo_tree() -> DriverTree:
    return fit_driver_tree(sample_tables(), horizon=12)


def test_the_demo_tree_has_every_driver(demo_tree):
    assert demo_tree.drivers == [
        "leads",
        "conversion_rate",
        "churn_rate",
        "orders_per_customer",
        "average_basket",
    ]
    assert len(demo_tree.baseline) == 12
    assert demo_tree.baseline.index[0] == pd.Timestamp("2026-11-01")  # demo data ends in Oct
    assert demo_tree.baseline.notna().all().all()


def test_the_drivers_recombine_to_the_actual_revenue(demo_tree):
    rebuilt = recombine_history(demo_tree.history)
    actual = demo_tree.history["revenue"].reindex(rebuilt.index)
    assert len(rebuilt) >= 24
    assert np.allclose(rebuilt, actual, rtol=1e-9)


def test_the_drivers_own_forecasts_agree_with_the_revenue_forecast(demo_tree):
    assert (
        abs(demo_tree.agreement) < 0.05
    )  # measured +2.6 % on the demo company (+2.1 % before 1b4669d)


def test_no_change_is_the_revenue_forecast(demo_tree):
    frame = project(demo_tree, {})
    assert frame["scenario"].equals(frame["baseline"].rename("scenario"))
    assert np.allclose(frame["baseline"], demo_tree.revenue.mean)


@pytest.mark.parametrize(
    "driver", ["leads", "conversion_rate", "churn_rate", "orders_per_customer", "average_basket"]
)
def test_more_of_a_good_driver_never_lowers_revenue(demo_tree, driver):
    sign = 1 if DRIVERS[driver].raises_revenue else -1
    totals = [scenario_total(demo_tree, {driver: sign * step}) for step in (0, 0.05, 0.2, 0.5)]
    assert totals == sorted(totals)
    assert totals[-1] > totals[0]


@pytest.mark.parametrize("driver", ["leads", "conversion_rate", "churn_rate", "average_basket"])
def test_goal_seek_on_the_demo_is_within_half_a_percent(demo_tree, driver):
    target = project(demo_tree)["baseline"].sum() * 1.04
    change = goal_seek(demo_tree, driver, target)
    assert abs(scenario_total(demo_tree, {driver: change}) / target - 1) < 0.005


def test_orders_alone_still_make_a_tree():
    tables = {"orders": sample_tables()["orders"]}
    frame = what_if(tables, {"churn_rate": -0.2}, horizon=6)
    assert len(frame) == 6
    assert (frame["scenario"] >= frame["baseline"]).all()
    assert frame["scenario"].sum() > frame["baseline"].sum()


def test_driver_history_with_leads_before_the_first_order():
    leads = pd.DataFrame(
        {
            "lead_id": ["L1", "L2"],
            "created": pd.to_datetime(["2025-11-03", "2026-03-02"]),
            "converted": [True, False],
        }
    )
    k = compute_kpis(
        {"orders": _orders_from_january(), "leads": leads}, settings=KpiSettings(churn_window=45)
    )
    history = driver_history(k)  # raised TypeError: bad operand type for unary ~: 'float'
    assert history.index[-1] == pd.Timestamp("2026-04-01")


def _orders_from_january() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-01-05", "2026-02-01", "2026-03-15", "2026-05-02"]),
            "customer_id": ["A", "B", "A", "C"],
            "amount": [100.0, 60, 80, 40],
        }
    )
