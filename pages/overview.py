"""Overview page: what data is loaded, over which period. (The KPI dashboard builds on it.)"""

import streamlit as st

from models import describe_tables
from pages._shared import DEMO, SOURCE, current_tables, init_state, render_sidebar, tr

init_state()
st.title("Objectif")
tables = current_tables()
if st.session_state.get(SOURCE) == DEMO:
    st.info(tr("overview.demo"))
if "orders" not in tables:
    st.warning(tr("overview.no_orders"))
    st.page_link("pages/data.py", label=tr("common.go_to_data"), icon=":material/upload_file:")
    render_sidebar()
    st.stop()

summary = describe_tables(tables)
summary["table"] = [tr(f"kind.{kind}") for kind in summary["table"]]
st.dataframe(summary, hide_index=True, width="stretch",
             column_config={"table": tr("overview.table"),
                            "rows": st.column_config.NumberColumn(tr("overview.rows"),
                                                                  format="localized"),
                            "from": tr("overview.from"), "to": tr("overview.to")})
render_sidebar()
