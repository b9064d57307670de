"""KPI dashboard: cards against objectives, trends, breakdowns, funnel, per-rep tables."""

import pandas as pd
import streamlit as st

from models import DataError
from models.core import BY_KEY, CATALOGUE, format_change, format_share, next_start, period_labels
from models.kpis import (
    DIMENSIONS,
    PROVISIONAL_FLAGS,
    attainment,
    compute_funnel,
    latest_date,
    summarise_kpis,
    targets_for,
)
from models.presentation import plot_breakdown, plot_funnel, plot_kpi_trend
from pages._shared import (
    CHURN_W,
    CONVERSION_C,
    DEMO,
    FREQ,
    SOURCE,
    chart_downloads,
    churn_window_suggestion,
    current_objectives,
    current_tables,
    data_in_use,
    init_state,
    kpis_for,
    lang,
    number_column,
    render_sidebar,
    show_chart,
    stop_empty,
    stop_with_error,
    table_downloads,
    tr,
    value_text,
    values_as_text,
)

FREQS = ("W", "M", "Q", "Y")
CARDS = {
    "Sales": ["revenue", "orders", "average_basket", "new_customers", "active_customers"],
    "Customers": ["repeat_purchase_rate", "churn_rate", "retention_rate"],
    "Leads and marketing": [
        "leads",
        "conversion_rate",
        "median_days_to_convert",
        "marketing_share",
    ],
    "Calls": ["calls_placed", "calls_received", "calls_missed", "answer_rate"],
    "Satisfaction and CRM": ["csat", "nps", "average_rating", "report_quality"],
}
REP_COLUMNS = [
    "revenue",
    "orders",
    "conversion_rate",
    "calls_placed",
    "calls_received",
    "calls_missed",
    "answer_rate",
    "report_quality",
]


def kpi_table(frame: pd.DataFrame) -> None:
    """A table of KPIs by group, each column named by its KPI and formatted by its unit."""
    if frame.index.name in DIMENSIONS:  # the groups' header, e.g. "Commercial"
        frame = frame.rename_axis(tr(f"dimension.{frame.index.name}").capitalize())
    st.dataframe(
        values_as_text(frame, {c: BY_KEY[c].unit for c in frame.columns}),
        width="stretch",
        column_config={
            c: number_column(BY_KEY[c].label(lang()), BY_KEY[c].describe(lang()))
            for c in frame.columns
        },
    )


init_state()
st.title(tr("page.dashboard"))
tables = current_tables()
if "orders" not in tables and not {"leads", "calls", "feedback"} & set(tables):
    stop_empty(tr("dashboard.no_data"))

if st.session_state.get(SOURCE) == DEMO:  # first run: say so, one click to one's own data
    with st.container(border=True):
        banner, action = st.columns([3, 1], vertical_alignment="center")
        banner.markdown(tr("dashboard.demo_banner"))
        action.page_link(
            "pages/data.py", label=tr("dashboard.load_own"), icon=":material/upload_file:"
        )

# ------------------------------------------------------------------ controls
top = st.columns([4, 3, 2])  # room for "Semaine Mois Trimestre Année"
top[0].segmented_control(
    tr("dashboard.granularity"), FREQS, key=FREQ, format_func=lambda f: tr(f"freq.{f}")
)
if not st.session_state[FREQ]:  # a segmented control can be emptied by a second click
    st.session_state[FREQ] = "M"
with st.expander(tr("dashboard.windows")):
    left, right = st.columns(2)
    suggested = churn_window_suggestion(data_in_use()) if "orders" in tables else 90
    left.number_input(
        tr("dashboard.churn_window"),
        7,
        730,
        key=CHURN_W,
        help=tr("dashboard.churn_window_help", days=suggested),
    )
    right.number_input(tr("dashboard.conversion_window"), 7, 730, key=CONVERSION_C)

try:
    kpis = kpis_for()
except DataError as err:
    stop_with_error(err)

freq = st.session_state[FREQ]
labels = period_labels(pd.Series(kpis.index), pd.Series(freq, index=range(len(kpis)))).tolist()
default_start = labels[max(0, len(labels) - 12)]
start_label, end_label = top[1].select_slider(
    tr("dashboard.periods"),
    options=labels,
    value=(default_start, labels[-1]),
    key=f"range_{st.session_state[FREQ]}",
)
view = kpis.iloc[labels.index(start_label) : labels.index(end_label) + 1]
dimension = top[2].selectbox(
    tr("dashboard.break_down_by"),
    [None, *DIMENSIONS],
    format_func=lambda d: "—" if d is None else tr(f"dimension.{d}").capitalize(),
)

objectives = current_objectives()
as_of = latest_date(tables)
targets = (
    targets_for(objectives, freq)
    if not objectives.empty
    else pd.DataFrame(columns=["period_start", "kpi", "target"])
)
progress = attainment(kpis, objectives, freq, as_of) if not objectives.empty else None

# ------------------------------------------------------------------ cards
period = view.index[-1]
previous = view.index[-2] if len(view) > 1 else None
partial = bool(view.get("partial_period", pd.Series(False, index=view.index)).iloc[-1])
# the objectives of the period shown, one row per KPI (the first: the total before groups)
progress_now = (
    (
        pd.DataFrame(columns=["kpi"])
        if progress is None
        else progress[progress["period_start"] == period]
    )
    .drop_duplicates("kpi")
    .set_index("kpi")
)
st.subheader(f"{end_label}" + (tr("dashboard.in_progress") if partial else ""))


def card(container, key: str) -> None:
    definition = BY_KEY[key]
    if key not in view:
        container.metric(definition.label(lang()), "—", help=definition.describe(lang()))
        container.caption(
            tr("dashboard.upload_hint", what=tr(f"dashboard.upload.{definition.table}"))
        )
        return
    value = view.at[period, key]
    before = view.at[previous, key] if previous is not None else None
    container.metric(
        definition.label(lang()),
        value_text(value, definition.unit),
        delta=format_change(value, before, definition.unit, lang()),
        delta_color="normal" if definition.higher_is_better else "inverse",
        help=definition.describe(lang()),
        border=True,
    )
    flag = PROVISIONAL_FLAGS.get(key)
    if flag in view and bool(view.at[period, flag]):
        container.caption(tr("dashboard.provisional"))
    if key not in progress_now.index:
        return
    row = progress_now.loc[key]
    text = tr("dashboard.objective", target=value_text(row["target"], definition.unit))
    if pd.notna(row["attainment"]) and definition.unit in ("currency", "count"):
        text += f" · {format_share(row['attainment'], lang())}"
    if pd.notna(row["projected_attainment"]):
        text += " · " + tr(
            "dashboard.on_pace", share=format_share(row["projected_attainment"], lang())
        )
        met = row["projected_attainment"] >= 1
    else:
        met = bool(row["met"]) if pd.notna(row["met"]) else None
    colour = "green" if met else "red" if met is not None else "gray"
    container.badge(text, color=colour)


for family, keys in CARDS.items():
    st.markdown(f"**{tr(f'family.{family}')}**")
    for start in range(0, len(keys), 4):  # four cards a row: values and labels fit at 1280 px
        for column, key in zip(st.columns(4), keys[start : start + 4]):
            card(column, key)

# ------------------------------------------------------------------ trend
st.subheader(tr("dashboard.trend"))
available = [d.key for d in CATALOGUE if d.key in view]
trend_kpi = st.selectbox(
    tr("dashboard.kpi"), available, format_func=lambda k: BY_KEY[k].label(lang()), key="trend_kpi"
)
goal = targets[targets["kpi"] == trend_kpi].set_index("period_start")["target"].reindex(view.index)
provisional_column = PROVISIONAL_FLAGS.get(trend_kpi, "partial_period")
trend_chart = plot_kpi_trend(view, trend_kpi, goal, view.get(provisional_column), lang())
show_chart(trend_chart)
chart_downloads(trend_chart, f"objectif-{trend_kpi}", "trend_chart")
st.caption(tr("dashboard.trend_caption", definition=BY_KEY[trend_kpi].describe(lang())))
st.markdown(tr("dashboard.export", count=len(available), periods=len(view)))
table_downloads(
    view[available]
    .rename(columns=lambda k: BY_KEY[k].label(lang()))
    .rename_axis(tr("chart.period"))
    .reset_index(),
    f"objectif-kpis-{freq}",
    "kpis",
    tr("page.dashboard"),
)

# ------------------------------------------------------------------ breakdown
if dimension:
    st.subheader(tr("dashboard.by", dimension=tr(f"dimension.{dimension}")))
    grouped = kpis_for(by=dimension)
    in_range = grouped[grouped.index.get_level_values("period").isin(view.index)]
    if in_range.empty or trend_kpi not in in_range:
        st.info(
            tr(
                "dashboard.no_dimension",
                dimension=tr(f"dimension.{dimension}"),
                kpi=BY_KEY[trend_kpi].label(lang()).lower(),
            )
        )
    else:
        summary = summarise_kpis(in_range, by=dimension)
        if trend_kpi in summary:
            show_chart(plot_breakdown(summary, trend_kpi, dimension, lang()))
        columns = [c for c in dict.fromkeys([trend_kpi, *REP_COLUMNS]) if c in summary]
        kpi_table(summary[columns])

# ------------------------------------------------------------------ funnel and reps
# Tabs that run only when open: the per-rep grid and the funnel chart are the page's heaviest
# elements to draw, and the per-rep KPIs a second computation; each gets the full width.
funnel_tab, rep_tab = st.tabs(
    [tr("dashboard.funnel"), tr("dashboard.per_rep")], on_change="rerun", key="dashboard_tab"
)
if funnel_tab.open:
    with funnel_tab:
        if "leads" in tables:
            last_day = next_start(view.index[-1:], freq)[0] - pd.Timedelta(days=1)
            funnel = compute_funnel(tables, view.index[0], last_day)
            show_chart(plot_funnel(funnel, lang()))
            st.caption(tr("dashboard.funnel_caption"))
        else:
            st.info(tr("dashboard.funnel_needs_leads"))
if rep_tab.open:
    with rep_tab:
        by_rep = kpis_for(by="rep")
        by_rep = by_rep[by_rep.index.get_level_values("period").isin(view.index)]
        if by_rep.empty:
            st.info(tr("dashboard.no_rep"))
        else:
            reps = summarise_kpis(by_rep, by="rep")
            kpi_table(reps[[c for c in REP_COLUMNS if c in reps]])

render_sidebar()
