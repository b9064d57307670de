"""One catalogue, two languages: every key in both, same placeholders, every key used exists."""

import ast
from pathlib import Path

import pytest

from models.i18n import LANGUAGES, TEXTS, placeholders, resolve_language, t
from models.kpi_catalogue import CATALOGUE, DEFINITIONS_FR

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_exists_in_both_languages_with_the_same_fields(key):
    english, french = TEXTS[key]
    assert english.strip() and french.strip()
    assert placeholders(english) == placeholders(french)


def test_every_kpi_has_french_names_and_definitions():
    assert set(DEFINITIONS_FR) == {d.key for d in CATALOGUE}
    names = {d.key: d.label("fr") for d in CATALOGUE}
    assert names["revenue"] == "Chiffre d'affaires" and names["average_basket"] == "Panier moyen"
    assert names["churn_rate"] == "Taux d'attrition" and names["retention_rate"] == "Taux de fidélisation"


def keys_used_in(path: Path) -> set[str]:
    """Literal first arguments of calls to ``t(...)`` / ``tr(...)`` in a UI file."""
    keys = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("t", "tr") and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            keys.add(node.args[0].value)
    return keys


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: p.name)
def test_every_key_the_ui_asks_for_exists(path):
    missing = keys_used_in(path) - set(TEXTS)
    assert not missing, f"{path.name} uses keys missing from models/i18n.py: {sorted(missing)}"


def test_language_choice():
    assert resolve_language("fr", "en-US") == "fr"     # the URL wins
    assert resolve_language(None, "fr-FR") == "fr"     # then the browser
    assert resolve_language("de", "de-DE") == "en"     # else English
    assert resolve_language(None, None) == "en"
    assert set(LANGUAGES) == {"en", "fr"}


def test_lookup_fills_fields_and_rejects_unknown_keys():
    assert t("sidebar.own", "fr", kinds="commandes") == "Vos données : commandes."
    assert t("page.dashboard", "xx") == "Dashboard"
    with pytest.raises(KeyError):
        t("no.such.key")


def test_every_forecast_model_has_a_name():
    from models.forecasting import CANDIDATES

    assert {f"model.{key}" for key in CANDIDATES} <= set(TEXTS)


def codes_raised_in(path: Path) -> set[str]:
    """Literal codes of ``DataError.coded("...")`` calls in an engine module."""
    codes = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "coded" and node.args
                and isinstance(node.args[0], ast.Constant)):
            codes.add(node.args[0].value)
        if (isinstance(node, ast.IfExp) and isinstance(node.body, ast.Constant)
                and isinstance(node.orelse, ast.Constant)):  # "a" if cond else "b"
            codes.update(v.value for v in (node.body, node.orelse) if isinstance(v.value, str)
                         and f"error.{v.value}" in TEXTS)
    return codes


def test_every_coded_error_is_in_the_catalogue_and_reads_in_french():
    from models.schema import DataError

    codes = set().union(*(codes_raised_in(p) for p in (ROOT / "models").glob("*.py")))
    assert {"empty_file", "binary_file", "missing_columns", "no_usable_row"} <= codes
    assert not {f"error.{c}" for c in codes} - set(TEXTS)
    err = DataError.coded("header_only", name="ventes.csv")
    assert str(err) == "'ventes.csv' has a header row but no data rows."
    assert err.text("fr") == "« ventes.csv » a une ligne d'en-têtes mais aucune ligne de données."
    assert DataError("plain").text("fr") == "plain"  # uncoded errors stay as raised
