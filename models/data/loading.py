"""Bytes or a path -> a raw table of strings (or Excel cells, or Parquet columns), with what
was detected.

This step only finds the table inside a file: encoding, separator, quoting, title rows above
the header, ragged footer lines, Excel sheets. It does not interpret values: that is
``validation``'s job, so every detection here can be shown to the user as it is. Parquet
columns keep their types (timestamps, numbers, strings), which validation then uses as they
are instead of parsing text.
"""

from __future__ import annotations

import codecs
import csv
import io
import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TypeVar

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from models.core.errors import DataError
from models.core.i18n import Phrase
from models.data.isolation import run_isolated
from models.data.upload_limits import (
    LINE_END,
    UploadLimits,
    check_parquet,
    check_text_header,
    check_zip_workbook,
)

Source = str | Path | IO[bytes]
T = TypeVar("T")

SEPARATORS: tuple[str, ...] = (",", ";", "\t", "|")
# what the report and the messages call each separator, in the reader's language
SEPARATOR_NAMES = {
    ",": Phrase("separator.comma"),
    ";": Phrase("separator.semicolon"),
    "\t": Phrase("separator.tab"),
    "|": Phrase("separator.pipe"),
}
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
PARQUET_SUFFIXES = (".parquet", ".pq")
PARQUET_MAGIC = b"PAR1"  # the first and last four bytes of every Parquet file
# Enough lines to see past title rows and judge a separator (~500 lines of 100 characters),
# few enough to stay instant: each of the five candidates parses the sample, so its cost
# grows with this size (benchmarks/app_speed.py measures the load).
SNIFF_CHARS = 50_000
MAX_TITLE_ROWS = 30


@dataclass(frozen=True)
class RawTable:
    """A table found in a file, before any value is interpreted.

    Attributes
    ----------
    frame
        Columns as in the file (header names stripped of BOM and spaces); values are
        strings for text files, native cells (str, float, datetime, time) for Excel.
    name
        The file name, for messages.
    encoding, separator
        What was detected (``None`` for Excel and Parquet).
    sheet
        The Excel sheet read, if any.
    header_row
        0-based line (or sheet row) of the header; > 0 means title rows were skipped.
    skipped_lines
        1-based file line numbers dropped because their field count did not match the header.

    The frame's index is the row number a user sees in the file (1-based line in a text
    editor, row in Excel, record in Parquet), so messages can point at it.
    """

    frame: pd.DataFrame
    name: str
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None
    header_row: int = 0
    skipped_lines: tuple[int, ...] = field(default_factory=tuple)


def read_source(source: Source) -> tuple[bytes, str]:
    """Return the bytes and the display name of a path or a named file-like object."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise DataError.coded("not_found", name=str(path))
        return path.read_bytes(), path.name
    name = Path(getattr(source, "name", "uploaded file")).name
    data = source.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return bytes(data), name


def is_excel(data: bytes, name: str) -> bool:
    """True for xlsx/xls/ods content, judged by the bytes first (a renamed file still works)."""
    if data[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return name.lower().endswith(EXCEL_SUFFIXES)
        return any(n.startswith(("xl/", "content.xml")) for n in names)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE2: legacy .xls
        return True
    return name.lower().endswith(EXCEL_SUFFIXES) and not _looks_like_text(data)


def is_parquet(data: bytes, name: str) -> bool:
    """True for Parquet content: its magic bytes, or a binary file named ``.parquet``."""
    if data[:4] == PARQUET_MAGIC:
        return True
    return name.lower().endswith(PARQUET_SUFFIXES) and not _looks_like_text(data)


def list_sheets(
    source: Source,
    *,
    limits: UploadLimits | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[str]:
    """Sheet names of an Excel file, in workbook order (empty for a text file).

    Opening a workbook reads its shared strings: bounded like :func:`read_raw`.
    """
    data, name = read_source(source)
    if not is_excel(data, name):
        return []
    return _bounded(_sheet_names, data, name, limits=limits, should_stop=should_stop)


def read_raw(
    source: Source,
    *,
    sheet: str | int | None = None,
    limits: UploadLimits | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> RawTable:
    """Find the table in a CSV/TSV/Excel/Parquet file.

    Parameters
    ----------
    source
        A path, or a file-like object with a ``name`` (e.g. a Streamlit upload).
    sheet
        Excel sheet name or index; the first sheet by default.
    limits
        What the reading may cost (:class:`UploadLimits`); from the environment by default.
    should_stop
        Asked while the file is read: ``True`` stops the reading (``ReadCancelled``).

    Raises
    ------
    DataError
        Empty file, unknown encoding, no table found, an unreadable workbook or Parquet
        file, or a file past a limit of ``limits``.
    """
    data, name = read_source(source)
    if not data.strip():
        raise DataError.coded("empty_file", name=name)
    return _bounded(_read_bytes, data, name, sheet, limits=limits, should_stop=should_stop)


def _bounded(
    reader: Callable[..., T],
    data: bytes,
    name: str,
    *args: object,
    limits: UploadLimits | None,
    should_stop: Callable[[], bool] | None,
) -> T:
    """``reader(data, name, *args, limits)``, in a bounded child process unless
    ``limits.isolate`` is off."""
    limits = limits or UploadLimits.from_env()
    if not limits.isolate:
        return reader(data, name, *args, limits)
    return run_isolated(
        reader,
        data,
        name,
        *args,
        limits,
        name=name,
        memory_mb=limits.parse_memory_mb,
        seconds=limits.parse_seconds,
        should_stop=should_stop,
    )


def _sheet_names(data: bytes, name: str, limits: UploadLimits) -> list[str]:
    check_zip_workbook(data, name, limits)
    return [str(sheet) for sheet in _excel_file(data, name).sheet_names]


def _read_bytes(data: bytes, name: str, sheet: str | int | None, limits: UploadLimits) -> RawTable:
    if is_parquet(data, name):
        check_parquet(data, name, limits)
        return _read_parquet(data, name)
    if is_excel(data, name):
        check_zip_workbook(data, name, limits)
        return _read_excel(data, name, sheet)
    text, encoding = decode_text(data, name)
    return _read_text(text, name, encoding, limits)


# --------------------------------------------------------------------------- text files
def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes, trying BOMs, UTF-16 without BOM, UTF-8, then Windows-1252.

    Windows-1252 is the last resort because every byte sequence decodes with it, and it is
    what Excel writes for "CSV" on French and English Windows.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _decode(data, encoding, name), encoding
    head = data[:4000]
    half = max(1, len(head) // 2)
    for encoding, zeros, chars in (
        ("utf-16-le", head[1::2], head[0::2]),
        ("utf-16-be", head[0::2], head[1::2]),
    ):
        # UTF-16 without BOM: Latin text has a NUL in every other byte and none between
        if zeros.count(0) > 0.9 * half and chars.count(0) < 0.1 * half:
            return _decode(data, encoding, name), encoding
    if b"\x00" in head:
        raise DataError.coded("binary_file", name=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode(data, "cp1252", name), "windows-1252"


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        if encoding == "cp1252":  # 5 bytes are undefined in cp1252; latin-1 maps them all
            return data.decode("latin-1")
        raise DataError.coded("undecodable", name=name, encoding=encoding) from None


def _looks_like_text(data: bytes) -> bool:
    return b"\x00" not in data[:4000]


def sniff_separator(sample: str, truncated: bool = False) -> str:
    """Pick the separator that splits the sample into the most consistent number of fields.

    The csv module parses each candidate, so quoted separators and embedded newlines do not
    mislead it; title rows count against a candidate only a little.
    """
    best, best_score = None, (0.0, 0)
    for sep in SEPARATORS:
        counts = [len(row) for row in _rows(sample, sep) if any(cell.strip() for cell in row)]
        if truncated and len(counts) > 1:
            counts = counts[:-1]  # the sample cut the last record in half
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        if mode < 2:
            continue
        score = (counts.count(mode) / len(counts), mode)
        if score > best_score:
            best, best_score = sep, score
    if best is None:
        raise DataError.coded("no_separator")
    return best


def _rows(sample: str, sep: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(sample), delimiter=sep))
    except csv.Error:
        return []


def find_header_row(rows: Sequence[Sequence[object]]) -> int:
    """Index of the header: the first row as wide as the table, mostly filled, mostly text.

    Rows above it are titles ("Export CRM du 27/11/2026", blank lines) and are skipped.
    """
    widths = [sum(1 for c in row if _filled(c)) for row in rows]
    if not widths:
        return 0
    width = max(set(w for w in widths if w), key=widths.count, default=0)
    for index, row in enumerate(rows[:MAX_TITLE_ROWS]):
        cells = [c for c in row if _filled(c)]
        textual = sum(1 for c in cells if isinstance(c, str) and not _is_number(c))
        if len(cells) >= max(2, width * 0.6) and textual >= len(cells) * 0.5:
            return index
    return 0


def _filled(cell: object) -> bool:
    return (
        cell is not None
        and not (isinstance(cell, float) and pd.isna(cell))
        and str(cell).strip() != ""
    )


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ".").replace(" ", ""))
    except ValueError:
        return False
    return True


def _read_text(text: str, name: str, encoding: str, limits: UploadLimits) -> RawTable:
    sample = text[:SNIFF_CHARS]
    try:
        separator = sniff_separator(sample, truncated=len(text) > SNIFF_CHARS)
    except DataError:
        raise DataError.coded("no_separator_in", name=name) from None
    sample_rows = _rows(sample, separator)
    header_row = find_header_row(sample_rows)
    # Line number of the header in the file: title rows may hold quoted newlines, so count
    # the physical lines of the records above it.
    header_line = sum(1 + _newlines(row) for row in sample_rows[:header_row])
    check_text_header(text, _line_start(text, header_line), separator, name, limits)
    skipped: list[int] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = pd.read_csv(
                io.StringIO(text),
                sep=separator,
                skiprows=header_line,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=True,
                on_bad_lines="warn",
                engine="c",
            )
        except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as err:
            raise DataError.coded(
                "unreadable_table", name=name, separator=SEPARATOR_NAMES[separator], detail=str(err)
            ) from err
    for warning in caught:
        skipped.extend(_bad_line_numbers(str(warning.message), header_line))
    frame.columns = _clean_headers(frame.columns)
    _check_columns(frame, name)
    frame.index = pd.RangeIndex(header_line + 2, header_line + 2 + len(frame))
    return RawTable(
        frame=frame,
        name=name,
        encoding=encoding,
        separator=separator,
        header_row=header_line,
        skipped_lines=tuple(skipped),
    )


def _line_start(text: str, line: int) -> int:
    """Offset of the 0-based physical ``line`` of ``text`` (lines end with ``\n``, ``\r\n``
    or a lone ``\r``, as the CSV reader accepts)."""
    if line == 0:
        return 0
    for number, end in enumerate(LINE_END.finditer(text), start=1):
        if number == line:
            return end.end()
    return len(text)


def _newlines(row: list[str]) -> int:
    return sum(cell.count("\n") for cell in row)


def _bad_line_numbers(message: str, offset: int) -> list[int]:
    # pandas reports "Skipping line 7: expected 3 fields, saw 5" (lines counted after skiprows)
    numbers = []
    for part in message.split("Skipping line ")[1:]:
        digits = part.split(":", 1)[0].strip()
        if digits.isdigit():
            numbers.append(int(digits) + offset)
    return numbers


def _clean_headers(columns: pd.Index) -> list[str]:
    """Headers stripped of BOMs and spaces, blanks named ``column N``, and repeats numbered
    ``name (2)``, ``name (3)``, … so that every column stays distinguishable. Linear in the
    number of columns (a set of labels, and a counter per repeated name)."""
    cleaned: list[str] = []
    seen: set[str] = set()
    repeats: dict[str, int] = {}
    for index, column in enumerate(columns):
        label = str(column).replace("\ufeff", "").strip()
        if not label or label.startswith("Unnamed:"):
            label = f"column {index + 1}"
        base = label
        while label in seen:
            repeats[base] = repeats.get(base, 1) + 1
            label = f"{base} ({repeats[base]})"
        seen.add(label)
        cleaned.append(label)
    return cleaned


def _check_columns(frame: pd.DataFrame, name: str) -> None:
    if frame.shape[1] < 2:
        raise DataError.coded("single_column", name=name, columns=list(frame.columns))
    if frame.empty:
        raise DataError.coded("header_only", name=name)


# --------------------------------------------------------------------------- Excel
def _excel_file(data: bytes, name: str) -> pd.ExcelFile:
    try:
        return pd.ExcelFile(io.BytesIO(data), engine="calamine")
    except Exception as err:  # calamine raises its own error types for corrupt workbooks
        raise DataError.coded("bad_workbook", name=name, detail=str(err)) from err


def _read_excel(data: bytes, name: str, sheet: str | int | None) -> RawTable:
    book = _excel_file(data, name)
    sheets = book.sheet_names
    if sheet is None:
        sheet = sheets[0]
    if isinstance(sheet, int):
        if not 0 <= sheet < len(sheets):
            raise DataError.coded("no_sheet", name=name, sheet=sheet, sheets=sheets)
        sheet = sheets[sheet]
    if sheet not in sheets:
        raise DataError.coded("no_sheet", name=name, sheet=repr(sheet), sheets=sheets)
    cells = pd.read_excel(book, sheet_name=sheet, header=None, dtype=object)
    cells = cells.dropna(how="all").dropna(axis=1, how="all")
    if cells.empty:
        raise DataError.coded("empty_sheet", name=name, sheet=repr(sheet), sheets=sheets)
    rows = cells.head(MAX_TITLE_ROWS + 5).values.tolist()
    header_row = find_header_row(rows)
    frame = cells.iloc[header_row + 1 :]
    frame.columns = _clean_headers(pd.Index(cells.iloc[header_row].tolist()))
    frame.index = frame.index + 1  # sheet rows as Excel numbers them
    _check_columns(frame, f"{name}, sheet {sheet!r}")
    return RawTable(
        frame=frame, name=name, sheet=str(sheet), header_row=int(cells.index[header_row])
    )


# --------------------------------------------------------------------------- Parquet
def _read_parquet(data: bytes, name: str) -> RawTable:
    """Every column of a Parquet file, typed as stored.

    Strings stay strings (validation parses them as it parses CSV text) and must be UTF-8;
    timestamps, dates and numbers keep their type, so validation can skip parsing them.
    Dictionary (category) columns are decoded, decimals become floats, and integer columns
    keep integers even with gaps (``Int64``), so an id reads as ``12345`` and not
    ``12345.0``. Rows are numbered from 1, the first record.
    """
    try:
        frame = _arrow_to_pandas(pq.ParquetFile(pa.BufferReader(data)).read())
    # corrupt, truncated or unsupported: pyarrow's errors, or names that are not UTF-8
    except pa.ArrowMemoryError:
        raise MemoryError(name) from None  # past the memory limit: not a corrupt file
    except (pa.ArrowException, OSError, UnicodeDecodeError) as err:
        raise DataError.coded("bad_parquet", name=name, detail=str(err)) from err
    frame.columns = _clean_headers(frame.columns)
    _check_columns(frame, name)
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return RawTable(frame=frame, name=name)


def _arrow_to_pandas(table: pa.Table) -> pd.DataFrame:
    columns = {}  # by position: a Parquet file may repeat a column name
    for position, (schema_field, column) in enumerate(zip(table.schema, table.columns)):
        kind = schema_field.type
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
            column = column.cast(kind)
        if (
            pa.types.is_string(kind)
            or pa.types.is_large_string(kind)
            or pa.types.is_string_view(kind)
        ):
            column.validate(full=True)  # the reader does not check that text is UTF-8
        if pa.types.is_decimal(kind):
            column = column.cast(pa.float64())
        if pa.types.is_integer(kind) and column.null_count:
            columns[position] = pd.Series(column.to_pandas(types_mapper=_nullable_int))
        else:
            columns[position] = column.to_pandas(date_as_object=False)
    frame = pd.DataFrame(columns)
    frame.columns = table.column_names
    return frame


def _nullable_int(kind: pa.DataType) -> pd.api.extensions.ExtensionDtype | None:
    return pd.Int64Dtype() if pa.types.is_integer(kind) else None
