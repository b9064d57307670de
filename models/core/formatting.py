"""Display strings for KPI values in the user's language, through Babel's locale data.

French: ``1 234 568 €``, ``4,1 %``, ``27/11/2026``; English: ``€1,234,568``, ``4.1%``,
``Nov 27, 2026``. The currency is a setting (an ISO code, euro by default).
"""

from __future__ import annotations

import datetime as dt
import math

from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_skeleton
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
    format_scientific,
    get_currency_symbol,
)

from models.core.catalogues import LOCALES

DEFAULT_CURRENCY = "EUR"
CURRENCIES = ("EUR", "USD", "GBP", "CHF", "CAD")  # offered in the app; any ISO code works here
# Beyond this magnitude numbers are written 1.2E30: Babel formats through decimal with 28
# significant digits and raises decimal.InvalidOperation from 1e28 on; no KPI gets near it.
LARGEST_WRITTEN_OUT = 1e15


def currency_label(code: str) -> str:
    """``EUR`` -> ``EUR (€)``, for a currency picker. The same in every language: a widget
    whose labels change with the language can lose its selection."""
    symbol = get_currency_symbol(code, locale=LOCALES["en"])
    return code if symbol == code else f"{code} ({symbol})"


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


def _percent_pattern(lang: str, digits: int) -> str:
    """The locale's percent pattern with ``digits`` decimals (``#,##0.0%`` / ``#,##0.0 %``)."""
    base = Locale.parse(_locale(lang)).percent_formats[None].pattern
    return base.replace("#,##0", "#,##0" + ("." + "0" * digits if digits else ""), 1)


def _currency_pattern(lang: str) -> str:
    """The locale's currency pattern without cents (``¤#,##0`` / ``#,##0 ¤``)."""
    return (
        Locale.parse(_locale(lang))
        .currency_formats["standard"]
        .pattern.replace("#,##0.00", "#,##0")
    )


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _too_large(value: float) -> bool:
    """Infinite, or too large to write out digit by digit (see :data:`LARGEST_WRITTEN_OUT`)."""
    return not math.isfinite(value) or abs(value) >= LARGEST_WRITTEN_OUT


def _scientific(value: float, lang: str, suffix: str = "") -> str:
    """``1E30`` / ``-∞``, with ``suffix`` (a currency code, ``%``) after it."""
    text = (
        format_scientific(value, "0.##E0", locale=_locale(lang))
        if math.isfinite(value)
        else ("∞" if value > 0 else "-∞")
    )
    return f"{text} {suffix}".strip()


def format_value(
    value: float | None,
    unit: str,
    lang: str = "en",
    *,
    currency: str = DEFAULT_CURRENCY,
    compact: bool = False,
    cents: bool = False,
) -> str:
    """``1234.5, "currency"`` -> ``€1,235`` (``1 235 €`` in French); ``0.041, "rate"`` ->
    ``4.1%`` (``4,1 %``); missing -> ``—``.

    ``compact`` shortens large amounts for narrow cards: ``€3.14M`` / ``3,14 M €``; ``cents``
    keeps them exact where a few euros matter (``-€45.50``).
    """
    if value is None or _missing(value):
        return "—"
    if _too_large(value * (100 if unit == "rate" else 1)):
        return _scientific(
            value * (100 if unit == "rate" else 1),
            lang,
            currency if unit == "currency" else "%" if unit == "rate" else "",
        )
    locale = _locale(lang)
    if compact and unit in ("currency", "count") and abs(value) >= 10_000:
        digits = 2 if abs(value) >= 1e6 else 0
        if unit == "currency":
            return format_compact_currency(value, currency, locale=locale, fraction_digits=digits)
        return format_compact_decimal(value, locale=locale, fraction_digits=digits)
    if unit == "currency" and cents:
        return format_currency(value, currency, locale=locale)
    if unit == "currency":
        return format_currency(
            round(value),
            currency,
            format=_currency_pattern(lang),
            locale=locale,
            currency_digits=False,
        )
    if unit == "rate":
        return format_percent(value, _percent_pattern(lang, 1), locale=locale)
    if unit == "score":
        return f"{value:+.0f}"
    if unit == "rating":
        return format_decimal(value, "0.00", locale=locale)
    if unit == "days":
        return f"{value:.0f} {'j' if lang == 'fr' else 'd'}"
    if unit == "ratio":
        return format_decimal(value, "0.00", locale=locale)
    return format_decimal(value, "#,##0", locale=locale)


def format_number(value: float, lang: str = "en", digits: int = 0) -> str:
    """A plain number with the locale's separators (``1,234.5`` / ``1 234,5``)."""
    if _missing(value):
        return "—"
    if _too_large(value):
        return _scientific(value, lang)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, pattern, locale=_locale(lang))


def format_share(value: float, lang: str = "en", digits: int = 0, signed: bool = False) -> str:
    """A percentage: ``71%`` / ``71 %``; ``signed`` adds ``+`` (``+10.8%``)."""
    if _missing(value):
        return "—"
    if _too_large(value * 100):
        text = _scientific(value * 100, lang, "%")
        return ("+" + text) if signed and value > 0 else text
    text = format_percent(value, _percent_pattern(lang, digits), locale=_locale(lang))
    return ("+" + text) if signed and value > 0 else text


def format_day(day: dt.date, lang: str = "en") -> str:
    """``Nov 27, 2026`` in English, ``27/11/2026`` in French."""
    return babel_date(day, "medium" if lang != "fr" else "short", locale=_locale(lang))


def format_month(month: dt.date, lang: str = "en") -> str:
    """``Nov 2026`` / ``nov. 2026``."""
    return format_skeleton("yMMM", month, locale=_locale(lang))


def format_change(
    current: float | None, previous: float | None, unit: str, lang: str = "en"
) -> str | None:
    """The change shown under a card: points for rates and scores, percent otherwise."""
    if current is None or previous is None or _missing(current) or _missing(previous):
        return None
    change = (
        current - previous
        if unit in ("rate", "score", "rating", "days")
        else (current / previous - 1 if previous != 0 else 0.0)
    )
    if _too_large(change * 100) or _missing(change):
        return None  # a change no one can read: inf - inf, or 1E30 %
    if unit == "rate":
        points = format_decimal(change * 100, "+#,##0.0;-#,##0.0", locale=_locale(lang))
        return f"{points} pts"
    if unit in ("score", "rating", "days"):
        return format_decimal(change, "+#,##0.0;-#,##0.0", locale=_locale(lang))
    if previous == 0:
        return None
    pattern = _percent_pattern(lang, 1)
    return format_percent(change, f"+{pattern};-{pattern}", locale=_locale(lang))
