import math

import pytest

from models.core.formatting import format_change, format_value


@pytest.mark.parametrize(
    "value, unit, text",
    [
        (1234567.89, "currency", "€1,234,568"),
        (-45.5, "currency", "-€46"),
        (0.041, "rate", "4.1%"),
        (34.2, "score", "+34"),
        (4.256, "rating", "4.26"),
        (12, "count", "12"),
        (float("nan"), "count", "—"),
        (None, "rate", "—"),
        (20.4, "days", "20 d"),
    ],
)
def test_format_value(value, unit, text):
    assert format_value(value, unit) == text


def test_format_change():
    assert format_change(110, 100, "currency") == "+10.0%"
    assert format_change(0.05, 0.04, "rate") == "+1.0 pts"
    assert format_change(30, 34, "score") == "-4.0"
    assert format_change(5, 0, "count") is None
    assert format_change(5, math.nan, "count") is None


@pytest.mark.parametrize(
    "value, unit, text",
    [
        (3136255.4, "currency", "€3.14M"),
        (-426255, "currency", "-€426K"),
        (9999, "currency", "€9,999"),
        (25300, "count", "25K"),
        (0.088, "rate", "8.8%"),
    ],
)
def test_compact_format_for_narrow_cards(value, unit, text):
    assert format_value(value, unit, compact=True) == text


NNBSP, NBSP = "\u202f", "\u00a0"  # French groups digits with a narrow no-break space


@pytest.mark.parametrize(
    "value, unit, text",
    [
        (1234567.89, "currency", f"1{NNBSP}234{NNBSP}568{NBSP}€"),
        (0.041, "rate", f"4,1{NBSP}%"),
        (4.256, "rating", "4,26"),
        (12345, "count", f"12{NNBSP}345"),
        (20.4, "days", "20 j"),
        (None, "rate", "—"),
    ],
)
def test_french_formats(value, unit, text):
    assert format_value(value, unit, "fr") == text


def test_french_compact_changes_dates_and_currency_setting():
    import datetime

    from models.core.formatting import format_day, format_month, format_share

    assert format_value(3136255.4, "currency", "fr", compact=True) == f"3,14{NBSP}M{NBSP}€"
    assert format_change(110, 100, "currency", "fr") == f"+10,0{NBSP}%"
    assert format_change(0.05, 0.04, "rate", "fr") == "+1,0 pts"
    assert format_day(datetime.date(2026, 11, 27), "fr") == "27/11/2026"
    assert format_day(datetime.date(2026, 11, 27), "en") == "Nov 27, 2026"
    assert format_month(datetime.date(2026, 11, 1), "fr") == "nov. 2026"
    assert format_share(0.108, "en", 1, signed=True) == "+10.8%"
    assert format_value(1234.6, "currency", "en", currency="USD") == "$1,235"
    assert format_value(1234.6, "currency", "fr", currency="USD") == f"1{NNBSP}235{NBSP}$US"


def test_amounts_with_cents_and_the_currency_picker_labels():
    from models.core.formatting import currency_label

    assert (
        format_value(1234567.891, "currency", "fr", cents=True)
        == f"1{NNBSP}234{NNBSP}567,89{NBSP}€"
    )
    assert format_value(1234567.891, "currency", "en", cents=True) == "€1,234,567.89"
    assert format_value(-45.5, "currency", "en", currency="GBP", cents=True) == "-£45.50"
    assert [currency_label(code) for code in ("EUR", "USD", "CHF")] == ["EUR (€)", "USD ($)", "CHF"]


HUGE = [1e30, -1e30, 1e300, float("inf"), float("-inf"), float("nan"), 1e15, 9.99e27]


@pytest.mark.parametrize("value", HUGE)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_huge_and_infinite_values_are_written_never_raised(value, lang):
    """A stored target of 1e30 once raised decimal.InvalidOperation on every page."""
    from models.core.formatting import format_number, format_share

    for unit in ("currency", "count", "rate", "score", "rating", "days", "ratio"):
        for options in ({}, {"compact": True}, {"cents": True}):
            assert isinstance(format_value(value, unit, lang, **options), str)
        for change in (
            format_change(value, 1.0, unit, lang),
            format_change(1.0, value, unit, lang),
        ):
            assert change is None or isinstance(change, str)
    assert isinstance(format_number(value, lang), str)
    assert isinstance(format_share(value, lang, 1, signed=True), str)


def test_huge_values_read_as_powers_of_ten():
    from models.core.formatting import format_number, format_share

    assert format_value(1e30, "currency") == "1E30 EUR"
    assert format_value(float("-inf"), "count") == "-∞"
    assert format_value(2e13, "rate") == "2E15 %"
    assert format_number(float("inf")) == "∞"
    assert format_share(1e20, signed=True) == "+1E22 %"
    assert format_change(float("inf"), 5.0, "currency") is None
    assert format_value(1e14, "count") == "100,000,000,000,000"  # below the limit: in full
