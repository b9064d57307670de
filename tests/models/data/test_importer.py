"""sample_tables: the demo company read once per version of its files, fresh copies out,
from the snapshots of its CSVs as imported while they are current."""

import hashlib
import os
import shutil

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import models.data.importer as importer
from models.data.importer import load_table, sample_tables
from models.data.schema import KINDS


def test_each_call_gets_its_own_copy():
    first = sample_tables()
    first["orders"].loc[:, "amount"] = -1.0
    del first["leads"]
    again = sample_tables()
    assert (again["orders"]["amount"] > -1).any() and "leads" in again


def test_the_files_are_read_again_when_they_change(tmp_path, monkeypatch):
    shutil.copy(importer.SAMPLE_DIR / "orders.csv", tmp_path / "orders.csv")
    monkeypatch.setattr(importer, "SAMPLE_DIR", tmp_path)
    before = sample_tables()
    assert set(before) == {"orders"}

    lines = (tmp_path / "orders.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "orders.csv").write_text("".join(lines[:11]), encoding="utf-8")
    stamp = os.stat(tmp_path / "orders.csv").st_mtime_ns + 10**9  # a later version
    os.utime(tmp_path / "orders.csv", ns=(stamp, stamp))
    assert len(sample_tables()["orders"]) == 10 < len(before["orders"])


# --------------------------------------------------------------------------- snapshots
def test_the_committed_snapshots_are_the_csvs_as_imported():
    for kind in KINDS:
        csv_path = importer.SAMPLE_DIR / f"{kind}.csv"
        snapshot = importer.snapshot_path(csv_path)
        source = pq.read_schema(snapshot).metadata[importer.SNAPSHOT_SOURCE_KEY].decode()
        assert source == hashlib.sha256(csv_path.read_bytes()).hexdigest(), (
            f"{snapshot} was written from another {kind}.csv: run `make sample-data`"
        )
        pd.testing.assert_frame_equal(
            pd.read_parquet(snapshot),
            load_table(csv_path, kind),
            check_exact=True,
            obj=f"{snapshot} (run `make sample-data`)",
        )


def _with_doctored_snapshot(folder):
    """orders.csv and its snapshot in ``folder``, every amount of the snapshot set to 123."""
    shutil.copy(importer.SAMPLE_DIR / "orders.csv", folder / "orders.csv")
    (snapshot,) = importer.write_sample_snapshots(folder)
    table = pq.read_table(snapshot)
    doctored = pa.Table.from_pandas(table.to_pandas().assign(amount=123.0))
    pq.write_table(doctored.replace_schema_metadata(table.schema.metadata), snapshot)
    return snapshot


def test_the_snapshot_is_read_while_its_csv_is_unchanged(tmp_path, monkeypatch):
    _with_doctored_snapshot(tmp_path)
    monkeypatch.setattr(importer, "SAMPLE_DIR", tmp_path)
    assert (sample_tables()["orders"]["amount"] == 123.0).all()


def test_an_edited_csv_is_imported_again_not_read_from_its_snapshot(tmp_path, monkeypatch):
    _with_doctored_snapshot(tmp_path)
    monkeypatch.setattr(importer, "SAMPLE_DIR", tmp_path)
    lines = (tmp_path / "orders.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "orders.csv").write_text("".join(lines[:11]), encoding="utf-8")
    orders = sample_tables()["orders"]
    assert len(orders) == 10 and (orders["amount"] != 123.0).all()


def test_an_unreadable_snapshot_is_ignored(tmp_path, monkeypatch):
    snapshot = _with_doctored_snapshot(tmp_path)
    snapshot.write_bytes(b"PAR1 not a parquet file")
    monkeypatch.setattr(importer, "SAMPLE_DIR", tmp_path)
    pd.testing.assert_frame_equal(
        sample_tables()["orders"], load_table(tmp_path / "orders.csv", "orders")
    )
