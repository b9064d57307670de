"""Leads to work first: open leads ranked by probability of converting x value. UI only."""

import streamlit as st

from models import DataError
from models.core import format_day, format_number
from pages._shared import (LEAD_REPS, cached_lead_lift, cached_lead_scores, current_tables,
                           data_in_use, first_rows, init_state, lang,
                           number_column, progress_column, render_sidebar, stop_empty,
                           stop_with_error, table_downloads, tr, value_text, values_as_text)

# columns shown as text in the user's formats, and those shown as bars (0-100 %)
UNITS = {"expected_value": "currency", "value": "currency", "created": "day",
         "age_days": "count", "rate_source": "rate"}
BARS = ("p_convert", "completeness")


def columns_config() -> dict:
    """Column headers in the user's language (the values are formatted by values_as_text)."""
    text = {name: st.column_config.TextColumn(tr(f"leads.col.{name}"))
            for name in ("source", "segment", "region")}
    return {
        "p_convert": progress_column(tr("leads.col.p_convert"), tr("leads.col.p_convert_help")),
        "expected_value": number_column(tr("leads.col.expected_value"),
                                        tr("leads.col.expected_value_help")),
        "value": number_column(tr("leads.col.value")),
        "source": text["source"],
        "rep": st.column_config.TextColumn(tr("risk.col.rep")),
        "segment": text["segment"],
        "region": text["region"],
        "created": number_column(tr("leads.col.created")),
        "age_days": number_column(tr("leads.col.age_days")),
        "completeness": progress_column(tr("leads.col.completeness")),
        "rate_source": number_column(tr("leads.col.rate_source"),
                                     tr("leads.col.rate_source_help")),
    }


init_state()
st.title(tr("page.leads"))
tables = current_tables()
if "leads" not in tables:
    stop_empty(tr("leads.no_leads"))

data = data_in_use()
window = data.settings.conversion_window
try:
    with st.spinner(tr("leads.learning")):
        scores = cached_lead_scores(data)
        lift = cached_lead_lift(data)
except DataError as err:
    stop_with_error(err)

as_of = scores.attrs["as_of"]
st.caption(tr("leads.caption", day=format_day(as_of, lang()), window=window))
cards = st.columns(3)
cards[0].metric(tr("leads.open"), format_number(len(scores), lang()), border=True)
cards[1].metric(tr("leads.expected", window=window),
                format_number(scores["p_convert"].sum(), lang()), border=True)
if scores["expected_value"].notna().any():
    cards[2].metric(tr("leads.expected_value"), value_text(
        float(scores["expected_value"].sum()), "currency"), border=True)
st.info(tr("risk.how_accurate", sentence=lift.sentence(lang())), icon=":material/fact_check:")
if scores.attrs["left_out"]:
    st.caption(tr("leads.left_out", fields=", ".join(scores.attrs["left_out"])))

reps = sorted(scores["rep"].dropna().unique()) if "rep" in scores else []
chosen = st.multiselect(tr("risk.reps"), reps, key=LEAD_REPS, placeholder=tr("risk.all_reps"),
                        disabled=not reps)
shown = scores[scores["rep"].isin(chosen)] if chosen else scores
config = columns_config()
columns = [c for c in config if c in shown]
table = shown[columns].copy()
table.attrs = {}  # the model's notes are not part of the table
on_screen = first_rows(table)
shown_table = values_as_text(on_screen.assign(**{c: on_screen[c] * 100 for c in BARS
                                                 if c in on_screen}), UNITS)
st.dataframe(shown_table.rename_axis(tr("leads.col.lead")), width="stretch",
             column_config=config)
st.caption(tr("leads.shown", shown=format_number(len(shown), lang()),
              model=tr(f"estimator.{scores.attrs['estimator']}"),
              n=len(scores.attrs["snapshots"])))

table_downloads(table.rename(columns={"p_convert": "chance_to_convert"}), "leads_to_work",
                "leads", tr("page.leads"))

render_sidebar()
