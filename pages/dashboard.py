"""KPI dashboard: cards against objectives, trends, breakdowns, funnel, per-rep tables."""

import pandas as pd
import streamlit as st

from models import DataError
from models.charts import plot_breakdown, plot_funnel, plot_kpi_trend
from models.formatting import format_change, format_value
from models.kpi_catalogue import BY_KEY, CATALOGUE
from models.kpis import (DIMENSIONS, PROVISIONAL_FLAGS, compute_funnel, latest_date,
                         summarise_kpis)
from models.objectives import attainment, targets_for
from models.periods import next_start, period_labels
from models.retention import suggest_churn_window
from pages._shared import (CHURN_W, CONVERSION_C, FREQ, current_objectives, current_tables,
                           init_state, kpis_for, render_sidebar)

FREQ_LABELS = {"W": "Week", "M": "Month", "Q": "Quarter", "Y": "Year"}
CARDS = {
    "Sales": ["revenue", "orders", "average_basket", "new_customers", "active_customers"],
    "Customers": ["repeat_purchase_rate", "churn_rate", "retention_rate"],
    "Leads and marketing": ["leads", "conversion_rate", "median_days_to_convert", "marketing_share"],
    "Calls": ["calls_placed", "calls_received", "calls_missed", "answer_rate"],
    "Satisfaction and CRM": ["csat", "nps", "average_rating", "report_quality"],
}
UPLOAD_HINT = {"orders": "an orders file", "leads": "a leads file", "calls": "a calls file",
               "feedback": "a customer feedback file"}
REP_COLUMNS = ["revenue", "orders", "conversion_rate", "calls_placed", "calls_received",
               "calls_missed", "answer_rate", "report_quality"]



def kpi_columns(columns) -> dict:
    """Table columns named and formatted by their KPI's unit."""
    formats = {"currency": "euro", "rate": "percent", "count": "%d", "score": "%+.0f",
               "rating": "%.2f", "days": "%.0f"}
    return {c: st.column_config.NumberColumn(BY_KEY[c].label_en, help=BY_KEY[c].definition,
                                             format=formats[BY_KEY[c].unit]) for c in columns}


init_state()
st.title("Dashboard")
tables = current_tables()
if "orders" not in tables and not {"leads", "calls", "feedback"} & set(tables):
    st.warning("No data loaded yet: upload an orders file on the **Data** page.")
    st.page_link("pages/data.py", label="Go to Data", icon=":material/upload_file:")
    render_sidebar()
    st.stop()

# ------------------------------------------------------------------ controls
top = st.columns([3, 3, 2])
top[0].segmented_control("Granularity", list(FREQ_LABELS), key=FREQ,
                         format_func=FREQ_LABELS.get)
if not st.session_state[FREQ]:  # a segmented control can be emptied by a second click
    st.session_state[FREQ] = "M"
with st.expander("Windows for churn and conversion"):
    left, right = st.columns(2)
    suggested = suggest_churn_window(tables["orders"]) if "orders" in tables else 90
    left.number_input("Churn window W (days without an order)", 7, 730, key=CHURN_W,
                      help=f"Suggested from the gaps between purchases in your data: "
                           f"{suggested} days (90% of repeat purchases come back within it).")
    right.number_input("Conversion window C (days)", 7, 730, key=CONVERSION_C)

try:
    kpis = kpis_for()
except DataError as err:
    st.error(str(err))
    render_sidebar()
    st.stop()

freq = st.session_state[FREQ]
labels = period_labels(pd.Series(kpis.index), pd.Series(freq, index=range(len(kpis)))).tolist()
default_start = labels[max(0, len(labels) - 12)]
start_label, end_label = top[1].select_slider(
    "Periods", options=labels, value=(default_start, labels[-1]), key=f"range_{st.session_state[FREQ]}")
view = kpis.iloc[labels.index(start_label): labels.index(end_label) + 1]
dimension = top[2].selectbox("Break down by", [None, *DIMENSIONS],
                             format_func=lambda d: "—" if d is None else d.capitalize())

objectives = current_objectives()
as_of = latest_date(tables)
targets = targets_for(objectives, freq) if not objectives.empty else pd.DataFrame(
    columns=["period_start", "kpi", "target"])
progress = attainment(kpis, objectives, freq, as_of) if not objectives.empty else None

# ------------------------------------------------------------------ cards
period = view.index[-1]
previous = view.index[-2] if len(view) > 1 else None
partial = bool(view.get("partial_period", pd.Series(False, index=view.index)).iloc[-1])
st.subheader(f"{end_label}" + (" (in progress)" if partial else ""))


def card(container, key: str) -> None:
    definition = BY_KEY[key]
    if key not in view:
        container.metric(definition.label_en, "—", help=definition.definition)
        container.caption(f"Upload {UPLOAD_HINT[definition.table]} on the Data page.")
        return
    value = view.at[period, key]
    before = view.at[previous, key] if previous is not None else None
    container.metric(definition.label_en, format_value(value, definition.unit),
                     delta=format_change(value, before, definition.unit),
                     delta_color="normal" if definition.higher_is_better else "inverse",
                     help=definition.definition, border=True)
    flag = PROVISIONAL_FLAGS.get(key)
    if flag in view and bool(view.at[period, flag]):
        container.caption("Provisional: this period's outcome is not known yet.")
    if progress is None:
        return
    row = progress[(progress["period_start"] == period) & (progress["kpi"] == key)]
    if row.empty:
        return
    row = row.iloc[0]
    text = f"Objective {format_value(row['target'], definition.unit)}"
    if pd.notna(row["attainment"]) and definition.unit in ("currency", "count"):
        text += f" · {row['attainment']:.0%}"
    if pd.notna(row["projected_attainment"]):
        text += f" · on pace for {row['projected_attainment']:.0%}"
        met = row["projected_attainment"] >= 1
    else:
        met = bool(row["met"]) if pd.notna(row["met"]) else None
    colour = "green" if met else "red" if met is not None else "gray"
    container.badge(text, color=colour)


for family, keys in CARDS.items():
    st.markdown(f"**{family}**")
    for start in range(0, len(keys), 4):  # four cards a row: values and labels fit at 1280 px
        for column, key in zip(st.columns(4), keys[start:start + 4]):
            card(column, key)

# ------------------------------------------------------------------ trend
st.subheader("Trend")
available = [d.key for d in CATALOGUE if d.key in view]
trend_kpi = st.selectbox("KPI", available, format_func=lambda k: BY_KEY[k].label_en,
                         key="trend_kpi")
goal = targets[targets["kpi"] == trend_kpi].set_index("period_start")["target"].reindex(view.index)
provisional_column = PROVISIONAL_FLAGS.get(trend_kpi, "partial_period")
st.altair_chart(plot_kpi_trend(view, trend_kpi, goal, view.get(provisional_column)),
                width="stretch")
st.caption(f"{BY_KEY[trend_kpi].definition} Dashed red line: the objective; hollow points: "
           "provisional periods.")

# ------------------------------------------------------------------ breakdown
if dimension:
    st.subheader(f"By {dimension}")
    grouped = kpis_for(by=dimension)
    in_range = grouped[grouped.index.get_level_values("period").isin(view.index)]
    if in_range.empty or trend_kpi not in in_range:
        st.info(f"No table with a {dimension} column holds {BY_KEY[trend_kpi].label_en.lower()}.")
    else:
        summary = summarise_kpis(in_range, by=dimension)
        if trend_kpi in summary:
            st.altair_chart(plot_breakdown(summary, trend_kpi, dimension), width="stretch")
        columns = [c for c in dict.fromkeys([trend_kpi, *REP_COLUMNS]) if c in summary]
        st.dataframe(summary[columns], width="stretch", column_config=kpi_columns(columns))

# ------------------------------------------------------------------ funnel and reps
left, right = st.columns([2, 3])  # the rep table has more columns than the funnel
with left:
    st.subheader("Funnel")
    if "leads" in tables:
        last_day = next_start(view.index[-1:], freq)[0] - pd.Timedelta(days=1)
        funnel = compute_funnel(tables, view.index[0], last_day)
        st.altair_chart(plot_funnel(funnel), width="stretch")
        st.caption("Leads created in the selected periods → converted within C days → placed "
                   "an order → ordered on two days or more.")
    else:
        st.info("Upload a leads file on the Data page to see the funnel.")
with right:
    st.subheader("Per rep")
    by_rep = kpis_for(by="rep")
    by_rep = by_rep[by_rep.index.get_level_values("period").isin(view.index)]
    if by_rep.empty:
        st.info("No table has a rep column.")
    else:
        reps = summarise_kpis(by_rep, by="rep")
        shown = reps[[c for c in REP_COLUMNS if c in reps]]
        st.dataframe(shown, width="stretch", column_config=kpi_columns(shown.columns))

render_sidebar()
