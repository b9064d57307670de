"""``compute_kpis`` for tables that live in an engine (DuckDB, PostgreSQL, Spark, ...).

The same call as :func:`models.kpis.compute_kpis`, for Ibis tables instead of pandas
frames: the order KPIs, the lead KPIs and the CRM report quality are computed by the
engine and come back as the same frame (index, columns, dtypes), so forecasts,
objectives, what-if and exports work on top unchanged. Calls and feedback stay on the
pandas path (their tables are small).
"""

from __future__ import annotations

import ibis.expr.types as ir
import pandas as pd

from models.core import DataError
from models.core.periods import check_freq
from models.engines._periods import to_timestamp
from models.engines.errors import engine_errors
from models.engines.frames import finish_order_kpis
from models.engines.leads import lead_kpis, with_conversions
from models.engines.orders import known_orders, order_aggregates
from models.engines.quality import report_quality
from models.kpis import DIMENSIONS, KpiSettings
from models.kpis.compute import complete_flags

ENGINE_KINDS = ("orders", "leads", "conversions")


def compute_engine_kpis(
    tables: dict[str, ir.Table],
    freq: str = "M",
    by: str | None = None,
    settings: KpiSettings | None = None,
    row_order: str | None = None,
) -> pd.DataFrame:
    """Every order and lead KPI, per period (and per group), computed where the tables are.

    Parameters
    ----------
    tables
        Canonical Ibis tables keyed by kind (``orders``, ``leads``, ``conversions``), with
        the canonical column names (see :func:`models.engines.sources.canonical_table`).
    freq
        ``W``, ``M``, ``Q`` or ``Y``.
    by
        A dimension (``rep``, ``region``, ``segment``, ``channel``, ``product``, ``source``)
        or ``None`` for totals.
    settings
        Churn and conversion windows, cut-off date.
    row_order
        A column of the orders table giving the rows' order, used only to break ties
        between rows of one customer at one moment (see ``docs/engines.md``).

    Returns
    -------
    pandas.DataFrame
        What ``compute_kpis`` returns for the same data as pandas frames.
    """
    check_freq(freq)
    with engine_errors("KPIs"):
        return _compute(tables, freq, by, settings, row_order)


def _compute(
    tables: dict[str, ir.Table],
    freq: str,
    by: str | None,
    settings: KpiSettings | None,
    row_order: str | None,
) -> pd.DataFrame:
    if by is not None and by not in DIMENSIONS:
        raise DataError.coded("bad_dimension", by=by, choices=", ".join(DIMENSIONS))
    unknown = set(tables) - set(ENGINE_KINDS)
    if unknown:
        raise DataError.coded("engine_kinds", kinds=", ".join(sorted(unknown)))
    settings = settings or KpiSettings()
    leads = tables.get("leads")
    if leads is not None and "conversions" in tables:
        leads = with_conversions(leads, tables["conversions"])
    orders = tables.get("orders")
    as_of = (
        pd.Timestamp(settings.as_of) if settings.as_of is not None else latest_date(orders, leads)
    )
    parts = []
    if orders is not None:
        grouped = with_group(orders, by, leads)
        if grouped is not None:
            known = known_orders(grouped, by, as_of)
            query = order_aggregates(known, freq, by, as_of, settings.churn_window, row_order)
            aggregates = query.execute()
            if len(aggregates):
                parts.append(
                    finish_order_kpis(
                        aggregates,
                        freq,
                        by,
                        settings.churn_window,
                        as_of,
                        "order_id" in orders.columns,
                    )
                )
    if leads is not None and (by is None or by in leads.columns):
        lead_frame = lead_kpis(leads, freq, by, settings.conversion_window, as_of)
        if lead_frame is not None:
            parts.append(lead_frame)
    quality = report_quality({"orders": orders, "leads": leads}, freq, by)
    if quality is not None:
        parts.append(quality)
    if not parts:
        raise DataError.coded("no_kpi_tables")
    result = pd.concat(parts, axis=1, sort=True).sort_index()
    if by is None:
        result.index = pd.DatetimeIndex(result.index, name="period")
    return complete_flags(result, freq, as_of)  # booleans on every period, as compute_kpis


def latest_date(orders: ir.Table | None, leads: ir.Table | None) -> pd.Timestamp:
    """The last day any table knows about (one scalar query per table)."""
    ends = []
    for table, columns in ((orders, ("date",)), (leads, ("created", "converted_date"))):
        if table is None:
            continue
        present = [c for c in columns if c in table.columns]
        if present:
            row = table.aggregate(**{c: table[c].max() for c in present}).execute()
            ends += [to_timestamp(v) for v in row.iloc[0] if pd.notna(v)]
    if not ends:
        raise DataError.coded("no_dated_table")
    return max(ends).normalize()


def with_group(orders: ir.Table, by: str | None, leads: ir.Table | None) -> ir.Table | None:
    """Orders with the grouping column; ``source`` is that of each customer's first lead.

    Leads created at the same moment for one customer are ordered by source name (pandas'
    sort leaves such ties in no set order).
    """
    if by is None or by in orders.columns:
        return orders
    if by != "source" or leads is None or not {"customer_id", "source"} <= set(leads.columns):
        return None
    won = leads.filter(leads.customer_id.notnull())
    first = won.group_by("customer_id").aggregate(first_created=won.created.min())
    firsts = won.join(
        first, [won.customer_id == first.customer_id, won.created == first.first_created]
    )
    sources = firsts.group_by("customer_id").aggregate(
        lead_source=firsts.source.argmin(firsts.source.fill_null(""))
    )
    joined = orders.left_join(sources, orders.customer_id == sources.customer_id)
    columns = {c: joined[c] for c in orders.columns}
    columns["source"] = joined.lead_source.fill_null("(no lead)")
    return joined.select(**columns)
