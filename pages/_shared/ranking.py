"""The frame of the two ranking pages, Customers at risk and Leads to work first: a model's
scores of the session's data, how accurate it is, a list ranked first things first (filtered
by rep), shown in the user's formats. Each page adds its own cards, filters and columns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from models import DataError
from models.kpis import KpiSettings
from pages._shared.cells import first_rows, values_as_text
from pages._shared.computations import DataKey, cached_on_data, data_in_use
from pages._shared.data_source import current_tables
from pages._shared.empty_states import stop_empty, stop_with_error
from pages._shared.language import lang, tr
from pages._shared.session import init_state

CHURN, LEADS = "churn", "leads"  # the two ranking models


@dataclass(frozen=True)
class Ranking:
    """What a ranking page ranks, and the texts (catalogue keys) of its start."""

    page: str  # its name: the title is page.<page>
    model: str  # CHURN or LEADS
    table: str  # the table the model needs
    missing: str  # what the page says when that table is missing
    learning: str  # what it says while the model learns


def window_of(model: str, settings: KpiSettings) -> int:
    """The days ``model`` looks ahead: the churn window, or the conversion window."""
    return settings.churn_window if model == CHURN else settings.conversion_window


# The models import scikit-learn: loaded by the pages that use them, not at start-up.
@cached_on_data(max_entries=32)
def cached_scores(data: DataKey, model: str) -> pd.DataFrame:
    """The scores of ``model`` on ``data`` as of the day after it ends: churn risk of each
    customer, or chance to convert of each open lead."""
    from models.scoring import churn_risk, lead_scores

    score = churn_risk if model == CHURN else lead_scores
    return score(data.tables, None, window_of(model, data.settings))


@cached_on_data(max_entries=32)
def cached_lift(data: DataKey, model: str):
    """How well ``model`` ranked in the past of ``data`` (its lift report)."""
    from models.scoring import churn_lift, lead_lift

    lift = churn_lift if model == CHURN else lead_lift
    return lift(data.tables, window_of(model, data.settings))


def open_ranking(ranking: Ranking) -> tuple[pd.DataFrame, object, int]:
    """The start of a ranking page: its title, then its model's scores and lift report and
    the window they look ahead; the page stops with an empty state when the model's table is
    missing, with an error when the engine cannot score the data."""
    init_state()
    st.title(tr(f"page.{ranking.page}"))
    if ranking.table not in current_tables():
        stop_empty(tr(ranking.missing))
    data = data_in_use()
    try:
        with st.spinner(tr(ranking.learning)):
            scores = cached_scores(data, ranking.model)
            lift = cached_lift(data, ranking.model)
    except DataError as err:
        stop_with_error(err)
    return scores, lift, window_of(ranking.model, data.settings)


def show_accuracy(lift) -> None:
    """How accurate the ranking has been, in a sentence."""
    st.info(tr("risk.how_accurate", sentence=lift.sentence(lang())), icon=":material/fact_check:")


def choose_reps(rows: pd.DataFrame, key: str, where=st) -> list:
    """The reps whose rows to show (none chosen: all), picked among those of ``rows``."""
    reps = sorted(rows["rep"].dropna().unique()) if "rep" in rows else []
    return where.multiselect(
        tr("risk.reps"), reps, key=key, placeholder=tr("risk.all_reps"), disabled=not reps
    )


def show_ranked_table(
    rows: pd.DataFrame,
    config: dict,
    units: dict[str, str],
    bars: tuple[str, ...],
    index_label: str,
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> None:
    """The first rows of a ranked list on screen: ``prepare`` makes their table (only theirs:
    the others are not shown), ``bars`` (shares of 0-1) are drawn as bars, ``units`` as text
    in the user's formats."""
    on_screen = first_rows(rows)
    if prepare is not None:
        on_screen = prepare(on_screen)
    shown = values_as_text(
        on_screen.assign(**{c: on_screen[c] * 100 for c in bars if c in on_screen}), units
    )
    st.dataframe(shown.rename_axis(index_label), width="stretch", column_config=config)
