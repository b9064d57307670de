"""The public import path: a file in, a canonical table (and its quality report) out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from models.loading import Source, read_raw
from models.quality import QualityReport
from models.schema import KINDS, MAIN_DATE, table_spec
from models.validation import ImportOptions, Mapping, validate_table

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"


@dataclass(frozen=True)
class ImportResult:
    """A validated table and the report of how it was read."""

    table: pd.DataFrame
    report: QualityReport


def import_table(source: Source, kind: str, *, mapping: Mapping | None = None,
                 sheet: str | int | None = None,
                 options: ImportOptions | None = None) -> ImportResult:
    """Read, map and validate one file.

    Parameters
    ----------
    source
        A path or a named file-like object (CSV, TSV, TXT, XLSX, XLS).
    kind
        ``orders``, ``leads``, ``calls``, ``feedback`` or ``objectives``.
    mapping
        Canonical column -> file column, overriding the automatic proposal.
    sheet
        Excel sheet (name or index); the first by default.
    options
        Date order, decimal mark, value mappings.

    Raises
    ------
    DataError
        With a message naming the file, the column or rows, and what to do.
    """
    table_spec(kind)  # fail on an unknown kind before reading anything
    raw = read_raw(source, sheet=sheet)
    table, report = validate_table(raw, kind, mapping, options)
    return ImportResult(table, report)


def load_table(source: Source, kind: str, *, mapping: Mapping | None = None,
               sheet: str | int | None = None,
               options: ImportOptions | None = None) -> pd.DataFrame:
    """Like :func:`import_table`, returning only the canonical table.

    Examples
    --------
    >>> orders = load_table("sample_data/orders.csv", "orders")
    >>> list(orders.columns[:3])
    ['date', 'customer_id', 'amount']
    """
    return import_table(source, kind, mapping=mapping, sheet=sheet, options=options).table


def sample_tables() -> dict[str, pd.DataFrame]:
    """The demo company's canonical tables keyed by kind (see ``sample_data/generate.py``)."""
    return {kind: load_table(SAMPLE_DIR / f"{kind}.csv", kind) for kind in KINDS
            if (SAMPLE_DIR / f"{kind}.csv").is_file()}


def describe_tables(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per loaded table: rows and the span of its main date."""
    rows = []
    for kind in KINDS:
        if kind not in tables:
            continue
        dates = tables[kind][MAIN_DATE[kind]]
        rows.append({"table": kind, "rows": len(tables[kind]),
                     "from": dates.min().date(), "to": dates.max().date()})
    return pd.DataFrame(rows, columns=["table", "rows", "from", "to"])
