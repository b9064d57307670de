"""Where this session's objectives and scenarios are kept: the visitor's own copy of the
demo's, or the database under the data set's scope; and the objectives in use."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models import DataError
from models.kpis import OBJECTIVE_COLUMNS, MemoryStore, ObjectiveStore, StoreError, check_objectives
from pages._shared.data_source import current_tables
from pages._shared.keys import DATA_SCOPE, DEMO, REPORTS, VISITOR_STORE
from pages._shared.language import say, tr, tr_plain

OBJECTIVE_GRID = ["period", "kpi", "group", "target"]  # the objectives as a user types them


@st.cache_resource
def objective_store() -> ObjectiveStore:
    """One database engine per process: it holds connections, no user's data."""
    return ObjectiveStore()


def objectives_scope() -> str:
    """The data set whose objectives and scenarios are in use: ``demo``, or ``data:<digest>``
    of the uploaded files (two uploads of different files never share them)."""
    return st.session_state.get(DATA_SCOPE, DEMO)


def scoped_store() -> tuple[ObjectiveStore | MemoryStore, str]:
    """Where this session reads and saves objectives and scenarios, and under which scope.

    The demo's are the visitor's own copy, in this session only (seeded from the demo's
    objectives file): no visitor changes what the next one sees. Own data's go to the
    database, under the data set's scope. Raises ``StoreError`` when the database's address
    is unusable.
    """
    scope = objectives_scope()
    if scope == DEMO:
        if VISITOR_STORE not in st.session_state:
            copy = MemoryStore()
            demo = current_tables().get("objectives")
            if demo is not None and not demo.empty:
                copy.save(DEMO, demo[[c for c in OBJECTIVE_GRID if c in demo]])
            st.session_state[VISITOR_STORE] = copy
        return st.session_state[VISITOR_STORE], scope
    return objective_store(), scope


def current_objectives(warn: bool = True) -> pd.DataFrame:
    """Saved objectives of the data in use; the first time, those of its objectives file.

    Never raises for what is stored: rows that fail the checks are left out and, with
    ``warn``, named in a warning; when the database cannot be used the page gets the objectives
    file's (or none) and a warning saying why.
    """
    uploaded = current_tables().get("objectives")
    seed = (
        uploaded[[c for c in OBJECTIVE_GRID if c in uploaded]]
        if uploaded is not None and not uploaded.empty
        else None
    )
    report = st.session_state.get(REPORTS, {}).get("objectives")
    if seed is not None and report is not None and len(report.lines) == len(seed):
        seed = seed.assign(
            source=[
                tr_plain("objective.line", file=report.file, line=line) for line in report.lines
            ]
        )  # messages name the file's lines
    try:
        store, scope = scoped_store()  # the demo's copy is seeded when it is made
        read = store.read(scope)
        if scope != DEMO and read.value.empty and not read.skipped and seed is not None:
            try:
                store.save(scope, seed)
            except DataError as err:  # the file's rows as a whole: e.g. one objective twice
                if warn:
                    st.warning(tr("objectives.file_not_used", error=say(err)))
            read = store.read(scope)
    except StoreError as err:
        if warn:
            st.warning(say(err))
        return (
            check_objectives(seed)[0]
            if seed is not None
            else pd.DataFrame(columns=OBJECTIVE_COLUMNS)
        )
    if warn and read.skipped:
        st.warning(
            tr(
                "objectives.skipped",
                count=len(read.skipped),
                rows="; ".join(say(problem) for problem in read.skipped),
            )
        )
    return read.value
