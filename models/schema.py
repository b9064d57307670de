"""Canonical tables: their columns, the header synonyms that name them, and the error type.

Every uploaded file is turned into one of five canonical tables (``orders``, ``leads``,
``calls``, ``feedback``, ``objectives``). This module is the single place that says what
each table holds; ``loading`` and ``validation`` read it, nothing else defines columns.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["date", "datetime", "time", "text", "number", "flag", "direction", "outcome"]


class DataError(ValueError):
    """A file or a value the user supplied cannot be used.

    The message always says which file, column or row is at fault and what to do about it,
    because the UI shows it to the user as is. Errors raised with :meth:`coded` also carry
    a catalogue key and its fields, so the UI can say the same in the user's language.
    """

    def __init__(self, message: str, code: str | None = None,
                 params: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.code, self.params = code, dict(params or {})

    @classmethod
    def coded(cls, code: str, **params: object) -> "DataError":
        """The error whose text is ``error.<code>`` of :mod:`models.i18n` (English here)."""
        from models.i18n import t

        return cls(t(f"error.{code}", "en", **params), code, params)

    def text(self, lang: str) -> str:
        """The message in ``lang`` when it has a catalogue key, else as raised."""
        from models.i18n import t

        return t(f"error.{self.code}", lang, **self.params) if self.code else str(self)


@dataclass(frozen=True)
class ColumnSpec:
    """One canonical column.

    Parameters
    ----------
    name
        Canonical name in the validated table.
    kind
        How raw values are parsed (see ``validation``).
    required
        Whether the table is unusable without it.
    synonyms
        Header names (French and English) recognised automatically, best first; they are
        compared after :func:`normalise_header`.
    label
        What the UI calls the column.
    """

    name: str
    kind: ColumnType
    required: bool = False
    synonyms: tuple[str, ...] = ()
    label: str = ""


@dataclass(frozen=True)
class TableSpec:
    """A canonical table: its columns and a one-line description for messages."""

    kind: str
    description: str
    columns: tuple[ColumnSpec, ...]
    # Groups of columns of which at least one must be present (e.g. feedback needs a score).
    one_of: tuple[tuple[str, ...], ...] = field(default_factory=tuple)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def optional(self) -> list[str]:
        return [c.name for c in self.columns if not c.required]

    def column(self, name: str) -> ColumnSpec:
        for spec in self.columns:
            if spec.name == name:
                return spec
        raise KeyError(name)


_REP = ("rep", "sales rep", "salesperson", "sales agent", "agent", "owner", "account manager",
        "commercial", "vendeur", "vendeuse", "conseiller", "conseillere", "responsable",
        "sr id", "seller", "server", "employee")
_REGION = ("region", "territory", "territoire", "zone", "secteur", "area", "regional office")
_SEGMENT = ("segment", "customer segment", "business segment", "segment client", "type client",
            "customer type", "categorie client", "market")
_CUSTOMER = ("customer id", "customer", "customerid", "customer unique id", "client id", "client",
             "code client", "id client", "numero client", "n client", "no client", "ref client",
             "reference client", "account", "account id", "compte", "customer name", "nom client")

TABLES: dict[str, TableSpec] = {
    "orders": TableSpec(
        kind="orders",
        description="one row per order or order line: date, customer, amount",
        columns=(
            ColumnSpec("date", "date", True, (
                "order date", "date de commande", "date commande", "order purchase timestamp",
                "invoice date", "date de facture", "date facture", "date", "order datetime",
                "purchase date", "date d achat", "transaction date", "date vente", "sale date",
                "created at", "created", "month", "mois", "period", "periode", "week",
                "semaine", "observation date"), "Order date"),
            ColumnSpec("customer_id", "text", True, _CUSTOMER, "Customer"),
            ColumnSpec("amount", "number", True, (
                "amount", "sales", "montant", "montant ttc", "montant ht", "ca", "ca ht", "ca ttc",
                "chiffre d affaires", "chiffre d affaire", "revenue", "total", "total ttc",
                "total ht", "net sales", "sales amount", "order value", "order total", "valeur",
                "prix total", "total price", "payment value", "amount eur", "montant eur",
                "total amount"), "Amount"),
            ColumnSpec("order_id", "text", False, (
                "order id", "order", "orderid", "order number", "order no", "numero de commande",
                "n commande", "no commande", "commande", "id commande", "numero commande",
                "invoice", "invoice id", "invoice number", "facture", "numero facture",
                "n facture", "transaction id"), "Order id"),
            ColumnSpec("rep", "text", False, _REP, "Sales rep"),
            ColumnSpec("region", "text", False, _REGION, "Region"),
            ColumnSpec("segment", "text", False, _SEGMENT, "Segment"),
            ColumnSpec("channel", "text", False, (
                "channel", "canal", "sales channel", "canal de vente", "source"),
                "Channel"),
            ColumnSpec("product", "text", False, (
                "product", "product name", "produit", "article", "item", "designation",
                "libelle", "product id", "sku", "reference", "category", "categorie"), "Product"),
            ColumnSpec("quantity", "number", False, (
                "quantity", "qty", "quantite", "qte", "units", "nombre", "nb articles"),
                "Quantity"),
        ),
    ),
    "leads": TableSpec(
        kind="leads",
        description="one row per lead or opportunity: id, created date, source, outcome",
        columns=(
            ColumnSpec("lead_id", "text", True, (
                "lead id", "lead", "mql id", "opportunity id", "opportunity", "id lead",
                "id prospect", "prospect", "prospect id", "id opportunite", "opportunite",
                "deal id", "id", "reference", "numero"), "Lead id"),
            ColumnSpec("created", "date", True, (
                "created date", "created", "creation date", "date de creation", "date creation",
                "first contact date", "engage date", "created at", "date entree", "date",
                "date du lead", "lead date", "date contact", "premier contact"), "Created"),
            ColumnSpec("source", "text", False, (
                "source", "origin", "lead source", "origine", "canal", "channel",
                "source du lead", "campaign", "campagne", "provenance"), "Source"),
            ColumnSpec("converted", "flag", False, (
                "converted", "is converted", "won", "converti", "gagne", "deal stage", "stage",
                "status", "statut", "etape", "outcome", "resultat", "is won"), "Converted"),
            ColumnSpec("converted_date", "date", False, (
                "converted date", "won date", "conversion date", "date de conversion",
                "date conversion", "date de signature", "close date", "closed date",
                "date gagne", "date de gain", "date de cloture", "date cloture", "signed date"),
                "Converted date"),
            ColumnSpec("rep", "text", False, _REP, "Sales rep"),
            ColumnSpec("value", "number", False, (
                "value", "amount", "deal value", "close value", "montant", "valeur",
                "estimated value", "valeur estimee", "montant estime", "expected revenue",
                "declared monthly revenue", "potentiel"), "Value"),
            ColumnSpec("segment", "text", False, _SEGMENT, "Segment"),
            ColumnSpec("region", "text", False, _REGION, "Region"),
            ColumnSpec("customer_id", "text", False, (
                "customer id", "client id", "code client", "account id", "account", "compte"),
                "Customer"),
        ),
    ),
    "calls": TableSpec(
        kind="calls",
        description="one row per phone call: date-time, rep, direction, outcome",
        columns=(
            ColumnSpec("timestamp", "datetime", True, (
                "datetime", "date time", "timestamp", "call date", "call datetime", "date appel",
                "date de l appel", "date heure", "horodatage", "start time", "date"), "Date-time"),
            ColumnSpec("time", "time", False, (
                "time", "heure", "call time", "heure appel", "vru entry", "start", "debut"),
                "Time of day"),
            ColumnSpec("rep", "text", False, _REP + ("server", "agent name"), "Rep / agent"),
            ColumnSpec("direction", "direction", False, (
                "direction", "type appel", "call type", "call direction", "sens",
                "inbound outbound", "entrant sortant"), "Direction"),
            ColumnSpec("outcome", "outcome", False, (
                "outcome", "status", "statut", "result", "resultat", "answered", "answered y n",
                "answered yn", "repondu", "call status", "issue", "disposition"), "Outcome"),
            ColumnSpec("duration", "number", False, (
                "duration", "duration s", "duration sec", "duree", "duree s", "call duration",
                "talk time", "ser time", "avgtalkduration", "avg talk duration", "talk duration",
                "duree appel", "duree de l appel"), "Duration (s)"),
            ColumnSpec("customer_id", "text", False, ("customer id", "client id", "code client",
                                                       "customer", "client"), "Customer"),
        ),
    ),
    "feedback": TableSpec(
        kind="feedback",
        description="one row per survey response: date, customer, CSAT and/or NPS and/or rating",
        columns=(
            ColumnSpec("date", "date", True, (
                "date", "response date", "survey date", "date de reponse", "date reponse",
                "review creation date", "review date", "created", "date avis", "submitted at"),
                "Date"),
            ColumnSpec("customer_id", "text", False, _CUSTOMER, "Customer"),
            ColumnSpec("csat", "number", False, (
                "csat", "satisfaction", "satisfaction score", "satisfaction rating",
                "score satisfaction", "note satisfaction", "review score", "taux de satisfaction",
                "csat score"), "CSAT (1-5)"),
            ColumnSpec("nps", "number", False, (
                "nps", "nps score", "recommendation", "recommandation", "likelihood to recommend",
                "note de recommandation", "recommend score"), "NPS (0-10)"),
            ColumnSpec("rating", "number", False, (
                "rating", "note", "stars", "etoiles", "avis", "review rating", "score"),
                "Rating"),
            ColumnSpec("rep", "text", False, _REP, "Sales rep"),
        ),
        one_of=(("csat", "nps", "rating"),),
    ),
    "objectives": TableSpec(
        kind="objectives",
        description="one row per target: period, KPI, target",
        columns=(
            ColumnSpec("period", "text", True, (
                "period", "periode", "month", "mois", "quarter", "trimestre", "year", "annee",
                "date"), "Period"),
            ColumnSpec("kpi", "text", True, ("kpi", "indicator", "indicateur", "metric",
                                             "mesure"), "KPI"),
            ColumnSpec("target", "number", True, ("target", "objective", "objectif", "cible",
                                                  "goal", "valeur cible", "value"), "Target"),
            ColumnSpec("group", "text", False, ("group", "groupe", "rep", "region", "segment",
                                                "dimension value"), "Group"),
        ),
    ),
}

# Closed deals exported apart from the leads (Olist, many CRMs): merged into the leads.
TABLES["conversions"] = TableSpec(
    kind="conversions",
    description="one row per converted lead (closed deal): lead id, won date",
    columns=(
        ColumnSpec("lead_id", "text", True, (
            "lead id", "mql id", "opportunity id", "id lead", "id prospect", "prospect id",
            "deal id", "id"), "Lead id"),
        ColumnSpec("converted_date", "date", True, (
            "won date", "converted date", "conversion date", "date de conversion",
            "date de signature", "close date", "closed date", "date gagne", "signed date",
            "date"), "Won date"),
        ColumnSpec("rep", "text", False, _REP, "Sales rep"),
        ColumnSpec("value", "number", False, (
            "value", "amount", "deal value", "close value", "montant", "valeur",
            "declared monthly revenue"), "Value"),
        ColumnSpec("segment", "text", False, _SEGMENT, "Segment"),
        ColumnSpec("customer_id", "text", False, ("customer id", "client id", "code client",
                                                   "seller id", "account id"), "Customer"),
    ),
)

# The five tables a user loads; "conversions" completes "leads".
KINDS: tuple[str, ...] = ("orders", "leads", "calls", "feedback", "objectives")

# The date that places a row in time, per table: spans, gaps and periods use it.
MAIN_DATE: dict[str, str] = {"orders": "date", "leads": "created", "calls": "timestamp",
                             "feedback": "date", "objectives": "period_start",
                             "conversions": "converted_date"}


def table_spec(kind: str) -> TableSpec:
    """Return the spec of ``kind`` or raise a :class:`DataError` listing the valid kinds."""
    try:
        return TABLES[kind]
    except KeyError:
        raise DataError(f"unknown table kind {kind!r}; expected one of {list(KINDS)}") from None


def normalise_header(text: object) -> str:
    """Fold a header for matching: no accents, lower case, words separated by one space.

    >>> normalise_header("\\ufeffDate de Commande ")
    'date de commande'
    >>> normalise_header("Answered (Y/N)")
    'answered y n'
    """
    folded = unicodedata.normalize("NFKD", str(text))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(re.split(r"[^0-9a-z]+", folded.lower())).strip()
