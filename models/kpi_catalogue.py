"""The one written definition of each KPI: names (EN/FR), unit, direction, source table.

``docs/KPIS.md`` is generated from this catalogue (``python -m models.kpi_catalogue``) and the
UI's help texts read it, so the definition users see is the one ``kpis.py`` implements.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Unit = Literal["currency", "count", "rate", "score", "days", "rating"]


@dataclass(frozen=True)
class KpiDefinition:
    """One KPI as users read it."""

    key: str
    label_en: str
    label_fr: str
    unit: Unit
    table: str
    definition: str
    higher_is_better: bool = True
    family: str = "quantitative"


CATALOGUE: tuple[KpiDefinition, ...] = (
    KpiDefinition("revenue", "Revenue", "Chiffre d'affaires", "currency", "orders",
                  "Sum of order amounts dated in the period, refunds (negative amounts) "
                  "included."),
    KpiDefinition("revenue_growth", "Revenue growth", "Croissance du CA", "rate", "orders",
                  "Revenue of the period divided by revenue of the previous period, minus 1; "
                  "empty when the previous period had no positive revenue."),
    KpiDefinition("revenue_yoy", "Revenue vs last year", "CA vs année précédente", "rate",
                  "orders", "Revenue of the period divided by revenue of the same period a "
                  "year earlier, minus 1."),
    KpiDefinition("orders", "Orders", "Commandes", "count", "orders",
                  "Distinct order ids with a positive amount in the period (one row = one "
                  "order when the file has no order id). Refund rows are not orders."),
    KpiDefinition("average_basket", "Average basket", "Panier moyen", "currency", "orders",
                  "Revenue divided by orders."),
    KpiDefinition("active_customers", "Active customers", "Clients actifs", "count", "orders",
                  "Distinct customers with at least one purchase (positive amount) in the "
                  "period."),
    KpiDefinition("new_customers", "New customers", "Nouveaux clients", "count", "orders",
                  "Customers whose first purchase in the data falls in the period."),
    KpiDefinition("repeat_purchase_rate", "Repeat purchase rate", "Taux de réachat", "rate",
                  "orders", "Share of the period's active customers who had purchased before "
                  "the period started.", family="qualitative"),
    KpiDefinition("churn_rate", "Churn rate", "Taux d'attrition", "rate", "orders",
                  "A customer lapses when W days (90 by default) pass after a purchase with no "
                  "new purchase (a purchase exactly W days later is in time). Churn rate = "
                  "customers active at the start of the period (a purchase within the W days "
                  "before it) who lapse during the period, divided by those customers. Periods "
                  "starting less than W days after the first order are not measured; the "
                  "current period is provisional.", higher_is_better=False,
                  family="qualitative"),
    KpiDefinition("retention_rate", "Retention rate", "Taux de fidélisation", "rate", "orders",
                  "1 − churn rate.", family="qualitative"),
    KpiDefinition("leads", "Leads", "Leads", "count", "leads",
                  "Leads created in the period."),
    KpiDefinition("converted_leads", "Converted leads", "Leads convertis", "count", "leads",
                  "Leads created in the period that converted within C days (90 by default) "
                  "of their creation."),
    KpiDefinition("conversion_rate", "Conversion rate", "Taux de conversion", "rate", "leads",
                  "Converted leads divided by leads created in the period. Cohorts younger "
                  "than C days are provisional: their leads may still convert."),
    KpiDefinition("median_days_to_convert", "Median days to convert",
                  "Délai médian de conversion", "days", "leads",
                  "Median number of days from creation to conversion among the period's "
                  "converted leads.", higher_is_better=False),
    KpiDefinition("marketing_share", "Marketing-sourced share", "Part des leads marketing",
                  "rate", "leads", "Share of the period's leads whose source is marketing's "
                  "(every source except sales prospecting — prospection, outbound, cold "
                  "calling, terrain — and blanks).", family="alignment"),
    KpiDefinition("calls_placed", "Calls placed", "Appels passés", "count", "calls",
                  "Outbound calls in the period."),
    KpiDefinition("calls_received", "Calls received", "Appels reçus", "count", "calls",
                  "Inbound calls in the period."),
    KpiDefinition("calls_missed", "Calls missed", "Appels manqués", "count", "calls",
                  "Inbound calls not answered.", higher_is_better=False),
    KpiDefinition("answer_rate", "Answer rate", "Taux de décroché", "rate", "calls",
                  "Answered inbound calls divided by inbound calls whose outcome is known."),
    KpiDefinition("csat", "Satisfaction rate (CSAT)", "Taux de satisfaction", "rate",
                  "feedback", "Share of satisfaction answers of 4 or 5 on a 1–5 scale.",
                  family="qualitative"),
    KpiDefinition("nps", "NPS", "NPS", "score", "feedback",
                  "Percentage of promoters (9–10 on 0–10) minus percentage of detractors "
                  "(0–6), from −100 to +100.", family="qualitative"),
    KpiDefinition("average_rating", "Average rating", "Note moyenne", "rating", "feedback",
                  "Mean of the ratings given in the period.", family="qualitative"),
    KpiDefinition("report_quality", "CRM report quality", "Qualité des rapports", "rate",
                  "leads", "Share of filled optional fields in the reps' records: leads' "
                  "source, value, segment and region, and orders' channel, product, segment, "
                  "region and quantity (those the files have).", family="qualitative"),
)

BY_KEY: dict[str, KpiDefinition] = {d.key: d for d in CATALOGUE}


def render_markdown() -> str:
    """docs/KPIS.md: the definitions, grouped by family."""
    titles = {"quantitative": "Quantitative", "qualitative": "Qualitative",
              "alignment": "Sales–marketing alignment"}
    lines = ["# KPI definitions", "",
             "Generated from `models/kpi_catalogue.py` (`python -m models.kpi_catalogue > "
             "docs/KPIS.md`); `models/kpis.py` implements exactly these, and the app's help "
             "texts show the same words. Each KPI is computed per period (week, month, "
             "quarter, year) and per rep, region, segment, channel or source where the table "
             "has that column.", ""]
    for family, title in titles.items():
        lines += [f"## {title}", ""]
        for d in (d for d in CATALOGUE if d.family == family):
            better = "higher is better" if d.higher_is_better else "lower is better"
            lines += [f"### {d.label_en} — {d.label_fr} (`{d.key}`)", "",
                      f"{d.definition}", "", f"*Unit: {d.unit}; from the {d.table} table; "
                      f"{better}.*", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render_markdown(), end="")
