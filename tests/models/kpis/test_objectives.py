import multiprocessing
import os
import signal
import time

import numpy as np
import pandas as pd
import pytest

from models import DataError
from models.kpis.objective_store import ObjectiveStore
from models.kpis.objectives import (
    attainment,
    copy_period,
    elapsed_share,
    fill_from_history,
    targets_for,
    validate_objectives,
)


def objectives(*rows):
    return pd.DataFrame(rows, columns=["period", "kpi", "target"])


def test_validation_normalises_periods_and_kpi_names():
    clean = validate_objectives(
        objectives(
            ("03/2026", "Revenue", "1000"), ("2026-Q2", "churn-rate", 0.03), ("2026", "NPS", 30)
        )
    )
    assert clean[["period", "kpi", "freq"]].values.tolist() == [
        ["2026-Q2", "churn_rate", "Q"],
        ["2026", "nps", "Y"],
        ["2026-03", "revenue", "M"],
    ]
    assert clean["target"].tolist() == [0.03, 30.0, 1000.0]


@pytest.mark.parametrize(
    "row, message",
    [
        (("2026-03", "orders", -5), "row 1: Orders target -5 is out of range"),
        (("2026-03", "churn_rate", 1.5), "rates are fractions"),
        (("2026-03", "happiness", 1), "unknown KPI 'happiness'"),
        (("March", "revenue", 10), "not a month, quarter or year"),
        (("2026-03", "revenue", "lots"), "not a number"),
        (("2026-03", "nps", 150), "between -100 and \\+100"),
    ],
)
def test_invalid_targets_are_refused_with_the_row(row, message):
    with pytest.raises(DataError, match=message):
        validate_objectives(objectives(row))


def test_more_objectives_than_can_be_checked_at_once_are_refused_before_any_row_is():
    from models.data.importer import load_table
    from models.data.objective_rules import MAX_OBJECTIVES
    from tests.conftest import named_file

    # every row bad: checked one by one, they would give 50,001 problems, not this refusal
    rows = "".join(f"2026-13,revenue,{i}\n" for i in range(MAX_OBJECTIVES + 1))
    with pytest.raises(DataError, match=f"{MAX_OBJECTIVES + 1} rows, more than the") as caught:
        load_table(named_file("period,kpi,target\n" + rows, "targets.csv"), "objectives")
    assert caught.value.code == "too_many_objectives"


def test_an_empty_set_of_objectives_is_valid_and_saves(tmp_path):
    """Saving after deleting every row of the grid: an empty set, with its columns."""
    from models.kpis.objectives import OBJECTIVE_COLUMNS

    clean = validate_objectives(objectives())
    assert clean.empty and list(clean.columns) == OBJECTIVE_COLUMNS
    store = ObjectiveStore(f"sqlite:///{tmp_path / 'o.sqlite'}")
    store.save("demo", objectives(("2026-03", "revenue", 1.0)))
    assert store.save("demo", objectives()) == 0 and store.load("demo").empty


def test_duplicates_are_refused():
    with pytest.raises(DataError, match="rows 1, 2 set the same objective twice"):
        validate_objectives(objectives(("2026-03", "revenue", 1), ("03/2026", "Revenue", 2)))


def test_store_round_trip_and_failed_save_keeps_what_was_saved(tmp_path):
    url = f"sqlite:///{tmp_path / 'o.sqlite'}"
    store = ObjectiveStore(url)
    assert store.load("demo").empty
    saved = objectives(("2026-03", "revenue", 1000.0), ("2026-Q2", "conversion_rate", 0.1))
    assert store.save("demo", saved) == 2
    with pytest.raises(DataError):
        store.save("demo", objectives(("2026-03", "revenue", -1)))
    store.dispose()
    reopened = ObjectiveStore(url)  # a restart
    loaded = reopened.load("demo")
    assert loaded[["period", "kpi", "target"]].values.tolist() == [
        ["2026-Q2", "conversion_rate", 0.1],
        ["2026-03", "revenue", 1000.0],
    ]
    assert reopened.load("other").empty and reopened.scopes() == ["demo"]


def _save_forever(url, phase, saves, seconds):
    """Save two sets of different sizes in turn, forever. ``phase`` is 1 while a save checks
    its rows and 2 once it talks to the database; ``saves`` counts the saves done and
    ``seconds`` is how long the database part of the last one took."""
    import sqlalchemy as sa

    talking = sa.engine.Connection.execute
    started = [0.0]

    def execute(self, *args, **kwargs):  # marks where the database part of a save starts
        if phase.value == 1:
            phase.value, started[0] = 2, time.perf_counter()
        return talking(self, *args, **kwargs)

    sa.engine.Connection.execute = execute
    store = ObjectiveStore(url)
    sets = [
        objectives(
            *[
                (f"20{y:02d}-{m:02d}", "revenue", y * 100 + m)
                for y in range(10, 10 + years)
                for m in range(1, 13)
            ]
        )
        for years in (30, 15)
    ]  # 360 and 180 rows
    while True:
        for frame in sets:
            phase.value = 1
            store.save("demo", frame)
            phase.value = 0
            seconds.value = time.perf_counter() - started[0]
            saves.value += 1


ROUNDS = 10


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_a_crash_in_the_middle_of_a_save_leaves_a_complete_set(tmp_path, round_):
    """The writer is killed while a save writes, a little further into it each round: what is
    read is one whole set (360 or 180 rows), never a half-written one. (A save in two
    transactions, delete then insert, fails this: checked by hand.)"""
    url = f"sqlite:///{tmp_path / 'o.sqlite'}"
    ObjectiveStore(url).save("demo", objectives(("2026-03", "revenue", 1.0)))
    context = multiprocessing.get_context("spawn")
    phase, saves = context.Value("i", 0, lock=False), context.Value("i", 0, lock=False)
    seconds = context.Value("d", 0.0, lock=False)
    writer = context.Process(target=_save_forever, args=(url, phase, saves, seconds))
    writer.start()
    deadline = time.monotonic() + 60
    while not (saves.value >= 3 and phase.value == 2):  # a save writes, after some landed
        assert time.monotonic() < deadline and writer.is_alive(), "the writer never saved"
        time.sleep(0.0002)
    time.sleep(seconds.value * (round_ + 0.5) / ROUNDS)  # this far into its database part
    os.kill(writer.pid, signal.SIGKILL)
    writer.join()
    assert len(ObjectiveStore(url).load("demo")) in (360, 180)


def test_targets_roll_up_from_months():
    clean = validate_objectives(
        objectives(
            ("2026-01", "revenue", 10),
            ("2026-02", "revenue", 20),
            ("2026-03", "revenue", 30),
            ("2026-01", "churn_rate", 0.02),
            ("2026-02", "churn_rate", 0.04),
            ("2026-03", "churn_rate", 0.03),
            ("2026-04", "revenue", 5),
        )
    )
    quarterly = targets_for(clean, "Q").set_index(["period_start", "kpi"])["target"]
    assert quarterly[(pd.Timestamp("2026-01-01"), "revenue")] == 60
    assert quarterly[(pd.Timestamp("2026-01-01"), "churn_rate")] == pytest.approx(0.03)
    assert (pd.Timestamp("2026-04-01"), "revenue") not in quarterly.index  # Q2 incomplete


def test_attainment_direction_and_pace():
    kpis = pd.DataFrame(
        {"revenue": [100.0, 50.0], "churn_rate": [0.02, 0.05]},
        index=pd.DatetimeIndex(["2026-01-01", "2026-02-01"], name="period"),
    )
    clean = validate_objectives(
        objectives(
            ("2026-01", "revenue", 80),
            ("2026-01", "churn_rate", 0.03),
            ("2026-02", "revenue", 200),
            ("2026-02", "churn_rate", 0.03),
        )
    )
    result = attainment(kpis, clean, "M", as_of=pd.Timestamp("2026-02-14"))
    result = result.set_index(["period", "kpi"])
    assert result.loc[("2026-01", "revenue"), "attainment"] == 1.25
    assert bool(result.loc[("2026-01", "revenue"), "met"])
    assert bool(result.loc[("2026-01", "churn_rate"), "met"])  # lower is better
    assert result.loc[("2026-01", "churn_rate"), "attainment"] == pytest.approx(1.5)
    assert not bool(result.loc[("2026-02", "churn_rate"), "met"])
    # 50 after 14 of 28 days: run-rate 100, i.e. 50% of the 200 objective
    assert result.loc[("2026-02", "revenue"), "projected"] == pytest.approx(100)
    assert result.loc[("2026-02", "revenue"), "projected_attainment"] == pytest.approx(0.5)
    assert np.isnan(result.loc[("2026-01", "revenue"), "projected"])  # a finished month


def test_elapsed_share():
    starts = pd.Series(pd.to_datetime(["2026-01-01", "2026-02-01", "2026-03-01"]))
    assert elapsed_share(starts, "M", pd.Timestamp("2026-02-14")).tolist() == [1.0, 0.5, 0.0]


def test_bulk_fills():
    kpis = pd.DataFrame(
        {"revenue": [100.0, 200.0]},
        index=pd.DatetimeIndex(["2025-01-01", "2025-02-01"], name="period"),
    )
    filled = fill_from_history(kpis, "revenue", ["2026-01", "2026-02", "2026-03"], 0.05)
    assert filled.values.tolist() == [["2026-01", "revenue", 105.0], ["2026-02", "revenue", 210.0]]
    clean = validate_objectives(objectives(("2026-01", "revenue", 10), ("2026-01", "nps", 30)))
    copied = copy_period(clean, "2026-01", ["2026-02", "2026-03"])
    assert copied[["period", "kpi"]].values.tolist() == [
        ["2026-02", "nps"],
        ["2026-02", "revenue"],
        ["2026-03", "nps"],
        ["2026-03", "revenue"],
    ]


def test_objective_problems_are_listed_row_by_row_in_either_language():
    frame = pd.DataFrame(
        {"period": ["2026-03", "mars"], "kpi": ["revenue", "churn_rate"], "target": [-5, 0.02]}
    )
    with pytest.raises(DataError) as caught:
        validate_objectives(frame)
    assert str(caught.value) == (
        "objectives not saved: row 1: Revenue target -5 is out of range: it cannot be "
        "negative; row 2: period 'mars' is not a month, quarter or year (write 2026-03, "
        "2026-Q1 or 2026). Nothing already saved was changed."
    )
    assert caught.value.text("fr") == (
        "objectifs non enregistrés : ligne 1 : la cible -5 de Chiffre d'affaires est hors limites : il "
        "ne peut pas être négatif ; ligne 2 : la période « mars » n'est ni un mois, ni un "
        "trimestre, ni une année (écrivez 2026-03, 2026-Q1 ou 2026). Rien de ce qui était "
        "déjà enregistré n'a changé."
    )
