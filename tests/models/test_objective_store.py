"""Saved what-if scenarios: round trip, overwrite, delete, survive a restart, refuse bad names."""

import pytest

from models.objective_store import ObjectiveStore


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
        "More leads": {"changes": {"leads": 0.1}, "horizon": 12}}
    reopened.save_scenario("demo", "More leads", {"leads": 0.2}, 12)  # same name: overwrite
    reopened.delete_scenario("demo", "Fewer lapses")
    assert reopened.load_scenarios("demo") == {"More leads": {"changes": {"leads": 0.2},
                                                              "horizon": 12}}
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

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    ObjectiveStore(url).dispose()  # create the tables once, as the app does at start
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
