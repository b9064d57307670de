"""Generators of the hostile files of the "Hostile input" issue: built by the tests, never
committed. Each returns ``(file name, bytes)``."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq


def far_cell_workbook() -> tuple[str, bytes]:
    """A 5 KB workbook with cells at A1 and XFD1048576: the Excel reader allocated 512 GB for
    its used range and aborted the whole server."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"], sheet["A2"], sheet["B2"] = "date", "amount", "2024-01-01", 10
    sheet["XFD1048576"] = "far"
    buffer = io.BytesIO()
    book.save(buffer)
    return "far.xlsx", buffer.getvalue()


def wide_header_csv(n_columns: int = 1_000_000) -> tuple[str, bytes]:
    """A 10 MB CSV whose header has a million columns (minutes of header cleaning before)."""
    header = ",".join(f"c{i}" for i in range(n_columns))
    return "wide.csv", f"{header}\n{','.join('1' * n_columns)}\n".encode()


def comma_line_csv(megabytes: int = 50) -> tuple[str, bytes]:
    """A single line of 50 million commas."""
    return "commas.csv", b"," * (megabytes * 1_000_000) + b"\n"


def comma_line_after_header_csv(megabytes: int = 50) -> tuple[str, bytes]:
    """A two-column table with one data line of 50 million commas in the middle."""
    return "ragged.csv", (b"date,amount\n2024-01-01,10\n" + b"," * (megabytes * 1_000_000)
                          + b"\n2024-01-02,20\n")


def dictionary_parquet(n_rows: int = 100_000_000) -> tuple[str, bytes]:
    """A 0.3 MB Parquet file of 100 million dictionary-encoded rows (6 GB once decoded)."""
    buffer = io.BytesIO()
    values = pa.array(["x" * 10])
    schema = pa.schema([("customer", pa.dictionary(pa.int8(), pa.string())),
                        ("amount", pa.dictionary(pa.int8(), pa.string()))])
    with pq.ParquetWriter(buffer, schema) as writer:
        group = 10_000_000
        for start in range(0, n_rows, group):
            indices = pa.array(np.zeros(min(group, n_rows - start), dtype=np.int8))
            column = pa.DictionaryArray.from_arrays(indices, values)
            writer.write_table(pa.table([column, column], schema=schema))
    return "dictionary.parquet", buffer.getvalue()


def zip_bomb_workbook(megabytes: int = 1_100) -> tuple[str, bytes]:
    """An xlsx of about a megabyte whose sheet inflates to 1.1 GB (one cell of 'A's)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
            chunk = b"A" * 1_000_000
            for _ in range(megabytes):
                sheet.write(chunk)
            sheet.write(b"</t></is></c></row></sheetData></worksheet>")
    return "bomb.xlsx", buffer.getvalue()
