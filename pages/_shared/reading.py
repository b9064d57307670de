"""Reading an uploaded file's bytes: its sheets, its raw cells, its validated table. Cached
on the bytes; a bounded number of readings at once for the whole server."""

from __future__ import annotations

import io
import threading

import streamlit as st

from models import ImportOptions, ImportResult, RawTable, list_sheets, read_raw, validate_table
from models.data import ReadCancelled, UploadLimits


@st.cache_resource
def reading_slots() -> threading.BoundedSemaphore:
    """The files this server reads at once (``UploadLimits.parallel_reads``): each reading
    may take ``parse_memory_mb``, so twenty visitors uploading together wait their turn
    rather than exhaust the machine. Shared by every session; it holds no one's data."""
    return threading.BoundedSemaphore(UploadLimits.from_env().parallel_reads)


@st.cache_data(show_spinner=False, max_entries=32)
def cached_sheets(data: bytes, name: str) -> list[str]:
    try:
        with reading_slots():
            return list_sheets(_named_bytes(data, name), should_stop=visitor_left)
    except ReadCancelled:
        st.stop()


@st.cache_data(show_spinner=False, max_entries=32)
def cached_raw(data: bytes, name: str, sheet: str | None) -> RawTable:
    try:
        with reading_slots():
            return read_raw(_named_bytes(data, name), sheet=sheet, should_stop=visitor_left)
    except ReadCancelled:
        st.stop()


def visitor_left() -> bool:
    """True once this run's browser session has closed: its file reading is then stopped
    (the reading runs in a child process, which the wait kills)."""
    from streamlit import runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    return (
        context is not None
        and runtime.exists()
        and not runtime.get_instance().is_active_session(context.session_id)
    )


@st.cache_data(show_spinner=False, max_entries=32)
def cached_import(
    data: bytes,
    name: str,
    sheet: str | None,
    kind: str,
    mapping: tuple[tuple[str, str | None], ...],
    date_order: str,
    decimal: str,
    value_map: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (),
) -> ImportResult:
    raw = cached_raw(data, name, sheet)
    options = ImportOptions(
        date_order=date_order,
        decimal=decimal,
        value_map={column: dict(pairs) for column, pairs in value_map},
    )
    table, report = validate_table(raw, kind, dict(mapping), options)
    return ImportResult(table, report)


def _named_bytes(data: bytes, name: str) -> io.BytesIO:
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer
