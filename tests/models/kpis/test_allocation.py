"""Top-down allocation to the cent, locks, the groups' check and the bottom-up roll-up."""

import numpy as np
import pandas as pd
import pytest

from models import DataError
from models.kpis.allocation import (
    allocate,
    check_groups,
    group_shares,
    roll_up,
    seasonal_weights,
    spread,
)
from models.kpis.objectives import validate_objectives

Q1 = pd.date_range("2018-01-01", periods=3, freq="MS")


def _cents(values) -> int:
    return int(np.round(np.asarray(values, dtype=float) * 100).sum())


@pytest.mark.parametrize(
    "total, weights, expected",
    [
        (100.0, [1, 1, 1], [33.34, 33.33, 33.33]),  # 10,000 cents / 3: the first gets the cent
        (1000.0, [1, 2, 3, 4], [100.0, 200.0, 300.0, 400.0]),
        (10.0, [1] * 7, [1.43] * 6 + [1.42]),  # 1,000 / 7 = 142.857: six cents go to the first six
        (0.05, [1, 1, 1, 1], [0.02, 0.01, 0.01, 0.01]),
        (90.0, [0, 0, 0], [30.0, 30.0, 30.0]),  # no weight at all: evenly
        (1.0, [0.5, np.nan, 0.5], [0.5, 0.0, 0.5]),  # NaN weighs nothing
    ],
)
def test_spread_by_hand(total, weights, expected):
    cells = spread(total, pd.Series(weights, index=list("abcdefg")[: len(weights)]))
    assert cells.tolist() == pytest.approx(expected)
    assert _cents(cells) == round(total * 100)


def test_locked_cells_are_kept_and_the_rest_respread():
    weights = pd.Series([1, 2, 3, 4], index=list("abcd"), dtype=float)
    cells = spread(1000.0, weights, locked=pd.Series({"b": 500.0}))
    # 500 left for a, c, d in the ratio 1 : 3 : 4
    assert cells.tolist() == [62.5, 500.0, 187.5, 250.0]


def test_impossible_locks_and_negative_totals_are_refused():
    weights = pd.Series([1.0, 1.0], index=["a", "b"])
    with pytest.raises(DataError, match="locked cells add up to 1,200.00"):
        spread(1000.0, weights, locked=pd.Series({"a": 1200.0}))
    with pytest.raises(DataError, match="locked"):  # all locked, short of the total
        spread(1000.0, weights, locked=pd.Series({"a": 100.0, "b": 100.0}))
    with pytest.raises(DataError, match="negative"):
        spread(-5.0, weights)
    assert spread(200.0, weights, locked=pd.Series({"a": 100.0, "b": 100.0})).tolist() == [100, 100]


def test_seasonal_weights_are_last_years_months():
    history = pd.Series([100.0, 200.0, 300.0], index=Q1 - pd.DateOffset(years=1))
    assert seasonal_weights(history, Q1).tolist() == [100.0, 200.0, 300.0]
    # February unknown a year ago: the mean of the months known
    assert seasonal_weights(history.drop(history.index[1]), Q1).tolist() == [100, 200, 300]
    with pytest.raises(DataError, match="nothing was recorded from 2020-01 to 2020-03"):
        seasonal_weights(history, Q1 + pd.DateOffset(years=3))


def test_group_shares_are_last_years():
    index = pd.MultiIndex.from_product([Q1 - pd.DateOffset(years=1), ["East", "West"]])
    by_group = pd.Series([10.0, 30.0, 20.0, 60.0, 20.0, 60.0], index=index)
    assert group_shares(by_group, Q1).to_dict() == {"East": 0.25, "West": 0.75}


def test_allocation_by_seasonality_and_share_by_hand():
    months = pd.Series([100.0, 200.0, 300.0], index=Q1)  # last year's seasonality
    frame = allocate(1200.0, months, pd.Series({"East": 0.25, "West": 0.75}))
    totals = frame[frame["group"].isna()]
    assert totals["period"].tolist() == ["2018-01", "2018-02", "2018-03"]
    assert totals["target"].tolist() == [200.0, 400.0, 600.0]
    cells = frame[frame["group"].notna()].set_index(["period", "group"])["target"]
    assert cells.to_dict() == {
        ("2018-01", "East"): 50.0,
        ("2018-01", "West"): 150.0,
        ("2018-02", "East"): 100.0,
        ("2018-02", "West"): 300.0,
        ("2018-03", "East"): 150.0,
        ("2018-03", "West"): 450.0,
    }
    assert not frame["locked"].any()


def test_allocation_keeps_locked_months_and_cells():
    months = pd.Series([100.0, 200.0, 300.0], index=Q1)
    locked = pd.DataFrame(
        {"period": ["2018-01-01", "2018-02-01"], "group": [None, "West"], "target": [300.0, 350.0]}
    )
    frame = allocate(1200.0, months, pd.Series({"East": 0.25, "West": 0.75}), locked=locked)
    totals = frame[frame["group"].isna()]["target"].tolist()
    assert totals == [300.0, 360.0, 540.0]  # 900 left for Feb and Mar, 2 : 3
    february = frame[(frame["period"] == "2018-02") & frame["group"].notna()]
    assert february["target"].tolist() == [10.0, 350.0]  # East gets what West leaves
    assert frame["locked"].sum() == 2


def test_a_year_plus_fifteen_percent_adds_up_to_the_cent():
    # Superstore-like: last year's 12 months x 4 regions, a total with odd cents
    rng = np.random.default_rng(7)
    months = pd.date_range("2018-01-01", periods=12, freq="MS")
    regions = ["Central", "East", "South", "West"]
    history = pd.Series(
        rng.uniform(20_000, 120_000, 12).round(2), index=months - pd.DateOffset(years=1)
    )
    total = round(history.sum() * 1.15, 2)
    shares = pd.DataFrame(rng.uniform(0.1, 1, (12, 4)), index=months, columns=regions)
    frame = allocate(total, seasonal_weights(history, months), shares)
    totals = frame[frame["group"].isna()]
    assert _cents(totals["target"]) == round(total * 100)
    for period, cells in frame[frame["group"].notna()].groupby("period"):
        assert _cents(cells["target"]) == _cents(totals.loc[totals["period"] == period, "target"])
    objectives = validate_objectives(frame[["period", "kpi", "group", "target"]])
    assert check_groups(objectives)["adds_up"].all()


def _objectives(rows):
    return validate_objectives(pd.DataFrame(rows, columns=["period", "kpi", "group", "target"]))


def test_check_groups_says_the_difference():
    objectives = _objectives(
        [
            ("2018-01", "revenue", None, 57160.0),
            ("2018-01", "revenue", "East", 20000.0),
            ("2018-01", "revenue", "West", 30559.0),
            ("2018-02", "revenue", None, 100.0),
            ("2018-02", "revenue", "East", 40.0),
            ("2018-02", "revenue", "West", 60.0),
            ("2018-03", "revenue", None, 100.0),
        ]
    )  # no groups: nothing to check
    check = check_groups(objectives).set_index("period")
    assert check.index.tolist() == ["2018-01", "2018-02"]
    assert check.loc["2018-01", ["total", "groups", "difference"]].tolist() == [57160, 50559, -6601]
    assert check["adds_up"].tolist() == [False, True]
    assert check.loc["2018-01", "n_groups"] == 2


def test_roll_up_to_the_total_and_to_managers():
    objectives = _objectives(
        [
            ("2018-01", "revenue", "Ann", 10.0),
            ("2018-01", "revenue", "Bob", 20.0),
            ("2018-01", "revenue", "Cy", 5.0),
            ("2018-02", "revenue", "Ann", 1.0),
            ("2018-01", "revenue", None, 999.0),
        ]
    )
    total = roll_up(objectives)
    assert total["target"].tolist() == [35.0, 1.0] and total["group"].isna().all()
    managers = roll_up(objectives, {"Ann": "Xia", "Bob": "Xia", "Cy": "Yves"})
    assert list(managers.itertuples(index=False, name=None)) == [
        ("2018-01", "revenue", "Xia", 30.0),
        ("2018-01", "revenue", "Yves", 5.0),
        ("2018-02", "revenue", "Xia", 1.0),
    ]
