"""What the What-if page reports: goal-seek levels, comparisons, share links."""

import pytest

from models.scenarios.report import (
    changes_from_query,
    changes_to_query,
    compare_scenarios,
    driver_ranges,
    goal_seek_table,
)
from tests.models.scenarios.factories import small_tree


def test_share_links_round_trip():
    changes = {"leads": 0.1, "churn_rate": -0.2, "average_basket": 0.0}
    query = changes_to_query(changes)
    assert query == {"leads": "10", "churn_rate": "-20"}
    assert changes_from_query({**query, "lang": "fr"}) == ({"leads": 0.1, "churn_rate": -0.2}, [])


def test_unreadable_share_links_are_reported_not_applied():
    changes, problems = changes_from_query(
        {"leads": "ten", "churn_rate": "-150", "average_basket": ["5", "7,5"]}
    )
    assert changes == {"average_basket": 0.075}
    assert problems == [
        "leads='ten' is not a number",
        "churn_rate='-150' must be a percent of at least -100",
    ]


def test_goal_seek_table_gives_levels_and_flags_stretches():
    tree = small_tree()
    tree.history["leads"] = 40.0 + tree.history.index.month  # past best: 52 leads a month
    tree.history["conversion_rate"] = 0.5
    seek = goal_seek_table(tree, 6100 + 6150 + 6195)  # +10 % leads, by hand
    assert seek.at["leads", "change"] == pytest.approx(0.10)
    assert seek.at["leads", "baseline"] == pytest.approx(50)
    assert seek.at["leads", "required"] == pytest.approx(55)
    assert seek.at["leads", "historical_best"] == 52
    assert bool(seek.at["leads", "stretch"]) is True
    assert bool(seek.at["conversion_rate", "stretch"]) is False  # 22 % < 50 % known
    assert seek.loc["orders_per_customer", "note"] == ""


def test_ranges_come_from_final_history_only():
    tree = small_tree()
    tree.history["churn_rate"] = [0.05, float("nan")] * 12
    ranges = driver_ranges(tree)
    assert ranges.at["churn_rate", "low"] == ranges.at["churn_rate", "high"] == 0.05
    assert ranges.at["churn_rate", "baseline"] == pytest.approx(0.1)


def test_comparison_puts_the_baseline_first():
    tree = small_tree()
    table = compare_scenarios(tree, {"More leads": {"leads": 0.1}}, target=18300)
    assert table["scenario"].tolist() == ["Baseline", "More leads"]
    assert table["revenue"].tolist() == pytest.approx([18000, 18445])
    assert table["gap"].tolist() == pytest.approx([-300, 145])
    # a constant history has no spread: the odds are 0 or 1
    assert table["probability"].tolist() == [0.0, 1.0]


def test_changes_beyond_a_slider_are_brought_to_its_end_and_reported():
    from models.scenarios.report import fit_to_sliders

    changes, _ = changes_from_query(
        {"leads": "101", "orders_per_customer": "-31", "average_basket": "51", "churn_rate": "-20"}
    )
    fitted, clamped = fit_to_sliders(changes)
    assert fitted == pytest.approx(
        {"leads": 1.0, "orders_per_customer": -0.3, "average_basket": 0.5, "churn_rate": -0.2}
    )
    assert [(c["driver"], c["asked"], c["value"]) for c in clamped] == [
        ("leads", 101, 100),
        ("orders_per_customer", -31, -30),
        ("average_basket", 51, 50),
    ]
    assert fit_to_sliders({"orders_per_customer": 0.3}) == ({"orders_per_customer": 0.3}, [])
    assert changes_from_query({"leads": "nan", "churn_rate": "inf"}) == (
        {},
        ["leads='nan' is not a finite number", "churn_rate='inf' is not a finite number"],
    )


def test_a_share_link_names_its_data_set():
    from models.scenarios.report import link_matches_data

    scope = "data:" + "3fa9c0d2e1b4" + "0" * 52
    query = changes_to_query({"leads": 0.1}, scope)
    assert query == {"data": "3fa9c0d2e1b4", "leads": "10"}
    assert changes_from_query(query) == ({"leads": 0.1}, [])  # "data" is not a driver
    assert link_matches_data(query, scope) is True
    assert link_matches_data(query, "data:" + "f" * 64) is False  # other files loaded
    assert link_matches_data(query, "demo") is False
    assert link_matches_data({"leads": "10"}, scope) is None  # an older link names none
    assert link_matches_data({"data": ["x", "DEMO"]}, "demo") is True
    assert changes_to_query({"leads": 0.1}, "demo") == {"data": "demo", "leads": "10"}
