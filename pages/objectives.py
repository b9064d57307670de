"""Objectives page: edit targets per KPI and period, bulk fills, CSV in/out, attainment and pace."""

import pandas as pd
import streamlit as st

from models import DataError, load_table
from models.formatting import format_value
from models.kpi_catalogue import BY_KEY
from models.kpis import latest_date
from models.objectives import (ADDITIVE, attainment, copy_period, fill_from_history,
                               validate_objectives)
from models.periods import period_range
from pages._shared import (DATA_TOKEN, FREQ, current_objectives, current_tables, init_state,
                           kpis_for, objective_store, objectives_scope, render_sidebar)

DRAFT, DRAFT_OF, EDITOR_VERSION = "objectives_draft", "objectives_draft_of", "objectives_editor"
GRID_COLUMNS = ["period", "kpi", "group", "target"]
FREQ_WORDS = {"M": "month", "Q": "quarter", "Y": "year", "W": "week"}

init_state()
st.title("Objectives")
tables = current_tables()

# The draft is what the grid shows; it survives reruns and failed saves, and is reloaded
# from the database only when the data in use changes.
if st.session_state.get(DRAFT_OF) != st.session_state[DATA_TOKEN]:
    st.session_state[DRAFT] = current_objectives()[GRID_COLUMNS].astype({"group": object}).fillna({"group": ""})
    st.session_state[DRAFT_OF] = st.session_state[DATA_TOKEN]
    st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1


def replace_in_draft(rows: pd.DataFrame) -> None:
    """Put ``rows`` in the draft, replacing the same (kpi, period, group)."""
    draft = st.session_state[DRAFT]
    key = ["kpi", "period", "group"]
    rows = rows if "group" in rows else rows.assign(group="")
    merged = pd.concat([draft, rows[GRID_COLUMNS].astype({"group": object}).fillna({"group": ""})],
                       ignore_index=True)
    st.session_state[DRAFT] = merged.drop_duplicates(key, keep="last").reset_index(drop=True)
    st.session_state[EDITOR_VERSION] += 1


st.caption("One row per target: a period (`2026-03`, `2026-Q1` or `2026`), a KPI, an optional "
           "group (a rep, a region…) and the target. Rates are fractions: 0.05 = 5 %. "
           f"Saved in {'a local SQLite file' if objective_store().url.startswith('sqlite') else 'the database of OBJECTIF_DB_URL'}"
           "; they survive a restart.")
edited = st.data_editor(
    st.session_state[DRAFT], num_rows="dynamic", width="stretch", hide_index=True,
    key=f"grid_{st.session_state[EDITOR_VERSION]}",
    column_config={
        "period": st.column_config.TextColumn("Period", required=True),
        "kpi": st.column_config.SelectboxColumn(
            "KPI", options=sorted(BY_KEY), required=True,
            help="See the KPI definitions in docs/KPIS.md"),
        "group": st.column_config.TextColumn("Group (optional)"),
        "target": st.column_config.NumberColumn("Target", required=True, format="%.4g"),
    })
save, export = st.columns([1, 3])
if save.button("Save objectives", type="primary", key="save_objectives"):
    try:
        count = objective_store().save(objectives_scope(), edited)
    except DataError as err:
        st.error(str(err))  # the grid keeps what the user typed
    else:
        st.session_state[DRAFT] = edited.reset_index(drop=True)
        st.success(f"{count} objectives saved.")
export.download_button("Export CSV", edited.to_csv(index=False).encode("utf-8-sig"),
                       file_name="objectives.csv", mime="text/csv", key="export_objectives")

# ------------------------------------------------------------------ bulk fill
with st.expander("Fill in bulk"):
    kpis = kpis_for(freq="M")
    as_of = latest_date(tables)
    months = period_range(as_of + pd.offsets.MonthBegin(1), as_of + pd.DateOffset(months=12), "M")
    month_labels = [m.strftime("%Y-%m") for m in months]
    left, middle, right = st.columns(3)
    fill_kpi = left.selectbox("KPI", [k for k in BY_KEY if k in kpis], key="fill_kpi",
                              format_func=lambda k: BY_KEY[k].label_en)
    uplift = middle.number_input("Same month last year +", value=5.0, step=1.0,
                                 format="%.1f", key="fill_uplift", help="in percent")
    chosen = right.multiselect("Months", month_labels, default=month_labels, key="fill_months")
    if st.button("Fill from last year", key="fill_apply"):
        rows = fill_from_history(kpis, fill_kpi, chosen, uplift / 100)
        if rows.empty:
            st.warning("No actuals a year before these months: nothing to fill.")
        else:
            replace_in_draft(rows)
            st.rerun()
    periods = sorted(st.session_state[DRAFT]["period"].dropna().unique())
    if periods:
        left, right = st.columns(2)
        source = left.selectbox("Copy the objectives of", periods, key="copy_source")
        destinations = right.multiselect("to", month_labels, key="copy_targets")
        if st.button("Copy", key="copy_apply") and destinations:
            try:
                clean = validate_objectives(st.session_state[DRAFT])
            except DataError as err:
                st.error(str(err))
            else:
                replace_in_draft(copy_period(clean, source, destinations))
                st.rerun()
    upload = st.file_uploader("Import objectives (CSV or Excel: period, KPI, target)",
                              type=["csv", "txt", "xlsx", "xls"], key="objectives_upload")
    if upload is not None and st.button("Add to the grid", key="import_apply"):
        try:
            imported = load_table(upload, "objectives")
        except DataError as err:
            st.error(str(err))
        else:
            replace_in_draft(imported)
            st.rerun()

# ------------------------------------------------------------------ attainment
st.subheader("Attainment")
saved = current_objectives()
freq = st.session_state[FREQ]
if saved.empty:
    st.info("No objectives saved yet: add rows above and save.")
else:
    as_of = latest_date(tables)
    progress = attainment(kpis_for(), saved, freq, as_of)
    running = progress.dropna(subset=["projected_attainment"])
    for row in running.itertuples():
        st.markdown(f"At the current run-rate you reach **{row.projected_attainment:.0%}** of "
                    f"this {FREQ_WORDS[freq]}'s {BY_KEY[row.kpi].label_en.lower()} objective "
                    f"({format_value(row.projected, BY_KEY[row.kpi].unit)} projected for "
                    f"{format_value(row.target, BY_KEY[row.kpi].unit)}).")
    recent = progress[progress["period_start"] <= as_of].tail(40)
    st.dataframe(
        recent.assign(kpi=recent["kpi"].map(lambda k: BY_KEY[k].label_en),
                      actual=[format_value(v, BY_KEY[k].unit) for v, k in zip(recent["actual"], recent["kpi"])],
                      target=[format_value(v, BY_KEY[k].unit) for v, k in zip(recent["target"], recent["kpi"])])
        [["period", "kpi", "actual", "target", "attainment", "met"]],
        hide_index=True, width="stretch",
        column_config={"attainment": st.column_config.NumberColumn("Attainment", format="percent"),
                       "met": st.column_config.CheckboxColumn("Met")})
    st.caption(f"Attainment = actual / target (target / actual where lower is better, like "
               "churn): 100 % or more means met. Additive KPIs ({', '.join(sorted(ADDITIVE))}) "
               "roll up from months to quarters and years by sum; rates by mean.")

render_sidebar()
