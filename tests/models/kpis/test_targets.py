"""Target periods: fiscal years and quarters, their objectives, the share of a month left."""

import numpy as np
import pandas as pd
import pytest

from models.kpis.objectives import validate_objectives
from models.kpis.targets import (
    horizon_to,
    period_containing,
    period_objective,
    remaining_share,
    target_period,
    weekday_weights,
)


def test_a_fiscal_year_starting_in_april():
    year = target_period("Y", 2018, fiscal_start=4)
    assert (year.start, year.end) == (pd.Timestamp("2018-04-01"), pd.Timestamp("2019-04-01"))
    assert year.label == "FY2018" and not year.calendar_aligned
    assert len(year.months) == 12 and year.months[-1] == pd.Timestamp("2019-03-01")
    q4 = target_period("Q", 2018, 4, fiscal_start=4)
    assert (q4.start, q4.label, q4.calendar_aligned) == (
        pd.Timestamp("2019-01-01"),
        "FY2018-Q4",
        True,
    )
    assert target_period("M", 2018, 10, fiscal_start=4).label == "2019-01"
    assert (
        target_period("Y", 2018).label == "2018" and target_period("Q", 2018, 2).label == "2018-Q2"
    )


@pytest.mark.parametrize(
    "day, freq, fiscal_start, label, start",
    [
        ("2017-12-30", "Y", 4, "FY2017", "2017-04-01"),
        ("2018-03-31", "Y", 4, "FY2017", "2017-04-01"),
        ("2018-04-01", "Y", 4, "FY2018", "2018-04-01"),
        ("2018-03-31", "Q", 4, "FY2017-Q4", "2018-01-01"),
        ("2017-12-30", "Q", 1, "2017-Q4", "2017-10-01"),
        ("2017-12-30", "Q", 2, "FY2017-Q4", "2017-11-01"),  # Nov-Jan: not a calendar quarter
        ("2017-12-30", "M", 4, "2017-12", "2017-12-01"),
    ],
)
def test_the_period_a_day_falls_in(day, freq, fiscal_start, label, start):
    period = period_containing(pd.Timestamp(day), freq, fiscal_start)
    assert (period.label, period.start) == (label, pd.Timestamp(start))


def test_bad_periods_are_refused():
    with pytest.raises(ValueError, match="fiscal_start"):
        target_period("Y", 2018, fiscal_start=13)
    with pytest.raises(ValueError, match="4 period"):
        target_period("Q", 2018, 5)


def test_horizon_to_the_end_of_a_period():
    # forecast from Dec 2017 (the unfinished month); FY2018 from April ends in March 2019
    assert horizon_to(target_period("Y", 2018, fiscal_start=4), pd.Timestamp("2017-12-01")) == 16
    assert horizon_to(target_period("M", 2017, 12), pd.Timestamp("2017-12-01")) == 1


def _objectives(rows):
    return validate_objectives(pd.DataFrame(rows, columns=["period", "kpi", "target", "group"]))


MONTHS_2018 = [(f"2018-{m:02d}", "revenue", 1000.0 * m, None) for m in range(1, 13)]


def test_a_yearly_objective_is_first_class():
    objectives = _objectives(MONTHS_2018 + [("2018", "revenue", 843198.0, None)])
    assert period_objective(objectives, target_period("Y", 2018), "revenue") == (
        843198.0,
        "entered",
    )


def test_a_year_is_the_sum_of_its_months():
    objectives = _objectives(MONTHS_2018)
    assert period_objective(objectives, target_period("Y", 2018), "revenue") == (78000.0, "months")
    # Q2 = April + May + June = 4,000 + 5,000 + 6,000
    assert period_objective(objectives, target_period("Q", 2018, 2), "revenue") == (
        15000.0,
        "months",
    )


def test_a_fiscal_year_adds_months_across_two_calendar_years():
    rows = MONTHS_2018 + [(f"2019-{m:02d}", "revenue", 500.0, None) for m in (1, 2, 3)]
    objectives = _objectives(rows + [("2018", "revenue", 1.0, None)])  # a calendar year: unused
    fiscal = target_period("Y", 2018, fiscal_start=4)
    # April..December 2018 = 4,000 + ... + 12,000 = 72,000; January..March 2019 = 1,500
    assert period_objective(objectives, fiscal, "revenue") == (73500.0, "months")
    assert (
        period_objective(objectives[objectives["period"] != "2019-03"], fiscal, "revenue") is None
    )


def test_quarters_roll_up_to_a_year_and_an_entered_quarter_wins():
    rows = [
        ("2018-Q1", "revenue", 10.0, None),
        ("2018-Q2", "revenue", 20.0, None),
        ("2018-Q3", "revenue", 30.0, None),
        ("2018-Q4", "revenue", 40.0, None),
        ("2018-04", "revenue", 7.0, None),
        ("2018-05", "revenue", 7.0, None),
        ("2018-06", "revenue", 7.0, None),
    ]
    objectives = _objectives(rows)
    assert period_objective(objectives, target_period("Y", 2018), "revenue") == (100.0, "quarters")
    # fiscal Q1 from April is calendar Q2: its own row wins over its months (21)
    assert period_objective(objectives, target_period("Q", 2018, 1, fiscal_start=4), "revenue") == (
        20.0,
        "entered",
    )


def test_groups_and_rates():
    rows = [
        ("2018-01", "revenue", 100.0, "East"),
        ("2018-02", "revenue", 100.0, "East"),
        ("2018-03", "revenue", 50.0, "East"),
        ("2018-Q1", "revenue", 999.0, None),
        ("2018-01", "churn_rate", 0.02, None),
        ("2018-02", "churn_rate", 0.04, None),
        ("2018-03", "churn_rate", 0.06, None),
    ]
    objectives = _objectives(rows)
    q1 = target_period("Q", 2018, 1)
    assert period_objective(objectives, q1, "revenue", "East") == (250.0, "months")
    assert period_objective(objectives, q1, "revenue") == (999.0, "entered")
    assert period_objective(objectives, q1, "revenue", "West") is None
    target, how = period_objective(objectives, q1, "churn_rate")
    assert (target, how) == (pytest.approx(0.04), "months")  # a rate: the months' mean


def test_a_month_with_one_day_left():
    # Superstore ends on Saturday 30 December 2017: one day of 31 is left
    december = pd.Timestamp("2017-12-01")
    assert remaining_share(december, pd.Timestamp("2017-12-30")) == pytest.approx(1 / 31)
    assert remaining_share(december, pd.Timestamp("2017-12-31")) == 0.0
    assert remaining_share(december, pd.Timestamp("2017-11-30")) == 1.0
    assert remaining_share(december, pd.Timestamp("2017-12-30 17:45")) == pytest.approx(1 / 31)


def test_weekday_weights_leave_a_closed_sunday_out():
    closed_sunday = [1, 1, 1, 1, 1, 1, 0]  # Monday first
    december = pd.Timestamp("2017-12-01")  # a Friday: Fri, Sat and Sun come 5 times
    # 31 days minus 5 Sundays weigh 26; the 31st is a Sunday: nothing left
    assert remaining_share(december, pd.Timestamp("2017-12-30"), closed_sunday) == 0.0
    # from Friday 29th: Saturday 30th (1) and Sunday 31st (0) of 26
    assert remaining_share(december, pd.Timestamp("2017-12-29"), closed_sunday) == pytest.approx(
        1 / 26
    )


def test_weekday_weights_by_hand():
    # two weeks from Monday 4 Dec 2017: 10 a weekday, nothing at weekends
    days = pd.date_range("2017-12-04", "2017-12-17", freq="D")
    sales = pd.DataFrame({"date": days, "amount": np.where(days.day_of_week < 5, 10.0, 0.0)})
    sales = sales[sales["amount"] > 0]  # weekend days have no rows at all: zeros, not gaps
    weights = weekday_weights(sales["date"], sales["amount"])
    # means per weekday: 10 x 5, 0 x 2; their mean is 50/7: weights 7/5 and 0
    assert weights.tolist() == pytest.approx([1.4] * 5 + [0.0, 0.0])
