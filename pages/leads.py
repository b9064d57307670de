"""Leads to work first: open leads ranked by probability of converting x value. UI only."""

import streamlit as st

from models import DataError
from models.exports import to_csv_bytes, to_excel_bytes
from models.formatting import format_value
from models.scoring import ESTIMATOR_LABELS
from pages._shared import (CONVERSION_C, DATA_TOKEN, LEAD_REPS, cached_lead_lift,
                           cached_lead_scores, current_tables, init_state, render_sidebar)

COLUMNS = {
    "p_convert": st.column_config.ProgressColumn(
        "Chance to convert", help="Probability of converting in the next C days",
        format="percent", min_value=0.0, max_value=1.0),
    "expected_value": st.column_config.NumberColumn(
        "Expected value", help="Chance × value (leads without a value count the median "
                               "value of converted leads)", format="euro"),
    "value": st.column_config.NumberColumn("Value", format="euro"),
    "source": st.column_config.TextColumn("Source"),
    "rep": st.column_config.TextColumn("Rep"),
    "segment": st.column_config.TextColumn("Segment"),
    "region": st.column_config.TextColumn("Region"),
    "created": st.column_config.DateColumn("Created"),
    "age_days": st.column_config.NumberColumn("Age (days)", format="%d"),
    "completeness": st.column_config.ProgressColumn(
        "Record filled", format="percent", min_value=0.0, max_value=1.0),
    "rate_source": st.column_config.NumberColumn(
        "Source converts", help="Share of this source's leads of the past year that "
                                "converted within C days", format="percent"),
}

init_state()
st.title("Leads to work first")
tables = current_tables()
if "leads" not in tables:
    st.warning("No leads loaded yet. Upload a leads file on the **Data** page: one row per "
               "lead with its id and created date, and ideally its source, rep, value and the "
               "date it converted (or a separate closed-deals file). The app then learns from "
               "past leads which open ones are likely to convert.")
    st.page_link("pages/data.py", label="Go to Data", icon=":material/upload_file:")
    render_sidebar()
    st.stop()

window = int(st.session_state[CONVERSION_C])
try:
    with st.spinner("Learning from past leads which ones convert…"):
        scores = cached_lead_scores(st.session_state[DATA_TOKEN], window, tables)
        lift = cached_lead_lift(st.session_state[DATA_TOKEN], window, tables)
except DataError as err:
    st.error(str(err))
    render_sidebar()
    st.stop()

as_of = scores.attrs["as_of"]
st.caption(f"Leads open on {as_of:%Y-%m-%d} (created before, not converted yet), ranked by "
           f"their chance of converting in the next {window} days (the conversion window C, "
           "set on the Dashboard) times their value.")
cards = st.columns(3)
cards[0].metric("Open leads", f"{len(scores):,}", border=True)
cards[1].metric(f"Expected conversions, next {window} days",
                f"{scores['p_convert'].sum():,.0f}", border=True)
if scores["expected_value"].notna().any():
    cards[2].metric("Expected value", format_value(float(scores["expected_value"].sum()),
                                                   "currency"), border=True)
st.info(f"How accurate is this? {lift.sentence()}", icon=":material/fact_check:")
if scores.attrs["left_out"]:
    st.caption(f"Not used to score: {', '.join(scores.attrs['left_out'])} — filled only on "
               "leads that converted, so written at conversion.")

reps = sorted(scores["rep"].dropna().unique()) if "rep" in scores else []
chosen = st.multiselect("Reps", reps, key=LEAD_REPS, placeholder="All reps", disabled=not reps)
shown = scores[scores["rep"].isin(chosen)] if chosen else scores
columns = [c for c in COLUMNS if c in shown]
table = shown[columns].copy()
table.attrs = {}  # the model's notes are not part of the table
st.dataframe(table, width="stretch", column_config=COLUMNS)
st.caption(f"{len(shown):,} open leads. Model: {ESTIMATOR_LABELS[scores.attrs['estimator']]}, "
           f"trained on {len(scores.attrs['snapshots'])} past snapshots of your leads.")

export = table.rename(columns={"p_convert": "chance_to_convert"})
csv, excel = st.columns(2)
csv.download_button("Download CSV", to_csv_bytes(export), file_name="leads_to_work.csv",
                    mime="text/csv", key="leads_csv", icon=":material/download:")
excel.download_button("Download Excel", to_excel_bytes(export, "Leads to work first"),
                      file_name="leads_to_work.xlsx", key="leads_xlsx",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      icon=":material/download:")

render_sidebar()
