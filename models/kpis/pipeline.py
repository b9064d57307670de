"""Deals by stage: win rate, sales cycle, pipeline created, open and weighted pipeline,
coverage of the remaining target, and the pipeline forecast of a period.

Deals are the ``deals`` table (``models.data.schema``): a ``status`` of ``open``, ``won`` or
``lost`` read from the stage, an optional value, engage (``created``) and close dates. Every
figure can be had per rep, account, product, region, or — with a ``teams`` table joined by
:func:`join_teams` — per manager, team and regional office.

Definitions (the same words as docs/pipeline.md):

* **win rate** = won / (won + lost), over the deals closed in the window; open deals do not
  count (they are neither won nor lost yet);
* **sales cycle** = mean days from engage date to close date of the deals won in the window;
* **pipeline created** = the value of the deals engaged in the window;
* **open pipeline** = the value (and count) of the deals open at ``as_of``;
* **weighted pipeline** = the sum over open deals of value x chance of winning: the stage's
  chance when the CRM gives one (``probabilities``), else the win rate of the deals closed so
  far (a table of current stages carries no history of the stages each deal went through);
* **coverage** = open pipeline / remaining target (target - won to date);
* **pipeline forecast** of a period = won in the period to date + the weighted value of the
  open deals expected to close in it.

An open deal without a value (Maven's open deals have none) counts at the mean value won on
its product, or on all products when its product never won: :func:`estimate_open_values`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from models.core.errors import DataError
from models.core.parsing import normalise_header
from models.kpis.targets import TargetPeriod

GROUPS = ("rep", "manager", "team", "region", "account", "product")
PIPELINE_COLUMNS = (
    "deals_created",
    "pipeline_created",
    "won_deals",
    "lost_deals",
    "win_rate",
    "won_value",
    "average_deal_size",
    "sales_cycle_days",
    "open_deals",
    "open_pipeline",
    "weighted_pipeline",
)


def join_teams(deals: pd.DataFrame, teams: pd.DataFrame) -> pd.DataFrame:
    """Deals with their rep's ``manager``, ``team`` and ``region`` from a teams table.

    A deal's own region, when the deals file has one, is kept; the teams table fills the
    rest. Reps missing from the teams table get NA.
    """
    known = teams.dropna(subset=["rep"]).drop_duplicates("rep").set_index("rep")
    joined = deals.copy()
    for column in ("manager", "team", "region"):
        if column not in known:
            continue
        from_team = joined["rep"].map(known[column]) if "rep" in joined else pd.NA
        joined[column] = joined[column].fillna(from_team) if column in joined else from_team
        joined[column] = joined[column].astype("string")
    return joined


def estimate_open_values(deals: pd.DataFrame) -> pd.DataFrame:
    """Open deals without a value get the mean value won on their product (on every product
    when theirs never won); ``value_estimated`` says which."""
    value = deals["value"] if "value" in deals else pd.Series(np.nan, index=deals.index)
    won = _is(deals, "won") & value.notna()
    missing = _is(deals, "open") & value.isna()
    overall = value[won].mean()
    guess = pd.Series(overall, index=deals.index, dtype=float)
    if "product" in deals:
        by_product = value[won].groupby(deals.loc[won, "product"]).mean()
        guess = deals["product"].map(by_product).astype(float).fillna(overall)
    return deals.assign(value=value.where(~missing, guess), value_estimated=missing & guess.notna())


def win_chances(
    deals: pd.DataFrame,
    probabilities: Mapping[str, float] | None = None,
    as_of: pd.Timestamp | None = None,
) -> pd.Series:
    """Each open deal's chance of being won (NaN on closed deals).

    Parameters
    ----------
    probabilities
        Stage -> chance (0 to 1), e.g. a CRM's own stage probabilities; stages are compared
        folded (``"Négociation"`` = ``"negociation"``). Stages not in it, or all of them when
        it is ``None``, get the win rate of the deals closed by ``as_of``.
    """
    closed = _is(deals, "won") | _is(deals, "lost")
    if as_of is not None and "close_date" in deals:
        closed &= deals["close_date"].isna() | (deals["close_date"] <= as_of)
    n_closed = int(closed.sum())
    history = _is(deals, "won")[closed].sum() / n_closed if n_closed else np.nan
    chance = pd.Series(history, index=deals.index, dtype=float)
    if probabilities:
        folded = {normalise_header(stage): float(p) for stage, p in probabilities.items()}
        given = deals["stage"].map(lambda s: folded.get(normalise_header(s), np.nan))
        chance = given.astype(float).fillna(chance)
    return chance.where(_is(deals, "open"))


def _is(deals: pd.DataFrame, status: str) -> pd.Series:
    """Whether each deal has ``status``, as plain booleans (the status may be Arrow-backed)."""
    return pd.Series(
        deals["status"].eq(status).fillna(False).to_numpy(dtype=bool), index=deals.index
    )


def _dates(deals: pd.DataFrame, column: str) -> pd.Series:
    """A date column of the deals, all NaT when the file has none."""
    return deals[column] if column in deals else pd.Series(pd.NaT, index=deals.index)


def _sum_by(parts: pd.DataFrame, deals: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """``parts`` summed per group of ``by`` (one row ``total`` without one)."""
    keys = deals[by].fillna("(empty)") if by else pd.Series("total", index=deals.index)
    sums = parts.groupby(keys.to_numpy()).sum()
    sums.index.name = by
    return sums


def _in(dates: pd.Series, start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.Series:
    inside = dates.notna()
    if start is not None:
        inside &= dates >= start
    if end is not None:
        inside &= dates < end
    return inside


def deals_as_of(deals: pd.DataFrame) -> pd.Timestamp:
    """The last day the deals know about: their latest engage or close date."""
    ends = [
        deals[c].max() for c in ("created", "close_date") if c in deals and deals[c].notna().any()
    ]
    if not ends:
        raise DataError.coded("no_dated_table")
    return pd.Timestamp(max(ends)).normalize()


def pipeline_kpis(
    deals: pd.DataFrame,
    by: str | None = None,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
    as_of: pd.Timestamp | None = None,
    probabilities: Mapping[str, float] | None = None,
) -> pd.DataFrame | pd.Series:
    """Win rate, sales cycle, pipeline created, open and weighted pipeline (per group).

    Parameters
    ----------
    deals
        The ``deals`` table (with :func:`join_teams` for ``manager``, ``team``, ``region``).
    by
        One of :data:`GROUPS`, or ``None`` for the totals.
    start, end
        The window ``[start, end)`` of the deals closed (win rate, won value, cycle) and
        engaged (pipeline created); ``None``: unbounded.
    as_of
        The day the open pipeline is taken (deals engaged after it are not counted);
        :func:`deals_as_of` by default.
    probabilities
        Stage -> chance, for the weighted pipeline (see :func:`win_chances`).

    Returns
    -------
    pandas.DataFrame or pandas.Series
        :data:`PIPELINE_COLUMNS`, one row per group (a Series of them for the totals).
    """
    if by is not None and by not in GROUPS:
        raise DataError.coded("bad_dimension", by=by, choices=", ".join(GROUPS))
    if by is not None and by not in deals:
        raise DataError.coded("pipeline_no_group", by=by)
    as_of = deals_as_of(deals) if as_of is None else pd.Timestamp(as_of)
    deals = estimate_open_values(deals)
    chance = win_chances(deals, probabilities, as_of)
    value = deals["value"].fillna(0.0)
    created, closing = _dates(deals, "created"), _dates(deals, "close_date")
    closed_in = _in(closing, start, end)
    if start is None and end is None:  # no window: a closed deal without its date counts too
        closed_in |= closing.isna()
    won = _is(deals, "won") & closed_in
    lost = _is(deals, "lost") & closed_in
    is_open = _is(deals, "open") & (created.isna() | (created <= as_of))
    created_in = _in(created, start, end)
    cycle = (closing - created).dt.days.where(won)
    parts = pd.DataFrame(
        {
            "deals_created": created_in,
            "pipeline_created": value.where(created_in, 0.0),
            "won_deals": won,
            "lost_deals": lost,
            "won_value": value.where(won, 0.0),
            "cycle_sum": cycle.fillna(0.0),
            "cycle_n": cycle.notna(),
            "open_deals": is_open,
            "open_pipeline": value.where(is_open, 0.0),
            "weighted_pipeline": (value * chance).where(is_open, 0.0).fillna(0.0),
        }
    )
    sums = _sum_by(parts, deals, by)
    closed = sums["won_deals"] + sums["lost_deals"]
    sums["win_rate"] = sums["won_deals"] / closed.where(closed > 0)
    sums["average_deal_size"] = sums["won_value"] / sums["won_deals"].where(sums["won_deals"] > 0)
    sums["sales_cycle_days"] = sums["cycle_sum"] / sums["cycle_n"].where(sums["cycle_n"] > 0)
    counts = ["deals_created", "won_deals", "lost_deals", "open_deals"]
    sums[counts] = sums[counts].astype("int64")
    frame = sums[list(PIPELINE_COLUMNS)]
    return frame.iloc[0] if by is None else frame


def pipeline_coverage(
    open_pipeline: pd.Series | float, target: pd.Series | float, won_to_date: pd.Series | float
) -> pd.Series | float:
    """Open pipeline / remaining target (target - won to date); NaN when nothing remains
    (the target is met: no pipeline is needed) or there is no target.

    A coverage of 3 means three times as much open value as still to win; sales teams
    usually ask for 3 to 4 when one deal in three or four is won.
    """
    remaining = target - won_to_date
    if isinstance(remaining, pd.Series):
        return open_pipeline / remaining.where(remaining > 0)
    return open_pipeline / remaining if remaining > 0 else np.nan


def expected_close(deals: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """When each open deal is expected to close.

    Its close date when the CRM gives one (an expected close date); else its engage date plus
    the mean sales cycle of the deals won; else (no engage date: a prospect) ``as_of`` plus
    that cycle. A deal past its expected day is expected on the day after ``as_of``.
    """
    closing, created = _dates(deals, "close_date"), _dates(deals, "created")
    won = _is(deals, "won")
    cycle_days = (closing - created).dt.days[won].mean()
    cycle = pd.Timedelta(days=float(cycle_days) if pd.notna(cycle_days) else 0.0).round("D")
    expected = closing.fillna(created + cycle).fillna(pd.Timestamp(as_of) + cycle)
    next_day = pd.Timestamp(as_of).normalize() + pd.Timedelta(days=1)
    return expected.where(expected >= next_day, next_day).where(_is(deals, "open"))


def pipeline_forecast(
    deals: pd.DataFrame,
    period: TargetPeriod,
    by: str | None = None,
    as_of: pd.Timestamp | None = None,
    probabilities: Mapping[str, float] | None = None,
) -> pd.DataFrame | pd.Series:
    """Won in ``period`` to date + the weighted open deals expected to close in it.

    Returns
    -------
    pandas.DataFrame or pandas.Series
        ``won`` (value won in the period up to ``as_of``), ``open_deals`` and
        ``open_value`` (open deals expected to close in the period), ``weighted_open`` and
        ``forecast`` (= won + weighted_open); per group, or a Series for the totals.
    """
    if by is not None and by not in deals:
        raise DataError.coded("pipeline_no_group", by=by)
    as_of = deals_as_of(deals) if as_of is None else pd.Timestamp(as_of)
    deals = estimate_open_values(deals)
    value = deals["value"].fillna(0.0)
    closing = _dates(deals, "close_date")
    won = _is(deals, "won") & _in(
        closing, period.start, min(period.end, as_of + pd.Timedelta(days=1))
    )
    expected = expected_close(deals, as_of)
    coming = _is(deals, "open") & _in(expected, period.start, period.end)
    chance = win_chances(deals, probabilities, as_of)
    parts = pd.DataFrame(
        {
            "won": value.where(won, 0.0),
            "open_deals": coming,
            "open_value": value.where(coming, 0.0),
            "weighted_open": (value * chance).where(coming, 0.0).fillna(0.0),
        }
    )
    sums = _sum_by(parts, deals, by)
    sums["open_deals"] = sums["open_deals"].astype("int64")
    sums["forecast"] = sums["won"] + sums["weighted_open"]
    return sums.iloc[0] if by is None else sums
