"""Drawing the engine's charts (their downloads: :mod:`pages._shared.downloads`)."""

import streamlit as st


def show_chart(chart) -> None:
    """Draw an Altair chart of :mod:`models.presentation.charts`. Its spec is not re-validated
    against the Vega-Lite schema on every run (a third of a chart's cost; the tests validate
    each chart once)."""
    st.vega_lite_chart(chart.to_dict(validate=False), width="stretch")
