"""Customers at risk: active customers ranked by the probability that they lapse. UI only."""

import streamlit as st

from models.core import format_day, format_number
from models.scoring import explain
from pages._shared import (
    CHURN,
    RISK_MIN_P,
    RISK_REPS,
    Ranking,
    choose_reps,
    lang,
    number_column,
    open_ranking,
    progress_column,
    render_sidebar,
    show_accuracy,
    show_ranked_table,
    table_downloads,
    tr,
    value_text,
)

RISK = Ranking("risk", CHURN, table="orders", missing="risk.no_orders", learning="risk.learning")
# the table's columns beyond risk, value and reason, with the unit each is shown in
UNITS = {
    "value_at_stake": "currency",
    "recency_days": "count",
    "frequency": "count",
    "usual_gap_days": "count",
    "orders_last_6m": "count",
    "orders_prior_6m": "count",
    "tenure_days": "count",
}


def columns_config() -> dict:
    """Column headers in the user's language (the values are formatted by values_as_text)."""
    config = {
        "p_churn": progress_column(tr("risk.col.p_churn"), tr("risk.col.p_churn_help")),
        "value_at_stake": number_column(
            tr("risk.col.value_at_stake"), tr("risk.col.value_at_stake_help")
        ),
        "reason": st.column_config.TextColumn(tr("risk.col.reason")),
        "rep": st.column_config.TextColumn(tr("risk.col.rep")),
    }
    config.update(
        {name: number_column(tr(f"risk.col.{name}")) for name in UNITS if name != "value_at_stake"}
    )
    return config


scores, lift, window = open_ranking(RISK)
as_of = scores.attrs["as_of"]
active = scores[scores["active"]]
st.caption(tr("risk.caption", window=window, day=format_day(as_of, lang())))
cards = st.columns(3)
cards[0].metric(tr("risk.active"), format_number(len(active), lang()), border=True)
cards[1].metric(
    tr("risk.expected", window=window),
    format_number(active["p_churn"].sum(), lang()),
    border=True,
    help=tr("risk.expected_help"),
)
at_risk = float((active["p_churn"] * active["value_at_stake"]).sum())
cards[2].metric(
    tr("risk.at_risk"), value_text(at_risk, "currency"), border=True, help=tr("risk.at_risk_help")
)
show_accuracy(lift)

left, right = st.columns([2, 1])
chosen = choose_reps(active, RISK_REPS, left)
min_p = right.slider(
    tr("risk.min_risk"),
    0,
    100,
    30,
    5,
    key=RISK_MIN_P,
    format="%d\u202f%%" if lang() == "fr" else "%d%%",
)
shown = active[active["p_churn"] >= min_p / 100]
if chosen:
    shown = shown[shown["rep"].isin(chosen)]
config = columns_config()
columns = [c for c in config if c in shown]


def in_words(rows, language: str):
    """The list's columns, each customer's reason in ``language`` (the engine's is English)."""
    table = rows[columns].copy()
    if "reason" in table:
        table["reason"] = explain(rows, window, language)
    table.attrs = {}  # the model's notes are not part of the table
    return table


show_ranked_table(
    shown,
    config,
    UNITS,
    ("p_churn",),
    tr("risk.col.customer"),
    prepare=lambda rows: in_words(rows, lang()),
)
st.caption(
    tr(
        "risk.shown",
        shown=format_number(len(shown), lang()),
        total=format_number(len(active), lang()),
        model=tr(f"estimator.{scores.attrs['estimator']}"),
        n=len(scores.attrs["snapshots"]),
    )
)

language = lang()
table_downloads(
    lambda: in_words(shown, language).rename(columns={"p_churn": "risk"}),
    "customers_at_risk",
    "risk",
    tr("page.risk"),
)

render_sidebar()
