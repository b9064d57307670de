"""What-if: the driver tree, its projections, goal-seek and scenario reports.

The pages import from here; the modules below are this package's own business.
"""

from models.scenarios.driver_tree import (
    DRIVERS,
    DriverTree,
    GoalUnreachable,
    ScenarioError,
    fit_driver_tree,
    goal_seek,
    project,
    scenario_effect,
    what_if,
)
from models.scenarios.period_outlook import (
    PeriodOutlook,
    group_outlooks,
    period_outlook,
    rest_weights,
)
from models.scenarios.report import (
    DATA_PARAM,
    changes_from_query,
    changes_to_query,
    compare_scenarios,
    driver_ranges,
    fit_to_sliders,
    goal_seek_table,
    link_matches_data,
    total_reach_probability,
)

__all__ = [
    "DATA_PARAM",
    "DRIVERS",
    "DriverTree",
    "GoalUnreachable",
    "PeriodOutlook",
    "ScenarioError",
    "changes_from_query",
    "changes_to_query",
    "compare_scenarios",
    "driver_ranges",
    "fit_driver_tree",
    "fit_to_sliders",
    "goal_seek",
    "goal_seek_table",
    "group_outlooks",
    "link_matches_data",
    "period_outlook",
    "project",
    "rest_weights",
    "scenario_effect",
    "total_reach_probability",
    "what_if",
]
