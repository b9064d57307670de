"""A reading in a child process gives its result, or a DataError, whatever the child does."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from models.core.errors import DataError
from models.data.isolation import ReadCancelled, run_isolated
from models.data.loading import read_raw
from models.data.upload_limits import UploadLimits
from tests.conftest import FIXTURES, ROOT
from tests.models.data import isolation_targets as targets

pytestmark = pytest.mark.isolated
BOUNDS = {"name": "test.csv", "memory_mb": 500, "seconds": 30}


def test_the_result_comes_back():
    assert run_isolated(targets.add, 2, 3, **BOUNDS) == 5


def test_a_data_error_comes_back_whole_with_its_code():
    with pytest.raises(DataError) as caught:
        run_isolated(targets.refuse, "x.csv", **BOUNDS)
    assert caught.value.code == "header_only" and caught.value.params == {"name": "x.csv"}
    assert "x.csv" in caught.value.text("fr")


def test_memory_past_the_limit_is_a_data_error():
    assert run_isolated(targets.allocate, 100, **BOUNDS) == 100 * 1024 * 1024
    with pytest.raises(DataError, match="more than the 500 MB") as caught:
        run_isolated(targets.allocate, 800, **BOUNDS)
    assert caught.value.code == "read_out_of_memory"


def test_an_aborting_reader_does_not_take_this_process_with_it():
    with pytest.raises(DataError) as caught:
        run_isolated(targets.abort, **BOUNDS)
    assert caught.value.code == "read_out_of_memory"  # SIGABRT: how Rust reports it
    assert run_isolated(targets.add, 1, 1, **BOUNDS) == 2  # and we are still here


def test_a_reading_past_its_deadline_is_stopped():
    started = time.monotonic()
    with pytest.raises(DataError, match="more than the 1 s") as caught:
        run_isolated(targets.sleep, 60, name="slow.csv", memory_mb=500, seconds=1)
    assert caught.value.code == "read_too_slow"
    assert time.monotonic() - started < 30  # killed, not waited for


def test_a_child_past_its_cpu_deadline_stops_itself(monkeypatch):
    """Should the waiting server die, the child still stops: its CPU-time limit is the
    deadline (here the parent's own deadline is pushed out of the way)."""
    import models.data.isolation as isolation

    real_monotonic = time.monotonic
    monkeypatch.setattr(isolation.time, "monotonic", lambda: real_monotonic() / 1e6)
    with pytest.raises(DataError) as caught:
        run_isolated(targets.spin, 30, name="spin.csv", memory_mb=500, seconds=1)
    assert caught.value.code == "read_too_slow"


def test_a_visitor_who_left_stops_the_reading():
    with pytest.raises(ReadCancelled):
        run_isolated(
            targets.sleep, 60, name="x.csv", memory_mb=500, seconds=60, should_stop=lambda: True
        )


def test_a_reader_bug_is_a_data_error_naming_it():
    with pytest.raises(DataError, match="RuntimeError: a reader bug") as caught:
        run_isolated(targets.fail, **BOUNDS)
    assert caught.value.code == "read_crashed"


@pytest.mark.parametrize(
    "path", [ROOT / "sample_data" / "orders.csv", FIXTURES / "french_export_cp1252.csv"]
)
def test_isolated_and_in_process_readings_agree(path):
    isolated = read_raw(path, limits=UploadLimits())
    direct = read_raw(path, limits=UploadLimits(isolate=False))
    pd.testing.assert_frame_equal(isolated.frame, direct.frame)
    assert (isolated.encoding, isolated.separator, isolated.header_row) == (
        direct.encoding,
        direct.separator,
        direct.header_row,
    )
