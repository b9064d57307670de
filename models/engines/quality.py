"""CRM report quality computed by the engine: the share of filled optional fields.

The twin of ``models.kpis.compute.report_quality``: filled cells and cells per (period[, group])
of the leads' and orders' optional fields, all rows (not only those known by ``as_of``).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd

from models.engines._periods import period_of
from models.engines.frames import index_aggregates
from models.engines.orders import EMPTY_GROUP
from models.kpis.compute import RECORD_TABLES, recorded_fields


def report_quality(
    tables: dict[str, ir.Table | None], freq: str, by: str | None
) -> pd.DataFrame | None:
    """``report_quality``, ``record_fields_filled`` and ``record_fields`` per (period[, group]).

    ``None`` when neither table has an optional field (or the grouping column).
    """
    keys = ["period"] + ([by] if by else [])
    parts = []
    for kind, date_column, fields in RECORD_TABLES:
        table = tables.get(kind)
        present = [] if table is None else recorded_fields(table.columns, fields, by)
        if table is None or not present:
            continue
        cells = {"period": period_of(table[date_column], freq)}
        if by:
            cells[by] = table[by].cast("string").fill_null(EMPTY_GROUP)
        filled = sum((table[f].notnull().ifelse(1, 0) for f in present), ibis.literal(0))
        rows = table.select(**cells, filled=filled)
        parts.append(
            rows.group_by(keys).aggregate(
                filled=rows.filled.sum(), fields=rows.count() * len(present)
            )
        )
    if not parts:
        return None
    stacked = ibis.union(*parts) if len(parts) > 1 else parts[0]
    counts = stacked.group_by(keys).aggregate(
        filled=stacked.filled.sum(), fields=stacked.fields.sum()
    )
    frame = index_aggregates(counts.execute(), by).sort_index()
    filled = frame["filled"].astype("int64")
    total = frame["fields"].astype("int64")
    return pd.DataFrame(
        {"report_quality": filled / total, "record_fields_filled": filled, "record_fields": total}
    )
