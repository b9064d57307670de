"""Customer counts: who bought in each period (new or returning), who was active at the
start of each period and who lapsed during it.

A purchase on day ``d`` keeps a customer active through ``d + W``. The customer *lapses* on
day ``d + W`` when the next purchase comes more than W days later (or never, as far as the
data knows by ``as_of``). A next purchase exactly W days later is not a lapse.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.core.periods import period_range, period_start


def customer_counts(purchases: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Distinct customers per period (and group): active, new and returning.

    A customer is *new* in the period (and group) of their first purchase — the first row
    on their first day — and *returning* in every period starting after that purchase.

    Parameters
    ----------
    purchases
        Orders with a positive amount, a ``period`` column (period starts), the group column
        if any, and ``customer_id`` as non-negative integer codes (``pandas.factorize``).
    keys
        ``["period"]`` or ``["period", group]``.

    Returns
    -------
    pandas.DataFrame
        Columns ``active_customers``, ``new_customers``, ``returning_customers``, indexed by
        the (period[, group]) combinations that occur in ``purchases``.
    """
    # Each (period[, group]) is a cell numbered 0..n-1 and each customer a code, so that
    # distinct (customer, cell) pairs come from one sort of int64 keys: grouping the frame
    # and counting unique ids took 10M rows 8 s.
    factors = [pd.factorize(purchases[key], sort=True) for key in keys]
    cells = np.zeros(len(purchases), dtype="int64")
    for codes, uniques in factors:
        cells = cells * len(uniques) + codes
    index = pd.MultiIndex.from_product([uniques for _, uniques in factors], names=keys)
    n_cells = len(index)
    customers = purchases["customer_id"].to_numpy().astype("int64", copy=False)
    dates = purchases["date"].to_numpy().astype("datetime64[ns]", copy=False).view("int64")
    n_customers = int(customers.max()) + 1 if len(customers) else 0
    first = np.full(n_customers, np.iinfo("int64").max)
    np.minimum.at(first, customers, dates)
    # new: the cell of each customer's first row on the first day (reversed writes: the
    # earliest row is written last and stays)
    rows = np.flatnonzero(dates == first[customers])[::-1]
    first_cell = np.full(n_customers, -1)
    first_cell[customers[rows]] = cells[rows]
    new = np.bincount(first_cell[first_cell >= 0], minlength=n_cells)
    # active and returning: distinct customers per cell, returning if first bought earlier
    pairs = _distinct(customers * n_cells + cells, n_customers * n_cells)
    pair_customers, pair_cells = np.divmod(pairs, n_cells) if n_cells else (pairs, pairs)
    period_starts = index.get_level_values("period").to_numpy().astype("datetime64[ns]")
    period_starts = period_starts.view("int64")
    returning = first[pair_customers] < period_starts[pair_cells]
    frame = pd.DataFrame(
        {
            "active_customers": np.bincount(pair_cells, minlength=n_cells),
            "new_customers": new,
            "returning_customers": np.bincount(pair_cells[returning], minlength=n_cells),
        },
        index=index,
    )
    frame = frame[frame["active_customers"] > 0]  # the combinations that occur, as groupby gives
    return frame if len(keys) > 1 else frame.set_axis(frame.index.get_level_values(0), axis=0)


def _distinct(keys: np.ndarray, size: int) -> np.ndarray:
    """The distinct values of non-negative ``keys`` (all below ``size``), sorted."""
    if size <= 4 * len(keys) + 1000:  # a mask of the key space: 10M keys 0.1 s, a sort 0.7 s
        seen = np.zeros(size, dtype=bool)
        seen[keys] = True
        return np.flatnonzero(seen)
    keys = np.sort(keys)
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


def purchase_events(purchases: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """One row per customer and purchase day, with the next purchase day.

    Rows are sorted by customer (in order of first appearance) then day; of several
    purchases on one day the first row is kept (its group, when grouping). Rows without a
    customer id are left out.
    """
    columns = ["customer_id", "date"] + ([by] if by else [])
    purchases = purchases.loc[purchases["customer_id"].notna(), columns]
    days = purchases["date"].dt.normalize().to_numpy()
    # integer sort keys instead of sorting the frame by its (string) ids: several times faster
    # at scale (benchmarks/scale.py)
    ids = purchases["customer_id"]
    customers = ids.to_numpy() if pd.api.types.is_integer_dtype(ids.dtype) else pd.factorize(ids)[0]
    order = _customer_day_order(customers, days)
    customers, days = customers[order], days[order]
    first_of_day = np.ones(len(order), dtype=bool)
    first_of_day[1:] = (customers[1:] != customers[:-1]) | (days[1:] != days[:-1])
    kept = order[first_of_day]
    customers, days = customers[first_of_day], days[first_of_day]
    next_date = np.full(len(days), np.datetime64("NaT"), dtype=days.dtype)
    same_customer = customers[1:] == customers[:-1]
    next_date[:-1][same_customer] = days[1:][same_customer]
    events = purchases[[c for c in columns if c != "date"]].take(kept)
    events.insert(1, "date", days)
    events["next_date"] = next_date
    return events


def _customer_day_order(customers: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Row positions sorted by customer, then day, then position (a stable sort).

    One int64 key per row (customer, day, position) sorts about twice as fast as
    ``np.lexsort``; the lexsort stays for keys that would not fit in 63 bits.
    """
    n = len(customers)
    if n == 0 or np.isnat(days).any() or customers.min() < 0:
        return np.lexsort((days, customers))
    day_numbers = days.astype("datetime64[D]").view("int64")
    first_day = day_numbers.min()
    n_days = int(day_numbers.max() - first_day) + 1
    if (int(customers.max()) + 1) * n_days * n >= 2**62:
        return np.lexsort((days, customers))
    key = (customers.astype("int64") * n_days + (day_numbers - first_day)) * n + np.arange(n)
    key.sort()
    return key % n


def churn_counts(
    purchases: pd.DataFrame, freq: str, by: str | None, window: int, as_of: pd.Timestamp
) -> pd.DataFrame:
    """Customers active at each period start (``base``) and those who lapsed in it (``lapsed``).

    Parameters
    ----------
    purchases
        Orders with a positive amount (and the ``by`` column when grouping).
    freq
        Period frequency (``W``, ``M``, ``Q``, ``Y``).
    by
        Grouping column; a customer counts in the group of their last purchase.
    window
        W, in days.
    as_of
        Lapses after this day are not known yet and are not counted.

    Returns
    -------
    pandas.DataFrame
        Columns ``base`` and ``lapsed``, indexed like ``compute_kpis`` (period[, group]).
    """
    if purchases.empty:  # nobody ever bought: no base, no lapse
        index = (
            pd.MultiIndex.from_arrays([pd.DatetimeIndex([]), []], names=["period", by])
            if by
            else pd.DatetimeIndex([], name="period")
        )
        return pd.DataFrame({"base": [], "lapsed": []}, index=index, dtype="int64")
    events = purchase_events(purchases, by)
    w = pd.Timedelta(days=window)
    expiry = events["date"] + w
    gap_too_long = (events["next_date"] - events["date"]) > w
    never_again = events["next_date"].isna() & (expiry <= as_of)
    lapsing = gap_too_long | never_again
    # an event keeps the customer in the base of every period starting in (date, end]
    end = events["next_date"].where(events["next_date"] < expiry, expiry)
    periods = period_range(events["date"].min(), as_of, freq)
    groups = (
        [(None, events, end)]
        if by is None
        else [(g, frame, end.loc[frame.index]) for g, frame in events.groupby(by, sort=True)]
    )
    at = periods.to_numpy()
    rows = []
    for group, frame, group_end in groups:
        base = _count_before(frame["date"].to_numpy(), at) - _count_before(group_end.to_numpy(), at)
        rows.append(pd.DataFrame({"period": periods, **({by: group} if by else {}), "base": base}))
    base = pd.concat(rows).set_index(["period"] + ([by] if by else []))["base"]
    lapses = events[lapsing].assign(period=period_start(expiry[lapsing], freq))
    lapses = lapses[lapses["date"] < lapses["period"]]  # active at the period's start
    lapsed = lapses.groupby(["period"] + ([by] if by else [])).size()
    out = pd.DataFrame({"base": base}).join(lapsed.rename("lapsed"), how="left")
    out["lapsed"] = out["lapsed"].fillna(0).astype("int64")
    return out if by else out.set_axis(out.index.get_level_values("period"), axis=0)


def _count_before(values: np.ndarray, at: np.ndarray) -> np.ndarray:
    """For each of the sorted ``at``, how many ``values`` are earlier (no sort of ``values``)."""
    after = np.searchsorted(at, values, side="right")  # the first ``at`` beyond each value
    return np.cumsum(np.bincount(after, minlength=len(at) + 1))[: len(at)]


def suggest_churn_window(orders: pd.DataFrame, quantile: float = 0.9) -> int:
    """A W that 90% of repeat purchases come back within, rounded up to 15 days (30-365).

    Customers who return later than that are rare enough to call lapsed.
    """
    purchases = orders[orders["amount"] > 0]
    events = purchase_events(purchases, None)
    gaps = (events["next_date"] - events["date"]).dt.days.dropna()
    if gaps.empty:
        return 90
    days = float(np.quantile(gaps, quantile))
    return int(min(365, max(30, np.ceil(days / 15) * 15)))
