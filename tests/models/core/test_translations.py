"""The catalogue files: every language holds every key with the same fields and plural shape,
a translation older than its English is flagged, and a new language is a new file."""

import shutil
from pathlib import Path

import pytest

from models.core.catalogues import LOCALE_DIR, read_catalogue, read_catalogues, read_po_file
from models.core.i18n import CATALOGUES, LANGUAGES
from models.core.translations import check_catalogues, main, po_text, stamp

SOURCE = CATALOGUES["en"].texts
TRANSLATIONS = [lang for lang in CATALOGUES if lang != "en"]


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """A copy of the catalogue files to break: the real ones are never touched."""
    return Path(shutil.copytree(LOCALE_DIR, tmp_path / "locales"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_catalogues_are_complete_and_up_to_date():
    assert check_catalogues() == []


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_every_language_has_exactly_the_english_keys(lang):
    assert set(read_catalogue(LOCALE_DIR / f"{lang}.po").texts) == set(SOURCE)


def test_the_languages_are_the_files():
    assert LANGUAGES == {"en": "English", "fr": "Français"}
    assert {p.stem for p in LOCALE_DIR.glob("*.po")} == set(LANGUAGES)


@pytest.mark.parametrize("path", sorted(LOCALE_DIR.glob("*.po")), ids=lambda p: p.name)
def test_the_files_are_sorted_and_as_the_tools_write_them(path):
    # so that `stamp` (and Babel, msgmerge...) rewrite a file without reshuffling it
    assert po_text(read_po_file(path)) == path.read_bytes()
    keys = [m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po_file(path) if m.id]
    assert keys == sorted(keys)


def test_a_changed_english_text_makes_its_translation_stale(locales):
    edit(locales / "en.po", 'msgstr "Dashboard"', 'msgstr "Overview of sales"')
    assert check_catalogues(locales) == [
        (
            "fr: page.dashboard: stale: the English changed since it was translated "
            "(now: 'Overview of sales')"
        )
    ]
    stamp("fr", ["page.dashboard"], locales)  # the translator checked it: up to date again
    assert check_catalogues(locales) == []


def test_a_changed_plural_form_makes_its_translation_stale(locales):
    edit(
        locales / "en.po",
        'msgstr[0] "{count} saved scenario left out: {names}."',
        'msgstr[0] "{count} saved scenario set aside: {names}."',
    )
    assert [p.split(": stale")[0] for p in check_catalogues(locales)] == ["fr: whatif.skipped"]


def test_a_field_missing_from_a_translation_fails(locales):
    edit(locales / "fr.po", 'msgstr "Vos données : {kinds}."', 'msgstr "Vos données : {kind}."')
    assert check_catalogues(locales) == ["fr: sidebar.own: fields ['kind'], English has ['kinds']"]


def test_a_missing_or_extra_key_fails(locales):
    edit(locales / "fr.po", 'msgid "page.dashboard"', 'msgid "page.dashbord"')
    assert check_catalogues(locales) == [
        "fr: page.dashboard: missing",
        "fr: page.dashbord: not in en.po",
    ]


def test_plural_forms_in_one_language_only_fail(locales):
    edit(
        locales / "fr.po",
        'msgid "whatif.skipped"\nmsgid_plural "whatif.skipped"\n'
        'msgstr[0] "{count} scénario enregistré écarté : {names}."\n'
        'msgstr[1] "{count} scénarios enregistrés écartés : {names}."',
        'msgid "whatif.skipped"\nmsgstr "{count} scénario(s) écarté(s) : {names}."',
    )
    assert check_catalogues(locales) == ["fr: whatif.skipped: plural forms in one language only"]


def test_adding_a_language_is_adding_a_file(locales, capsys):
    assert main(["--folder", str(locales), "new", "de"]) == 1  # nothing translated yet
    assert "de: page.dashboard: not translated" in capsys.readouterr().out
    edit(
        locales / "de.po",
        'msgid "language.name"\nmsgstr ""',
        'msgid "language.name"\nmsgstr "Deutsch"',
    )
    edit(
        locales / "de.po",
        'msgid "page.dashboard"\nmsgstr ""',
        'msgid "page.dashboard"\nmsgstr "Übersicht"',
    )
    main(["--folder", str(locales), "stamp", "de", "--all"])
    problems = check_catalogues(locales)
    assert "de: page.dashboard: not translated" not in problems
    assert not [p for p in problems if "stale" in p]
    catalogues = read_catalogues(locales)
    assert list(catalogues) == ["en", "de", "fr"]
    german = catalogues["de"]
    assert german.locale == "de" and german.texts["page.dashboard"] == "Übersicht"
    assert "page.forecast" not in german.texts  # not yet translated: t() falls back to English
    assert german.text("language.name") == "Deutsch"
    assert german.plural_form(1) == 0 and german.plural_form(2) == 1  # Babel's rule for German


def test_tidy_puts_a_hand_edited_file_back_in_order(locales):
    edit(
        locales / "en.po",
        'msgid "chart.actual"\nmsgstr "Actual"\n',
        'msgid "chart.actual"\nmsgstr "Actual"\n\nmsgid "aaa.new"\nmsgstr "A new text, '
        'written by hand on one line longer than the seventy-six columns the tools wrap at"\n',
    )
    main(["--folder", str(locales), "tidy"])
    path = locales / "en.po"
    assert po_text(read_po_file(path)) == path.read_bytes()
    assert read_catalogue(path).texts["aaa.new"].startswith("A new text, written by hand")
    assert check_catalogues(locales) == ["fr: aaa.new: missing"]


def test_the_command_says_when_all_is_well(capsys):
    assert main(["check"]) == 0
    assert capsys.readouterr().out.strip() == "translations complete and up to date"
