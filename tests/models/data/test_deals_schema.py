"""Deals by stage and sales teams: header synonyms, stages to open / won / lost, quirks kept."""

import pandas as pd
import pytest

from models import ImportOptions, import_table, propose_mapping
from models.data.validation import deal_status
from tests.conftest import named_file

# Maven CRM's layout and quirks: open deals with no close date and no value, Prospecting
# deals without an engage date either, a product spelt two ways.
MAVEN_LIKE = """opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value
D1,Ann,GTX Pro,Acme,Won,2017-01-02,2017-03-01,4000
D2,Ann,GTXPro,Acme,Lost,2017-01-05,2017-02-01,0
D3,Bob,MG Special,Betatech,Won,2017-02-01,2017-02-11,50
D4,Bob,MG Special,,Engaging,2017-03-01,,
D5,Cy,GTX Pro,Codehow,Prospecting,,,
"""

FRENCH = """N° affaire;Étape;Montant;Date de création;Date de clôture;Commercial;Société
A-1;Gagné;1 200,50;03/01/2026;15/02/2026;Élodie;Dupont SA
A-2;Perdue;800;04/01/2026;20/01/2026;Élodie;Martin
A-3;Négociation;2 000;10/01/2026;;Hugo;Durand
A-4;Signé;300;12/01/2026;28/01/2026;Hugo;Petit
A-5;Proposition;;;;Hugo;
A-6;Démo planifiée;500;15/01/2026;;Hugo;Leroy
"""


def test_maven_like_deals_load_with_every_open_deal_kept():
    result = import_table(named_file(MAVEN_LIKE, "sales_pipeline.csv"), "deals")
    deals = result.table
    assert result.report.mapping == {
        "deal_id": "opportunity_id",
        "stage": "deal_stage",
        "value": "close_value",
        "created": "engage_date",
        "close_date": "close_date",
        "rep": "sales_agent",
        "account": "account",
        "product": "product",
        "region": None,
    }
    assert deals["deal_id"].tolist() == ["D1", "D2", "D3", "D4", "D5"]  # nothing dropped
    assert deals["status"].tolist() == ["won", "lost", "won", "open", "open"]
    assert deals["stage"].tolist() == ["Won", "Lost", "Won", "Engaging", "Prospecting"]
    assert deals["created"].isna().tolist() == [False] * 4 + [True]
    assert deals["value"].isna().sum() == 2 and deals["value"].sum() == 4050
    assert not any("read as open" in str(note) for note in result.report.notes)


def test_french_deals_and_their_stages():
    result = import_table(named_file(FRENCH.encode("utf-8"), "affaires.csv"), "deals")
    deals = result.table
    assert deals["status"].tolist() == ["won", "lost", "open", "won", "open", "open"]
    assert deals["value"].tolist()[:4] == [1200.5, 800.0, 2000.0, 300.0]
    assert deals["close_date"].iloc[0] == pd.Timestamp("2026-02-15")
    assert result.report.mapping["rep"] == "Commercial"
    assert result.report.mapping["account"] == "Société"
    # "Démo planifiée" is no word we know: kept as open, and the notes say so
    notes = [str(note) for note in result.report.notes]
    assert any("stages read as open" in note and "Démo planifiée" in note for note in notes)


def test_the_users_stage_mapping_comes_first():
    options = ImportOptions(value_map={"stage": {"Démo planifiée": "lost", "Signé": "open"}})
    deals = import_table(
        named_file(FRENCH.encode("utf-8"), "affaires.csv"), "deals", options=options
    ).table
    assert deals["status"].tolist() == ["won", "lost", "open", "open", "open", "lost"]


@pytest.mark.parametrize(
    "stage, status",
    [
        ("Won", "won"),
        ("Closed Won", "won"),
        ("closed-won", "won"),
        ("Gagné", "won"),
        ("GAGNÉE", "won"),
        ("Signé", "won"),
        ("Lost", "lost"),
        ("Closed Lost", "lost"),
        ("Perdu", "lost"),
        ("Abandonné", "lost"),
        ("Sans suite", "lost"),
        ("Prospecting", "open"),
        ("Engaging", "open"),
        ("Qualification", "open"),
        ("Proposition", "open"),
        ("Négociation", "open"),
        ("Negotiation/Review", "open"),
        ("Devis envoyé", "open"),
        ("Id. Decision Makers", "open"),
        ("", "open"),
        ("Stage 7 (custom)", "open"),
    ],
)
def test_stage_words_in_french_and_english(stage, status):
    assert deal_status(pd.Series([stage])).tolist() == [status]


def test_maven_teams_table():
    teams = "sales_agent,manager,regional_office\nAnn,Dustin Brinkmann,Central\nBob,Melvin Marxen,Central\n"
    result = import_table(named_file(teams, "sales_teams.csv"), "teams")
    assert result.report.mapping == {
        "rep": "sales_agent",
        "manager": "manager",
        "team": None,
        "region": "regional_office",
    }
    assert result.table["region"].tolist() == ["Central", "Central"]


def test_french_teams_headers():
    mapping = propose_mapping(["Commercial", "Chef des ventes", "Équipe", "Agence"], "teams")
    assert mapping == {
        "rep": "Commercial",
        "manager": "Chef des ventes",
        "team": "Équipe",
        "region": "Agence",
    }


def test_unknown_stages_are_offered_for_mapping():
    from models import unrecognised_values
    from models.data.loading import read_raw

    raw = read_raw(named_file(FRENCH.encode("utf-8"), "affaires.csv"))
    mapping = propose_mapping(list(raw.frame.columns), "deals")
    assert unrecognised_values(raw, "deals", mapping) == {
        "stage": (["Démo planifiée"], ["won", "lost", "open"])
    }
