"""What the engine computes from the session's data (KPIs, the churn window it suggests,
risk and lead scores), cached per data and settings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models import KpiSettings, compute_kpis
from models.kpis import suggest_churn_window
from pages._shared.data_source import current_tables
from pages._shared.keys import CHURN_W, CONVERSION_C, DATA_TOKEN, FREQ
from pages._shared.language import tr


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
