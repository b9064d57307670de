"""Every hostile file of the "Hostile input" issue gives a DataError, read as the app reads
uploads: in a child process, here bounded to the issue's 10 s and 1 GB, so that a refusal
past either bound would show as ``read_too_slow`` or ``read_out_of_memory`` instead of the
limit that should have caught it first."""

from __future__ import annotations

import pytest

from models.core.errors import DataError
from models.data.loading import list_sheets, read_raw
from models.data.upload_limits import UploadLimits
from tests.conftest import named_file
from tests.fixtures import hostile_files as hostile

pytestmark = pytest.mark.isolated
ISSUE_BOUNDS = UploadLimits(parse_seconds=10, parse_memory_mb=1_000)


@pytest.mark.parametrize(
    "make, code",
    [
        (hostile.far_cell_workbook, "sheet_too_wide"),
        (hostile.wide_header_csv, "too_many_columns"),
        (hostile.comma_line_csv, "no_separator_in"),
        (hostile.dictionary_parquet, "too_many_cells"),
        (hostile.zip_bomb_workbook, "unzipped_too_large"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_a_hostile_file_is_refused_by_the_limit_made_for_it(make, code):
    name, data = make()
    with pytest.raises(DataError) as caught:
        read_raw(named_file(data, name), limits=ISSUE_BOUNDS)
    assert caught.value.code == code, str(caught.value)
    assert name in str(caught.value)


@pytest.mark.parametrize("make", [hostile.far_cell_workbook, hostile.zip_bomb_workbook])
def test_listing_the_sheets_of_a_hostile_workbook_is_refused_too(make):
    name, data = make()
    with pytest.raises(DataError):
        list_sheets(named_file(data, name), limits=ISSUE_BOUNDS)


def test_the_far_cell_workbook_past_every_declared_limit_still_spares_this_process():
    """With the declared-size checks lifted, the Excel reader aborts as it did in the
    server; here it aborts in its child, and the caller gets a message."""
    name, data = hostile.far_cell_workbook()
    lifted = UploadLimits(
        max_columns=100_000, max_cells=10**12, parse_seconds=10, parse_memory_mb=1_000
    )
    with pytest.raises(DataError) as caught:
        read_raw(named_file(data, name), limits=lifted)
    assert caught.value.code == "read_out_of_memory"


def test_a_line_of_commas_inside_a_table_is_skipped_and_reported():
    name, data = hostile.comma_line_after_header_csv()
    raw = read_raw(named_file(data, name), limits=ISSUE_BOUNDS)
    assert raw.frame["amount"].tolist() == ["10", "20"]
    assert raw.skipped_lines == (3,)
