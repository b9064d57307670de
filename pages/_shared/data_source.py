"""Which data this session shows: the demo company's tables, or the user's own, one kind at
a time, and the token that names them for the caches."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models import ImportResult, sample_tables
from models.kpis import data_scope
from pages._shared.keys import (
    DATA_SCOPE,
    DATA_TOKEN,
    DEMO,
    DIGESTS,
    OWN,
    REPORTS,
    SOURCE,
    TABLES,
    UPLOADS,
)
from pages._shared.language import tr


def use_demo() -> None:
    """Put the demo company's tables in this session."""
    with st.spinner(tr("spinner.demo")):
        st.session_state[TABLES] = sample_tables()  # read once per process, a copy each
    st.session_state[SOURCE] = DEMO
    st.session_state[DATA_TOKEN] = DEMO
    st.session_state[DIGESTS] = {}
    st.session_state[DATA_SCOPE] = DEMO
    st.session_state[REPORTS] = {}
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1


def use_own_table(kind: str, result: ImportResult, fingerprint: str, digest: str) -> None:
    """Replace the demo data by the user's tables, one kind at a time.

    ``fingerprint`` identifies the file and the way it was read (bytes digest, mapping,
    options): it keys the KPI cache, so re-running with the same upload costs nothing.
    ``digest`` is the SHA-256 of the file's bytes: the data set's objectives and scenarios
    are saved under a scope made from it (:func:`models.kpis.objective_store.data_scope`).
    """
    if st.session_state.get(SOURCE) != OWN:
        st.session_state[TABLES] = {}
        st.session_state[SOURCE] = OWN
        st.session_state[DATA_TOKEN] = OWN
        st.session_state[DIGESTS] = {}
    st.session_state[DIGESTS] = {**st.session_state[DIGESTS], kind: digest}
    st.session_state[DATA_SCOPE] = data_scope(st.session_state[DIGESTS])
    st.session_state[TABLES] = {**st.session_state[TABLES], kind: result.table}
    st.session_state[REPORTS] = {**st.session_state[REPORTS], kind: result.report}
    parts = dict(part.split("=", 1) for part in st.session_state[DATA_TOKEN].split("|")[1:])
    parts[kind] = fingerprint
    st.session_state[DATA_TOKEN] = "|".join([OWN] + [f"{k}={v}" for k, v in sorted(parts.items())])


def current_tables() -> dict[str, pd.DataFrame]:
    return st.session_state.get(TABLES, {})
