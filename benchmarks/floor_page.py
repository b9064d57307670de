"""The floor for app_speed.py: the least a Streamlit dashboard can be, one title, one card and
one Altair chart, with the same libraries loaded. What the browser needs to draw this in a
fresh context, on this machine, is the part of Objectif's figures no change to Objectif moves.

    streamlit run benchmarks/floor_page.py
"""

import altair as alt
import pandas as pd
import streamlit as st

st.title("Dashboard")
st.metric("Revenue", "1 234 €", delta="+5 %", border=True)
months = pd.DataFrame(
    {
        "month": pd.date_range("2025-01-01", periods=12, freq="MS"),
        "revenue": [float(100 + 5 * i) for i in range(12)],
    }
)
st.altair_chart(alt.Chart(months).mark_line().encode(x="month:T", y="revenue:Q"), width="stretch")
