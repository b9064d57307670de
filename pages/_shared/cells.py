"""Numbers, days and changes in table cells, in the user's language and currency, and the
grid columns that show them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models.core import DEFAULT_CURRENCY, format_day, format_number, format_share, format_value
from pages._shared.keys import CURRENCY
from pages._shared.language import lang, tr

MAX_ROWS = 500  # rows a ranked list shows on screen


def value_text(value: float | None, unit: str, compact: bool = False, cents: bool = False) -> str:
    """A KPI value in this session's language and currency (``1 234 €``, ``$1,234``)."""
    currency = st.session_state.get(CURRENCY, DEFAULT_CURRENCY)
    return format_value(value, unit, lang(), currency=currency, compact=compact, cents=cents)


def cell_text(value: object, unit: str) -> str:
    """One table cell in the user's formats: a KPI unit, ``day`` or ``change`` (``+20 %``)."""
    if unit == "day":
        return format_day(value, lang()) if pd.notna(value) else "—"
    if unit == "change":
        return format_share(value, lang(), 1, signed=True)
    return value_text(value, unit)


def values_as_text(frame: pd.DataFrame, units: dict[str, str]) -> pd.DataFrame:
    """``frame`` for the screen: the columns of ``units`` as text in the user's language and
    currency (``1 234 €``, ``4,1 %``). Streamlit's grid formats numbers in the *browser's*
    locale and its currency presets are fixed; exports keep the numbers."""
    shown = frame.copy()
    for column, unit in units.items():
        if column in shown:
            shown[column] = [cell_text(v, unit) for v in shown[column]]
    return shown


def first_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows a grid shows: the first :data:`MAX_ROWS` (formatting every cell of thousands
    of rows on each rerun costs seconds; the downloads hold them all)."""
    if len(frame) > MAX_ROWS:
        st.caption(
            tr(
                "common.first_rows",
                n=format_number(MAX_ROWS, lang()),
                total=format_number(len(frame), lang()),
            )
        )
    return frame.head(MAX_ROWS)


def number_column(label: str, help: str | None = None) -> dict:
    """A column of :func:`values_as_text`: right-aligned like numbers."""
    return st.column_config.TextColumn(label, help=help, alignment="right")


def progress_column(label: str, help: str | None = None) -> dict:
    """A bar for a share given in percent (0-100), labelled ``71%`` / ``71 %``."""
    return st.column_config.ProgressColumn(
        label,
        help=help,
        min_value=0.0,
        max_value=100.0,
        format="%.0f\u202f%%" if lang() == "fr" else "%.0f%%",
    )
