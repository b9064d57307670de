"""Overview page: what data is loaded, over which period. (The KPI dashboard builds on it.)"""

import streamlit as st

from models import describe_tables
from pages._shared import (DEMO, SOURCE, current_tables, init_state, render_sidebar, stop_empty,
                           tr)

init_state()
st.title("Objectif")
tables = current_tables()
if st.session_state.get(SOURCE) == DEMO:
    st.info(tr("overview.demo"))
if "orders" not in tables:
    stop_empty(tr("overview.no_orders"))

summary = describe_tables(tables)
summary["table"] = [tr(f"kind.{kind}") for kind in summary["table"]]
st.dataframe(summary, hide_index=True, width="stretch",
             column_config={"table": tr("overview.table"),
                            "rows": st.column_config.NumberColumn(tr("overview.rows"),
                                                                  format="localized"),
                            "from": tr("overview.from"), "to": tr("overview.to")})
render_sidebar()
