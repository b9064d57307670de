"""Leads to work first: open leads ranked by probability of converting x value. UI only."""

import streamlit as st

from models import DataError
from models.exports import to_excel_bytes
from models.formatting import format_day, format_number, format_value
from models.scoring import ESTIMATOR_LABELS
from pages._shared import (CONVERSION_C, DATA_TOKEN, LEAD_REPS, cached_lead_lift,
                           cached_lead_scores, csv_bytes, current_tables, init_state, lang,
                           render_sidebar, stop_empty, stop_with_error, tr)

def columns_config() -> dict:
    """Column headers and formats in the user's language."""
    text = {name: st.column_config.TextColumn(tr(f"leads.col.{name}"))
            for name in ("source", "segment", "region")}
    return {
        "p_convert": st.column_config.ProgressColumn(
            tr("leads.col.p_convert"), help=tr("leads.col.p_convert_help"),
            format="percent", min_value=0.0, max_value=1.0),
        "expected_value": st.column_config.NumberColumn(
            tr("leads.col.expected_value"), help=tr("leads.col.expected_value_help"),
            format="euro"),
        "value": st.column_config.NumberColumn(tr("leads.col.value"), format="euro"),
        "source": text["source"],
        "rep": st.column_config.TextColumn(tr("risk.col.rep")),
        "segment": text["segment"],
        "region": text["region"],
        "created": st.column_config.DateColumn(tr("leads.col.created")),
        "age_days": st.column_config.NumberColumn(tr("leads.col.age_days"), format="%d"),
        "completeness": st.column_config.ProgressColumn(
            tr("leads.col.completeness"), format="percent", min_value=0.0, max_value=1.0),
        "rate_source": st.column_config.NumberColumn(
            tr("leads.col.rate_source"), help=tr("leads.col.rate_source_help"),
            format="percent"),
    }


init_state()
st.title(tr("page.leads"))
tables = current_tables()
if "leads" not in tables:
    stop_empty(tr("leads.no_leads"))

window = int(st.session_state[CONVERSION_C])
try:
    with st.spinner(tr("leads.learning")):
        scores = cached_lead_scores(st.session_state[DATA_TOKEN], window, tables)
        lift = cached_lead_lift(st.session_state[DATA_TOKEN], window, tables)
except DataError as err:
    stop_with_error(err)

as_of = scores.attrs["as_of"]
st.caption(tr("leads.caption", day=format_day(as_of, lang()), window=window))
cards = st.columns(3)
cards[0].metric(tr("leads.open"), format_number(len(scores), lang()), border=True)
cards[1].metric(tr("leads.expected", window=window),
                format_number(scores["p_convert"].sum(), lang()), border=True)
if scores["expected_value"].notna().any():
    cards[2].metric(tr("leads.expected_value"), format_value(
        float(scores["expected_value"].sum()), "currency", lang()), border=True)
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
st.dataframe(table, width="stretch", column_config=config)
st.caption(tr("leads.shown", shown=format_number(len(shown), lang()),
              model=ESTIMATOR_LABELS[scores.attrs["estimator"]],
              n=len(scores.attrs["snapshots"])))

export = table.rename(columns={"p_convert": "chance_to_convert"})
csv, excel = st.columns(2)
csv.download_button(tr("common.download_csv"), csv_bytes(export), file_name="leads_to_work.csv",
                    mime="text/csv", key="leads_csv", icon=":material/download:")
excel.download_button(tr("common.download_excel"), to_excel_bytes(export, tr("page.leads")),
                      file_name="leads_to_work.xlsx", key="leads_xlsx",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      icon=":material/download:")

render_sidebar()
