"""The one written definition of each KPI: names (EN/FR), unit, direction, source table.

``docs/KPIS.md`` is generated from this catalogue (``python -m models.core.kpi_catalogue``) and the
UI's help texts read it, so the definition users see is the one ``kpis.py`` implements.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from models.core.i18n import Escape

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

    def label(self, lang: str = "en") -> str:
        """The KPI's name in ``lang`` (the guide's French names in French)."""
        return self.label_fr if lang == "fr" else self.label_en

    def describe(self, lang: str = "en") -> str:
        """The KPI's definition in ``lang``."""
        return DEFINITIONS_FR[self.key] if lang == "fr" else self.definition


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

# the same definitions in French (a test checks that every KPI has one)
DEFINITIONS_FR: dict[str, str] = {
    "revenue": "Somme des montants des commandes datées de la période, remboursements "
               "(montants négatifs) compris.",
    "revenue_growth": "Chiffre d'affaires de la période divisé par celui de la période "
                      "précédente, moins 1 ; vide si la période précédente n'a pas eu de "
                      "chiffre d'affaires positif.",
    "revenue_yoy": "Chiffre d'affaires de la période divisé par celui de la même période un an "
                   "plus tôt, moins 1.",
    "orders": "Numéros de commande distincts avec un montant positif dans la période (une "
              "ligne = une commande si le fichier n'a pas de numéro). Les remboursements ne "
              "sont pas des commandes.",
    "average_basket": "Chiffre d'affaires divisé par le nombre de commandes.",
    "active_customers": "Clients distincts ayant au moins un achat (montant positif) dans la "
                        "période.",
    "new_customers": "Clients dont le premier achat connu tombe dans la période.",
    "repeat_purchase_rate": "Part des clients actifs de la période qui avaient déjà acheté "
                            "avant son début.",
    "churn_rate": "Un client est perdu quand W jours (90 par défaut) passent après un achat "
                  "sans nouvel achat (un achat exactement W jours plus tard est à temps). Taux "
                  "d'attrition = clients actifs au début de la période (un achat dans les W "
                  "jours précédents) perdus pendant la période, divisés par ces clients. Les "
                  "périodes commençant moins de W jours après la première commande ne sont pas "
                  "mesurées ; la période en cours est provisoire.",
    "retention_rate": "1 − taux d'attrition.",
    "leads": "Leads créés dans la période.",
    "converted_leads": "Leads créés dans la période et convertis dans les C jours (90 par "
                       "défaut) suivant leur création.",
    "conversion_rate": "Leads convertis divisés par les leads créés dans la période. Les "
                       "cohortes de moins de C jours sont provisoires : leurs leads peuvent "
                       "encore se convertir.",
    "median_days_to_convert": "Nombre médian de jours entre création et conversion parmi les "
                              "leads convertis de la période.",
    "marketing_share": "Part des leads de la période dont la source relève du marketing (toute "
                       "source sauf la prospection commerciale — prospection, outbound, "
                       "phoning, terrain — et les vides).",
    "calls_placed": "Appels sortants de la période.",
    "calls_received": "Appels entrants de la période.",
    "calls_missed": "Appels entrants sans réponse.",
    "answer_rate": "Appels entrants décrochés divisés par les appels entrants dont l'issue est "
                   "connue.",
    "csat": "Part des réponses de satisfaction de 4 ou 5 sur une échelle de 1 à 5.",
    "nps": "Pourcentage de promoteurs (9–10 sur 0–10) moins pourcentage de détracteurs "
           "(0–6), de −100 à +100.",
    "average_rating": "Moyenne des notes données dans la période.",
    "report_quality": "Part des champs facultatifs remplis dans les fiches des commerciaux : "
                      "source, valeur, segment et région des leads, et canal, produit, segment, "
                      "région et quantité des commandes (ceux que les fichiers contiennent).",
}


def render_markdown() -> str:
    """docs/KPIS.md: the definitions, grouped by family."""
    titles = {"quantitative": "Quantitative", "qualitative": "Qualitative",
              "alignment": "Sales–marketing alignment"}
    lines = ["# KPI definitions", "",
             "Generated from `models/core/kpi_catalogue.py` (`python -m models.core.kpi_catalogue > "
             "docs/KPIS.md`); `models/kpis/compute.py` implements exactly these, and the app's help "
             "texts show the same words. Each KPI is computed per period (week, month, "
             "quarter, year) and per rep, region, segment, channel or source where the table "
             "has that column.", ""]
    for family, title in titles.items():
        lines += [f"## {title}", ""]
        for d in (d for d in CATALOGUE if d.family == family):
            better = "higher is better" if d.higher_is_better else "lower is better"
            lines += [f"### {d.label_en} — {d.label_fr} (`{d.key}`)", "",
                      f"{d.definition}", "", f"*{DEFINITIONS_FR[d.key]}*", "",
                      f"*Unit: {d.unit}; from the {d.table} table; {better}.*", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render_markdown(), end="")
