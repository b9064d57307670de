"""Streamlit glue shared by the pages, one module per job (files under ``pages/`` whose name
starts with ``_`` are not pages):

=================  ==========================================================================
``keys``           the names of the session-state keys, the settings' defaults
``session``        ``init_state``: a session's defaults, set once
``navigation``     every page runs through app.py's navigation
``language``       the session's language; catalogue texts (``tr``) and engine messages (``say``)
``cells``          numbers and days in table cells, in the user's formats; grid columns
``downloads``      CSV / Excel / PNG / SVG download buttons
``charts``         drawing a chart
``empty_states``   stopping a page with a warning or an error
``data_source``    the demo's tables or the user's, and the token that names them
``reading``        reading an uploaded file (cached on its bytes)
``computations``   KPIs of the session's data, cached on a ``DataKey`` (its token and settings)
``ranking``        the frame of the two ranking pages (risk, leads); their models' scores
``objectives``     where objectives and scenarios are kept; the objectives in use
``sidebar``        the sidebar every page ends with
=================  ==========================================================================

Per-user data lives only in ``st.session_state``; caches are keyed on file bytes or on the
token of the data, bounded, and hold nothing that identifies a session. The pages import
from here, not from the modules.
"""

from pages._shared.cells import (
    MAX_ROWS,
    cell_text,
    first_rows,
    number_column,
    progress_column,
    value_text,
    values_as_text,
)
from pages._shared.charts import show_chart
from pages._shared.computations import (
    DataKey,
    cached_kpis,
    cached_on_data,
    churn_window_suggestion,
    data_in_use,
    kpis_for,
)
from pages._shared.data_source import current_tables, use_demo, use_own_table
from pages._shared.downloads import XLSX_MIME, chart_downloads, csv_bytes, table_downloads
from pages._shared.empty_states import stop_empty, stop_with_error
from pages._shared.keys import (
    CHURN_W,
    CONVERSION_C,
    CURRENCY,
    CURRENCY_PICKER,
    DATA_SCOPE,
    DATA_TOKEN,
    DEMO,
    DIGESTS,
    FISCAL_START,
    FREQ,
    LANG,
    LANG_PICKER,
    LEAD_REPS,
    OWN,
    REPORTS,
    RISK_MIN_P,
    RISK_REPS,
    SETTING_DEFAULTS,
    SOURCE,
    TABLES,
    UPLOADS,
    VISITOR_STORE,
)
from pages._shared.language import choose_language, lang, say, say_plain, tr, tr_plain
from pages._shared.navigation import app_navigation, configure_page, run_through_entry_point
from pages._shared.objectives import (
    OBJECTIVE_GRID,
    current_objectives,
    objective_store,
    objectives_scope,
    scoped_store,
)
from pages._shared.ranking import (
    CHURN,
    LEADS,
    Ranking,
    cached_lift,
    cached_scores,
    choose_reps,
    open_ranking,
    show_accuracy,
    show_ranked_table,
)
from pages._shared.reading import (
    cached_import,
    cached_raw,
    cached_sheets,
    reading_slots,
    visitor_left,
)
from pages._shared.session import init_state
from pages._shared.sidebar import render_sidebar

__all__ = [
    "CHURN",
    "CHURN_W",
    "CONVERSION_C",
    "CURRENCY",
    "CURRENCY_PICKER",
    "DATA_SCOPE",
    "DATA_TOKEN",
    "DEMO",
    "DIGESTS",
    "FISCAL_START",
    "FREQ",
    "LANG",
    "LANG_PICKER",
    "LEADS",
    "LEAD_REPS",
    "MAX_ROWS",
    "OBJECTIVE_GRID",
    "OWN",
    "REPORTS",
    "RISK_MIN_P",
    "RISK_REPS",
    "SETTING_DEFAULTS",
    "SOURCE",
    "TABLES",
    "UPLOADS",
    "VISITOR_STORE",
    "XLSX_MIME",
    "DataKey",
    "Ranking",
    "app_navigation",
    "cached_import",
    "cached_kpis",
    "cached_lift",
    "cached_on_data",
    "cached_raw",
    "cached_scores",
    "cached_sheets",
    "cell_text",
    "chart_downloads",
    "choose_language",
    "choose_reps",
    "churn_window_suggestion",
    "configure_page",
    "csv_bytes",
    "current_objectives",
    "current_tables",
    "data_in_use",
    "first_rows",
    "init_state",
    "kpis_for",
    "lang",
    "number_column",
    "objective_store",
    "objectives_scope",
    "open_ranking",
    "progress_column",
    "reading_slots",
    "render_sidebar",
    "run_through_entry_point",
    "say",
    "say_plain",
    "scoped_store",
    "show_accuracy",
    "show_chart",
    "show_ranked_table",
    "stop_empty",
    "stop_with_error",
    "table_downloads",
    "tr",
    "tr_plain",
    "use_demo",
    "use_own_table",
    "value_text",
    "values_as_text",
    "visitor_left",
]
