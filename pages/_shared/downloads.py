"""Download buttons: a table as CSV and Excel, a chart as PNG and SVG. The files are built
only when a button is clicked."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from models.presentation import to_csv_bytes, to_excel_bytes
from pages._shared.language import lang, tr

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_downloads(
    frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, key: str, sheet: str
) -> None:
    """CSV (in the user's dialect: ``;`` and decimal commas in French) and Excel buttons for
    ``frame`` (or what a function makes, for tables too long to prepare on every run); the
    files are built only when a button is clicked."""
    language = lang()
    make = frame if callable(frame) else lambda: frame
    with st.container(horizontal=True):
        st.download_button(
            tr("common.download_csv"),
            lambda: _csv(make(), language),
            f"{name}.csv",
            "text/csv",
            key=f"{key}_csv",
            icon=":material/download:",
            on_click="ignore",
        )
        st.download_button(
            tr("common.download_excel"),
            lambda: to_excel_bytes(make(), sheet),
            f"{name}.xlsx",
            XLSX_MIME,
            key=f"{key}_xlsx",
            icon=":material/download:",
            on_click="ignore",
        )


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A CSV that opens right in Excel in the user's language (``;`` and ``,`` in French)."""
    return _csv(frame, lang())


def _csv(frame: pd.DataFrame, language: str) -> bytes:
    return to_csv_bytes(frame, sep=";", decimal=",") if language == "fr" else to_csv_bytes(frame)


def chart_downloads(chart, name: str, key: str) -> None:
    """PNG and SVG buttons for ``chart``, rendered only when clicked (deferred callables)."""
    from models.presentation import chart_png, chart_svg

    with st.container(horizontal=True):  # side by side, whatever the column's width
        st.download_button(
            "PNG",
            lambda: chart_png(chart),
            f"{name}.png",
            "image/png",
            key=f"{key}_png",
            icon=":material/image:",
            on_click="ignore",
        )
        st.download_button(
            "SVG",
            lambda: chart_svg(chart),
            f"{name}.svg",
            "image/svg+xml",
            key=f"{key}_svg",
            icon=":material/image:",
            on_click="ignore",
        )
