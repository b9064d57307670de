"""How much of a file Objectif agrees to read, and the checks that refuse more before reading.

A few kilobytes can describe billions of cells: a workbook whose used range runs from A1 to
XFD1048576, a ZIP member that inflates a thousand-fold, a Parquet file of a hundred million
dictionary-encoded rows, a CSV header of a million columns. These checks read only what a
file *declares* (its ZIP directory, a sheet's cell references, Parquet metadata, the CSV
header line) and refuse, with a :class:`~models.data.schema.DataError` that says which limit was
hit and how to export the table instead, before any reader allocates for it. The reading
itself then runs in a child process bounded in memory and time (``models.data.isolation``), for
what no declaration reveals.

Every limit can be set by an environment variable (documented in ``docs/security.md``).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from models.core.errors import DataError

ENV_PREFIX = "OBJECTIF_"


@dataclass(frozen=True)
class UploadLimits:
    """Limits on one file's reading.

    The defaults are sized for a 2-core, 24 GB server with 20 sessions: 50 million cells is
    10 million orders of five columns, the largest file the scale benchmark reads (0.9 GB in
    the reading process); 1,000 MB of XML is a full Excel sheet (1,048,576 rows) of about
    twenty columns; four readings of 2,000 MB at once leave most of the memory to the
    sessions.

    Attributes
    ----------
    max_cells
        Rows times columns of the table (for a workbook: of a sheet's used range).
    max_columns
        Columns of the table.
    max_unzipped_mb
        Sum of the uncompressed sizes of a ZIP container's members (xlsx, ods), in MB.
    parse_memory_mb
        Memory the reading process may allocate beyond what it holds at start, in MB.
    parse_seconds
        Wall-clock seconds the reading may take before it is stopped.
    isolate
        Read in a child process bounded by ``parse_memory_mb`` and ``parse_seconds``
        (``False`` reads in the calling process, with the declared-size checks only).
    parallel_reads
        Files a server reads at once (the app waits for a free slot): with
        ``parse_memory_mb`` it bounds what readings may take together.
    """

    max_cells: int = 50_000_000
    max_columns: int = 2_000
    max_unzipped_mb: int = 1_000
    parse_memory_mb: int = 2_000
    parse_seconds: float = 120.0
    isolate: bool = True
    parallel_reads: int = 4

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> UploadLimits:
        """Defaults overridden by ``OBJECTIF_MAX_CELLS``, ``OBJECTIF_PARSE_SECONDS``, … .

        Raises
        ------
        ValueError
            A variable that is not a positive number (or, for ``OBJECTIF_ISOLATE``, 0 or 1):
            a configuration mistake, reported at once rather than silently ignored.
        """
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for spec in fields(cls):
            name = ENV_PREFIX + spec.name.upper()
            raw = environ.get(name)
            if raw is None:
                continue
            if spec.type == "bool":
                if raw not in ("0", "1"):
                    raise ValueError(f"{name} must be 0 or 1; got {raw!r}")
                values[spec.name] = raw == "1"
                continue
            try:
                number = float(raw)
            except ValueError:
                number = float("nan")
            if not number > 0:
                raise ValueError(f"{name} must be a positive number; got {raw!r}")
            values[spec.name] = number if spec.type == "float" else int(number)
        return cls(**values)


# ----------------------------------------------------------------------------- text tables
LINE_END = re.compile(r"\r\n|\r|\n")  # as the CSV reader accepts them


def check_text_header(
    text: str, header_start: int, separator: str, name: str, limits: UploadLimits
) -> None:
    """Refuse a text table whose header line has more fields than ``max_columns``, or whose
    lines times fields pass ``max_cells``: counted with ``str.count``, in linear time."""
    line_end = LINE_END.search(text, header_start)
    end = line_end.start() if line_end else len(text)
    n_columns = text.count(separator, header_start, end) + 1
    if n_columns > limits.max_columns:
        raise DataError.coded(
            "too_many_columns", name=name, found=n_columns, limit=limits.max_columns
        )
    # lines end with \n, \r\n or a lone \r: three counts in C, no list of matches
    n_lines = text.count("\n", end) + text.count("\r", end) - text.count("\r\n", end) + 1
    _check_cells(n_lines, n_columns, name, limits)


# ----------------------------------------------------------------------------- ZIP workbooks
CELL_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
DIMENSION = re.compile(
    rb'<dimension\b[^>]*?\bref="([A-Z]{1,3})?([0-9]{0,7}):?'
    rb'([A-Z]{1,3})?([0-9]{0,7})"'
)
CHUNK = 1 << 22  # 4 MB of inflated XML at a time
OVERLAP = 64  # a cell reference cut between two chunks is seen whole in the next


def check_zip_workbook(data: bytes, name: str, limits: UploadLimits) -> None:
    """Refuse an xlsx/ods whose members inflate past ``max_unzipped_mb`` in all, or an xlsx
    sheet whose used range (declared, or spanned by its cell references) passes
    ``max_cells`` or ``max_columns``.

    The sizes are the ones the ZIP directory declares; a member that inflates past its
    declared size is caught while its cells are scanned (the scan stops at the limit).
    """
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return  # not a ZIP after all: the workbook reader says what is wrong with it
    budget = limits.max_unzipped_mb * 1_000_000
    declared = sum(member.file_size for member in book.infolist())
    if declared > budget:
        raise DataError.coded(
            "unzipped_too_large",
            name=name,
            size_mb=declared // 1_000_000,
            limit_mb=limits.max_unzipped_mb,
        )
    for member in book.infolist():
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
            budget -= _check_sheet_extent(book, member, name, limits, budget)


def _check_sheet_extent(
    book: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, limits: UploadLimits, budget: int
) -> int:
    """Scan one sheet's XML for its extent; returns the bytes inflated."""
    max_row = max_column = 0
    inflated, tail = 0, b""
    with book.open(member) as stream:
        while chunk := stream.read(CHUNK):
            inflated += len(chunk)
            if inflated > budget:
                raise DataError.coded(
                    "unzipped_too_large",
                    name=name,
                    size_mb=inflated // 1_000_000,
                    limit_mb=limits.max_unzipped_mb,
                )
            window = tail + chunk
            if not max_row:  # the declared dimension comes before the cells
                declared = DIMENSION.search(window)
                if declared and declared.group(3):
                    _check_extent(
                        int(declared.group(4) or 1), column_number(declared.group(3)), name, limits
                    )
            for column, row in CELL_REF.findall(window):
                max_row = max(max_row, int(row))
                max_column = max(max_column, column_number(column))
            tail = window[-OVERLAP:]
            # a reference found in the overlap is found twice: harmless for a maximum
    _check_extent(max_row, max_column, name, limits)
    return inflated


def column_number(letters: bytes) -> int:
    """``b"A"`` -> 1, ``b"Z"`` -> 26, ``b"AA"`` -> 27, ``b"XFD"`` -> 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _check_extent(n_rows: int, n_columns: int, name: str, limits: UploadLimits) -> None:
    if n_columns > limits.max_columns:
        raise DataError.coded(
            "sheet_too_wide", name=name, found=n_columns, limit=limits.max_columns
        )
    if n_rows * n_columns > limits.max_cells:
        raise DataError.coded(
            "sheet_too_large",
            name=name,
            rows=n_rows,
            columns=n_columns,
            cells=n_rows * n_columns,
            limit=limits.max_cells,
        )


# ----------------------------------------------------------------------------- Parquet
def check_parquet(data: bytes, name: str, limits: UploadLimits) -> None:
    """Refuse a Parquet file whose metadata declares more than ``max_columns`` columns or
    ``max_cells`` values (a small file can hold a hundred million dictionary-encoded rows)."""
    try:
        meta = pq.ParquetFile(pa.BufferReader(data)).metadata
    except (pa.ArrowException, OSError, UnicodeDecodeError):
        return  # unreadable: the reader says so with its own message
    if meta.num_columns > limits.max_columns:
        raise DataError.coded(
            "too_many_columns", name=name, found=meta.num_columns, limit=limits.max_columns
        )
    _check_cells(meta.num_rows, meta.num_columns, name, limits)


def _check_cells(n_rows: int, n_columns: int, name: str, limits: UploadLimits) -> None:
    if n_rows * n_columns > limits.max_cells:
        raise DataError.coded(
            "too_many_cells", name=name, rows=n_rows, columns=n_columns, limit=limits.max_cells
        )
