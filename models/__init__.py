"""Objectif's engine: import, KPIs, forecasts and scenarios, with no Streamlit dependency.

The public names below are loaded on first use (PEP 562): a dashboard needs pandas, not
statsmodels or scikit-learn, and importing those costs over a second of every cold start.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_WHERE = {
    "ImportResult": "importer", "describe_tables": "importer", "import_table": "importer",
    "load_table": "importer", "sample_tables": "importer",
    "forecast": "forecasting",
    "KpiSettings": "kpis", "compute_kpis": "kpis",
    "lead_lift": "lead_scoring", "lead_scores": "lead_scoring",
    "churn_lift": "risk", "churn_risk": "risk",
    "RawTable": "loading", "list_sheets": "loading", "read_raw": "loading",
    "QualityReport": "quality",
    "goal_seek": "scenarios", "what_if": "scenarios",
    "KINDS": "schema", "TABLES": "schema", "DataError": "schema",
    "ImportOptions": "validation", "propose_mapping": "validation",
    "unrecognised_values": "validation", "validate_table": "validation",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'models' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"models.{_WHERE[name]}"), name)
    globals()[name] = value  # loaded once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # for type checkers and IDEs: the same names, eagerly
    from models.forecasting import forecast
    from models.importer import (ImportResult, describe_tables, import_table, load_table,
                                 sample_tables)
    from models.kpis import KpiSettings, compute_kpis
    from models.lead_scoring import lead_lift, lead_scores
    from models.loading import RawTable, list_sheets, read_raw
    from models.quality import QualityReport
    from models.risk import churn_lift, churn_risk
    from models.scenarios import goal_seek, what_if
    from models.schema import KINDS, TABLES, DataError
    from models.validation import (ImportOptions, propose_mapping, unrecognised_values,
                                   validate_table)
