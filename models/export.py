"""Tables to downloadable bytes (CSV, Excel), safe to open in a spreadsheet."""

from __future__ import annotations

import io

import pandas as pd

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets
# (OWASP "CSV injection"); a leading apostrophe makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot be read as formulas (numbers are left alone).

    >>> guard_formulas(pd.DataFrame({"a": ["=1+1", "ok"], "b": [-1, 2]}))["a"].tolist()
    ["'=1+1", 'ok']
    """
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            text = values.astype("string")
            risky = text.str.startswith(FORMULA_STARTS).fillna(False).astype(bool)
            if risky.any():
                out[column] = values.astype(object).where(~risky, "'" + text.astype(object))
    return out


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    return guard_formulas(frame.reset_index() if frame.index.name else frame)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark (Excel then reads accents right); index kept if named."""
    return _flat(frame).to_csv(index=False).encode("utf-8-sig")


def to_excel_bytes(frame: pd.DataFrame, sheet: str = "Sheet1") -> bytes:
    """An .xlsx workbook with one sheet (openpyxl)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _flat(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()
