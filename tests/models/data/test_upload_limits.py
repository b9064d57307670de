"""Declared sizes are checked before any reader allocates for them."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from models.core.errors import DataError
from models.data.loading import _clean_headers, read_raw
from models.data.upload_limits import (
    UploadLimits,
    check_parquet,
    check_text_header,
    check_zip_workbook,
    column_number,
)
from tests.conftest import named_file

SMALL = UploadLimits(max_cells=1_000, max_columns=20, max_unzipped_mb=1, isolate=False)


def sheet_xml(cells: list[str], dimension: str | None = None) -> bytes:
    """A worksheet holding one inline-string cell at each reference of ``cells``."""
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(
        f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">'
        f'<c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'
        for ref in cells
    )
    return (f"<worksheet>{declared}<sheetData>{body}</sheetData></worksheet>").encode()


def workbook(sheet: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def test_limits_come_from_the_environment():
    limits = UploadLimits.from_env(
        {"OBJECTIF_MAX_CELLS": "1e6", "OBJECTIF_PARSE_SECONDS": "2.5", "OBJECTIF_ISOLATE": "0"}
    )
    assert (limits.max_cells, limits.parse_seconds, limits.isolate) == (1_000_000, 2.5, False)
    assert limits.max_columns == UploadLimits().max_columns


@pytest.mark.parametrize(
    "variable, value",
    [("OBJECTIF_MAX_CELLS", "-1"), ("OBJECTIF_MAX_COLUMNS", "many"), ("OBJECTIF_ISOLATE", "yes")],
)
def test_a_mistyped_limit_is_refused_not_ignored(variable, value):
    with pytest.raises(ValueError, match=variable):
        UploadLimits.from_env({variable: value})


@pytest.mark.parametrize(
    "letters, number", [(b"A", 1), (b"Z", 26), (b"AA", 27), (b"AZ", 52), (b"XFD", 16_384)]
)
def test_column_letters_are_numbered_as_excel_does(letters, number):
    assert column_number(letters) == number


def test_a_text_header_wider_than_the_limit_is_refused():
    text = ",".join(f"c{i}" for i in range(21)) + "\n" + ",".join("1" * 21) + "\n"
    with pytest.raises(DataError, match="21 columns, more than the 20") as caught:
        check_text_header(text, 0, ",", "wide.csv", SMALL)
    assert caught.value.code == "too_many_columns"


def test_lines_times_columns_past_the_limit_are_refused():
    text = "a,b\n" + "1,2\n" * 600  # 601 lines of 2 columns: 1,202 cells
    with pytest.raises(DataError, match="more than the 1000 cells"):
        check_text_header(text, 0, ",", "long.csv", SMALL)
    check_text_header(text[: 4 * 400], 0, ",", "short.csv", SMALL)  # 800 cells: accepted


def test_the_header_is_counted_where_the_title_rows_end():
    text = (
        "Export du 27/11/2026\n\n"
        + ",".join("abcdefghijklmnopqrstuvw")
        + "\n"
        + ("1," * 22 + "1\n") * 3
    )
    with pytest.raises(DataError, match="23 columns"):
        read_raw(named_file(text, "titled.csv"), limits=SMALL)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_lines_are_counted_from_the_header_whatever_ends_them(newline):
    """The header is found after title rows and counted alone, and the lines after it, with
    Unix or Windows line ends. (Lone ``\r`` ends are refused earlier, by the separator
    sniffing, with "no separator found".)"""
    rows = ["Export du 27/11/2026", "", "date;amount"] + [
        f"2026-01-{d:02d};{d}" for d in range(1, 21)
    ]
    raw = read_raw(named_file(newline.join(rows) + newline, "lines.csv"), limits=SMALL)
    assert list(raw.frame.columns) == ["date", "amount"] and len(raw.frame) == 20
    with pytest.raises(DataError, match="more than the 30 cells"):
        read_raw(
            named_file(newline.join(rows) + newline, "lines.csv"),
            limits=UploadLimits(max_cells=30, isolate=False),
        )


def test_repeated_headers_are_numbered_in_one_pass():
    labels = _clean_headers(pd.Index(["a", "a", "", "a", "b", "a (2)"]))
    assert labels == ["a", "a (2)", "column 3", "a (3)", "b", "a (2) (2)"]
    many = _clean_headers(pd.Index(["x"] * 100_000))  # quadratic before: minutes
    assert len(set(many)) == 100_000 and many[-1] == "x (100000)"


def test_a_declared_used_range_past_the_limit_is_refused():
    data = workbook(sheet_xml(["A1", "B1"], dimension="A1:B5000"))
    with pytest.raises(DataError, match="5000 rows by 2 columns") as caught:
        check_zip_workbook(data, "book.xlsx", SMALL)
    assert caught.value.code == "sheet_too_large"


@pytest.mark.parametrize(
    "far_cell, code", [("XFD1", "sheet_too_wide"), ("B1048576", "sheet_too_large")]
)
def test_cell_references_past_the_limit_are_refused_whatever_the_dimension_says(far_cell, code):
    data = workbook(sheet_xml(["A1", "B1", far_cell], dimension="A1:B2"))
    with pytest.raises(DataError) as caught:
        check_zip_workbook(data, "book.xlsx", SMALL)
    assert caught.value.code == code


def test_a_workbook_within_the_limits_passes():
    check_zip_workbook(workbook(sheet_xml(["A1", "B1", "A2", "B2"], "A1:B2")), "ok.xlsx", SMALL)


def test_members_inflating_past_the_limit_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/sharedStrings.xml", b" " * 2_000_000)  # 2 MB from a few KB
    assert len(buffer.getvalue()) < 20_000
    with pytest.raises(DataError, match="more than the 1 MB") as caught:
        check_zip_workbook(buffer.getvalue(), "bomb.xlsx", SMALL)
    assert caught.value.code == "unzipped_too_large"


def test_parquet_rows_are_counted_from_the_metadata():
    buffer = io.BytesIO()
    pq.write_table(pa.table({"a": range(600), "b": range(600)}), buffer)
    with pytest.raises(DataError, match="600 rows of 2 columns"):
        check_parquet(buffer.getvalue(), "big.parquet", SMALL)
