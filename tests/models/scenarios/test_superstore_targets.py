"""Superstore (classic, ends Saturday 30 December 2017): a 2018 target of last year + 15 %,
booked + rest, allocation to 12 months x 4 regions to the cent, attainment per region.

Skipped when ../shared/realdata is absent.
"""

import functools
from pathlib import Path

import pandas as pd
import pytest

from models import load_table
from models.forecasting import fit_forecast, fit_groups
from models.kpis import (
    allocate,
    check_groups,
    compute_kpis,
    final_series,
    group_shares,
    horizon_to,
    period_objective,
    seasonal_weights,
    target_period,
    validate_objectives,
)
from models.scenarios import group_outlooks, period_outlook

pytestmark = pytest.mark.realdata
CLASSIC = "superstore/classic_kaggle_2014_2017/Sample - Superstore.csv"
AS_OF = pd.Timestamp("2017-12-30")


@functools.lru_cache(maxsize=1)
def _monthly(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    orders = load_table(path, "orders")
    return compute_kpis({"orders": orders}, "M"), compute_kpis({"orders": orders}, "M", by="region")


@pytest.fixture
def superstore(realdata):
    """Monthly KPIs, in total and by region (read once for the module's tests)."""
    return _monthly(realdata / CLASSIC)


def test_december_2017_is_its_bookings_plus_one_day_of_forecast(superstore):
    kpis, _ = superstore
    revenue = kpis["revenue"]
    fitted = fit_forecast(final_series(kpis, "revenue"), 13)
    assert fitted.index[0] == pd.Timestamp("2017-12-01")  # the unfinished month is forecast
    december = period_outlook(revenue, fitted, target_period("M", 2017, 12), AS_OF)
    assert december.booked == pytest.approx(83_829.32, abs=0.01)
    assert december.rest == pytest.approx(fitted.mean[0] / 31)


def test_a_2018_target_of_last_year_plus_15_percent(superstore):
    kpis, by_region = superstore
    revenue = kpis["revenue"]
    target = round(revenue["2017"].sum() * 1.15, 2)
    assert target == 843_197.54
    year = target_period("Y", 2018)
    fitted = fit_forecast(final_series(kpis, "revenue"), horizon_to(year, AS_OF.replace(day=1)))
    outlook = period_outlook(revenue, fitted, year, AS_OF, target)
    assert outlook.booked == 0.0 and 0.0 < outlook.probability < 1.0
    # 12 months by 2017's seasonality x 4 regions by their 2017 shares: exact to the cent
    frame = allocate(
        target,
        seasonal_weights(revenue, year.months),
        group_shares(by_region["revenue"], year.months),
    )
    totals, cells = frame[frame["group"].isna()], frame[frame["group"].notna()]
    assert len(totals) == 12 and len(cells) == 48
    assert round(totals["target"].sum() * 100) == 84_319_754
    assert round(cells["target"].sum() * 100) == 84_319_754
    objectives = validate_objectives(frame[["period", "kpi", "group", "target"]])
    assert check_groups(objectives)["adds_up"].all()
    assert period_objective(objectives, year, "revenue")[0] == pytest.approx(target)


def test_attainment_per_region_in_the_last_quarter(superstore):
    kpis, by_region = superstore
    quarter = target_period("Q", 2017, 4)
    target = round(kpis["revenue"]["2016-10":"2016-12"].sum() * 1.15, 2)
    frame = allocate(
        target,
        seasonal_weights(kpis["revenue"], quarter.months),
        group_shares(by_region["revenue"], quarter.months),
    )
    objectives = validate_objectives(frame[["period", "kpi", "group", "target"]])
    total = fit_forecast(final_series(kpis, "revenue"), 1)
    rows = group_outlooks(
        by_region["revenue"],
        fit_groups(by_region, "revenue", "region", 1, total),
        objectives,
        quarter,
        "revenue",
        AS_OF,
    )
    assert rows.index.tolist() == ["Central", "East", "South", "West"]
    assert rows["target"].sum() == pytest.approx(target)
    q4 = by_region["revenue"].loc["2017-10-01":"2017-12-01"].groupby(level="region").sum()
    assert rows["actual"].to_dict() == pytest.approx(q4.to_dict())
    assert (rows["expected"] > rows["actual"]).all()  # one day of December still to come
    assert ((rows["probability"] >= 0) & (rows["probability"] <= 1)).all()
