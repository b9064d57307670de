"""What the engine computes from the session's data (KPIs, the churn window it suggests),
cached per data and settings; the scores of the ranking pages: :mod:`pages._shared.ranking`.

A cached computation gets the session's data through one argument, a :class:`DataKey`
(:func:`data_in_use`): the token that names the tables and every setting that shapes the
results. It cannot be handed the tables without the settings, or forget one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

import pandas as pd
import streamlit as st

from models import KpiSettings, compute_kpis
from models.kpis import suggest_churn_window
from pages._shared.data_source import current_tables
from pages._shared.keys import CHURN_W, CONVERSION_C, DATA_TOKEN, FREQ
from pages._shared.language import tr


@dataclass(frozen=True)
class DataKey:
    """The session's data and the settings that shape what is computed from it.

    Caches hash it by its compared fields, ``token`` (which names the tables: same data, same
    token) and ``settings``, never by the ``tables`` themselves (hashing every row on every
    run would cost more than the cache saves). A field added here is part of every key.
    """

    token: str
    settings: KpiSettings
    tables: dict[str, pd.DataFrame] = field(compare=False, repr=False)

    def cache_identity(self) -> tuple:
        """What a cache hashes: every compared field, by name."""
        return tuple((f.name, getattr(self, f.name)) for f in fields(self) if f.compare)


def cached_on_data(max_entries: int):
    """``st.cache_data`` for a function of a :class:`DataKey` (and of hashable options)."""
    return st.cache_data(
        show_spinner=False, max_entries=max_entries, hash_funcs={DataKey: DataKey.cache_identity}
    )


def data_in_use() -> DataKey:
    """This session's data with its current settings."""
    state = st.session_state
    return DataKey(
        state[DATA_TOKEN],
        KpiSettings(int(state[CHURN_W]), int(state[CONVERSION_C])),
        current_tables(),
    )


@cached_on_data(max_entries=64)
def cached_kpis(data: DataKey, freq: str, by: str | None) -> pd.DataFrame:
    """KPIs of ``data`` per period of ``freq`` (and per group of ``by``)."""
    return compute_kpis(data.tables, freq, by, data.settings)


def kpis_for(freq: str | None = None, by: str | None = None) -> pd.DataFrame:
    """The KPIs of this session's data with its current settings."""
    with st.spinner(tr("spinner.kpis")):  # shown only if it takes over half a second
        return cached_kpis(data_in_use(), freq or st.session_state[FREQ], by)


def churn_window_suggestion(data: DataKey) -> int:
    """The churn window the orders of ``data`` suggest (their usual gap between orders)."""
    return _cached_suggestion(replace(data, settings=KpiSettings()))  # it reads no setting


@cached_on_data(max_entries=16)
def _cached_suggestion(data: DataKey) -> int:
    return suggest_churn_window(data.tables["orders"])
