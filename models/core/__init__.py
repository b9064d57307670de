"""The vocabulary every layer shares: the error type, the text catalogue, locale formats,
Markdown escaping, value parsing, periods and the KPI catalogue.

The pages import from here; the modules below are this package's own business.
"""

from models.core.errors import DataError
from models.core.formatting import (
    CURRENCIES,
    DEFAULT_CURRENCY,
    currency_label,
    format_change,
    format_day,
    format_month,
    format_number,
    format_share,
    format_value,
)
from models.core.i18n import LANGUAGES, Escape, Phrase, in_language, resolve_language, t
from models.core.kpi_catalogue import BY_KEY, CATALOGUE, KpiName
from models.core.markup import Markdown, escape_markdown
from models.core.periods import next_start, period_labels, period_range

__all__ = [
    "BY_KEY",
    "CATALOGUE",
    "CURRENCIES",
    "DEFAULT_CURRENCY",
    "LANGUAGES",
    "DataError",
    "Escape",
    "KpiName",
    "Markdown",
    "Phrase",
    "currency_label",
    "escape_markdown",
    "format_change",
    "format_day",
    "format_month",
    "format_number",
    "format_share",
    "format_value",
    "in_language",
    "next_start",
    "period_labels",
    "period_range",
    "resolve_language",
    "t",
]
