"""Order KPIs as Ibis expressions: one query whose result is one row per period (and group).

These are the engine-side definitions of the order KPIs of ``docs/KPIS.md``; the pandas
path (``models.kpis.compute.order_kpis``) is the reference they are tested against. Every figure
that needs the rows (sums, distinct counts, each customer's first purchase, the gaps
between purchase days) is computed where the data is; what comes back are counts per
(period[, group]), finished into ratios by :mod:`models.engines.frames`.

Conventions shared with the pandas path:

- *known* rows are dated before the day after ``as_of``;
- a *purchase* is a known row with a positive amount; refunds count in revenue only;
- a group value that is missing is ``"(empty)"``;
- of several rows that could each be "the first" (a customer's first purchase, the row
  that decides a customer-day's group), the row earliest in ``row_order`` wins. pandas uses
  the row's position in the file; a database table has no such order, so without a
  ``row_order`` column the smallest group name wins (see ``docs/engines.md``).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd

from models.engines._periods import day_after, day_of, days, period_of, timestamp_literal

EMPTY_GROUP = "(empty)"
# Counts summed when the parts of the result are stacked; dates keep their extreme.
COUNT_COLUMNS = (
    "purchase_rows",
    "order_ids",
    "missing_ids",
    "active_customers",
    "new_customers",
    "returning_customers",
    "entered",
    "left",
    "lapsed",
)


def known_orders(orders: ir.Table, by: str | None, as_of: pd.Timestamp) -> ir.Table:
    """Orders dated before the day after ``as_of``, with ``period`` and the filled group.

    Parameters
    ----------
    orders
        Canonical orders (``date`` a timestamp, ``customer_id``, ``amount``, optional
        ``order_id`` and dimensions).
    by
        The grouping column, or ``None``.
    as_of
        The last day the data is known up to.
    """
    known = orders.filter(orders.date < timestamp_literal(day_after(as_of)))
    if by is not None:
        known = known.mutate(**{by: known[by].cast("string").fill_null(EMPTY_GROUP)})
    return known


def order_aggregates(
    known: ir.Table,
    freq: str,
    by: str | None,
    as_of: pd.Timestamp,
    churn_window: int,
    row_order: str | None = None,
) -> ir.Table:
    """Every order count per (period[, group]) in one expression.

    Parameters
    ----------
    known
        The result of :func:`known_orders`.
    freq
        ``W``, ``M``, ``Q`` or ``Y``.
    by
        The grouping column, or ``None``.
    as_of
        The last known day (lapses after it are not known yet).
    churn_window
        W, in days.
    row_order
        A column giving the rows' order, used only to break ties (see the module's note).

    Returns
    -------
    ibis.expr.types.Table
        ``period``, the group column, ``revenue``, ``first_date``, ``last_date`` and the
        counts of :data:`COUNT_COLUMNS`; at most one row per (period, group).
    """
    keys = ["period"] + ([by] if by else [])
    known = known.mutate(period=period_of(known.date, freq))
    purchases = known.filter((known.amount > 0) & known.customer_id.notnull())
    if by is None:  # one pass over customer-days serves both (the costly part at scale)
        parts = [_sales(known, keys), _customer_days(purchases, freq, as_of, churn_window)]
    else:
        parts = [
            _sales(known, keys),
            _customers(purchases, freq, keys, by, row_order),
            _churn(purchases, freq, by, as_of, churn_window, row_order),
        ]
    stacked = ibis.union(*[_with_all_columns(part, keys) for part in parts])
    totals = {column: stacked[column].sum() for column in ("revenue", *COUNT_COLUMNS)}
    return stacked.group_by(keys).aggregate(
        first_date=stacked.first_date.min(), last_date=stacked.last_date.max(), **totals
    )


def _sales(known: ir.Table, keys: list[str]) -> ir.Table:
    """Revenue (refunds included), purchase rows, distinct order ids of purchases."""
    purchase = known.amount > 0
    sums = {
        "revenue": known.amount.sum(),
        "purchase_rows": purchase.sum(),
        "first_date": known.date.min(),
        "last_date": known.date.max(),
    }
    if "order_id" in known.columns:
        # "one row = one order" unless every purchase has an id: both counts go back and
        # the choice is made on the totals of missing ids (as pandas decides for the table)
        sums["order_ids"] = known.order_id.nunique(where=purchase)
        sums["missing_ids"] = (purchase & known.order_id.isnull()).sum()
    return known.group_by(keys).aggregate(**sums)


def _customers(
    purchases: ir.Table, freq: str, keys: list[str], by: str | None, row_order: str | None
) -> ir.Table:
    """Active, new and returning customers per (period[, group]).

    A customer's first purchase is their earliest timestamp; when grouping, its group is
    that of the first such row in ``row_order`` (else the smallest group name).
    """
    firsts = purchases.group_by("customer_id").aggregate(first_date=purchases.date.min())
    if by is not None:
        # the rows at each customer's first timestamp, then one group per customer
        at_first = purchases.join(
            firsts,
            [purchases.customer_id == firsts.customer_id, purchases.date == firsts.first_date],
        )
        tie = at_first[row_order] if row_order else at_first[by]
        firsts = at_first.group_by("customer_id").aggregate(
            first_date=at_first.first_date.min(), first_group=at_first[by].argmin(tie)
        )
    cells = purchases.select("customer_id", *keys).distinct()
    joined = cells.join(firsts, "customer_id")
    is_first_cell = period_of(joined.first_date, freq) == joined.period
    if by is not None:
        is_first_cell &= joined.first_group == joined[by]
    return joined.group_by(keys).aggregate(
        active_customers=joined.count(),
        new_customers=is_first_cell.sum(),
        returning_customers=(joined.first_date < joined.period).sum(),
    )


def _churn(
    purchases: ir.Table,
    freq: str,
    by: str | None,
    as_of: pd.Timestamp,
    window: int,
    row_order: str | None,
) -> ir.Table:
    """Customers entering and leaving the churn base, and lapses, per (period[, group]).

    One *event* per customer and purchase day (its group: the first row's). An event keeps
    the customer in the base of every period starting in ``(day, end]``, ``end`` being the
    next purchase day or ``day + W``, whichever comes first; it lapses at ``day + W`` when
    the next purchase comes later than that or, as far as ``as_of`` knows, never. The base
    of period p is then ``entered`` before p minus ``left`` before p (a running sum done on
    the aggregates), so no event is joined to the periods.
    """
    with_day = purchases.mutate(day=day_of(purchases.date))
    event_keys = ["customer_id", "day"]
    if by is None:
        events = with_day.select(*event_keys).distinct()
    else:
        tie = with_day[row_order] if row_order else with_day[by]
        events = with_day.group_by(event_keys).aggregate(**{by: with_day[by].argmin(tie)})
    next_day = events.day.lead().over(group_by="customer_id", order_by="day")
    events = events.mutate(next_day=next_day, expiry=events.day + days(window))
    lapsing = (events.next_day > events.expiry) | (
        events.next_day.isnull() & (events.expiry <= timestamp_literal(as_of))
    )
    end = ibis.ifelse(events.next_day < events.expiry, events.next_day, events.expiry)
    # a lapsing event ends at its expiry, so its lapse falls in the period where it leaves
    spans = events.mutate(
        start_period=period_of(events.day, freq), end_period=period_of(end, freq), lapses=lapsing
    )
    group = [by] if by else []
    moves = spans.group_by(["start_period", "end_period", *group]).aggregate(
        n=spans.count(), lapsed=(spans.lapses & (spans.start_period < spans.end_period)).sum()
    )
    # each (small) row of moves counts twice: entering at its start, leaving at its end
    role = ibis.range(2).unnest()
    both = moves.mutate(role=role)
    leaving = both.role == 1
    both = both.mutate(
        period=ibis.ifelse(leaving, both.end_period, both.start_period),
        entered=ibis.ifelse(leaving, 0, both.n),
        left=ibis.ifelse(leaving, both.n, 0),
        lapsed=ibis.ifelse(leaving, both.lapsed, 0),
    )
    both = both.filter(both.period <= timestamp_literal(as_of))  # later ones never count
    return both.group_by(["period", *group]).aggregate(
        entered=both.entered.sum(), left=both.left.sum(), lapsed=both.lapsed.sum()
    )


def _customer_days(purchases: ir.Table, freq: str, as_of: pd.Timestamp, window: int) -> ir.Table:
    """Totals only: customers and churn from one window over distinct customer-days.

    Without groups a customer's first purchase, the periods they buy in and their purchase
    gaps all follow from their purchase days in order: the previous day tells whether a day
    opens a new period for them (active, returning), the first day which period they are new
    in, the next day the churn event (as in :func:`_churn`). One sort of customer-days
    replaces the separate distinct, join and window of the grouped path.
    """
    events = purchases.select("customer_id", day=day_of(purchases.date)).distinct()
    order = ibis.window(group_by="customer_id", order_by="day")
    events = events.mutate(
        next_day=events.day.lead().over(order),
        previous_day=events.day.lag().over(order),
        first_day=events.day.first().over(order),
    )
    events = events.mutate(
        expiry=events.day + days(window), start_period=period_of(events.day, freq)
    )
    lapsing = (events.next_day > events.expiry) | (
        events.next_day.isnull() & (events.expiry <= timestamp_literal(as_of))
    )
    end = ibis.ifelse(events.next_day < events.expiry, events.next_day, events.expiry)
    opens_period = events.previous_day.isnull() | (
        period_of(events.previous_day, freq) != events.start_period
    )
    spans = events.mutate(end_period=period_of(end, freq), lapses=lapsing, opens=opens_period)
    moves = spans.group_by(["start_period", "end_period"]).aggregate(
        n=spans.count(),
        lapsed=(spans.lapses & (spans.start_period < spans.end_period)).sum(),
        active_customers=spans.opens.sum(),
        returning_customers=(spans.opens & (spans.first_day < spans.start_period)).sum(),
        new_customers=(spans.day == spans.first_day).sum(),
    )
    both = moves.mutate(role=ibis.range(2).unnest())
    leaving = both.role == 1
    at_start = {
        name: ibis.ifelse(leaving, 0, both[name])
        for name in ("active_customers", "returning_customers", "new_customers")
    }
    both = both.mutate(
        period=ibis.ifelse(leaving, both.end_period, both.start_period),
        entered=ibis.ifelse(leaving, 0, both.n),
        left=ibis.ifelse(leaving, both.n, 0),
        lapsed=ibis.ifelse(leaving, both.lapsed, 0),
        **at_start,
    )
    both = both.filter(both.period <= timestamp_literal(as_of))
    sums = ("entered", "left", "lapsed", "active_customers", "returning_customers", "new_customers")
    return both.group_by("period").aggregate(**{name: both[name].sum() for name in sums})


def _with_all_columns(part: ir.Table, keys: list[str]) -> ir.Table:
    """The part with every column of the stacked result (absent counts 0, dates null)."""
    columns = {key: part[key] for key in keys}
    columns["period"] = part.period.cast("timestamp")
    columns["revenue"] = (part.revenue if "revenue" in part.columns else ibis.literal(0.0)).cast(
        "float64"
    )
    for name in ("first_date", "last_date"):
        columns[name] = (part[name] if name in part.columns else ibis.null()).cast("timestamp")
    for name in COUNT_COLUMNS:
        columns[name] = (part[name] if name in part.columns else ibis.literal(0)).cast("int64")
    return part.select(**columns)
