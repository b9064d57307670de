import datetime as dt

import numpy as np
import pandas as pd
import pytest

from models.core import parsing


def dates(*values):
    return pd.Series(list(values), dtype=object)


@pytest.mark.parametrize(
    "values, order, expected",
    [
        (("2026-01-31", "2026-02-01"), "iso", ["2026-01-31", "2026-02-01"]),
        (
            ("2018-02-26 19:58:54", "2018-03-01 00:00:00"),
            "iso",
            ["2018-02-26 19:58:54", "2018-03-01"],
        ),
        (("31/01/2026", "01/02/2026"), "dayfirst", ["2026-01-31", "2026-02-01"]),
        (("1/31/2016", "11/8/2016"), "monthfirst", ["2016-01-31", "2016-11-08"]),
        (("03/01/19", "25/12/19"), "dayfirst", ["2019-01-03", "2019-12-25"]),
        (("990201", "990228"), "compact", ["1999-02-01", "1999-02-28"]),
        (("31.01.2026", "01.02.2026"), "dayfirst", ["2026-01-31", "2026-02-01"]),
        (("1964-01", "1972-09"), "iso", ["1964-01-01", "1972-09-01"]),
    ],
)
def test_date_formats_are_detected_from_the_data(values, order, expected):
    parsed = parsing.parse_dates(dates(*values))
    assert parsed.order == order
    assert parsed.values.tolist() == [pd.Timestamp(v) for v in expected]
    assert not parsed.ambiguous


def test_ambiguous_slash_dates_default_to_day_first_and_say_so():
    parsed = parsing.parse_dates(dates("01/02/2026", "03/04/2026"))
    assert parsed.ambiguous and parsed.order == "dayfirst"
    assert parsed.values.iloc[0] == pd.Timestamp("2026-02-01")
    assert "ambiguous" in parsed.describe()
    forced = parsing.parse_dates(dates("01/02/2026", "03/04/2026"), order="monthfirst")
    assert forced.values.iloc[0] == pd.Timestamp("2026-01-02") and not forced.ambiguous


def test_unreadable_dates_become_nat_and_native_cells_pass_through():
    parsed = parsing.parse_dates(dates("2026-01-31", "Total", ""))
    assert parsed.values.isna().tolist() == [False, True, True]
    excel = parsing.parse_dates(dates(dt.datetime(2026, 1, 31), dt.datetime(2026, 2, 1, 9, 30)))
    assert excel.order == "native"
    assert excel.values.dtype == "datetime64[ns]"
    assert excel.values.iloc[1] == pd.Timestamp("2026-02-01 09:30")


def test_timezone_offsets_are_dropped_to_naive_datetimes():
    parsed = parsing.parse_dates(dates("2026-01-31T10:00:00Z", "2026-02-01T10:00:00+00:00"))
    assert parsed.values.dt.tz is None
    assert parsed.values.iloc[0] == pd.Timestamp("2026-01-31 10:00")


@pytest.mark.parametrize(
    "values, expected, mark",
    [
        (["1 234,56 €", "89,90 €", "-45,50"], [1234.56, 89.90, -45.50], ","),
        (["1\u00a0234,56", "2\u202f000,00"], [1234.56, 2000.0], ","),
        (["1.234,56", "12,5"], [1234.56, 12.5], ","),
        (["1,234.56", "$12.50", "(3.00)"], [1234.56, 12.50, -3.0], "."),
        (["604084.0", "12"], [604084.0, 12.0], "."),
        (["1,234", "2,345,678"], [1234.0, 2345678.0], "."),
        (["EUR 10,00", "10 EUR"], [10.0, 10.0], ","),
        (["12-", "5"], [-12.0, 5.0], "."),
    ],
)
def test_numbers_in_every_common_style(values, expected, mark):
    parsed = parsing.parse_numbers(pd.Series(values, dtype=object))
    assert parsed.values.tolist() == pytest.approx(expected)
    assert parsed.decimal == mark


def test_three_decimals_after_a_comma_follow_the_file_convention():
    ambiguous = pd.Series(["1,234", "5,678"], dtype=object)
    assert parsing.parse_numbers(ambiguous).values.tolist() == [1234.0, 5678.0]
    french = parsing.parse_numbers(ambiguous, prefer_comma=True).values.tolist()
    assert french == pytest.approx([1.234, 5.678])


def test_non_numbers_become_nan_and_numeric_columns_pass_through():
    parsed = parsing.parse_numbers(pd.Series(["abc", "", "inf", "12"], dtype=object))
    assert parsed.values.isna().tolist() == [True, True, True, False]
    floats = parsing.parse_numbers(pd.Series([1.5, np.nan]))
    assert floats.values.iloc[0] == 1.5


def test_durations_from_seconds_and_clock_values():
    raw = pd.Series(["166", "0:02:23", dt.time(0, 4, 2), "", "02:30"], dtype=object)
    assert parsing.parse_durations(raw).tolist()[:3] == [166.0, 143.0, 242.0]
    assert np.isnan(parsing.parse_durations(raw).iloc[3])
    assert parsing.parse_durations(raw).iloc[4] == 150.0


def test_times_of_day():
    raw = pd.Series(["7:02:47", dt.time(9, 12, 58), "09:15"], dtype=object)
    assert parsing.parse_times(raw).tolist() == [
        pd.Timedelta("07:02:47"),
        pd.Timedelta("09:12:58"),
        pd.Timedelta("09:15:00"),
    ]


def test_categories_use_builtin_words_then_user_overrides():
    raw = pd.Series(["AGENT", "HANG", "PHANTOM", "Y", "N", "weird", ""], dtype=object)
    vocabulary = {
        "answered": parsing.ANSWERED_WORDS,
        "missed": parsing.MISSED_WORDS,
        "ignored": parsing.IGNORED_WORDS,
    }
    values, unknown = parsing.map_categories(raw, vocabulary)
    assert values.tolist()[:5] == ["answered", "missed", "ignored", "answered", "missed"]
    assert unknown == ["weird"]
    values, unknown = parsing.map_categories(raw, vocabulary, {"weird": "missed"})
    assert values.iloc[5] == "missed" and unknown == []


def test_numbers_read_by_arrow_agree_with_to_numeric():
    """A clean column is cast by Arrow; one unreadable cell sends it to pd.to_numeric."""
    cells = ["12.5", "-3", "1e3", "0.1", "1234567.89", "007", "", "inf", "2.5e-7"]
    fast = parsing.parse_numbers(pd.Series(cells)).values
    slow = parsing.parse_numbers(pd.Series(cells + ["abc"])).values.iloc[:-1]
    pd.testing.assert_series_equal(fast, slow, check_exact=True)
    assert fast.tolist()[:6] == [12.5, -3.0, 1000.0, 0.1, 1234567.89, 7.0]
    assert fast.iloc[6:8].isna().all()  # empty, and infinite amounts are not amounts
