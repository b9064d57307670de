"""The text catalogue as the app uses it: every key used exists, in every language.

The catalogue files themselves (complete, same fields, not stale, plurals) are checked in
test_translations.py.
"""

import ast
from pathlib import Path

import pytest

from models.core.catalogues import forms_of
from models.core.i18n import CATALOGUES, LANGUAGES, resolve_language, t
from models.core.kpi_catalogue import CATALOGUE

ROOT = Path(__file__).resolve().parents[3]
UI_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
TEXTS = CATALOGUES["en"].texts  # every key, with its English text


def test_every_kpi_has_french_names_and_definitions():
    for d in CATALOGUE:
        assert f"kpi.{d.key}" in CATALOGUES["fr"].texts
        assert d.describe("fr") != d.describe("en"), d.key
    names = {d.key: d.label("fr") for d in CATALOGUE}
    assert names["revenue"] == "Chiffre d'affaires" and names["average_basket"] == "Panier moyen"
    assert (
        names["churn_rate"] == "Taux d'attrition"
        and names["retention_rate"] == "Taux de fidélisation"
    )


def keys_used_in(path: Path) -> set[str]:
    """Literal first arguments of calls to ``t(...)`` / ``tr(...)`` / ``tr_plain(...)`` in a UI
    file."""
    keys = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("t", "tr", "tr_plain")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            keys.add(node.args[0].value)
    return keys


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: p.name)
def test_every_key_the_ui_asks_for_exists(path):
    missing = keys_used_in(path) - set(TEXTS)
    assert not missing, f"{path.name} uses keys missing from locales/en.po: {sorted(missing)}"


def test_language_choice():
    assert resolve_language("fr", "en-US") == "fr"  # the URL wins
    assert resolve_language(None, "fr-FR") == "fr"  # then the browser
    assert resolve_language("de", "de-DE") == "en"  # else English
    assert resolve_language(None, None) == "en"
    assert set(LANGUAGES) == {"en", "fr"}


def test_lookup_fills_fields_and_rejects_unknown_keys():
    assert t("sidebar.own", "fr", kinds="commandes") == "Vos données : commandes."
    assert t("page.dashboard", "xx") == "Dashboard"
    with pytest.raises(KeyError):
        t("no.such.key")


def test_every_forecast_model_has_a_name():
    from models.forecasting.engine import CANDIDATES

    assert {f"model.{key}" for key in CANDIDATES} <= set(TEXTS)


def test_every_risk_and_lead_estimator_has_a_name():
    from models.scoring.snapshots import ESTIMATORS

    assert {f"estimator.{key}" for key in ESTIMATORS} <= set(TEXTS)


def codes_raised_in(path: Path) -> set[str]:
    """Literal codes of ``DataError.coded("...")`` calls in an engine module."""
    codes = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "coded"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            codes.add(node.args[0].value)
        if (
            isinstance(node, ast.IfExp)
            and isinstance(node.body, ast.Constant)
            and isinstance(node.orelse, ast.Constant)
        ):  # "a" if cond else "b"
            codes.update(
                v.value
                for v in (node.body, node.orelse)
                if isinstance(v.value, str) and f"error.{v.value}" in TEXTS
            )
    return codes


def test_every_coded_error_is_in_the_catalogue_and_reads_in_french():
    from models.core.errors import DataError

    codes = set().union(*(codes_raised_in(p) for p in (ROOT / "models").rglob("*.py")))
    assert {"empty_file", "binary_file", "missing_columns", "no_usable_row"} <= codes
    assert not {f"error.{c}" for c in codes} - set(TEXTS)
    err = DataError.coded("header_only", name="ventes.csv")
    assert str(err) == "'ventes.csv' has a header row but no data rows."
    assert err.text("fr") == "« ventes.csv » a une ligne d'en-têtes mais aucune ligne de données."
    assert DataError("plain").text("fr") == "plain"  # uncoded errors stay as raised


def calls_in(path: Path, name: str) -> list[ast.Call]:
    """Calls to ``name(...)`` or ``X.name(...)`` in a module."""
    return [
        node
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == name)
            or (isinstance(node.func, ast.Attribute) and node.func.attr == name)
        )
    ]


ENGINE_FILES = sorted((ROOT / "models").rglob("*.py"))


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_engine_says_nothing_outside_the_catalogue(path):
    # every DataError can be said in French: none is raised from a bare English string
    bare = [node.lineno for node in calls_in(path, "DataError")]
    assert not bare, f"{path.name}: DataError(...) without a code on line(s) {bare}"
    literal = {
        node.args[0].value
        for node in calls_in(path, "Phrase")
        if node.args and isinstance(node.args[0], ast.Constant)
    }
    assert literal <= set(TEXTS), f"{path.name}: phrases missing: {sorted(literal - set(TEXTS))}"


def test_every_table_and_column_has_a_name_in_both_languages():
    from models.data.schema import TABLES

    for kind, spec in TABLES.items():
        assert spec.description.text("fr") != spec.description  # translated, not copied
        for column in spec.columns:
            english, french = spec.label(column.name), spec.label(column.name).text("fr")
            assert english and french, (kind, column.name)
    assert TABLES["orders"].label("amount").text("fr") == "Montant"
    assert TABLES["orders"].label("date").text("fr") == "Date de commande"


def test_a_phrase_is_its_english_text_and_survives_a_cache():
    import pickle

    from models.core.i18n import Joined, Phrase

    reason = Phrase("drop.no_date", column=Joined((Phrase("column.orders.date"),), lower=True))
    assert reason == "rows without a readable date (order date)"
    assert reason.text("fr") == "lignes sans date lisible (date de commande)"
    again = pickle.loads(pickle.dumps({reason: [3]}))  # st.cache_data pickles reports
    assert list(again) == [reason] and next(iter(again)).text("fr") == reason.text("fr")


def test_dates_in_messages_follow_the_language():
    import pandas as pd

    from models.core.errors import DataError

    err = DataError.coded("no_open_lead", day=pd.Timestamp("2026-11-27"))
    assert str(err) == "no lead is open on Nov 27, 2026: every lead has converted."
    assert err.text("fr") == "aucun lead ouvert au 27/11/2026 : tous se sont convertis."


def test_a_separator_is_named_in_the_readers_language():
    from models.core.errors import DataError
    from models.data.loading import SEPARATOR_NAMES

    err = DataError.coded(
        "unreadable_table", name="x.csv", separator=SEPARATOR_NAMES[";"], detail="..."
    )
    assert "separator semicolon (;)" in str(err)
    assert "séparateur point-virgule (;)" in err.text("fr")


def test_no_text_says_row_s_any_more():
    # "(s)" is a count said without its plural; "Duration (s)" is seconds
    said = [form for text in TEXTS.values() for form in forms_of(text)]
    said += [form for text in CATALOGUES["fr"].texts.values() for form in forms_of(text)]
    seconds = ("Duration (s)", "Durée (s)")
    assert [s for s in said if "(s)" in s.replace(seconds[0], "").replace(seconds[1], "")] == []


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("en", 0, "0 saved scenarios left out: Q1."),
        ("en", 1, "1 saved scenario left out: Q1."),
        ("en", 2, "2 saved scenarios left out: Q1."),
        ("fr", 0, "0 scénario enregistré écarté : Q1."),  # French: 0 and 1 are singular
        ("fr", 1, "1 scénario enregistré écarté : Q1."),
        ("fr", 2, "2 scénarios enregistrés écartés : Q1."),
    ],
)
def test_plural_forms_follow_the_count(lang, count, expected):
    assert t("whatif.skipped", lang, count=count, names="Q1") == expected


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("en", 0, "objectives: missing columns 'kpi'; found 'x'."),
        ("en", 1, "objectives: missing column 'kpi'; found 'x'."),
        ("en", 2, "objectives: missing columns 'kpi'; found 'x'."),
        ("fr", 0, "objectifs : colonne manquante « kpi » ; trouvées « x »."),
        ("fr", 1, "objectifs : colonne manquante « kpi » ; trouvées « x »."),
        ("fr", 2, "objectifs : colonnes manquantes « kpi » ; trouvées « x »."),
    ],
)
def test_plural_forms_in_a_coded_error(lang, count, expected):
    from models.core.errors import DataError

    err = DataError.coded("objectives_columns", missing=["kpi"], count=count, found=["x"])
    assert err.text(lang) == expected


def test_a_count_already_formatted_picks_its_form_from_its_digits():
    assert t("report.refunds", "en", count="1,234", total="€9").startswith(
        "**Negative amounts (refunds)**: 1,234 rows, €9"
    )
    assert "1\u202f234 lignes, 9 € au total (gardées)" in t(
        "report.refunds", "fr", count="1\u202f234", total="9 €"
    )
    assert "1 ligne, 9 € au total (gardée)" in t("report.refunds", "fr", count="1", total="9 €")


def test_a_plural_text_without_its_count_is_a_bug():
    with pytest.raises(TypeError, match="count"):
        t("whatif.skipped", "en", names="Q1")


def test_a_phrase_keeps_its_count_across_languages():
    from models.core.i18n import Phrase

    skipped = Phrase("objectives.skipped", count=1, rows="row 3")
    assert skipped.startswith("1 saved objective left out: it fails")
    assert skipped.text("fr").startswith("1 objectif enregistré écarté : il ne passe pas")
