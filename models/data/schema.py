"""Canonical tables: their columns, the header synonyms that name them, and the error type.

Every uploaded file is turned into one of the canonical tables (``orders``, ``leads``,
``calls``, ``feedback``, ``objectives``; ``deals`` and ``teams`` for a sales pipeline).
This module is the single place that says what each table holds; ``loading`` and
``validation`` read it, nothing else defines columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from models.core.errors import DataError
from models.core.i18n import Phrase

ColumnType = Literal[
    "date", "datetime", "time", "text", "number", "flag", "direction", "outcome", "stage"
]


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

    What the UI calls a column is :meth:`TableSpec.label`: the same name can read differently
    in two tables (an orders file's "Order date", a feedback file's "Date").
    """

    name: str
    kind: ColumnType
    required: bool = False
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    """A canonical table: its columns; its description and column labels are in the catalogue
    of :mod:`models.core.i18n` (``table.<kind>``, ``column.<kind>.<name>``)."""

    kind: str
    columns: tuple[ColumnSpec, ...]
    # Groups of columns of which at least one must be present (e.g. feedback needs a score).
    one_of: tuple[tuple[str, ...], ...] = field(default_factory=tuple)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def optional(self) -> list[str]:
        return [c.name for c in self.columns if not c.required]

    @property
    def description(self) -> Phrase:
        """What one row of the table is, e.g. "one row per phone call: date-time, rep, …"."""
        return Phrase(f"table.{self.kind}")

    def label(self, name: str) -> Phrase:
        """What the UI calls column ``name`` of this table, e.g. "Order date"."""
        return Phrase(f"column.{self.kind}.{name}")

    def column(self, name: str) -> ColumnSpec:
        for spec in self.columns:
            if spec.name == name:
                return spec
        raise KeyError(name)


_REP = (
    "rep",
    "sales rep",
    "salesperson",
    "sales agent",
    "agent",
    "owner",
    "account manager",
    "commercial",
    "vendeur",
    "vendeuse",
    "conseiller",
    "conseillere",
    "responsable",
    "sr id",
    "seller",
    "server",
    "employee",
)
_REGION = ("region", "territory", "territoire", "zone", "secteur", "area", "regional office")
_SEGMENT = (
    "segment",
    "customer segment",
    "business segment",
    "segment client",
    "type client",
    "customer type",
    "categorie client",
    "market",
)
_CUSTOMER = (
    "customer id",
    "customer",
    "customerid",
    "customer unique id",
    "client id",
    "client",
    "code client",
    "id client",
    "numero client",
    "n client",
    "no client",
    "ref client",
    "reference client",
    "account",
    "account id",
    "compte",
    "customer name",
    "nom client",
)

TABLES: dict[str, TableSpec] = {
    "orders": TableSpec(
        kind="orders",
        columns=(
            ColumnSpec(
                "date",
                "date",
                True,
                (
                    "order date",
                    "date de commande",
                    "date commande",
                    "order purchase timestamp",
                    "invoice date",
                    "date de facture",
                    "date facture",
                    "date",
                    "order datetime",
                    "purchase date",
                    "date d achat",
                    "transaction date",
                    "date vente",
                    "sale date",
                    "created at",
                    "created",
                    "month",
                    "mois",
                    "period",
                    "periode",
                    "week",
                    "semaine",
                    "observation date",
                ),
            ),
            ColumnSpec("customer_id", "text", True, _CUSTOMER),
            ColumnSpec(
                "amount",
                "number",
                True,
                (
                    "amount",
                    "sales",
                    "montant",
                    "montant ttc",
                    "montant ht",
                    "ca",
                    "ca ht",
                    "ca ttc",
                    "chiffre d affaires",
                    "chiffre d affaire",
                    "revenue",
                    "total",
                    "total ttc",
                    "total ht",
                    "net sales",
                    "sales amount",
                    "order value",
                    "order total",
                    "valeur",
                    "prix total",
                    "total price",
                    "payment value",
                    "amount eur",
                    "montant eur",
                    "total amount",
                ),
            ),
            ColumnSpec(
                "order_id",
                "text",
                False,
                (
                    "order id",
                    "order",
                    "orderid",
                    "order number",
                    "order no",
                    "numero de commande",
                    "n commande",
                    "no commande",
                    "commande",
                    "id commande",
                    "numero commande",
                    "invoice",
                    "invoice id",
                    "invoice number",
                    "facture",
                    "numero facture",
                    "n facture",
                    "transaction id",
                ),
            ),
            ColumnSpec("rep", "text", False, _REP),
            ColumnSpec("region", "text", False, _REGION),
            ColumnSpec("segment", "text", False, _SEGMENT),
            ColumnSpec(
                "channel",
                "text",
                False,
                ("channel", "canal", "sales channel", "canal de vente", "source"),
            ),
            ColumnSpec(
                "product",
                "text",
                False,
                (
                    "product",
                    "product name",
                    "produit",
                    "article",
                    "item",
                    "designation",
                    "libelle",
                    "product id",
                    "sku",
                    "reference",
                    "category",
                    "categorie",
                ),
            ),
            ColumnSpec(
                "quantity",
                "number",
                False,
                ("quantity", "qty", "quantite", "qte", "units", "nombre", "nb articles"),
            ),
        ),
    ),
    "leads": TableSpec(
        kind="leads",
        columns=(
            ColumnSpec(
                "lead_id",
                "text",
                True,
                (
                    "lead id",
                    "lead",
                    "mql id",
                    "opportunity id",
                    "opportunity",
                    "id lead",
                    "id prospect",
                    "prospect",
                    "prospect id",
                    "id opportunite",
                    "opportunite",
                    "deal id",
                    "id",
                    "reference",
                    "numero",
                ),
            ),
            ColumnSpec(
                "created",
                "date",
                True,
                (
                    "created date",
                    "created",
                    "creation date",
                    "date de creation",
                    "date creation",
                    "first contact date",
                    "engage date",
                    "created at",
                    "date entree",
                    "date",
                    "date du lead",
                    "lead date",
                    "date contact",
                    "premier contact",
                ),
            ),
            ColumnSpec(
                "source",
                "text",
                False,
                (
                    "source",
                    "origin",
                    "lead source",
                    "origine",
                    "canal",
                    "channel",
                    "source du lead",
                    "campaign",
                    "campagne",
                    "provenance",
                ),
            ),
            ColumnSpec(
                "converted",
                "flag",
                False,
                (
                    "converted",
                    "is converted",
                    "won",
                    "converti",
                    "gagne",
                    "deal stage",
                    "stage",
                    "status",
                    "statut",
                    "etape",
                    "outcome",
                    "resultat",
                    "is won",
                ),
            ),
            ColumnSpec(
                "converted_date",
                "date",
                False,
                (
                    "converted date",
                    "won date",
                    "conversion date",
                    "date de conversion",
                    "date conversion",
                    "date de signature",
                    "close date",
                    "closed date",
                    "date gagne",
                    "date de gain",
                    "date de cloture",
                    "date cloture",
                    "signed date",
                ),
            ),
            ColumnSpec("rep", "text", False, _REP),
            ColumnSpec(
                "value",
                "number",
                False,
                (
                    "value",
                    "amount",
                    "deal value",
                    "close value",
                    "montant",
                    "valeur",
                    "estimated value",
                    "valeur estimee",
                    "montant estime",
                    "expected revenue",
                    "declared monthly revenue",
                    "potentiel",
                ),
            ),
            ColumnSpec("segment", "text", False, _SEGMENT),
            ColumnSpec("region", "text", False, _REGION),
            ColumnSpec(
                "customer_id",
                "text",
                False,
                ("customer id", "client id", "code client", "account id", "account", "compte"),
            ),
        ),
    ),
    "calls": TableSpec(
        kind="calls",
        columns=(
            ColumnSpec(
                "timestamp",
                "datetime",
                True,
                (
                    "datetime",
                    "date time",
                    "timestamp",
                    "call date",
                    "call datetime",
                    "date appel",
                    "date de l appel",
                    "date heure",
                    "horodatage",
                    "start time",
                    "date",
                ),
            ),
            ColumnSpec(
                "time",
                "time",
                False,
                ("time", "heure", "call time", "heure appel", "vru entry", "start", "debut"),
            ),
            ColumnSpec("rep", "text", False, _REP + ("server", "agent name")),
            ColumnSpec(
                "direction",
                "direction",
                False,
                (
                    "direction",
                    "type appel",
                    "call type",
                    "call direction",
                    "sens",
                    "inbound outbound",
                    "entrant sortant",
                ),
            ),
            ColumnSpec(
                "outcome",
                "outcome",
                False,
                (
                    "outcome",
                    "status",
                    "statut",
                    "result",
                    "resultat",
                    "answered",
                    "answered y n",
                    "answered yn",
                    "repondu",
                    "call status",
                    "issue",
                    "disposition",
                ),
            ),
            ColumnSpec(
                "duration",
                "number",
                False,
                (
                    "duration",
                    "duration s",
                    "duration sec",
                    "duree",
                    "duree s",
                    "call duration",
                    "talk time",
                    "ser time",
                    "avgtalkduration",
                    "avg talk duration",
                    "talk duration",
                    "duree appel",
                    "duree de l appel",
                ),
            ),
            ColumnSpec(
                "customer_id",
                "text",
                False,
                ("customer id", "client id", "code client", "customer", "client"),
            ),
        ),
    ),
    "feedback": TableSpec(
        kind="feedback",
        columns=(
            ColumnSpec(
                "date",
                "date",
                True,
                (
                    "date",
                    "response date",
                    "survey date",
                    "date de reponse",
                    "date reponse",
                    "review creation date",
                    "review date",
                    "created",
                    "date avis",
                    "submitted at",
                ),
            ),
            ColumnSpec("customer_id", "text", False, _CUSTOMER),
            ColumnSpec(
                "csat",
                "number",
                False,
                (
                    "csat",
                    "satisfaction",
                    "satisfaction score",
                    "satisfaction rating",
                    "score satisfaction",
                    "note satisfaction",
                    "review score",
                    "taux de satisfaction",
                    "csat score",
                ),
            ),
            ColumnSpec(
                "nps",
                "number",
                False,
                (
                    "nps",
                    "nps score",
                    "recommendation",
                    "recommandation",
                    "likelihood to recommend",
                    "note de recommandation",
                    "recommend score",
                ),
            ),
            ColumnSpec(
                "rating",
                "number",
                False,
                ("rating", "note", "stars", "etoiles", "avis", "review rating", "score"),
            ),
            ColumnSpec("rep", "text", False, _REP),
        ),
        one_of=(("csat", "nps", "rating"),),
    ),
    "objectives": TableSpec(
        kind="objectives",
        columns=(
            ColumnSpec(
                "period",
                "text",
                True,
                (
                    "period",
                    "periode",
                    "month",
                    "mois",
                    "quarter",
                    "trimestre",
                    "year",
                    "annee",
                    "date",
                ),
            ),
            ColumnSpec("kpi", "text", True, ("kpi", "indicator", "indicateur", "metric", "mesure")),
            ColumnSpec(
                "target",
                "number",
                True,
                ("target", "objective", "objectif", "cible", "goal", "valeur cible", "value"),
            ),
            ColumnSpec(
                "group",
                "text",
                False,
                ("group", "groupe", "rep", "region", "segment", "dimension value"),
            ),
        ),
    ),
}

# Closed deals exported apart from the leads (Olist, many CRMs): merged into the leads.
TABLES["conversions"] = TableSpec(
    kind="conversions",
    columns=(
        ColumnSpec(
            "lead_id",
            "text",
            True,
            (
                "lead id",
                "mql id",
                "opportunity id",
                "id lead",
                "id prospect",
                "prospect id",
                "deal id",
                "id",
            ),
        ),
        ColumnSpec(
            "converted_date",
            "date",
            True,
            (
                "won date",
                "converted date",
                "conversion date",
                "date de conversion",
                "date de signature",
                "close date",
                "closed date",
                "date gagne",
                "signed date",
                "date",
            ),
        ),
        ColumnSpec("rep", "text", False, _REP),
        ColumnSpec(
            "value",
            "number",
            False,
            (
                "value",
                "amount",
                "deal value",
                "close value",
                "montant",
                "valeur",
                "declared monthly revenue",
            ),
        ),
        ColumnSpec("segment", "text", False, _SEGMENT),
        ColumnSpec(
            "customer_id",
            "text",
            False,
            ("customer id", "client id", "code client", "seller id", "account id"),
        ),
    ),
)

# A CRM's opportunities by stage (Salesforce, HubSpot, Pipedrive, Maven's sales_pipeline.csv):
# open deals keep their row without dates or value; ``stage`` keeps the file's word and the
# validation adds ``status`` (open / won / lost) from it.
TABLES["deals"] = TableSpec(
    kind="deals",
    columns=(
        ColumnSpec(
            "deal_id",
            "text",
            True,
            (
                "opportunity id",
                "deal id",
                "opportunity",
                "deal",
                "id opportunite",
                "opportunite",
                "id affaire",
                "affaire",
                "numero affaire",
                "n affaire",
                "reference affaire",
                "id",
            ),
        ),
        ColumnSpec(
            "stage",
            "stage",
            True,
            (
                "deal stage",
                "stage",
                "opportunity stage",
                "pipeline stage",
                "sales stage",
                "etape",
                "etape de vente",
                "etape du pipeline",
                "phase",
                "statut",
                "status",
                "statut affaire",
                "stade",
            ),
        ),
        ColumnSpec(
            "value",
            "number",
            False,
            (
                "close value",
                "value",
                "amount",
                "deal value",
                "deal amount",
                "opportunity amount",
                "montant",
                "valeur",
                "montant affaire",
                "montant de l affaire",
                "expected revenue",
                "revenue",
                "chiffre d affaires",
                "ca",
            ),
        ),
        ColumnSpec(
            "created",
            "date",
            False,
            (
                "engage date",
                "created date",
                "created",
                "create date",
                "creation date",
                "date de creation",
                "date creation",
                "date d engagement",
                "open date",
                "date d ouverture",
                "created at",
                "date entree",
            ),
        ),
        ColumnSpec(
            "close_date",
            "date",
            False,
            (
                "close date",
                "closed date",
                "closing date",
                "expected close date",
                "date de cloture",
                "date cloture",
                "date de closing",
                "date de signature",
                "date signature",
                "date de fermeture",
                "won date",
                "date gagne",
            ),
        ),
        ColumnSpec("rep", "text", False, _REP),
        ColumnSpec(
            "account",
            "text",
            False,
            (
                "account",
                "account name",
                "company",
                "company name",
                "compte",
                "societe",
                "entreprise",
                "client",
                "customer",
                "customer name",
                "nom client",
                "raison sociale",
            ),
        ),
        ColumnSpec(
            "product",
            "text",
            False,
            (
                "product",
                "product name",
                "produit",
                "offre",
                "offer",
                "gamme",
                "article",
                "designation",
                "sku",
            ),
        ),
        ColumnSpec("region", "text", False, _REGION),
    ),
)

# Who sells in which team: a rep's manager, team and regional office, for roll-ups.
TABLES["teams"] = TableSpec(
    kind="teams",
    columns=(
        ColumnSpec("rep", "text", True, _REP),
        ColumnSpec(
            "manager",
            "text",
            False,
            (
                "manager",
                "sales manager",
                "manager commercial",
                "chef des ventes",
                "responsable commercial",
                "directeur commercial",
                "team lead",
                "team leader",
                "chef d equipe",
                "superieur",
                "n 1",
            ),
        ),
        ColumnSpec(
            "team",
            "text",
            False,
            ("team", "sales team", "equipe", "equipe commerciale", "squad", "groupe"),
        ),
        ColumnSpec(
            "region",
            "text",
            False,
            _REGION + ("office", "agence", "bureau", "bureau regional", "direction regionale"),
        ),
    ),
)

# The five tables a user loads; "conversions" completes "leads".
KINDS: tuple[str, ...] = ("orders", "leads", "calls", "feedback", "objectives")

# The date that places a row in time, per table: spans, gaps and periods use it.
MAIN_DATE: dict[str, str] = {
    "orders": "date",
    "leads": "created",
    "calls": "timestamp",
    "feedback": "date",
    "objectives": "period_start",
    "conversions": "converted_date",
    "deals": "created",
}


def table_spec(kind: str) -> TableSpec:
    """Return the spec of ``kind`` or raise a :class:`DataError` listing the valid kinds."""
    try:
        return TABLES[kind]
    except KeyError:
        raise DataError.coded("unknown_kind", kind=kind, kinds=", ".join(KINDS)) from None
