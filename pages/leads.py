"""Leads to work first: open leads ranked by probability of converting x value. UI only."""

import streamlit as st

from models.core import format_day, format_number
from pages._shared import (
    LEAD_REPS,
    LEADS,
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

LEADS_TO_WORK = Ranking(
    "leads", LEADS, table="leads", missing="leads.no_leads", learning="leads.learning"
)
# columns shown as text in the user's formats, and those shown as bars (0-100 %)
UNITS = {
    "expected_value": "currency",
    "value": "currency",
    "created": "day",
    "age_days": "count",
    "rate_source": "rate",
}
BARS = ("p_convert", "completeness")


def columns_config() -> dict:
    """Column headers in the user's language (the values are formatted by values_as_text)."""
    text = {
        name: st.column_config.TextColumn(tr(f"leads.col.{name}"))
        for name in ("source", "segment", "region")
    }
    return {
        "p_convert": progress_column(tr("leads.col.p_convert"), tr("leads.col.p_convert_help")),
        "expected_value": number_column(
            tr("leads.col.expected_value"), tr("leads.col.expected_value_help")
        ),
        "value": number_column(tr("leads.col.value")),
        "source": text["source"],
        "rep": st.column_config.TextColumn(tr("risk.col.rep")),
        "segment": text["segment"],
        "region": text["region"],
        "created": number_column(tr("leads.col.created")),
        "age_days": number_column(tr("leads.col.age_days")),
        "completeness": progress_column(tr("leads.col.completeness")),
        "rate_source": number_column(tr("leads.col.rate_source"), tr("leads.col.rate_source_help")),
    }


scores, lift, window = open_ranking(LEADS_TO_WORK)
as_of = scores.attrs["as_of"]
st.caption(tr("leads.caption", day=format_day(as_of, lang()), window=window))
cards = st.columns(3)
cards[0].metric(tr("leads.open"), format_number(len(scores), lang()), border=True)
cards[1].metric(
    tr("leads.expected", window=window),
    format_number(scores["p_convert"].sum(), lang()),
    border=True,
)
if scores["expected_value"].notna().any():
    cards[2].metric(
        tr("leads.expected_value"),
        value_text(float(scores["expected_value"].sum()), "currency"),
        border=True,
    )
show_accuracy(lift)
if scores.attrs["left_out"]:
    st.caption(tr("leads.left_out", fields=", ".join(scores.attrs["left_out"])))

chosen = choose_reps(scores, LEAD_REPS)
shown = scores[scores["rep"].isin(chosen)] if chosen else scores
config = columns_config()
columns = [c for c in config if c in shown]
table = shown[columns].copy()
table.attrs = {}  # the model's notes are not part of the table
show_ranked_table(table, config, UNITS, BARS, tr("leads.col.lead"))
st.caption(
    tr(
        "leads.shown",
        shown=format_number(len(shown), lang()),
        model=tr(f"estimator.{scores.attrs['estimator']}"),
        n=len(scores.attrs["snapshots"]),
    )
)

table_downloads(
    table.rename(columns={"p_convert": "chance_to_convert"}),
    "leads_to_work",
    "leads",
    tr("page.leads"),
)

render_sidebar()
