"""Streamlit glue shared by the pages: session-state keys, cached loaders, the sidebar.

Per-user data lives only in ``st.session_state``; caches are keyed on file bytes, bounded,
and hold nothing that identifies a session.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable

import pandas as pd
import streamlit as st

from models import (DataError, ImportOptions, ImportResult, KpiSettings, RawTable,
                    compute_kpis, list_sheets, read_raw, sample_tables, validate_table)
from models.presentation import to_csv_bytes, to_excel_bytes
from models.core import (CURRENCIES, DEFAULT_CURRENCY, currency_label, format_day, format_number, format_share, format_value)
from models.core import LANGUAGES, in_language, resolve_language, t
from models.data import ReadCancelled
from models.core import Markdown, escape_markdown
from models.kpis import MemoryStore, ObjectiveStore, StoreError, data_scope
from models.kpis import OBJECTIVE_COLUMNS, check_objectives
from models.kpis import suggest_churn_window
from models.data import UploadLimits

TABLES = "tables"          # dict kind -> canonical DataFrame in use
REPORTS = "reports"        # dict kind -> QualityReport of the user's imports
SOURCE = "data_source"     # "demo" or "own"
UPLOADS = "upload_generation"  # bumped to empty every file uploader (back to the demo)
DATA_TOKEN = "data_token"  # names the data in use, for caches: same data, same token
DIGESTS = "data_digests"   # kind -> SHA-256 of the bytes of the file in use
DATA_SCOPE = "data_scope"  # whose objectives and scenarios: DEMO, or data:<digest> of the files
VISITOR_STORE = "visitor_store"  # this visitor's own copy of the demo's objectives and scenarios
OBJECTIVE_GRID = ["period", "kpi", "group", "target"]  # the objectives as a user types them
FREQ, CHURN_W, CONVERSION_C = "freq", "churn_window", "conversion_window"
LANG, LANG_PICKER = "lang", "lang_picker"  # the language in use; the sidebar's widget
CURRENCY, CURRENCY_PICKER = "currency", "currency_picker"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 500  # rows a ranked list shows on screen
DEMO, OWN = "demo", "own"
SETTING_DEFAULTS = {FREQ: "M", CHURN_W: 90, CONVERSION_C: 90, CURRENCY: DEFAULT_CURRENCY}
RISK_MIN_P, RISK_REPS, LEAD_REPS = "risk_min_p", "risk_reps", "lead_reps"  # page filters


def init_state(entry_point: bool = False) -> None:
    """Defaults for every session key, set once per session.

    Every page calls it too: when a ``pages/`` folder exists Streamlit may run a page
    without the entry point (its first run after start, and in AppTest after switch_page);
    ``app.py`` says ``entry_point=True``.
    """
    leave_legacy_multipage_mode(rerun=not entry_point)
    choose_language()
    if TABLES not in st.session_state:
        use_demo()
    st.session_state.setdefault(REPORTS, {})
    for key, value in SETTING_DEFAULTS.items():
        # set here, not as widget defaults: widget state is dropped when a page is left
        st.session_state[key] = st.session_state.get(key, value)


def choose_language() -> None:
    """``?lang=fr`` / ``?lang=en`` wins; else the language chosen before; else the browser's."""
    requested = st.query_params.get("lang")
    if requested in LANGUAGES:
        st.session_state[LANG] = requested
    elif LANG not in st.session_state:
        st.session_state[LANG] = resolve_language(None, st.context.locale)


def lang() -> str:
    """The language of this session (``en`` or ``fr``)."""
    return st.session_state.get(LANG, "en")


def tr(key: str, **values: object) -> Markdown:
    """The catalogue text of ``key`` in this session's language, as Markdown: its values are
    escaped (:func:`models.core.markup.escape_markdown`), so that a name from a file or a link
    shows as itself. Nearly every element renders Markdown (text, captions, alerts, toasts,
    metrics, tabs, expanders, widget labels, radio and segmented options); for a plain-text
    place (grid cells and headers, select options, file names, charts) use :func:`tr_plain`.
    """
    return Markdown(t(key, lang(), escape=escape_markdown, **values))


def tr_plain(key: str, **values: object) -> str:
    """The catalogue text of ``key`` in this session's language, values as they are (plain
    texts: not those of :func:`tr`), for a place that shows plain text (grid headers, select
    options, file names, charts, the message of an error that :func:`say` will escape)."""
    return t(key, lang(), **values)


def value_text(value: float | None, unit: str, compact: bool = False,
               cents: bool = False) -> str:
    """A KPI value in this session's language and currency (``1 234 €``, ``$1,234``)."""
    currency = st.session_state.get(CURRENCY, DEFAULT_CURRENCY)
    return format_value(value, unit, lang(), currency=currency, compact=compact, cents=cents)


def cell_text(value: object, unit: str) -> str:
    """One table cell in the user's formats: a KPI unit, ``day`` or ``change`` (``+20 %``)."""
    if unit == "day":
        return format_day(value, lang()) if pd.notna(value) else "—"
    if unit == "change":
        return format_share(value, lang(), 1, signed=True)
    return value_text(value, unit)


def values_as_text(frame: pd.DataFrame, units: dict[str, str]) -> pd.DataFrame:
    """``frame`` for the screen: the columns of ``units`` as text in the user's language and
    currency (``1 234 €``, ``4,1 %``). Streamlit's grid formats numbers in the *browser's*
    locale and its currency presets are fixed; exports keep the numbers."""
    shown = frame.copy()
    for column, unit in units.items():
        if column in shown:
            shown[column] = [cell_text(v, unit) for v in shown[column]]
    return shown


def table_downloads(frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, key: str,
                    sheet: str) -> None:
    """CSV (in the user's dialect: ``;`` and decimal commas in French) and Excel buttons for
    ``frame`` (or what a function makes, for tables too long to prepare on every run); the
    files are built only when a button is clicked."""
    language = lang()
    make = frame if callable(frame) else lambda: frame
    with st.container(horizontal=True):
        st.download_button(tr("common.download_csv"), lambda: _csv(make(), language),
                           f"{name}.csv", "text/csv", key=f"{key}_csv",
                           icon=":material/download:", on_click="ignore")
        st.download_button(tr("common.download_excel"), lambda: to_excel_bytes(make(), sheet),
                           f"{name}.xlsx", XLSX_MIME, key=f"{key}_xlsx",
                           icon=":material/download:", on_click="ignore")


def first_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows a grid shows: the first :data:`MAX_ROWS` (formatting every cell of thousands
    of rows on each rerun costs seconds; the downloads hold them all)."""
    if len(frame) > MAX_ROWS:
        st.caption(tr("common.first_rows", n=format_number(MAX_ROWS, lang()),
                      total=format_number(len(frame), lang())))
    return frame.head(MAX_ROWS)


def number_column(label: str, help: str | None = None) -> dict:
    """A column of :func:`values_as_text`: right-aligned like numbers."""
    return st.column_config.TextColumn(label, help=help, alignment="right")


def progress_column(label: str, help: str | None = None) -> dict:
    """A bar for a share given in percent (0-100), labelled ``71%`` / ``71 %``."""
    return st.column_config.ProgressColumn(label, help=help, min_value=0.0, max_value=100.0,
                                           format="%.0f\u202f%%" if lang() == "fr" else "%.0f%%")


def say(said: object) -> Markdown:
    """Something the engine said — a coded ``DataError``, a ``Phrase`` of the quality report —
    in the user's language, as Markdown whose values are escaped (see :func:`tr`); anything
    else escaped."""
    return Markdown(in_language(said, lang(), escape_markdown))


def say_plain(said: object) -> str:
    """:func:`say` for a place that shows plain text: values as they are."""
    return str(in_language(said, lang()))


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A CSV that opens right in Excel in the user's language (``;`` and ``,`` in French)."""
    return _csv(frame, lang())


def _csv(frame: pd.DataFrame, language: str) -> bytes:
    return to_csv_bytes(frame, sep=";", decimal=",") if language == "fr" else to_csv_bytes(frame)


def stop_empty(message: str) -> None:
    """An empty state: what is missing, a link to the Data page, then stop the page."""
    st.warning(message)
    st.page_link("pages/data.py", label=tr("common.go_to_data"), icon=":material/upload_file:")
    render_sidebar()
    st.stop()


def stop_with_error(err: Exception) -> None:
    """An engine error in the user's words, then stop the page (the sidebar still shows)."""
    st.error(say(err))
    render_sidebar()
    st.stop()


def show_chart(chart) -> None:
    """Draw an Altair chart of :mod:`models.presentation.charts`. Its spec is not re-validated against the
    Vega-Lite schema on every run (a third of a chart's cost; the tests validate each chart
    once)."""
    st.vega_lite_chart(chart.to_dict(validate=False), width="stretch")


def chart_downloads(chart, name: str, key: str) -> None:
    """PNG and SVG buttons for ``chart``, rendered only when clicked (deferred callables)."""
    from models.presentation import chart_png, chart_svg

    with st.container(horizontal=True):  # side by side, whatever the column's width
        st.download_button("PNG", lambda: chart_png(chart), f"{name}.png", "image/png",
                           key=f"{key}_png", icon=":material/image:", on_click="ignore")
        st.download_button("SVG", lambda: chart_svg(chart), f"{name}.svg", "image/svg+xml",
                           key=f"{key}_svg", icon=":material/image:", on_click="ignore")


def _currency_picked() -> None:
    st.session_state[CURRENCY] = st.session_state[CURRENCY_PICKER]


def _language_picked() -> None:
    st.session_state[LANG] = st.session_state[LANG_PICKER]
    st.query_params["lang"] = st.session_state[LANG_PICKER]


def leave_legacy_multipage_mode(rerun: bool = True) -> None:
    """Run every page through app.py, even on a server's very first request.

    A folder named ``pages/`` (the project's fixed layout) makes Streamlit start in its
    legacy multipage mode, which runs a page file without the entry point, until
    ``st.navigation`` has been called once in the process. Turn that mode off and, when a
    page file runs on its own (``rerun``), rerun, so that the entry point's navigation takes
    over from the first request; when the entry point itself runs, its navigation follows
    (a rerun there cost the first visitor 0.09 s). AppTest turns the mode back on before
    every run, where this rerun would swallow button clicks: the app tests set
    ``OBJECTIF_APPTEST`` to skip it (the pages work without the entry point anyway).
    Browser-tested: tests/browser/test_first_request.py.
    """
    from streamlit.runtime.pages_manager import PagesManager  # no public switch exists

    if PagesManager.uses_pages_directory and not os.environ.get("OBJECTIF_APPTEST"):
        PagesManager.uses_pages_directory = False
        if rerun:
            st.rerun()


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
    return (context is not None and runtime.exists()
            and not runtime.get_instance().is_active_session(context.session_id))


@st.cache_data(show_spinner=False, max_entries=32)
def cached_import(data: bytes, name: str, sheet: str | None, kind: str,
                  mapping: tuple[tuple[str, str | None], ...], date_order: str,
                  decimal: str,
                  value_map: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
                  ) -> ImportResult:
    raw = cached_raw(data, name, sheet)
    options = ImportOptions(date_order=date_order, decimal=decimal,
                            value_map={column: dict(pairs) for column, pairs in value_map})
    table, report = validate_table(raw, kind, dict(mapping), options)
    return ImportResult(table, report)


@st.cache_data(show_spinner=False, max_entries=64)
def cached_kpis(token: str, freq: str, by: str | None, churn_window: int,
                conversion_window: int, _tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """KPIs of the data named by ``token`` (``_tables`` is not hashed: the token stands for it)."""
    return compute_kpis(_tables, freq, by, KpiSettings(churn_window, conversion_window))


def kpis_for(freq: str | None = None, by: str | None = None) -> pd.DataFrame:
    """The KPIs of this session's data with its current settings."""
    state = st.session_state
    with st.spinner(tr("spinner.kpis")):  # shown only if it takes over half a second
        return cached_kpis(state[DATA_TOKEN], freq or state[FREQ], by, int(state[CHURN_W]),
                           int(state[CONVERSION_C]), current_tables())


@st.cache_data(show_spinner=False, max_entries=16)
def cached_churn_window_suggestion(token: str, _orders: pd.DataFrame) -> int:
    """The churn window the orders of ``token`` suggest (their usual gap between orders)."""
    return suggest_churn_window(_orders)


# The risk models import scikit-learn: loaded by the pages that use them, not at start-up.
@st.cache_data(show_spinner=False, max_entries=16)
def cached_churn_risk(token: str, window: int, _tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Churn risk of the data named by ``token`` as of the day after it ends."""
    from models.scoring import churn_risk

    return churn_risk(_tables, None, window)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_churn_lift(token: str, window: int, _tables: dict[str, pd.DataFrame]):
    from models.scoring import churn_lift

    return churn_lift(_tables, window)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_lead_scores(token: str, window: int, _tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    from models.scoring import lead_scores

    return lead_scores(_tables, None, window)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_lead_lift(token: str, window: int, _tables: dict[str, pd.DataFrame]):
    from models.scoring import lead_lift

    return lead_lift(_tables, window)


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
    seed = (uploaded[[c for c in OBJECTIVE_GRID if c in uploaded]]
            if uploaded is not None and not uploaded.empty else None)
    report = st.session_state.get(REPORTS, {}).get("objectives")
    if seed is not None and report is not None and len(report.lines) == len(seed):
        seed = seed.assign(source=[tr_plain("objective.line", file=report.file, line=line)
                                   for line in report.lines])  # messages name the file's lines
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
        return check_objectives(seed)[0] if seed is not None else \
            pd.DataFrame(columns=OBJECTIVE_COLUMNS)
    if warn and read.skipped:
        st.warning(tr("objectives.skipped", count=len(read.skipped),
                      rows="; ".join(say(problem) for problem in read.skipped)))
    return read.value


def _named_bytes(data: bytes, name: str) -> io.BytesIO:
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


def render_sidebar() -> None:
    """Which data the app is showing, and the way back to the demo.

    Pages call it last, so that it reflects an upload made during this run.
    """
    with st.sidebar:
        st.session_state[LANG_PICKER] = lang()
        st.segmented_control(tr("sidebar.language"), list(LANGUAGES), key=LANG_PICKER,
                             format_func=LANGUAGES.get, on_change=_language_picked)
        st.session_state[CURRENCY_PICKER] = st.session_state.get(CURRENCY, DEFAULT_CURRENCY)
        st.selectbox(tr("sidebar.currency"), CURRENCIES, key=CURRENCY_PICKER,
                     format_func=currency_label,
                     on_change=_currency_picked)
        if st.session_state.get(SOURCE) == DEMO:
            st.caption(tr("sidebar.demo"))
        else:
            kinds = ", ".join(tr(f"kind.{kind}") for kind in sorted(current_tables()))
            st.caption(tr("sidebar.own", kinds=kinds or tr("sidebar.none_yet")))
            if st.button(tr("sidebar.back_to_demo"), key="back_to_demo"):
                use_demo()
                st.rerun()

