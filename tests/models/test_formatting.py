import math

import pytest

from models.formatting import format_change, format_value


@pytest.mark.parametrize("value, unit, text", [
    (1234567.89, "currency", "€1,234,568"), (-45.5, "currency", "-€46"), (0.041, "rate", "4.1%"),
    (34.2, "score", "+34"), (4.256, "rating", "4.26"), (12, "count", "12"), (float("nan"), "count", "—"),
    (None, "rate", "—"), (20.4, "days", "20 d"),
])
def test_format_value(value, unit, text):
    assert format_value(value, unit) == text


def test_format_change():
    assert format_change(110, 100, "currency") == "+10.0%"
    assert format_change(0.05, 0.04, "rate") == "+1.0 pts"
    assert format_change(30, 34, "score") == "-4.0"
    assert format_change(5, 0, "count") is None
    assert format_change(5, math.nan, "count") is None


@pytest.mark.parametrize("value, unit, text", [
    (3136255.4, "currency", "€3.14M"), (-426255, "currency", "-€426k"), (9999, "currency", "€9,999"),
    (25300, "count", "25k"), (0.088, "rate", "8.8%"),
])
def test_compact_format_for_narrow_cards(value, unit, text):
    assert format_value(value, unit, compact=True) == text
