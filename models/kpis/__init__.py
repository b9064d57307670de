"""Canonical tables -> KPIs per period and group; objectives and where they are stored.

The pages import from here; the modules below are this package's own business.
"""

from models.kpis.allocation import (
    allocate,
    check_groups,
    group_shares,
    roll_up,
    seasonal_weights,
    spread,
)
from models.kpis.compute import (
    DIMENSIONS,
    PROVISIONAL_FLAGS,
    KpiSettings,
    compute_funnel,
    compute_kpis,
    final_series,
    latest_date,
    summarise_kpis,
)
from models.kpis.objective_store import (
    ENV_URL,
    MemoryStore,
    ObjectiveStore,
    StoreError,
    data_scope,
    link_id,
)
from models.kpis.objectives import (
    ADDITIVE,
    OBJECTIVE_COLUMNS,
    attainment,
    check_objectives,
    copy_period,
    fill_from_history,
    targets_for,
    validate_objectives,
)
from models.kpis.pipeline import (
    GROUPS as PIPELINE_GROUPS,
)
from models.kpis.pipeline import (
    PIPELINE_COLUMNS,
    deals_as_of,
    estimate_open_values,
    expected_close,
    join_teams,
    pipeline_coverage,
    pipeline_forecast,
    pipeline_kpis,
    win_chances,
)
from models.kpis.retention import suggest_churn_window
from models.kpis.targets import (
    TargetPeriod,
    horizon_to,
    period_containing,
    period_objective,
    remaining_share,
    target_period,
    weekday_weights,
)

__all__ = [
    "ADDITIVE",
    "DIMENSIONS",
    "ENV_URL",
    "OBJECTIVE_COLUMNS",
    "PIPELINE_COLUMNS",
    "PIPELINE_GROUPS",
    "PROVISIONAL_FLAGS",
    "KpiSettings",
    "MemoryStore",
    "ObjectiveStore",
    "StoreError",
    "TargetPeriod",
    "allocate",
    "attainment",
    "check_groups",
    "check_objectives",
    "compute_funnel",
    "compute_kpis",
    "copy_period",
    "data_scope",
    "deals_as_of",
    "estimate_open_values",
    "expected_close",
    "fill_from_history",
    "final_series",
    "group_shares",
    "horizon_to",
    "join_teams",
    "latest_date",
    "link_id",
    "period_containing",
    "period_objective",
    "pipeline_coverage",
    "pipeline_forecast",
    "pipeline_kpis",
    "remaining_share",
    "roll_up",
    "seasonal_weights",
    "spread",
    "suggest_churn_window",
    "summarise_kpis",
    "target_period",
    "targets_for",
    "validate_objectives",
    "weekday_weights",
    "win_chances",
]
