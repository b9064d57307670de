"""Display strings for KPI values (English for now; locales arrive with the i18n work)."""

from __future__ import annotations

import math


def format_value(value: float | None, unit: str, currency: str = "€",
                 compact: bool = False) -> str:
    """``1234.5, "currency"`` -> ``€1,235``; ``0.041, "rate"`` -> ``4.1%``; missing -> ``—``.

    ``compact`` shortens large amounts for narrow cards: ``€3.14M``, ``€314k``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if compact and unit in ("currency", "count") and abs(value) >= 10_000:
        sign, prefix = ("-" if value < 0 else ""), (currency if unit == "currency" else "")
        size = abs(value)
        return (f"{sign}{prefix}{size / 1e6:.2f}M" if size >= 1e6
                else f"{sign}{prefix}{size / 1e3:.0f}k")
    if unit == "currency":
        return f"{'-' if value < 0 else ''}{currency}{abs(value):,.0f}"
    if unit == "rate":
        return f"{value:.1%}"
    if unit == "score":
        return f"{value:+.0f}"
    if unit == "rating":
        return f"{value:.2f}"
    if unit == "days":
        return f"{value:.0f} d"
    return f"{value:,.0f}"


def format_change(current: float | None, previous: float | None, unit: str) -> str | None:
    """The change shown under a card: points for rates and scores, percent otherwise."""
    if current is None or previous is None or any(
            isinstance(v, float) and math.isnan(v) for v in (current, previous)):
        return None
    if unit == "rate":
        return f"{(current - previous) * 100:+.1f} pts"
    if unit in ("score", "rating", "days"):
        return f"{current - previous:+.1f}"
    if previous == 0:
        return None
    return f"{current / previous - 1:+.1%}"
