"""KPIs computed where the data is: DuckDB in process, PostgreSQL, Spark (through Ibis).

One Ibis definition per order and lead KPI runs unchanged on every engine Ibis supports;
only aggregates (periods x groups rows) come back, as the same frame ``compute_kpis``
returns. See ``docs/engines.md``.
"""

from models.engines.compute import compute_engine_kpis, latest_date
from models.engines.connect import PASSWORD_ENV, connect_engine, redact
from models.engines.errors import engine_errors
from models.engines.sources import canonical_table, check_select, read_files

__all__ = [
    "PASSWORD_ENV",
    "canonical_table",
    "check_select",
    "compute_engine_kpis",
    "connect_engine",
    "engine_errors",
    "latest_date",
    "read_files",
    "redact",
]
