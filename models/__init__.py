"""Objectif's engine: import, KPIs, forecasts and scenarios, with no Streamlit dependency.

Subpackages, in the order the data flows (each imports only those before it): ``core``,
``data``, ``kpis``, then ``forecasting`` and ``scoring``, then ``scenarios``; ``presentation``
turns results into charts and files.

The public names below are loaded on first use (PEP 562): a dashboard needs pandas, not
statsmodels or scikit-learn, and importing those costs over a second of every cold start.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_WHERE = {  # public name -> the subpackage that exports it
    "ImportResult": "data",
    "describe_tables": "data",
    "import_table": "data",
    "load_table": "data",
    "sample_tables": "data",
    "RawTable": "data",
    "list_sheets": "data",
    "read_raw": "data",
    "QualityReport": "data",
    "KINDS": "data",
    "TABLES": "data",
    "ImportOptions": "data",
    "propose_mapping": "data",
    "unrecognised_values": "data",
    "validate_table": "data",
    "DataError": "core",
    "KpiSettings": "kpis",
    "compute_kpis": "kpis",
    "forecast": "forecasting",
    "lead_lift": "scoring",
    "lead_scores": "scoring",
    "churn_lift": "scoring",
    "churn_risk": "scoring",
    "goal_seek": "scenarios",
    "what_if": "scenarios",
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
    from models.core import DataError
    from models.data import (
        KINDS,
        TABLES,
        ImportOptions,
        ImportResult,
        QualityReport,
        RawTable,
        describe_tables,
        import_table,
        list_sheets,
        load_table,
        propose_mapping,
        read_raw,
        sample_tables,
        unrecognised_values,
        validate_table,
    )
    from models.forecasting import forecast
    from models.kpis import KpiSettings, compute_kpis
    from models.scenarios import goal_seek, what_if
    from models.scoring import churn_lift, churn_risk, lead_lift, lead_scores
