"""The one written definition of each KPI: unit, direction, source table here; its name and
definition in every language in the text catalogue (``kpi.<key>`` and ``kpi_definition.<key>`` of
``models/core/locales/*.po``).

``docs/KPIS.md`` is generated from both (``python -m models.core.kpi_catalogue``) and the UI's
help texts read them, so the definition users see is the one ``models/kpis`` implements.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from models.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, Escape, t

Unit = Literal["currency", "count", "rate", "score", "days", "rating"]


@dataclass(frozen=True)
class KpiDefinition:
    """One KPI as users read it."""

    key: str
    unit: Unit
    table: str
    higher_is_better: bool = True
    family: str = "quantitative"

    def label(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The KPI's name in ``lang`` (the guide's French names in French)."""
        return t(f"kpi.{self.key}", lang)

    def describe(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The KPI's definition in ``lang``."""
        return t(f"kpi_definition.{self.key}", lang)


CATALOGUE: tuple[KpiDefinition, ...] = (
    KpiDefinition("revenue", "currency", "orders"),
    KpiDefinition("revenue_growth", "rate", "orders"),
    KpiDefinition("revenue_yoy", "rate", "orders"),
    KpiDefinition("orders", "count", "orders"),
    KpiDefinition("average_basket", "currency", "orders"),
    KpiDefinition("active_customers", "count", "orders"),
    KpiDefinition("new_customers", "count", "orders"),
    KpiDefinition("repeat_purchase_rate", "rate", "orders", family="qualitative"),
    KpiDefinition("churn_rate", "rate", "orders", higher_is_better=False, family="qualitative"),
    KpiDefinition("retention_rate", "rate", "orders", family="qualitative"),
    KpiDefinition("leads", "count", "leads"),
    KpiDefinition("converted_leads", "count", "leads"),
    KpiDefinition("conversion_rate", "rate", "leads"),
    KpiDefinition("median_days_to_convert", "days", "leads", higher_is_better=False),
    KpiDefinition("marketing_share", "rate", "leads", family="alignment"),
    KpiDefinition("calls_placed", "count", "calls"),
    KpiDefinition("calls_received", "count", "calls"),
    KpiDefinition("calls_missed", "count", "calls", higher_is_better=False),
    KpiDefinition("answer_rate", "rate", "calls"),
    KpiDefinition("csat", "rate", "feedback", family="qualitative"),
    KpiDefinition("nps", "score", "feedback", family="qualitative"),
    KpiDefinition("average_rating", "rating", "feedback", family="qualitative"),
    KpiDefinition("report_quality", "rate", "leads", family="qualitative"),
)

BY_KEY: dict[str, KpiDefinition] = {d.key: d for d in CATALOGUE}


@dataclass(frozen=True)
class KpiName:
    """A KPI's name inside a message, said in the reader's language (see ``models.core.i18n``)."""

    key: str

    def text(self, lang: str, escape: Escape | None = None) -> str:
        if self.key in BY_KEY:
            return BY_KEY[self.key].label(lang)
        return escape(self.key) if escape else self.key  # a key from a file, unknown

    def __str__(self) -> str:
        return self.text("en")


def render_markdown() -> str:
    """docs/KPIS.md: the definitions, grouped by family."""
    titles = {
        "quantitative": "Quantitative",
        "qualitative": "Qualitative",
        "alignment": "Sales–marketing alignment",
    }
    lines = [
        "# KPI definitions",
        "",
        "Generated from `models/core/kpi_catalogue.py` (`python -m "
        "models.core.kpi_catalogue > docs/KPIS.md`); `models/kpis/compute.py` implements "
        "exactly these, and the app's help texts show the same words. Each KPI is computed "
        "per period (week, month, quarter, year) and per rep, region, segment, channel or "
        "source where the table has that column.",
        "",
    ]
    for family, title in titles.items():
        lines += [f"## {title}", ""]
        for d in (d for d in CATALOGUE if d.family == family):
            better = "higher is better" if d.higher_is_better else "lower is better"
            names = " — ".join(d.label(lang) for lang in LANGUAGES)
            lines += [f"### {names} (`{d.key}`)", "", d.describe(), ""]
            for lang in LANGUAGES:  # the translations in italics, English first as the source
                if lang != DEFAULT_LANGUAGE:
                    lines += [f"*{d.describe(lang)}*", ""]
            lines += [f"*Unit: {d.unit}; from the {d.table} table; {better}.*", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render_markdown(), end="")
