"""Generate the demo company of Objectif: "Papeterie Martin", an office-supplies distributor.

Papeterie Martin sells paper, ink, filing and writing supplies, small equipment and office
furniture to companies (Entreprise), small businesses (PME) and private customers
(Particulier) in four French regions, through six sales reps, on the web, by phone and in
the field; amounts in EUR. The script writes 36 months of history ending with ``--end``:

* ``orders.csv``: each customer has a home rep, region and segment and a purchase rhythm.
  Summer dip about -25 %, December peak about +30 %, quiet weekends. About 2-4 % of active
  customers lapse each month, a few come back after a long gap; growth (about 12 %/year)
  comes from new customers, most of them converted leads. About 0.5 % of rows are refunds
  (negative amounts). Farid Benali leaves channel and product empty on ~30 % of his
  orders, Bruno Lefèvre on ~5 %.
* ``leads.csv``: conversion rate and delay depend on the source; recent leads are mostly
  still open; a converted lead names the customer it became (first order on or after the
  conversion date); some reps rarely fill in the value.
* ``calls.csv``: weekdays, business hours; missed inbound calls vary by rep.
* ``feedback.csv``: survey answers after some orders: CSAT 1-5, NPS 0-10, star rating.
* ``objectives.csv``: monthly targets for the last 12 and the next 12 months.

Each table is then imported by the app's own importer and written to
``imported/<name>.parquet``, tagged with its CSV's SHA-256: the app reads the demo from
there while the CSV is unchanged (``models.data.importer.sample_tables``).

Run it from the repository root (same bytes for the same seed and end; ``--end`` defaults
to the month before the current month)::

    python sample_data/generate.py [--seed 42] [--end YYYY-MM] [--out sample_data]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

MONTHS = 36
GROWTH = 0.12  # yearly growth of lead volume, hence of the customer base
DAYS_PER_MONTH = 30.44
LEAD_LOOKBACK = 180  # leads simulated before the window, so that it starts warm
INITIAL_CUSTOMERS = 700  # customers already buying on the first day
LEADS_PER_DAY = 5.2  # at the start of the window, before seasonality
DIRECT_PER_MONTH = 6.0  # new customers who never were a lead (walk-in web buyers)
RHYTHM_SHAPE = 12.0  # gamma shape of the gaps between orders: a rhythm, not Poisson
INTERVAL_SPREAD = 0.15  # lognormal spread of each customer's rhythm around the segment's
SIZE_SIGMA = 0.35  # lognormal spread of customer size (spend multiplier)
SEASON_IN_FREQUENCY = 0.6  # share of seasonality in order counts; the rest is in baskets
P_RETURN = 0.2  # share of lapsed customers who come back...
RETURN_GAP = (150, 450)  # ...after this many days
REFUND_SHARE = 0.005
FEEDBACK_SHARE = 0.18  # orders followed by a survey answer
CALLS_PER_DAY = 17.0  # all reps together, at the start of the window

# Activity by calendar month (Jan..Dec): summer dip, December peak.
MONTH_FACTOR = np.array([1.00, 1.02, 1.06, 1.02, 1.00, 1.04, 0.74, 0.70, 1.05, 1.02, 1.02, 1.33])

# name: (share of the initial base, share of leads, days between orders, median basket EUR,
#        monthly lapse rate, median lead value EUR)
SEGMENTS = {
    "Entreprise": (0.20, 0.22, 35, 520, 0.012, 6000),
    "PME": (0.45, 0.45, 42, 210, 0.022, 2500),
    "Particulier": (0.35, 0.33, 50, 55, 0.035, 250),
}
# name: (home region, share of customers, missed inbound rate, share of orders with empty
#        channel/product, share of leads without a value)
REPS = {
    "Alice Martin": ("Île-de-France", 0.20, 0.08, 0.00, 0.02),
    "Bruno Lefèvre": ("Île-de-France", 0.18, 0.10, 0.05, 0.02),
    "Chloé Dubois": ("Auvergne-Rhône-Alpes", 0.15, 0.09, 0.00, 0.03),
    "David Moreau": ("Auvergne-Rhône-Alpes", 0.12, 0.14, 0.00, 0.55),
    "Emma Laurent": ("Occitanie", 0.18, 0.11, 0.00, 0.25),
    "Farid Benali": ("Hauts-de-France", 0.17, 0.15, 0.30, 0.03),
}
# name: (share of leads, conversion rate, median days to convert); Prospection is outbound.
SOURCES = {
    "Site web": (0.32, 0.09, 10),
    "Salon": (0.10, 0.15, 45),
    "Recommandation": (0.12, 0.25, 20),
    "Emailing": (0.18, 0.04, 25),
    "Réseaux sociaux": (0.13, 0.03, 15),
    "Prospection": (0.15, 0.07, 60),
}
CHANNELS = {
    "Web": (0.25, 0.45, 0.80),
    "Téléphone": (0.30, 0.35, 0.18),  # by segment
    "Terrain": (0.45, 0.20, 0.02),
}
# name: (share of orders, unit price EUR from which the quantity is derived)
PRODUCTS = {
    "Papier": (0.22, 4.5),
    "Encre et toners": (0.18, 38.0),
    "Écriture": (0.14, 2.2),
    "Classement": (0.13, 6.5),
    "Petit matériel": (0.12, 8.0),
    "Informatique": (0.10, 25.0),
    "Agendas": (0.06, 14.0),
    "Mobilier": (0.05, 180.0),
}
OBJECTIVE_KPIS = (
    "revenue",
    "new_customers",
    "conversion_rate",
    "churn_rate",
    "average_basket",
    "csat",
    "nps",
)
# KPI: (target for the last 12 months, target for the next 12 months)
FIXED_TARGETS = {
    "conversion_rate": (0.09, 0.10),
    "churn_rate": (0.03, 0.03),
    "csat": (0.85, 0.85),
    "nps": (30.0, 35.0),
}


def field(table: dict[str, tuple], i: int) -> np.ndarray:
    """Column ``i`` of a constants table, in the table's order."""
    return np.array([row[i] for row in table.values()])


def labels(table: dict[str, tuple], codes: np.ndarray | pd.Series) -> np.ndarray:
    """The names of a constants table for integer ``codes``."""
    return np.array(list(table), dtype=object)[np.asarray(codes)]


def window(end: str | None) -> pd.DatetimeIndex:
    """Every day of the 36 months ending with month ``end`` (default: last month)."""
    last = pd.Period(end, "M") if end else pd.Timestamp.today().to_period("M") - 1
    first = last - (MONTHS - 1)
    return pd.date_range(first.start_time, last.end_time.normalize(), freq="D")


def seasonal_weights(days: pd.DatetimeIndex, weekend: float, power: float = 1.0) -> np.ndarray:
    """Relative activity of each day (month factor ** power, damped weekends), mean 1."""
    weights = MONTH_FACTOR[days.month - 1] ** power * np.where(days.day_of_week >= 5, weekend, 1)
    return weights / weights.mean()


def growth(days: pd.DatetimeIndex, start: pd.Timestamp) -> np.ndarray:
    """Multiplier for the yearly growth, 1 on ``start``."""
    return (1 + GROWTH) ** ((days - start).days.to_numpy() / 365.25)


def simulate_leads(rng: np.random.Generator, days: pd.DatetimeIndex) -> pd.DataFrame:
    """All leads from ``LEAD_LOOKBACK`` days before the window to its end.

    ``day`` and ``conv_day`` are offsets from the window's first day (``conv_day`` -1 when
    not converted). A lead whose conversion would come after the window is still open.
    """
    start = days[0]
    span = pd.date_range(start - pd.Timedelta(days=LEAD_LOOKBACK), days[-1], freq="D")
    rate = LEADS_PER_DAY * growth(span, start) * seasonal_weights(span, weekend=0.3)
    created = np.repeat((span - start).days.to_numpy(), rng.poisson(rate))
    n = len(created)
    source = rng.choice(len(SOURCES), n, p=field(SOURCES, 0))
    conv_day = created + rng.lognormal(np.log(field(SOURCES, 2)[source]), 0.9).astype(int)
    converted = (rng.random(n) < field(SOURCES, 1)[source]) & (conv_day < len(days))
    rep = rng.choice(len(REPS), n, p=field(REPS, 1))
    segment = rng.choice(len(SEGMENTS), n, p=field(SEGMENTS, 1))
    value = np.maximum(np.round(rng.lognormal(np.log(field(SEGMENTS, 5)[segment]), 0.6), -2), 100)
    value[rng.random(n) < field(REPS, 4)[rep]] = np.nan  # some reps rarely fill it in
    return pd.DataFrame(
        {
            "day": created,
            "source": source,
            "converted": converted,
            "conv_day": np.where(converted, conv_day, -1),
            "rep": rep,
            "segment": segment,
            "value": value,
        }
    )


def new_customers(rng: np.random.Generator, leads: pd.DataFrame, n_days: int) -> pd.DataFrame:
    """Everyone who buys in the window: the initial base, converted leads, direct buyers.

    ``start`` is the day of the first order (0 for the initial base, whose first order is
    placed later, see :func:`spells`); ``lead`` is the lead's row in ``leads`` or -1.
    """
    won = leads[leads["conv_day"] >= 0]
    # A converted lead orders within a week, at the latest on the window's last day.
    lead_start = np.minimum(won["conv_day"].to_numpy() + rng.integers(0, 8, len(won)), n_days - 1)
    n_direct = rng.poisson(DIRECT_PER_MONTH * MONTHS)
    customers = pd.concat(
        [
            pd.DataFrame(
                {
                    "segment": rng.choice(len(SEGMENTS), INITIAL_CUSTOMERS, p=field(SEGMENTS, 0)),
                    "rep": rng.choice(len(REPS), INITIAL_CUSTOMERS, p=field(REPS, 1)),
                    "start": 0,
                    "lead": -1,
                }
            ),
            pd.DataFrame(
                {
                    "segment": won["segment"].to_numpy(),
                    "rep": won["rep"].to_numpy(),
                    "start": lead_start,
                    "lead": won.index.to_numpy(),
                }
            ),
            pd.DataFrame(
                {
                    "segment": rng.choice(len(SEGMENTS), n_direct, p=[0.05, 0.25, 0.70]),
                    "rep": rng.choice(len(REPS), n_direct, p=field(REPS, 1)),
                    "start": np.sort(rng.integers(0, n_days, n_direct)),
                    "lead": -1,
                }
            ),
        ],
        ignore_index=True,
    )
    n = len(customers)
    customers["interval"] = field(SEGMENTS, 2)[customers["segment"]] * rng.lognormal(
        0, INTERVAL_SPREAD, n
    )
    customers["size"] = rng.lognormal(0, SIZE_SIGMA, n)
    return customers


def lifetime(rng: np.random.Generator, segment: np.ndarray) -> np.ndarray:
    """Days until a customer lapses: exponential with the segment's monthly lapse rate."""
    days = rng.exponential(DAYS_PER_MONTH / field(SEGMENTS, 4)[segment])
    return np.maximum(np.ceil(days), 1).astype(int)


def spells(rng: np.random.Generator, customers: pd.DataFrame, cum: np.ndarray) -> pd.DataFrame:
    """Buying spells, from first order (or return) to lapse; returners have two.

    ``first_w`` is the first order in seasonal time (see :func:`order_days`), ``stop`` the
    first day without orders.
    """
    n, n_days = len(customers), len(cum)
    seg, start = customers["segment"].to_numpy(), customers["start"].to_numpy()
    lapse = start + lifetime(rng, seg)
    # The initial base is mid-rhythm on day 0: each first order comes at a random phase.
    phase = rng.random(n) * customers["interval"].to_numpy()
    first_w = np.where(customers.index < INITIAL_CUSTOMERS, phase, cum[start])
    back = lapse + rng.integers(*RETURN_GAP, n)
    returns = (rng.random(n) < P_RETURN) & (back < n_days)
    back = back[returns]
    return pd.DataFrame(
        {
            "customer": np.concatenate([customers.index.to_numpy(), np.flatnonzero(returns)]),
            "first_w": np.concatenate([first_w, cum[back]]),
            "stop": np.minimum(np.concatenate([lapse, back + lifetime(rng, seg[returns])]), n_days),
        }
    )


def order_days(
    rng: np.random.Generator, spell: pd.DataFrame, interval: np.ndarray, cum: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Spell row and day of every order.

    Orders are a gamma renewal process in *seasonal time* ``w``, the cumulative sum ``cum``
    of the daily weights: a customer keeps a rhythm, and busy days get more orders.
    """
    first_w, last_w = spell["first_w"].to_numpy(), cum[spell["stop"].to_numpy() - 1]
    steps = int(np.ceil(((last_w - first_w) / interval).max() * 1.5)) + 5
    gaps = interval[:, None] * rng.gamma(RHYTHM_SHAPE, 1 / RHYTHM_SHAPE, (len(spell), steps))
    w = first_w[:, None] + np.cumsum(np.hstack([np.zeros((len(spell), 1)), gaps]), axis=1)
    keep = w <= last_w[:, None]
    assert not keep[:, -1].any(), "draw more steps"
    row, _ = np.nonzero(keep)
    return row, np.searchsorted(cum, w[keep])


def make_orders(
    rng: np.random.Generator, customers: pd.DataFrame, days: pd.DatetimeIndex
) -> pd.DataFrame:
    """One row per order, amounts lognormal around the segment's basket."""
    cum = np.cumsum(seasonal_weights(days, weekend=0.25, power=SEASON_IN_FREQUENCY))
    spell = spells(rng, customers, cum)
    row, day = order_days(rng, spell, customers["interval"].to_numpy()[spell["customer"]], cum)
    cust = spell["customer"].to_numpy()[row]
    seg = customers["segment"].to_numpy()[cust]
    # The rest of the seasonality is in the basket: summer orders are smaller too.
    season = MONTH_FACTOR[days[day].month - 1] ** (1 - SEASON_IN_FREQUENCY)
    amount = np.round(
        field(SEGMENTS, 3)[seg]
        * customers["size"].to_numpy()[cust]
        * season
        * rng.lognormal(0, 0.55, len(cust)),
        2,
    )
    product = rng.choice(len(PRODUCTS), len(cust), p=field(PRODUCTS, 0))
    channel_p = np.stack(list(CHANNELS.values())).T[seg]
    channel = (rng.random(len(cust))[:, None] > channel_p.cumsum(axis=1)).sum(axis=1)
    quantity = np.maximum(1, np.round(amount / field(PRODUCTS, 1)[product])).astype(int)
    return pd.DataFrame(
        {
            "day": day,
            "customer": cust,
            "amount": amount,
            "quantity": quantity,
            "rep": customers["rep"].to_numpy()[cust],
            "segment": seg,
            "channel": channel,
            "product": product,
        }
    )


def add_refunds(rng: np.random.Generator, orders: pd.DataFrame, n_days: int) -> pd.DataFrame:
    """Refund a few orders (fully or partly) days later: negative amount and quantity."""
    picked = np.sort(rng.choice(len(orders), round(REFUND_SHARE * len(orders)), replace=False))
    refunds = orders.iloc[picked].copy()
    refunds["day"] += rng.integers(2, 31, len(refunds))
    share = np.where(rng.random(len(refunds)) < 0.6, 1.0, rng.uniform(0.2, 0.8, len(refunds)))
    refunds["amount"] = -np.round(refunds["amount"] * share, 2)
    refunds["quantity"] = -np.maximum(1, np.round(refunds["quantity"] * share)).astype(int)
    return pd.concat([orders, refunds[refunds["day"] < n_days]], ignore_index=True)


def customer_ids(orders: pd.DataFrame, n_customers: int) -> np.ndarray:
    """``C-00001``... numbered by first order; customers who never ordered get ``None``."""
    first = orders.groupby("customer")["day"].min().reset_index()
    ranked = first.sort_values(["day", "customer"], kind="stable")["customer"].to_numpy()
    ids = np.full(n_customers, None, dtype=object)
    ids[ranked] = [f"C-{i:05d}" for i in range(1, len(ranked) + 1)]
    return ids


def orders_table(
    rng: np.random.Generator, orders: pd.DataFrame, ids: np.ndarray, days: pd.DatetimeIndex
) -> pd.DataFrame:
    """The published orders: labels, ids, and the CRM fields some reps leave empty."""
    orders = orders.sort_values(["day", "customer"], kind="stable").reset_index(drop=True)
    rep = orders["rep"].to_numpy()
    table = pd.DataFrame(
        {
            "order_id": [f"O-{i:06d}" for i in range(1, len(orders) + 1)],
            "date": days[orders["day"]],
            "customer_id": ids[orders["customer"]],
            "amount": orders["amount"],
            "quantity": orders["quantity"],
            "rep": labels(REPS, rep),
            "region": field(REPS, 0)[rep].astype(object),
            "segment": labels(SEGMENTS, orders["segment"]),
            "channel": labels(CHANNELS, orders["channel"]),
            "product": labels(PRODUCTS, orders["product"]),
        }
    )
    for column in ("channel", "product"):
        table.loc[rng.random(len(table)) < field(REPS, 3)[rep], column] = None
    return table


def leads_table(
    leads: pd.DataFrame, customers: pd.DataFrame, ids: np.ndarray, days: pd.DatetimeIndex
) -> pd.DataFrame:
    """The published leads: those created in the window, with their customer's id."""
    from_leads = customers["lead"] >= 0
    customer_of = pd.Series(ids[from_leads.to_numpy()], index=customers.loc[from_leads, "lead"])
    shown = leads[leads["day"] >= 0]
    converted = shown["conv_day"].to_numpy() >= 0
    return pd.DataFrame(
        {
            "lead_id": [f"L-{i:05d}" for i in range(1, len(shown) + 1)],
            "created_date": days[shown["day"]],
            "source": labels(SOURCES, shown["source"]),
            "converted": converted.astype(int),
            "converted_date": pd.Series(days[shown["conv_day"].clip(lower=0)]).where(converted),
            "rep": labels(REPS, shown["rep"]),
            "segment": labels(SEGMENTS, shown["segment"]),
            "value": pd.array(shown["value"].to_numpy(), dtype="Int64"),  # whole euros
            "customer_id": customer_of.reindex(shown.index).to_numpy(),
        }
    )


def call_customers(
    rng: np.random.Generator,
    customers: pd.DataFrame,
    ids: np.ndarray,
    rep: np.ndarray,
    day: np.ndarray,
) -> np.ndarray:
    """A customer of the rep who had started buying by ``day``; ``None`` for ~20 % (unknown)."""
    out = np.full(len(rep), None, dtype=object)
    for r in range(len(REPS)):
        book = customers[(ids != None) & (customers["rep"] == r).to_numpy()]  # noqa: E711
        book = book.sort_values("start", kind="stable")
        mine = np.flatnonzero(rep == r)
        started = np.searchsorted(book["start"].to_numpy(), day[mine], side="right")
        pick = np.minimum((rng.random(len(mine)) * started).astype(int), len(book) - 1)
        known = (started > 0) & (rng.random(len(mine)) > 0.2)
        out[mine] = np.where(known, ids[book.index.to_numpy()[pick]], None)
    return out


def calls_table(
    rng: np.random.Generator, customers: pd.DataFrame, ids: np.ndarray, days: pd.DatetimeIndex
) -> pd.DataFrame:
    """Calls on weekdays, 8:00-18:00 with a lunch dip; missed inbound rates vary by rep."""
    weekdays = days[days.day_of_week < 5]
    rate = CALLS_PER_DAY * growth(weekdays, days[0]) * np.sqrt(MONTH_FACTOR[weekdays.month - 1])
    counts = rng.poisson(np.outer(rate, field(REPS, 1)))  # calls per (day, rep)
    cell = np.repeat(np.arange(counts.size), counts.ravel())
    day, rep, n = cell // len(REPS), cell % len(REPS), len(cell)
    hour = rng.choice(
        np.arange(8, 18), n, p=[0.05, 0.12, 0.14, 0.13, 0.06, 0.08, 0.13, 0.13, 0.10, 0.06]
    )
    stamp = weekdays[day] + pd.to_timedelta(hour * 3600 + rng.integers(0, 3600, n), unit="s")
    inbound = rng.random(n) < 0.45
    missed = rng.random(n) < np.where(inbound, field(REPS, 2)[rep], 0.22)
    duration = np.where(missed, 0, np.maximum(10, rng.lognormal(np.log(240), 0.6, n).round()))
    offset = (weekdays[day] - days[0]).days.to_numpy()
    table = pd.DataFrame(
        {
            "datetime": stamp,
            "rep": labels(REPS, rep),
            "direction": np.where(inbound, "inbound", "outbound"),
            "outcome": np.where(missed, "missed", "answered"),
            "duration_s": duration.astype(int),
            "customer_id": call_customers(rng, customers, ids, rep, offset),
        }
    )
    table = table.sort_values("datetime", kind="stable").reset_index(drop=True)
    table.insert(0, "call_id", [f"A-{i:06d}" for i in range(1, n + 1)])
    return table


def feedback_table(
    rng: np.random.Generator, orders: pd.DataFrame, end: pd.Timestamp
) -> pd.DataFrame:
    """Survey answers a few days after some orders: CSAT, NPS, sometimes a star rating."""
    asked = orders[(orders["amount"] > 0) & (rng.random(len(orders)) < FEEDBACK_SHARE)]
    n = len(asked)
    date = asked["date"] + pd.to_timedelta(rng.integers(1, 15, n), unit="D")
    csat = rng.choice(np.arange(1, 6), n, p=[0.04, 0.06, 0.10, 0.38, 0.42])
    # NPS follows satisfaction with noise: satisfied customers recommend.
    nps = np.array([2.0, 4.0, 6.5, 8.3, 9.5])[csat - 1] + rng.normal(0, 1.2, n)
    rating = np.clip(csat + rng.choice([-1, 0, 0, 0, 1], n), 1, 5)
    which = rng.random(n)  # ~8 % answer only the CSAT question, ~6 % only the NPS one

    def scores(values: np.ndarray, present: np.ndarray) -> pd.arrays.IntegerArray:
        return pd.array(np.where(present, np.clip(np.round(values), 0, 10), np.nan), dtype="Int64")

    table = pd.DataFrame(
        {
            "date": date.to_numpy(),
            "customer_id": asked["customer_id"].to_numpy(),
            "csat": scores(csat, which < 0.92),
            "nps": scores(nps, (which < 0.08) | (which >= 0.14)),
            "rating": scores(rating, rng.random(n) < 0.5),
        }
    )
    table = table[table["date"] <= end]
    return table.sort_values(["date", "customer_id"], kind="stable").reset_index(drop=True)


def objectives_table(orders: pd.DataFrame, end: pd.Timestamp) -> pd.DataFrame:
    """Targets for the last 12 and next 12 months, from the same month a year earlier."""
    month = orders["date"].dt.to_period("M")
    revenue = orders["amount"].groupby(month).sum()
    basket = revenue / (orders["amount"] > 0).groupby(month).sum()  # net revenue per order
    first = orders.groupby("customer_id")["date"].min().dt.to_period("M")
    new = first.value_counts().reindex(revenue.index, fill_value=0)
    last, rows = end.to_period("M"), []
    for period in pd.period_range(last - 11, last + 12, freq="M"):
        ago, ahead = period - 12, int(period > last)
        targets = {
            "revenue": round(revenue[ago] * 1.10, -3),
            "new_customers": round(new[ago] * 1.10),
            "average_basket": round(basket[ago] * 1.05),
        }
        targets.update({kpi: pair[ahead] for kpi, pair in FIXED_TARGETS.items()})
        rows += [(str(period), kpi, float(targets[kpi])) for kpi in OBJECTIVE_KPIS]
    return pd.DataFrame(rows, columns=["period", "kpi", "target"])


def generate(seed: int = 42, end: str | None = None) -> dict[str, pd.DataFrame]:
    """Build the five tables of the demo company.

    Parameters
    ----------
    seed
        Seed of the random generator; the same seed and end give the same tables.
    end
        Last month covered, ``YYYY-MM``; by default the month before the current month.

    Returns
    -------
    dict[str, pandas.DataFrame]
        ``orders``, ``leads``, ``calls``, ``feedback`` and ``objectives`` with the columns
        of the CSV files (dates as datetime64, empty cells as missing values).
    """
    rng = np.random.default_rng(seed)
    days = window(end)
    leads = simulate_leads(rng, days)
    customers = new_customers(rng, leads, len(days))
    raw_orders = add_refunds(rng, make_orders(rng, customers, days), len(days))
    ids = customer_ids(raw_orders, len(customers))
    orders = orders_table(rng, raw_orders, ids, days)
    return {
        "orders": orders,
        "leads": leads_table(leads, customers, ids, days),
        "calls": calls_table(rng, customers, ids, days),
        "feedback": feedback_table(rng, orders, days[-1]),
        "objectives": objectives_table(orders, days[-1]),
    }


def to_csv_text(frame: pd.DataFrame) -> str:
    """CSV text of a table: ISO dates, floats with 2 decimals, empty cells when missing."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            fmt = "%Y-%m-%d %H:%M:%S" if column == "datetime" else "%Y-%m-%d"
            out[column] = out[column].dt.strftime(fmt)
    return out.to_csv(index=False, lineterminator="\n", float_format="%.2f", na_rep="")


def write_tables(tables: dict[str, pd.DataFrame], out: Path) -> None:
    """Write each table to ``out/<name>.csv``, UTF-8 with ``\\n`` line endings."""
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        with open(out / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
            handle.write(to_csv_text(frame))


def main(argv: list[str] | None = None) -> None:
    """Command line: generate the tables, write the CSV files and their snapshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--end", help="last month covered, YYYY-MM (default: last month)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args(argv)
    tables = generate(args.seed, args.end)
    write_tables(tables, args.out)
    for name, frame in tables.items():
        print(f"{args.out / (name + '.csv')}: {len(frame)} rows")
    for path in write_snapshots(args.out):
        print(f"{path}: as the app imports it")


def write_snapshots(out: Path) -> list[Path]:
    """The tables of ``out`` as the app imports them (see ``write_sample_snapshots``)."""
    root = str(Path(__file__).resolve().parent.parent)
    if root not in sys.path:  # run as a script: the app's packages are beside this folder
        sys.path.insert(0, root)
    from models.data import write_sample_snapshots

    return write_sample_snapshots(out)


if __name__ == "__main__":
    main()
