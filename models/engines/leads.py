"""Lead KPIs as Ibis expressions: leads created, converted within C days, marketing share.

The engine-side twin of ``models.kpis.compute.lead_kpis`` (the reference in tests): counts and the
median days to convert per (period[, group]) are computed by the engine; the grid, the
ratios and the provisional flag are finished in pandas on those few rows.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd

from models.core import next_start, period_range
from models.engines._periods import day_after, period_of, timestamp_literal
from models.engines.frames import complete_grid, group_index, index_aggregates, safe_ratio
from models.engines.orders import EMPTY_GROUP
from models.kpis.compute import is_marketing_source

SECONDS_PER_DAY = 86_400
DEAL_FIELDS = ("rep", "value", "segment", "customer_id")


def with_conversions(leads: ir.Table, conversions: ir.Table) -> ir.Table:
    """Leads completed with a closed-deals table, as ``models.data.importer.merge_conversions``.

    A lead is converted when a deal names it; the earliest deal's date, rep, value, segment
    and customer fill the lead's empty fields.
    """
    order = conversions.converted_date
    firsts = {"won_date": order.min()}
    firsts.update(
        {f"deal_{c}": conversions[c].argmin(order) for c in DEAL_FIELDS if c in conversions.columns}
    )
    deals = conversions.group_by("lead_id").aggregate(**firsts)
    joined = leads.left_join(deals, leads.lead_id == deals.lead_id)
    columns = {c: joined[c] for c in leads.columns}
    won = (
        joined.converted_date.fill_null(joined.won_date)
        if "converted_date" in leads.columns
        else joined.won_date
    )
    columns["converted_date"] = won
    flag = (
        joined.converted.fill_null(False) if "converted" in leads.columns else ibis.literal(False)
    )
    columns["converted"] = won.notnull() | flag
    for column in DEAL_FIELDS:
        if f"deal_{column}" in joined.columns:
            deal = joined[f"deal_{column}"]
            columns[column] = joined[column].fill_null(deal) if column in leads.columns else deal
    return joined.select(**columns)


def lead_kpis(
    leads: ir.Table, freq: str, by: str | None, conversion_window: int, as_of: pd.Timestamp
) -> pd.DataFrame | None:
    """Leads, converted leads, conversion rate, median days to convert, marketing share.

    Returns ``None`` when no lead is known by ``as_of``.
    """
    known = leads.filter(leads.created < timestamp_literal(day_after(as_of)))
    if by is not None:
        known = known.mutate(**{by: known[by].cast("string").fill_null(EMPTY_GROUP)})
    keys = ["period"] + ([by] if by else [])
    known = known.mutate(period=period_of(known.created, freq))
    in_window, days = _converted_within(known, conversion_window, as_of)
    # the median of the days kept (others null), not median(where=...): Spark wants a
    # constant percentage, and Ibis writes the filter into it
    sums = {
        "leads": known.count(),
        "converted_leads": in_window.sum(),
        "median_days_to_convert": ibis.ifelse(in_window, days, ibis.null()).median(),
        "first_created": known.created.min(),
        "last_created": known.created.max(),
    }
    if "source" in known.columns:
        marketing = known.source.isin(_marketing_sources(known)).fill_null(False)
        sums["marketing_leads"] = marketing.sum()
    cells = known.group_by(keys).aggregate(**sums).execute()
    if cells.empty:
        return None
    cells = index_aggregates(cells, by)
    periods = period_range(
        cells["first_created"].min(), min(cells["last_created"].max(), pd.Timestamp(as_of)), freq
    )
    groups = group_index(cells.index.get_level_values(by).to_series(), by) if by else None
    counts = ["leads", "converted_leads"]
    counts += ["marketing_leads"] if "marketing_leads" in cells else []
    frame = complete_grid(cells[counts], periods, by, groups).fillna(0).astype("int64")
    frame["conversion_rate"] = safe_ratio(frame["converted_leads"], frame["leads"])
    medians = cells["median_days_to_convert"].astype("float64")
    frame["median_days_to_convert"] = medians.reindex(frame.index)
    if "marketing_leads" in frame:
        frame["marketing_share"] = safe_ratio(frame["marketing_leads"], frame["leads"])
    # a cohort is final once its youngest lead has had C days to convert
    ends = next_start(pd.Series(frame.index.get_level_values("period"), index=frame.index), freq)
    frame["conversion_provisional"] = (
        ends - pd.Timedelta(days=1) + pd.Timedelta(days=conversion_window) > as_of
    )
    return frame


def _converted_within(
    leads: ir.Table, window: int, as_of: pd.Timestamp
) -> tuple[ir.BooleanValue, ir.NumericValue]:
    """Converted within ``window`` days (and known by ``as_of``), and the whole days it took.

    Days are floored like pandas' ``Timedelta.days`` (seconds apart // 86,400).
    """
    converted = (
        leads.converted.fill_null(False) if "converted" in leads.columns else ibis.literal(False)
    )
    if "converted_date" not in leads.columns:
        return converted, ibis.null("float64")
    seconds = leads.converted_date.epoch_seconds() - leads.created.epoch_seconds()
    days = (seconds / SECONDS_PER_DAY).floor()
    known = leads.converted_date < timestamp_literal(day_after(as_of))
    return (converted & (days <= window) & known).fill_null(False), days


def _marketing_sources(leads: ir.Table) -> list[str]:
    """The distinct sources that are marketing's (classified in Python: a few values)."""
    sources = leads.select("source").distinct().execute()["source"].dropna()
    sources = pd.Series(list(sources), dtype="string")
    return sources[is_marketing_source(sources)].tolist()
