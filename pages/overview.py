"""Overview page: what data is loaded, over which period. (The KPI dashboard builds on it.)"""

import streamlit as st

from models import describe_tables
from pages._shared import (
    DEMO,
    SOURCE,
    current_tables,
    init_state,
    number_column,
    render_sidebar,
    stop_empty,
    tr,
    values_as_text,
)

init_state()
st.title("Objectif")
tables = current_tables()
if st.session_state.get(SOURCE) == DEMO:
    st.info(tr("overview.demo"))
if "orders" not in tables:
    stop_empty(tr("overview.no_orders"))

summary = describe_tables(tables)
summary["table"] = [tr(f"kind.{kind}") for kind in summary["table"]]
st.dataframe(
    values_as_text(summary, {"rows": "count", "from": "day", "to": "day"}),
    hide_index=True,
    width="stretch",
    column_config={
        "table": tr("overview.table"),
        "rows": number_column(tr("overview.rows")),
        "from": number_column(tr("overview.from")),
        "to": number_column(tr("overview.to")),
    },
)
render_sidebar()
