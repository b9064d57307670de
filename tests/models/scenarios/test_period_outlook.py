"""Booked + forecast of the rest over a target period, by hand on a constant forecast."""

import numpy as np
import pandas as pd
import pytest

from models import DataError
from models.forecasting.engine import fit_forecast
from models.kpis.targets import target_period
from models.scenarios.period_outlook import period_outlook

AS_OF = pd.Timestamp("2017-12-30")  # Superstore's last day: December has one day left


def _actuals() -> pd.Series:
    """100 a month from January 2016; December 2017 booked 90 by the 30th."""
    months = pd.date_range("2016-01-01", "2017-12-01", freq="MS")
    return pd.Series(100.0, index=months).where(months < "2017-12-01", 90.0)


def _constant_fit(horizon: int = 16):
    """A forecast of 100 a month from December 2017 (no doubt: every path is 100)."""
    return fit_forecast(_actuals().iloc[:-1], horizon)


def test_a_month_with_one_day_left():
    outlook = period_outlook(_actuals(), _constant_fit(), target_period("M", 2017, 12), AS_OF,
                             target=93.0)
    assert outlook.booked == 90.0
    assert outlook.rest == pytest.approx(100 / 31)  # 3.23, not the month's 100
    assert outlook.expected == pytest.approx(93.2258, abs=1e-4)
    assert outlook.probability == 1.0 and outlook.gap == pytest.approx(-0.2258, abs=1e-4)


def test_a_fiscal_year_from_april():
    fiscal = target_period("Y", 2017, fiscal_start=4)  # April 2017 - March 2018
    outlook = period_outlook(_actuals(), _constant_fit(), fiscal, AS_OF, target=1190.0)
    # April-November: 8 x 100 booked; December: 90 + 100/31; January-March: 3 x 100
    assert outlook.booked == 890.0
    assert outlook.rest == pytest.approx(100 / 31 + 300)
    assert outlook.expected == pytest.approx(1193.2258, abs=1e-4)
    assert outlook.probability == 1.0
    assert period_outlook(_actuals(), _constant_fit(), fiscal, AS_OF,
                          target=1200.0).probability == 0.0
    months = outlook.months
    assert months["booked"].tolist() == [100.0] * 8 + [90.0, 0.0, 0.0, 0.0]
    assert months["remaining_share"].tolist() == pytest.approx([0] * 8 + [1 / 31, 1, 1, 1])


def test_a_period_over_is_what_it_booked():
    outlook = period_outlook(_actuals(), _constant_fit(), target_period("Y", 2016), AS_OF,
                             target=1200.0)
    assert (outlook.booked, outlook.rest, outlook.probability) == (1200.0, 0.0, 1.0)
    assert np.isnan(period_outlook(_actuals(), _constant_fit(), target_period("Y", 2016),
                                   AS_OF).probability)  # no target, no chance


def test_a_forecast_too_short_is_refused():
    with pytest.raises(DataError, match="forecast further"):
        period_outlook(_actuals(), _constant_fit(3), target_period("Y", 2018), AS_OF)


def test_the_chance_is_over_the_whole_period_not_month_by_month():
    rng = np.random.default_rng(1)
    months = pd.date_range("2014-01-01", "2017-11-01", freq="MS")
    history = pd.Series(1000 + 100 * np.sin(np.arange(len(months)) * np.pi / 6)
                        + rng.normal(0, 60, len(months)), index=months)
    fitted = fit_forecast(history, 13)
    actuals = pd.concat([history, pd.Series([900.0], index=[pd.Timestamp("2017-12-01")])])
    year = target_period("Y", 2018)
    middle = period_outlook(actuals, fitted, year, AS_OF, target=float(fitted.mean[1:].sum()))
    assert 0.35 < middle.probability < 0.65  # the expected total: about an even chance
    assert middle.low < middle.expected < middle.high
    chances = [period_outlook(actuals, fitted, year, AS_OF, target=middle.expected * k)
               .probability for k in (0.9, 1.0, 1.1)]
    assert chances[0] > chances[1] > chances[2]
    again = period_outlook(actuals, fitted, year, AS_OF, target=middle.expected)
    assert again.probability == chances[1]  # same seed, same answer
