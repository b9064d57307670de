"""Canonical tables -> one frame of KPIs per period (and per group), each defined once.

The definitions are in ``docs/KPIS.md`` and ``models/core/kpi_catalogue.py``; this module is their
only implementation. Every KPI family works on its own table and its own date span: inside
the span an empty period counts 0, outside it the KPI is NaN (not measured).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from models.core.errors import DataError
from models.core.kpi_catalogue import KpiName
from models.core.parsing import normalise_header
from models.core.periods import PERIODS_PER_YEAR, check_freq, next_start, period_range, period_start
from models.data.importer import prepare_tables
from models.kpis.retention import churn_counts, customer_counts

DIMENSIONS = ("rep", "region", "segment", "channel", "product", "source")
# Lead sources that are sales' own prospecting, not marketing (compared as whole words).
SALES_SOURCE_WORDS = (
    "prospection",
    "prospecting",
    "outbound",
    "cold call",
    "cold calling",
    "sortant",
    "phoning",
    "sales",
    "commercial",
    "terrain",
    "door to door",
)
# Optional fields whose emptiness says a rep's CRM record is incomplete.
LEAD_RECORD_FIELDS = ("source", "value", "segment", "region")
ORDER_RECORD_FIELDS = ("channel", "product", "segment", "region", "quantity")
# The tables whose records are judged, by the date that places them in a period.
RECORD_TABLES = (("leads", "created", LEAD_RECORD_FIELDS), ("orders", "date", ORDER_RECORD_FIELDS))


def recorded_fields(columns: Iterable[str], fields: tuple[str, ...], by: str | None) -> list[str]:
    """The optional ``fields`` of a table with these ``columns`` that its record quality
    counts (not the grouping column); none when the table lacks the grouping column."""
    present = set(columns)
    if by is not None and by not in present:
        return []
    return [f for f in fields if f in present and f != by]


@dataclass(frozen=True)
class KpiSettings:
    """Windows and cut-offs of the KPIs.

    Attributes
    ----------
    churn_window
        W: days without an order after which a customer has lapsed.
    conversion_window
        C: days within which a lead must convert to count as converted.
    as_of
        The day the data is known up to; by default the latest date in the tables.
    """

    churn_window: int = 90
    conversion_window: int = 90
    as_of: pd.Timestamp | None = None


def compute_kpis(
    tables: dict[str, pd.DataFrame],
    freq: str = "M",
    by: str | None = None,
    settings: KpiSettings | None = None,
) -> pd.DataFrame:
    """Every KPI whose table is loaded, per period (and per group).

    Parameters
    ----------
    tables
        Canonical tables keyed by kind (see ``models.data.schema``); ``orders`` is needed for the
        order KPIs, ``leads``, ``calls``, ``feedback`` for theirs.
    freq
        ``W``, ``M``, ``Q`` or ``Y``.
    by
        A dimension (``rep``, ``region``, ``segment``, ``channel``, ``product``, ``source``)
        or ``None`` for totals. Tables without that column are left out.
    settings
        Churn and conversion windows, cut-off date.

    Returns
    -------
    pandas.DataFrame
        Indexed by period start (``DatetimeIndex`` named ``period``), or by
        ``(period, by)`` when grouping; one column per KPI (see ``kpi_catalogue``).
    """
    check_freq(freq)
    tables = prepare_tables(tables)
    if by is not None and by not in DIMENSIONS:
        raise DataError.coded("bad_dimension", by=by, choices=", ".join(DIMENSIONS))
    settings = settings or KpiSettings()
    as_of = settings.as_of or latest_date(tables)
    parts = []
    orders = tables.get("orders")
    if orders is not None and not orders.empty:
        grouped = _with_group(orders, by, tables)
        if grouped is not None:
            parts.append(order_kpis(grouped, freq, by, settings.churn_window, as_of))
    leads = tables.get("leads")
    if leads is not None and not leads.empty and (by is None or by in leads):
        parts.append(lead_kpis(leads, freq, by, settings.conversion_window, as_of))
    calls = tables.get("calls")
    if calls is not None and not calls.empty and (by is None or by in calls):
        parts.append(call_kpis(calls, freq, by))
    feedback = tables.get("feedback")
    if feedback is not None and not feedback.empty and (by is None or by in feedback):
        parts.append(feedback_kpis(feedback, freq, by))
    quality = report_quality(tables, freq, by)
    if quality is not None:
        parts.append(quality)
    if not parts:
        raise DataError.coded("no_kpi_tables")
    result = pd.concat(parts, axis=1, sort=True)
    if by is None:
        result.index = pd.DatetimeIndex(result.index, name="period")
    return complete_flags(result, freq, as_of)


def complete_flags(frame: pd.DataFrame, freq: str, as_of: pd.Timestamp) -> pd.DataFrame:
    """Flags defined on every period, as booleans: the tables' spans differ (leads may start
    before the first order), and the outer join leaves NaN in the flags of the periods one
    table does not cover, which ``~flag`` cannot negate."""
    partial = _partial(frame.index, freq, as_of)
    flags = {}
    for flag in ("partial_period", "churn_provisional", "conversion_provisional"):
        if flag in frame:
            flags[flag] = frame[flag].astype("boolean").fillna(partial).astype(bool)
    return frame.assign(**flags)


def latest_date(tables: dict[str, pd.DataFrame]) -> pd.Timestamp:
    """The last day any dated table knows about (objectives excluded: they look ahead)."""
    ends = [
        tables[k][col].max()
        for k, col in (
            ("orders", "date"),
            ("leads", "created"),
            ("leads", "converted_date"),
            ("calls", "timestamp"),
            ("feedback", "date"),
        )
        if k in tables and col in tables[k] and tables[k][col].notna().any()
    ]
    if not ends:
        raise DataError.coded("no_dated_table")
    return pd.Timestamp(max(ends)).normalize()


# --------------------------------------------------------------------------- helpers
def _keys(by: str | None) -> list[str]:
    return ["period"] + ([by] if by else [])


def _with_group(
    orders: pd.DataFrame, by: str | None, tables: dict[str, pd.DataFrame]
) -> pd.DataFrame | None:
    """Orders with the grouping column; ``source`` comes from the lead each customer was."""
    if by is None or by in orders:
        return orders
    leads = tables.get("leads")
    if by == "source" and leads is not None and {"customer_id", "source"} <= set(leads):
        won = leads.dropna(subset=["customer_id"]).sort_values("created")
        first_source = won.drop_duplicates("customer_id").set_index("customer_id")["source"]
        source = orders["customer_id"].map(first_source).fillna("(no lead)")
        return orders.assign(source=source.astype("string"))
    return None


def _complete_index(
    frame: pd.DataFrame, periods: pd.DatetimeIndex, by: str | None, groups: pd.Index | None
) -> pd.DataFrame:
    if by is None:
        return frame.reindex(periods)
    index = pd.MultiIndex.from_product([periods, cast(pd.Index, groups)], names=["period", by])
    return frame.reindex(index)


def _span(dates: pd.Series, freq: str, as_of: pd.Timestamp) -> pd.DatetimeIndex:
    return period_range(dates.min(), min(dates.max(), as_of), freq)


def _groups(frame: pd.DataFrame, by: str | None) -> pd.Index | None:
    if by is None:
        return None
    return pd.Index(sorted(frame[by].fillna("(empty)").unique()), name=by)


def _fill_groups(frame: pd.DataFrame, by: str | None) -> pd.DataFrame:
    return frame if by is None else frame.assign(**{by: frame[by].fillna("(empty)")})


def _safe_ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return numerator / denominator.where(denominator > 0)


def _shift(series: pd.Series, by: str | None, periods: int) -> pd.Series:
    if by is None:
        return series.shift(periods)
    return series.groupby(level=by).shift(periods)


def _partial(index: pd.Index, freq: str, as_of: pd.Timestamp) -> pd.Series:
    """True for periods not over by ``as_of`` (their figures will still move)."""
    starts = pd.Series(index.get_level_values("period"), index=index)
    return next_start(starts, freq) > _day_after(as_of)


def _day_after(as_of: pd.Timestamp) -> pd.Timestamp:
    """``as_of`` is a whole day: everything before the next midnight is known."""
    return pd.Timestamp(as_of).normalize() + pd.Timedelta(days=1)


# --------------------------------------------------------------------------- orders
def order_kpis(
    orders: pd.DataFrame, freq: str, by: str | None, churn_window: int, as_of: pd.Timestamp
) -> pd.DataFrame:
    """Revenue, orders, basket, customers, repeat rate and churn per period (and group).

    A *purchase* is a row with a positive amount; refunds (negative rows) lower revenue but
    are not orders and do not make a customer active.
    """
    known = orders["date"] < _day_after(as_of)
    orders = _fill_groups(orders if known.all() else orders[known], by)
    # every customer figure is a count of distinct customers: integer codes count the same
    # as the ids, several times faster than strings (-1: no id, not a customer)
    orders = orders.assign(
        customer_id=pd.factorize(orders["customer_id"])[0],
        period=period_start(orders["date"], freq),
    )
    keys = _keys(by)
    purchases = orders[orders["amount"] > 0]
    revenue = orders.groupby(keys)["amount"].sum()
    order_key = (
        "order_id" if "order_id" in purchases and purchases["order_id"].notna().all() else None
    )
    n_orders = (
        purchases.groupby(keys)[order_key].nunique()
        if order_key
        else purchases.groupby(keys).size()
    )
    with_id = purchases["customer_id"] >= 0
    purchases = purchases if with_id.all() else purchases[with_id]
    customers = customer_counts(purchases, keys)

    periods = _span(orders["date"], freq, as_of)
    groups = _groups(orders, by)
    counts = pd.DataFrame({"revenue": revenue, "orders": n_orders, **customers})
    frame = _complete_index(counts, periods, by, groups).fillna(0)
    frame[["orders", "active_customers", "new_customers", "returning_customers"]] = frame[
        ["orders", "active_customers", "new_customers", "returning_customers"]
    ].astype("int64")
    frame["average_basket"] = _safe_ratio(frame["revenue"], frame["orders"])
    frame["repeat_purchase_rate"] = _safe_ratio(
        frame["returning_customers"], frame["active_customers"]
    )
    previous = _shift(frame["revenue"], by, 1)
    frame["revenue_growth"] = frame["revenue"] / previous.where(previous > 0) - 1
    year_ago = _shift(frame["revenue"], by, PERIODS_PER_YEAR[freq])
    frame["revenue_yoy"] = frame["revenue"] / year_ago.where(year_ago > 0) - 1

    churn = churn_counts(purchases, freq, by, churn_window, as_of)
    churn = churn.reindex(frame.index)
    first_known = orders["date"].min() + pd.Timedelta(days=churn_window)
    starts = pd.Series(frame.index.get_level_values("period"), index=frame.index)
    measurable = starts >= first_known  # earlier periods lack W days of history
    frame["churn_base"] = churn["base"].fillna(0).astype("int64").where(measurable)
    frame["churned_customers"] = churn["lapsed"].fillna(0).astype("int64").where(measurable)
    frame["churn_rate"] = _safe_ratio(frame["churned_customers"], frame["churn_base"])
    frame["retention_rate"] = 1 - frame["churn_rate"]
    frame["partial_period"] = _partial(frame.index, freq, as_of)
    frame["churn_provisional"] = frame["partial_period"]
    return frame


# --------------------------------------------------------------------------- leads
def is_marketing_source(sources: pd.Series) -> pd.Series:
    """True for lead sources that are marketing's (everything but sales prospecting, blanks)."""
    distinct = pd.Series(sources.dropna().unique())
    folded = distinct.map(lambda s: f" {normalise_header(s)} ")
    sales = folded.map(lambda s: any(f" {w} " in s for w in SALES_SOURCE_WORDS))
    marketing = dict(zip(distinct, ~sales & folded.str.strip().ne("")))
    return sources.map(marketing).fillna(False).astype(bool)


def converted_within(
    leads: pd.DataFrame, window: int, as_of: pd.Timestamp
) -> tuple[pd.Series, pd.Series]:
    """Which leads converted within ``window`` days (known by ``as_of``), and after how many days.

    Without a conversion date the converted flag is all there is; without a flag, nothing
    converted.
    """
    converted = leads["converted"] if "converted" in leads else pd.Series(False, index=leads.index)
    if "converted_date" not in leads:
        return converted, pd.Series(np.nan, index=leads.index)
    days = (leads["converted_date"] - leads["created"]).dt.days
    known = leads["converted_date"].lt(_day_after(as_of))
    return converted & days.le(window) & known, days


def lead_kpis(
    leads: pd.DataFrame, freq: str, by: str | None, conversion_window: int, as_of: pd.Timestamp
) -> pd.DataFrame:
    """Leads created, converted within C days, conversion rate, days to convert, marketing share."""
    leads = _fill_groups(leads[leads["created"] < _day_after(as_of)], by)
    leads = leads.assign(period=period_start(leads["created"], freq))
    keys = _keys(by)
    in_window, days = converted_within(leads, conversion_window, as_of)
    leads = leads.assign(in_window=in_window, days=days.where(in_window))
    if "source" in leads:
        leads = leads.assign(marketing=is_marketing_source(leads["source"]))
    grouped = leads.groupby(keys)
    frame = pd.DataFrame({"leads": grouped.size(), "converted_leads": grouped["in_window"].sum()})
    if "source" in leads:
        frame["marketing_leads"] = grouped["marketing"].sum()
    frame = (
        _complete_index(frame, _span(leads["created"], freq, as_of), by, _groups(leads, by))
        .fillna(0)
        .astype("int64")
    )
    frame["conversion_rate"] = _safe_ratio(frame["converted_leads"], frame["leads"])
    frame["median_days_to_convert"] = grouped["days"].median().reindex(frame.index)
    if "marketing_leads" in frame:
        frame["marketing_share"] = _safe_ratio(frame["marketing_leads"], frame["leads"])
    # a cohort is final once its youngest lead has had C days to convert
    ends = next_start(pd.Series(frame.index.get_level_values("period"), index=frame.index), freq)
    frame["conversion_provisional"] = (
        ends - pd.Timedelta(days=1) + pd.Timedelta(days=conversion_window) > as_of
    )
    return frame


# --------------------------------------------------------------------------- calls
def call_kpis(calls: pd.DataFrame, freq: str, by: str | None) -> pd.DataFrame:
    """Calls placed (outbound), received (inbound), missed (inbound not answered), answer rate."""
    calls = _fill_groups(calls, by).assign(period=period_start(calls["timestamp"], freq))
    keys = _keys(by)
    inbound = calls["direction"].eq("inbound").fillna(False)
    outcome = calls["outcome"] if "outcome" in calls else pd.Series(pd.NA, index=calls.index)
    calls = calls.assign(
        placed=calls["direction"].eq("outbound").fillna(False),
        received=inbound,
        missed=inbound & outcome.eq("missed").fillna(False),
        answered_in=inbound & outcome.eq("answered").fillna(False),
        known_in=inbound & outcome.notna(),
    )
    sums = calls.groupby(keys)[["placed", "received", "missed", "answered_in", "known_in"]].sum()
    frame = (
        _complete_index(
            sums, _span(calls["timestamp"], freq, calls["timestamp"].max()), by, _groups(calls, by)
        )
        .fillna(0)
        .astype("int64")
    )
    out = pd.DataFrame(
        {
            "calls_placed": frame["placed"],
            "calls_received": frame["received"],
            "calls_missed": frame["missed"],
        },
        index=frame.index,
    )
    out["answer_rate"] = _safe_ratio(frame["answered_in"], frame["known_in"])
    out["calls_answered"] = frame["answered_in"]
    out["calls_with_outcome"] = frame["known_in"]
    if "outcome" not in calls:
        out["calls_missed"] = np.nan
    return out


# --------------------------------------------------------------------------- feedback
def feedback_kpis(feedback: pd.DataFrame, freq: str, by: str | None) -> pd.DataFrame:
    """CSAT (share of 4-5 on 1-5), NPS (% promoters - % detractors), average rating."""
    feedback = _fill_groups(feedback, by).assign(period=period_start(feedback["date"], freq))
    keys = _keys(by)
    columns: dict[str, pd.Series] = {}
    if "csat" in feedback:
        columns["csat_satisfied"] = feedback["csat"].ge(4) & feedback["csat"].notna()
        columns["csat_responses"] = feedback["csat"].notna()
    if "nps" in feedback:
        columns["nps_promoters"] = feedback["nps"].ge(9)
        columns["nps_detractors"] = feedback["nps"].le(6)
        columns["nps_responses"] = feedback["nps"].notna()
    if "rating" in feedback:
        columns["rating_responses"] = feedback["rating"].notna()
    flags = pd.DataFrame(columns).assign(**{k: feedback[k] for k in keys})
    sums = flags.groupby(keys).sum()
    frame = (
        _complete_index(
            sums, _span(feedback["date"], freq, feedback["date"].max()), by, _groups(feedback, by)
        )
        .fillna(0)
        .astype("int64")
    )
    out = pd.DataFrame(index=frame.index)
    if "csat" in feedback:
        out["csat"] = _safe_ratio(frame["csat_satisfied"], frame["csat_responses"])
        out["csat_responses"] = frame["csat_responses"]
        out["csat_satisfied"] = frame["csat_satisfied"]
    if "nps" in feedback:
        out["nps"] = 100 * _safe_ratio(
            frame["nps_promoters"] - frame["nps_detractors"], frame["nps_responses"]
        )
        out["nps_responses"] = frame["nps_responses"]
        out["nps_promoters"] = frame["nps_promoters"]
        out["nps_detractors"] = frame["nps_detractors"]
    if "rating" in feedback:
        out["rating_sum"] = feedback.groupby(keys)["rating"].sum().reindex(out.index).fillna(0)
        out["rating_responses"] = frame["rating_responses"]
        out["average_rating"] = _safe_ratio(out["rating_sum"], out["rating_responses"])
    return out


# --------------------------------------------------------------------------- CRM quality
def report_quality(
    tables: dict[str, pd.DataFrame], freq: str, by: str | None
) -> pd.DataFrame | None:
    """Share of filled optional fields in leads and orders (the reps' CRM completeness)."""
    cells = []
    for kind, date_column, fields in RECORD_TABLES:
        table = tables.get(kind)
        present = [] if table is None else recorded_fields(table.columns, fields, by)
        if table is None or not present:
            continue
        table = _fill_groups(table, by)
        cells.append(
            pd.DataFrame(
                {
                    "period": period_start(table[date_column], freq),
                    **({by: table[by]} if by else {}),
                    "filled": table[present].notna().sum(axis=1),
                    "fields": len(present),
                }
            )
        )
    if not cells:
        return None
    counts = pd.concat(cells).groupby(_keys(by))[["filled", "fields"]].sum()
    return pd.DataFrame(
        {
            "report_quality": counts["filled"] / counts["fields"],
            "record_fields_filled": counts["filled"],
            "record_fields": counts["fields"],
        }
    )


# Ratios recomputed from their parts when periods are pooled: numerator, denominator.
RATIOS = {
    "average_basket": ("revenue", "orders"),
    "conversion_rate": ("converted_leads", "leads"),
    "marketing_share": ("marketing_leads", "leads"),
    "answer_rate": ("calls_answered", "calls_with_outcome"),
    "csat": ("csat_satisfied", "csat_responses"),
    "average_rating": ("rating_sum", "rating_responses"),
    "report_quality": ("record_fields_filled", "record_fields"),
    "churn_rate": ("churned_customers", "churn_base"),
}
# Counts that describe one moment or one period only: pooling them would double count.
NOT_POOLED = (
    "active_customers",
    "returning_customers",
    "repeat_purchase_rate",
    "revenue_growth",
    "revenue_yoy",
    "median_days_to_convert",
    "retention_rate",
    "nps",
)


def summarise_kpis(kpi_frame: pd.DataFrame, by: str | None = None) -> pd.DataFrame | pd.Series:
    """Pool the periods of a KPI frame: sum the counts, recompute the ratios from them.

    The churn rate becomes the pooled per-period rate (all lapses over all customers at
    risk); NPS is recomputed from promoters and detractors. KPIs that only make sense for one
    period (growth, active customers, medians) are left out.
    """
    numeric = kpi_frame.select_dtypes("number").drop(
        columns=[c for c in (*NOT_POOLED, *RATIOS) if c in kpi_frame]
    )
    keys = numeric.index.get_level_values(by) if by else np.zeros(len(numeric), dtype=int)
    sums = numeric.groupby(keys).sum(min_count=1)
    out = sums.copy()
    for ratio, (numerator, denominator) in RATIOS.items():
        if numerator in sums and denominator in sums:
            out[ratio] = _safe_ratio(sums[numerator], sums[denominator])
    if {"nps_promoters", "nps_detractors", "nps_responses"} <= set(sums):
        out["nps"] = 100 * _safe_ratio(
            sums["nps_promoters"] - sums["nps_detractors"], sums["nps_responses"]
        )
    if "churn_rate" in out:
        out["retention_rate"] = 1 - out["churn_rate"]
    return out if by else out.iloc[0]


def compute_funnel(
    tables: dict[str, pd.DataFrame],
    start: pd.Timestamp,
    end: pd.Timestamp,
    settings: KpiSettings | None = None,
) -> pd.DataFrame:
    """Lead -> converted (within C days) -> customer (ordered) -> repeat (2+ purchase days).

    Leads are those created in ``[start, end]``; later stages need the leads' customer ids
    and the orders table, and are left out without them.
    """
    settings = settings or KpiSettings()
    tables = prepare_tables(tables)
    leads = tables.get("leads")
    if leads is None or leads.empty:
        raise DataError.coded("funnel_needs_leads")
    cohort = leads[leads["created"].between(start, end)]
    converted, _ = converted_within(cohort, settings.conversion_window, latest_date(tables))
    stages = [("Leads", len(cohort)), ("Converted", int(converted.sum()))]
    orders = tables.get("orders")
    if orders is not None and "customer_id" in cohort:
        won = set(cohort.loc[converted, "customer_id"].dropna())
        purchases = orders[(orders["amount"] > 0) & orders["customer_id"].isin(won)]
        days = (
            purchases.assign(day=purchases["date"].dt.normalize())
            .groupby("customer_id")["day"]
            .nunique()
        )
        stages += [("Customers", len(days)), ("Repeat customers", int((days >= 2).sum()))]
    frame = pd.DataFrame(stages, columns=["stage", "count"])
    frame["rate"] = _safe_ratio(frame["count"], frame["count"].shift(1))
    return frame


# Which flag says a KPI's value may still move (the current period, young cohorts).
PROVISIONAL_FLAGS = {
    "churn_rate": "churn_provisional",
    "retention_rate": "churn_provisional",
    "churned_customers": "churn_provisional",
    "conversion_rate": "conversion_provisional",
    "converted_leads": "conversion_provisional",
}


def final_series(kpi_frame: pd.DataFrame, kpi: str) -> pd.Series:
    """A KPI's totals over the periods whose value is final, for training forecasts.

    Provisional periods are cut from the end (their value will still move) and periods
    before the KPI is first measured are cut from the start; gaps inside stay NaN.
    """
    if kpi not in kpi_frame:
        raise DataError.coded("kpi_not_computed", kpi=KpiName(kpi))
    flag = PROVISIONAL_FLAGS.get(kpi, "partial_period")
    series = kpi_frame[kpi].astype(float)
    if flag in kpi_frame:
        series = series[~kpi_frame[flag].astype(bool)]
    measured = series.notna().to_numpy().nonzero()[0]
    if len(measured) == 0:
        raise DataError.coded("no_final_value", kpi=KpiName(kpi))
    series = series.iloc[measured[0] : measured[-1] + 1]
    series.index = pd.DatetimeIndex(series.index, freq="infer")
    return series
