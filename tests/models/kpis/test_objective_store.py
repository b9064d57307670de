"""Saved what-if scenarios: round trip, overwrite, delete, survive a restart, refuse bad names."""

import pytest

from models.kpis.objective_store import ObjectiveStore


def test_scenarios_survive_a_restart_and_stay_in_their_scope(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = ObjectiveStore(url)
    store.save_scenario("demo", "  More leads ", {"leads": 0.1}, 12)
    store.save_scenario("demo", "Fewer lapses", {"churn_rate": -0.2, "leads": 0.05}, 18)
    store.save_scenario("own", "Other team", {"average_basket": 0.1}, 12)
    store.dispose()

    reopened = ObjectiveStore(url)
    assert reopened.load_scenarios("demo") == {
        "Fewer lapses": {"changes": {"churn_rate": -0.2, "leads": 0.05}, "horizon": 18},
        "More leads": {"changes": {"leads": 0.1}, "horizon": 12},
    }
    reopened.save_scenario("demo", "More leads", {"leads": 0.2}, 12)  # same name: overwrite
    reopened.delete_scenario("demo", "Fewer lapses")
    assert reopened.load_scenarios("demo") == {
        "More leads": {"changes": {"leads": 0.2}, "horizon": 12}
    }
    assert list(reopened.load_scenarios("own")) == ["Other team"]
    reopened.dispose()


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_a_scenario_needs_a_sensible_name(tmp_path, name):
    store = ObjectiveStore(f"sqlite:///{tmp_path / 'store.sqlite'}")
    with pytest.raises(ValueError, match="needs a name"):
        store.save_scenario("demo", name, {"leads": 0.1}, 12)
    assert store.load_scenarios("demo") == {}


def test_names_are_data_not_sql(tmp_path):
    store = ObjectiveStore(f"sqlite:///{tmp_path / 'store.sqlite'}")
    name = "x'); DROP TABLE scenarios; --"
    store.save_scenario("demo", name, {"leads": 0.1}, 12)
    assert list(store.load_scenarios("demo")) == [name]


def _save_many(url: str, who: str, n: int) -> None:
    store = ObjectiveStore(url)
    for i in range(n):
        store.save_scenario("demo", f"{who} {i}", {"leads": i / 100}, 12)
    store.dispose()


def test_concurrent_saves_from_two_sessions_both_land(tmp_path):
    import multiprocessing

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"  # new: both writers create the tables
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_save_many, args=(url, who, 40)) for who in ("Ana", "Bo")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [w.exitcode for w in writers] == [0, 0]
    saved = ObjectiveStore(url).load_scenarios("demo")
    assert len(saved) == 80
    assert saved["Bo 39"] == {"changes": {"leads": 0.39}, "horizon": 12}


# --- everything read is checked again; database trouble is one StoreError ---------------------
import shutil  # noqa: E402
import sqlite3  # noqa: E402
import time  # noqa: E402

import pandas as pd  # noqa: E402

from models import DataError  # noqa: E402
from models.kpis.objective_store import StoreError  # noqa: E402
from models.kpis.objectives import CEILINGS  # noqa: E402

GOOD = pd.DataFrame({"period": ["2026-01"], "kpi": ["revenue"], "target": [5000.0]})


def _insert(path, *rows, table="objectives"):
    """Rows written behind the app's back (an older version, a hand edit)."""
    with sqlite3.connect(path) as conn:
        marks = ",".join("?" * (len(rows[0]) + 1))
        conn.executemany(
            f"INSERT INTO {table} VALUES ({marks})", [(*row, "2026-01-01 00:00:00") for row in rows]
        )


def test_a_bad_stored_row_is_skipped_and_named_not_raised(tmp_path):
    path = tmp_path / "store.sqlite"
    store = ObjectiveStore(f"sqlite:///{path}")
    store.save("own:abc", GOOD)
    _insert(
        path,
        ("own:abc", "revenue", "2026-02", "", 1e30),
        ("own:abc", "orders", "2026-02", "", -3.0),
        ("own:abc", "orders", "2026-03", "", "abc"),
        ("own:abc", "orders", "2026-04", "", float("inf")),
        ("own:abc", "happiness", "2026-05", "", 3.0),
        ("own:abc", "revenue", "2027-13", "", 3.0),
    )
    read = store.read("own:abc")
    kept = read.value[["period", "kpi", "target"]].values.tolist()
    assert kept == [["2026-01", "revenue", 5000.0]]
    said = " | ".join(read.skipped)
    assert len(read.skipped) == 6, said
    for expected in (
        "(2026-02, revenue): Revenue target 1e+30 is out of range: it must be at "
        "most 1,000,000,000,000",
        "(2026-02, orders): Orders target -3 is out of range: it cannot be negative",
        "target 'abc' is not a number",
        "target 'inf' is not a number",
        "unknown KPI 'happiness'",
        "period '2027-13' is not a month",
    ):
        assert expected in said
    assert store.load("own:abc").equals(read.value)


@pytest.mark.parametrize(
    "kpi, target, why",
    [
        ("revenue", CEILINGS["currency"] * 1.01, "at most 1,000,000,000,000"),
        ("revenue", 1e30, "at most"),
        ("orders", 2e9, "at most 1,000,000,000"),
        ("median_days_to_convert", 4000, "at most 3,650"),
        ("revenue_growth", 150, "between -1 and 100"),
        ("revenue_growth", -2, "between -1 and 100"),
        ("average_rating", 101, "at most 100"),
    ],
)
def test_saving_refuses_what_reading_would_skip(tmp_path, kpi, target, why):
    store = ObjectiveStore(f"sqlite:///{tmp_path / 'store.sqlite'}")
    with pytest.raises(DataError, match=why):
        store.save("demo", pd.DataFrame({"period": ["2026-01"], "kpi": [kpi], "target": [target]}))
    assert store.load("demo").empty


def test_bad_stored_scenarios_are_skipped_and_named(tmp_path):
    path = tmp_path / "store.sqlite"
    store = ObjectiveStore(f"sqlite:///{path}")
    store.save_scenario("s", "Fine", {"leads": 0.1}, 12)
    _insert(
        path,
        ("s", "Huge", '{"leads": 1e30}', 12),
        ("s", "Garbled", "not json", 12),
        ("s", "Odd horizon", '{"leads": 0.1}', "x"),
        ("s", "List", "[1, 2]", 12),
        ("s", "Not a number", '{"leads": "lots"}', 12),
        table="scenarios",
    )
    read = store.read_scenarios("s")
    assert read.value == {"Fine": {"changes": {"leads": 0.1}, "horizon": 12}}
    assert sorted(p.params["name"] for p in read.skipped) == [
        "Garbled",
        "Huge",
        "List",
        "Not a number",
        "Odd horizon",
    ]
    assert "saved scenario 'Garbled' (its changes are not JSON)" in read.skipped


@pytest.mark.parametrize(
    "changes, horizon",
    [
        ({"leads": float("nan")}, 12),
        ({"leads": 1e30}, 12),
        ({"leads": -1.5}, 12),
        ({"leads": 0.1}, 0),
        ({"leads": 0.1}, 1000),
    ],
)
def test_saving_a_scenario_refuses_what_reading_would_skip(tmp_path, changes, horizon):
    store = ObjectiveStore(f"sqlite:///{tmp_path / 'store.sqlite'}")
    with pytest.raises(ValueError, match="must be"):
        store.save_scenario("s", "x", changes, horizon)
    assert store.load_scenarios("s") == {}


def test_a_locked_database_gives_a_store_error_soon_and_loses_nothing(tmp_path):
    path = tmp_path / "store.sqlite"
    store = ObjectiveStore(f"sqlite:///{path}")
    store.save("own:abc", GOOD)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process holds the file
    try:
        started = time.perf_counter()
        with pytest.raises(StoreError, match="busy: another program is writing") as caught:
            store.save("own:abc", GOOD.assign(target=1.0))
        assert time.perf_counter() - started < 4.5  # Python's sqlite3 waits 5 s
        assert "INSERT" not in str(caught.value) and "DELETE" not in str(caught.value)
        assert caught.value.text("fr").startswith(
            "La base des objectifs (store.sqlite) est occupée"
        )
        with pytest.raises(StoreError, match="busy"):
            store.save_scenario("own:abc", "x", {"leads": 0.1}, 12)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.load("own:abc")["target"].tolist() == [5000.0]  # the earlier save is whole
    store.save("own:abc", GOOD.assign(target=1.0))  # and works once the lock is gone
    assert store.load("own:abc")["target"].tolist() == [1.0]


def test_a_read_only_database_reads_and_refuses_saves_with_a_store_error(tmp_path):
    """Read-only through SQLite's own ``mode=ro`` URI: ``chmod 0444`` would not stop root,
    which these tests may run as."""
    path = tmp_path / "store.sqlite"
    writable = ObjectiveStore(f"sqlite:///{path}")
    writable.save("own:abc", GOOD)
    writable.save_scenario("own:abc", "More leads", {"leads": 0.1}, 12)
    writable.dispose()
    copy = tmp_path / "copy.sqlite"
    shutil.copy(path, copy)
    store = ObjectiveStore(f"sqlite:///file:{copy}?mode=ro&uri=true")
    assert store.load("own:abc")["target"].tolist() == [5000.0]
    assert list(store.load_scenarios("own:abc")) == ["More leads"]
    with pytest.raises(StoreError, match="read-only") as caught:
        store.save("own:abc", GOOD.assign(target=1.0))
    assert "PRAGMA" not in str(caught.value) and "SQL" not in str(caught.value)
    with pytest.raises(StoreError, match="read-only"):
        store.delete_scenario("own:abc", "More leads")
    assert store.load("own:abc")["target"].tolist() == [5000.0]


def test_an_empty_read_only_database_reads_as_no_objectives(tmp_path):
    path = tmp_path / "empty.sqlite"
    sqlite3.connect(path).close()  # a file without the tables
    store = ObjectiveStore(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert store.load("demo").empty and store.load_scenarios("demo") == {}


def test_an_unreachable_or_unusable_database_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="cannot be reached"):
        ObjectiveStore(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.sqlite'}").load("demo")
    with pytest.raises(StoreError, match="not a database address"):
        ObjectiveStore("nonsense://somewhere")


def test_a_full_disk_is_a_store_error_that_keeps_what_was_saved(tmp_path):
    path = tmp_path / "store.sqlite"
    store = ObjectiveStore(f"sqlite:///{path}")
    store.save("own:abc", GOOD)
    with sqlite3.connect(path) as conn:  # SQLite's own way to fill its "disk": a page limit
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    store._engine.dispose()
    from sqlalchemy import event

    event.listen(
        store._engine, "connect", lambda dbapi, _: dbapi.execute(f"PRAGMA max_page_count = {pages}")
    )
    months = [f"20{y:02d}-{m:02d}" for y in range(10, 99) for m in range(1, 13)]
    big = pd.DataFrame({"period": months, "kpi": "revenue", "target": 1.0})
    with pytest.raises(StoreError, match="disk is full"):
        store.save("own:abc", big)
    assert store.load("own:abc")["target"].tolist() == [5000.0]


def test_an_uploads_scope_is_its_orders_files_digest():
    from models.kpis.objective_store import data_scope

    assert data_scope({"orders": "ab12", "leads": "cd34"}) == "data:ab12"
    assert data_scope({"orders": "ab12", "objectives": "ff"}) == "data:ab12"  # same data set
    leads_only = data_scope({"leads": "cd34"})
    assert leads_only.startswith("data:") and leads_only != data_scope({"leads": "cd35"})
    assert data_scope({"leads": "cd34", "objectives": "ff"}) == leads_only


def test_a_visitors_memory_copy_checks_like_the_database_and_shares_nothing():
    from models.kpis.objective_store import MemoryStore

    mine, theirs = MemoryStore(), MemoryStore()
    assert mine.save("demo", GOOD) == 1
    mine.save_scenario("demo", " Mine ", {"leads": 0.1}, 12)
    assert mine.load("demo")["target"].tolist() == [5000.0]
    assert mine.load_scenarios("demo") == {"Mine": {"changes": {"leads": 0.1}, "horizon": 12}}
    assert theirs.load("demo").empty and theirs.load_scenarios("demo") == {}
    with pytest.raises(DataError, match="at most"):
        mine.save("demo", GOOD.assign(target=1e30))
    with pytest.raises(ValueError, match="must be"):
        mine.save_scenario("demo", "Huge", {"leads": 1e30}, 12)
    assert mine.load("demo")["target"].tolist() == [5000.0]
    mine.delete_scenario("demo", "Mine")
    assert mine.load_scenarios("demo") == {}


def test_a_database_locked_at_first_contact_is_used_once_free(tmp_path):
    path = tmp_path / "fresh.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")  # readable while held: creating tables fails
    holder.execute("BEGIN EXCLUSIVE")  # held before the app ever opened it
    store = ObjectiveStore(f"sqlite:///{path}")
    with pytest.raises(StoreError, match="busy"):
        store.load("own:abc")
    holder.execute("ROLLBACK")
    holder.close()
    assert store.save("own:abc", GOOD) == 1  # not stuck without its tables
    assert store.load("own:abc")["target"].tolist() == [5000.0]


def test_link_id_is_the_start_of_the_scope_digest():
    from models.kpis.objective_store import link_id

    assert link_id("data:" + "ab" * 32) == "abababababab"
    assert link_id("demo") == "demo"
