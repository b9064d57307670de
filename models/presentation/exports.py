"""Downloadable files that open right in a spreadsheet: CSV with a BOM, and Excel.

Text cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, and the
tab / carriage-return variants OWASP lists) are prefixed with an apostrophe; numbers stay
numbers.
"""

from __future__ import annotations

import io

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` where no text cell (or column name) can start a formula."""

    def safe(value: object) -> object:
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):  # numbers stay numbers
            return "'" + value
        return value

    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(safe)
    out.columns = [safe(str(c)) for c in out.columns]
    return out


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """A named index (``customer_id``) becomes a column; then formulas are neutralised."""
    return neutralise_formulas(frame.reset_index() if frame.index.name else frame)


def to_csv_bytes(frame: pd.DataFrame, sep: str = ",", decimal: str = ".") -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel reads accents right."""
    return _flat(frame).to_csv(index=False, sep=sep, decimal=decimal).encode("utf-8-sig")


def to_excel_bytes(frame: pd.DataFrame, sheet: str = "Objectif") -> bytes:
    """An ``.xlsx`` workbook with ``frame`` on one sheet."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _flat(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()
