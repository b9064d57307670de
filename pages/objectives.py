"""Objectives page: edit targets per KPI and period, bulk fills, CSV in/out, attainment and pace."""

import os

import pandas as pd
import streamlit as st

from models import DataError, import_table
from models.core import BY_KEY, format_share, period_range
from models.kpis import (
    ADDITIVE,
    ENV_URL,
    StoreError,
    attainment,
    copy_period,
    fill_from_history,
    latest_date,
    validate_objectives,
)
from pages._shared import (
    DATA_TOKEN,
    DEMO,
    FREQ,
    OBJECTIVE_GRID,
    csv_bytes,
    current_objectives,
    current_tables,
    init_state,
    kpis_for,
    lang,
    number_column,
    objectives_scope,
    render_sidebar,
    say,
    scoped_store,
    tr,
    tr_plain,
    value_text,
)

DRAFT, DRAFT_OF, EDITOR_VERSION = "objectives_draft", "objectives_draft_of", "objectives_editor"
DRAFT_CHANGED = "objectives_draft_changed"  # the grid holds the user's work, not just a load
CARRIED = "objectives_carried"  # the grid's rows came from the data used before, unsaved here
IMPORT_NOTE = "objectives_import_note"  # what the last file import left out, line by line
# "source": where a row came from ("objectives.csv, line 5"): messages name it by that
DRAFT_COLUMNS = [*OBJECTIVE_GRID, "source"]

init_state()
st.title(tr("page.objectives"))
tables = current_tables()


def as_draft(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` as the grid holds them: ``DRAFT_COLUMNS``, empty text for no group or source."""
    rows = rows.reindex(columns=DRAFT_COLUMNS)
    return rows.astype({"group": object, "source": object}).fillna({"group": "", "source": ""})


# The draft is what the grid shows; it survives reruns and failed saves, and is reloaded
# from the database only when the data in use changes. Rows the user worked on stay in the
# grid when the new data has no objectives saved yet (nothing typed is lost in a visit).
on_arrival = current_objectives()  # warns of stored rows it had to leave out, on every run
if st.session_state.get(DRAFT_OF) != st.session_state[DATA_TOKEN]:
    loaded = as_draft(on_arrival)
    carried = (
        loaded.empty and st.session_state.get(DRAFT_CHANGED) and not st.session_state[DRAFT].empty
    )
    if not carried:
        st.session_state[DRAFT] = loaded
    st.session_state[DRAFT_CHANGED] = st.session_state[CARRIED] = bool(carried)
    st.session_state[DRAFT_OF] = st.session_state[DATA_TOKEN]
    st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1


def replace_in_draft(rows: pd.DataFrame) -> None:
    """Put ``rows`` in the draft, replacing the draft's rows of the same (kpi, period, group);
    two of ``rows`` for the same objective both stay, for the save to name them."""
    draft, rows = st.session_state[DRAFT], as_draft(rows)
    key = ["kpi", "period", "group"]
    replaced = draft[key].apply(tuple, axis=1).isin(set(rows[key].apply(tuple, axis=1)))
    merged = pd.concat([draft[~replaced], rows], ignore_index=True)
    st.session_state[DRAFT] = merged.reset_index(drop=True)
    st.session_state[EDITOR_VERSION] += 1
    st.session_state[DRAFT_CHANGED] = True


def keep_in_draft(rows: pd.DataFrame) -> None:
    """Make ``rows`` (what the grid shows now) the draft: it outlives the page and a failed
    save. The grid is redrawn from it on the next run, with the same rows."""
    st.session_state[DRAFT] = rows.reset_index(drop=True)
    st.session_state[EDITOR_VERSION] += 1
    st.session_state[DRAFT_CHANGED] = True


st.caption(tr("objectives.help"))
if objectives_scope() == DEMO:
    st.caption(tr("objectives.visitor_copy"))
else:
    local = os.environ.get(ENV_URL, "sqlite").startswith("sqlite")
    st.caption(
        tr(
            "objectives.own_scope",
            where=tr("objectives.local_db" if local else "objectives.team_db"),
        )
    )
if st.session_state.get(CARRIED):
    st.info(tr("objectives.carried"))
edited = st.data_editor(
    st.session_state[DRAFT],
    num_rows="dynamic",
    width="stretch",
    hide_index=True,
    key=f"grid_{st.session_state[EDITOR_VERSION]}",
    column_config={
        "period": st.column_config.TextColumn(tr("objectives.col.period"), required=True),
        "kpi": st.column_config.SelectboxColumn(
            tr("objectives.col.kpi"),
            options=sorted(BY_KEY, key=lambda k: BY_KEY[k].label(lang())),
            required=True,
            help=tr("objectives.col.kpi_help"),
            format_func=lambda k: BY_KEY[k].label(lang()) if k in BY_KEY else k,
        ),
        "group": st.column_config.TextColumn(tr("objectives.col.group")),
        "target": st.column_config.NumberColumn(
            tr("objectives.col.target"), required=True, format="%.4g"
        ),
        "source": st.column_config.TextColumn(
            tr("objectives.col.source"), disabled=True, help=tr("objectives.col.source_help")
        ),
    },
)
save, export = st.columns([1, 3])
if save.button(tr("objectives.save"), type="primary", key="save_objectives"):
    keep_in_draft(edited)  # kept whatever happens next: the user can fix it and retry
    try:
        store, scope = scoped_store()
        count = store.save(scope, edited)
    except DataError as err:
        st.error(say(err))
    except StoreError as err:
        st.error(say(err))
        st.info(tr("objectives.kept_for_retry"))
    else:
        # the demo's copy lives in this session only: it follows the visitor to their data
        st.session_state[DRAFT_CHANGED], st.session_state[CARRIED] = scope == DEMO, False
        st.success(tr("objectives.saved", count=count))
export.download_button(
    tr("objectives.export"),
    csv_bytes(edited[OBJECTIVE_GRID]),
    file_name="objectives.csv",
    mime="text/csv",
    key="export_objectives",
)

# ------------------------------------------------------------------ bulk fill
with st.expander(tr("objectives.bulk")):
    kpis = kpis_for(freq="M")
    as_of = latest_date(tables)
    months = period_range(as_of + pd.offsets.MonthBegin(1), as_of + pd.DateOffset(months=12), "M")
    month_labels = [m.strftime("%Y-%m") for m in months]
    left, middle, right = st.columns(3)
    fill_kpi = left.selectbox(
        tr("dashboard.kpi"),
        [k for k in BY_KEY if k in kpis],
        key="fill_kpi",
        format_func=lambda k: BY_KEY[k].label(lang()),
    )
    uplift = middle.number_input(
        tr("objectives.uplift"),
        value=5.0,
        step=1.0,
        format="%.1f",
        key="fill_uplift",
        help=tr("objectives.uplift_help"),
    )
    chosen = right.multiselect(
        tr("objectives.months"), month_labels, default=month_labels, key="fill_months"
    )
    if st.button(tr("objectives.fill"), key="fill_apply"):
        rows = fill_from_history(kpis, fill_kpi, chosen, uplift / 100)
        if rows.empty:
            st.warning(tr("objectives.nothing_to_fill"))
        else:
            replace_in_draft(rows)
            st.rerun()
    periods = sorted(st.session_state[DRAFT]["period"].dropna().unique())
    if periods:
        left, right = st.columns(2)
        source = left.selectbox(tr("objectives.copy_of"), periods, key="copy_source")
        destinations = right.multiselect(tr("objectives.copy_to"), month_labels, key="copy_targets")
        if st.button(tr("objectives.copy"), key="copy_apply") and destinations:
            try:
                clean = validate_objectives(st.session_state[DRAFT])
            except DataError as err:
                st.error(say(err))
            else:
                replace_in_draft(copy_period(clean, source, destinations))
                st.rerun()
    upload = st.file_uploader(
        tr("objectives.import"), type=["csv", "txt", "xlsx", "xls"], key="objectives_upload"
    )
    if upload is not None and st.button(tr("objectives.add"), key="import_apply"):
        try:
            imported = import_table(upload, "objectives")
        except DataError as err:
            st.error(say(err))
        else:
            report = imported.report
            replace_in_draft(
                imported.table.assign(
                    source=[  # grid cells: plain text
                        tr_plain("objective.line", file=upload.name, line=line)
                        for line in report.lines
                    ]
                )
            )
            st.session_state[IMPORT_NOTE] = tr(
                "objectives.imported",
                file=upload.name,
                kept=report.rows_kept,
                dropped=report.rows_dropped,
            ) + "".join(f"\n- {say(reason)}" for reason in report.dropped)
            st.rerun()
    note = st.session_state.get(IMPORT_NOTE)  # until the next import: every row left out
    if note and "\n- " in note:
        st.warning(note)
    elif note:
        st.success(note)

# ------------------------------------------------------------------ attainment
st.subheader(tr("objectives.attainment"))
saved = current_objectives(warn=False)  # warned at the top of the page
freq = st.session_state[FREQ]
if saved.empty:
    st.info(tr("objectives.none_saved"))
else:
    as_of = latest_date(tables)
    progress = attainment(kpis_for(), saved, freq, as_of)
    running = progress.dropna(subset=["projected_attainment"])
    for row in running.itertuples():
        unit = BY_KEY[row.kpi].unit
        st.markdown(
            tr(
                "objectives.pace",
                share=format_share(row.projected_attainment, lang()),
                period=tr(f"freq_word.{freq}"),
                kpi=BY_KEY[row.kpi].label(lang()).lower(),
                projected=value_text(row.projected, unit),
                target=value_text(row.target, unit),
            )
        )
    recent = progress[progress["period_start"] <= as_of].tail(40)
    st.dataframe(
        recent.assign(
            kpi=recent["kpi"].map(lambda k: BY_KEY[k].label(lang())),
            actual=[value_text(v, BY_KEY[k].unit) for v, k in zip(recent["actual"], recent["kpi"])],
            target=[value_text(v, BY_KEY[k].unit) for v, k in zip(recent["target"], recent["kpi"])],
            attainment=[format_share(v, lang(), 1) for v in recent["attainment"]],
        )[["period", "kpi", "actual", "target", "attainment", "met"]],
        hide_index=True,
        width="stretch",
        column_config={
            "period": tr("objectives.col.period"),
            "kpi": tr("objectives.col.kpi"),
            "actual": number_column(tr("objectives.col.actual")),
            "target": number_column(tr("objectives.col.target")),
            "attainment": number_column(tr("objectives.col.attainment")),
            "met": st.column_config.CheckboxColumn(tr("objectives.col.met")),
        },
    )
    st.caption(
        tr(
            "objectives.rule",
            additive=", ".join(
                BY_KEY[k].label(lang()).lower() for k in sorted(ADDITIVE) if k in BY_KEY
            ),
        )
    )

render_sidebar()
