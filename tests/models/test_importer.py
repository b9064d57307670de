"""sample_tables: the demo company read once per version of its files, fresh copies out."""

import os
import shutil

import models.importer as importer
from models.importer import sample_tables


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
