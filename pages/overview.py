"""Overview page: what data is loaded, over which period. (The KPI dashboard builds on it.)"""

import streamlit as st

from models import describe_tables
from pages._shared import DEMO, SOURCE, current_tables, init_state, render_sidebar

init_state()
st.title("Objectif")
tables = current_tables()
if st.session_state.get(SOURCE) == DEMO:
    st.info("This is the **demo company**, Papeterie Martin: 36 months of orders, leads, calls, "
            "feedback and objectives. Go to **Data** to load your own files.")
if "orders" not in tables:
    st.warning("No orders loaded yet: upload an orders file on the **Data** page "
               "(date, customer and amount columns).")
    st.page_link("pages/data.py", label="Go to Data", icon=":material/upload_file:")
    render_sidebar()
    st.stop()

summary = describe_tables(tables)
st.dataframe(summary, hide_index=True, width="stretch",
             column_config={"rows": st.column_config.NumberColumn("rows", format="localized")})
render_sidebar()
