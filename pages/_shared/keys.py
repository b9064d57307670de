"""The names of everything the app keeps in ``st.session_state``, and the settings' defaults.

One place for them: a page reads and writes the session through these constants, never
through a string of its own. :func:`pages._shared.session.init_state` sets the defaults.
"""

from models.core import DEFAULT_CURRENCY

TABLES = "tables"  # dict kind -> canonical DataFrame in use
REPORTS = "reports"  # dict kind -> QualityReport of the user's imports
SOURCE = "data_source"  # "demo" or "own"
UPLOADS = "upload_generation"  # bumped to empty every file uploader (back to the demo)
DATA_TOKEN = "data_token"  # names the data in use, for caches: same data, same token
DIGESTS = "data_digests"  # kind -> SHA-256 of the bytes of the file in use
DATA_SCOPE = "data_scope"  # whose objectives and scenarios: DEMO, or data:<digest> of the files
VISITOR_STORE = "visitor_store"  # this visitor's own copy of the demo's objectives and scenarios
FREQ, CHURN_W, CONVERSION_C = "freq", "churn_window", "conversion_window"
LANG, LANG_PICKER = "lang", "lang_picker"  # the language in use; the sidebar's widget
CURRENCY, CURRENCY_PICKER = "currency", "currency_picker"
FISCAL_START = "fiscal_start"  # first month (1-12) of the fiscal year, for target periods
RISK_MIN_P, RISK_REPS, LEAD_REPS = "risk_min_p", "risk_reps", "lead_reps"  # page filters

DEMO, OWN = "demo", "own"  # the values of SOURCE
SETTING_DEFAULTS = {
    FREQ: "M",
    CHURN_W: 90,
    CONVERSION_C: 90,
    CURRENCY: DEFAULT_CURRENCY,
    FISCAL_START: 1,
}
