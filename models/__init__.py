"""Objectif's engine: import, KPIs, forecasts and scenarios, with no Streamlit dependency."""

from models.importer import (ImportResult, describe_tables, import_table, load_table,
                             sample_tables)
from models.forecasting import forecast
from models.kpis import KpiSettings, compute_kpis
from models.lead_scoring import lead_lift, lead_scores
from models.risk import churn_lift, churn_risk
from models.loading import RawTable, list_sheets, read_raw
from models.quality import QualityReport
from models.scenarios import goal_seek, what_if
from models.schema import KINDS, TABLES, DataError
from models.validation import (ImportOptions, propose_mapping, unrecognised_values,
                               validate_table)

__all__ = [
    "KINDS", "TABLES", "DataError", "describe_tables", "ImportOptions", "ImportResult", "QualityReport", "RawTable",
    "KpiSettings", "churn_lift", "churn_risk", "compute_kpis", "forecast", "goal_seek",
    "import_table", "lead_lift", "lead_scores", "list_sheets", "load_table", "propose_mapping",
    "read_raw", "sample_tables", "unrecognised_values", "validate_table", "what_if",
]
