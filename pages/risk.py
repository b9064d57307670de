"""Customers at risk: active customers ranked by the probability that they lapse. UI only."""

import streamlit as st

from models import DataError
from models.exports import to_csv_bytes, to_excel_bytes
from models.formatting import format_value
from models.scoring import ESTIMATOR_LABELS
from pages._shared import (CHURN_W, DATA_TOKEN, RISK_MIN_P, RISK_REPS, cached_churn_lift,
                           cached_churn_risk, current_tables, init_state, render_sidebar)

COLUMNS = {
    "p_churn": st.column_config.ProgressColumn(
        "Risk", help="Probability of no order in the next W days", format="percent",
        min_value=0.0, max_value=1.0),
    "value_at_stake": st.column_config.NumberColumn(
        "Value at stake", help="Average yearly revenue (revenue so far for customers of "
                               "less than a year)", format="euro"),
    "reason": st.column_config.TextColumn("Main reason"),
    "rep": st.column_config.TextColumn("Rep"),
    "recency_days": st.column_config.NumberColumn("Days since last order", format="%d"),
    "frequency": st.column_config.NumberColumn("Purchase days", format="%d"),
    "usual_gap_days": st.column_config.NumberColumn("Usual gap (days)", format="%.0f"),
    "orders_last_6m": st.column_config.NumberColumn("Orders, last 6 months", format="%d"),
    "orders_prior_6m": st.column_config.NumberColumn("Orders, 6 months before", format="%d"),
    "tenure_days": st.column_config.NumberColumn("Customer for (days)", format="%d"),
}

init_state()
st.title("Customers at risk")
tables = current_tables()
if "orders" not in tables:
    st.warning("No orders loaded yet: upload an orders file (date, customer, amount) on the "
               "**Data** page to see which customers are about to lapse.")
    st.page_link("pages/data.py", label="Go to Data", icon=":material/upload_file:")
    render_sidebar()
    st.stop()

window = int(st.session_state[CHURN_W])
try:
    with st.spinner("Learning from your history who lapses…"):
        scores = cached_churn_risk(st.session_state[DATA_TOKEN], window, tables)
        lift = cached_churn_lift(st.session_state[DATA_TOKEN], window, tables)
except DataError as err:
    st.error(str(err))
    render_sidebar()
    st.stop()

as_of = scores.attrs["as_of"]
active = scores[scores["active"]]
st.caption(f"Customers who ordered in the {window} days before {as_of:%Y-%m-%d}, ranked by the "
           f"probability that they place no order in the next {window} days (the churn window "
           "W, set on the Dashboard).")
cards = st.columns(3)
cards[0].metric("Active customers", f"{len(active):,}", border=True)
cards[1].metric(f"Expected lapses, next {window} days",
                f"{active['p_churn'].sum():,.0f}", border=True,
                help="The sum of the active customers' probabilities.")
at_risk = float((active["p_churn"] * active["value_at_stake"]).sum())
cards[2].metric("Yearly revenue at risk", format_value(at_risk, "currency"), border=True,
                help="Sum of probability × value at stake.")
st.info(f"How accurate is this? {lift.sentence()}", icon=":material/fact_check:")

left, right = st.columns([2, 1])
reps = sorted(active["rep"].dropna().unique()) if "rep" in active else []
chosen = left.multiselect("Reps", reps, key=RISK_REPS, placeholder="All reps",
                          disabled=not reps)
min_p = right.slider("Minimum risk", 0, 100, 30, 5, key=RISK_MIN_P, format="%d%%")
shown = active[active["p_churn"] >= min_p / 100]
if chosen:
    shown = shown[shown["rep"].isin(chosen)]
columns = [c for c in COLUMNS if c in shown]
table = shown[columns].copy()
table.attrs = {}  # the model's notes are not part of the table
st.dataframe(table, width="stretch", column_config=COLUMNS)
st.caption(f"{len(shown):,} of {len(active):,} active customers shown. Model: "
           f"{ESTIMATOR_LABELS[scores.attrs['estimator']]}, trained on "
           f"{len(scores.attrs['snapshots'])} past snapshots of your orders.")

export = table.rename(columns={"p_churn": "risk"})
csv, excel = st.columns(2)
csv.download_button("Download CSV", to_csv_bytes(export), file_name="customers_at_risk.csv",
                    mime="text/csv", key="risk_csv", icon=":material/download:")
excel.download_button("Download Excel", to_excel_bytes(export, "Customers at risk"),
                      file_name="customers_at_risk.xlsx", key="risk_xlsx",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      icon=":material/download:")

render_sidebar()
