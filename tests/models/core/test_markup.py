"""Values from data, files and links are shown as themselves in Streamlit's Markdown."""

import datetime as dt

import pytest

from models.core.errors import DataError
from models.core.i18n import Joined, Phrase, t
from models.core.kpi_catalogue import KpiName
from models.core.markup import SPECIAL, Markdown, escape_markdown

WJ = "\u2060"  # word joiner: invisible, breaks bare links, icons and emoji shortcodes


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("Alice Martin", "Alice Martin"),
        ("Bruno Lefèvre", "Bruno Lefèvre"),
        ("![p](http://evil.example/p.png)", rf"\!\[p\]\(http\:{WJ}//evil.example/p.png\)"),
        ("[click](http://evil.example)", rf"\[click\]\(http\:{WJ}//evil.example\)"),
        ("$x^2$", r"\$x^2\$"),
        (":red[alert]", rf"\:{WJ}red\[alert\]"),
        (":material/home:", rf"\:{WJ}material/home\:{WJ}"),
        (":smile:", rf"\:{WJ}smile\:{WJ}"),
        ("**bold** __bold__", r"\*\*bold\*\* \_\_bold\_\_"),
        ("`code`", r"\`code\`"),
        ("# heading", r"\# heading"),
        ("> quote", r"\> quote"),
        ("~~strike~~", r"\~\~strike\~\~"),
        ("| a | b |", r"\| a \| b \|"),
        ("<b>x</b>", r"\<b\>x\</b\>"),
        ("&amp; &#x41;", r"\&amp; \&\#x41;"),
        ("{curly}", r"\{curly\}"),
        ("C:\\temp\\*", r"C\:" + WJ + r"\\temp\\\*"),
        ("http://evil.example/bare", rf"http\:{WJ}//evil.example/bare"),
        ("HTTPS://EVIL.EXAMPLE", rf"HTTPS\:{WJ}//EVIL.EXAMPLE"),
        ("www.evil.example", rf"www{WJ}.evil.example"),
        ("WWW.evil.example", rf"WWW{WJ}.evil.example"),
        ("evil@evil.example", rf"evil@{WJ}evil.example"),
        ("mailto:evil@evil.example", rf"mailto\:{WJ}evil@{WJ}evil.example"),
    ],
)
def test_markdown_syntax_is_escaped(text, escaped):
    assert escape_markdown(text) == escaped


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("a\nb", "a b"),
        ("a\r\n# title", r"a \# title"),
        ("a\r\n\r\n```\ncode", r"a \`\`\` code"),
        ("x\u2028y\u2029z\x85w", "x y z w"),
        ("    indented", " indented"),
        ("a \t  b", "a b"),
    ],
)
def test_a_value_stays_on_one_line(text, escaped):
    assert escape_markdown(text) == escaped


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        (" - item", r" \- item"),
        ("-", r"\-"),
        ("1. item", r"1\. item"),
        ("2026.", r"2026\."),
        (". x", r"\. x"),  # after a value "1"
        ("1) item", r"1\) item"),
        ("---", r"\---"),
        ("- - -", r"\- - -"),
        ("=", r"\="),
        ("== =", r"\== ="),
        # the same characters anywhere else mean nothing: left as they are
        ("Île-de-France", "Île-de-France"),
        ("+10.0%", "+10.0%"),
        ("-3.5 €", "-3.5 €"),
        ("1.5", "1.5"),
        ("2026-03", "2026-03"),
        ("a - b + c = d. e", "a - b + c = d. e"),
        ("--x", "--x"),
    ],
)
def test_a_value_cannot_start_a_block(text, escaped):
    assert escape_markdown(text) == escaped


def test_no_break_spaces_of_french_numbers_are_kept():
    assert escape_markdown("1\u202f234\u00a0€") == "1\u202f234\u00a0€"


def test_every_special_character_is_escaped_once_wherever_it_is():
    for text in (SPECIAL, "x" + SPECIAL):
        escaped = escape_markdown(text).replace(WJ, "")
        assert escaped == text[: -len(SPECIAL)] + "".join("\\" + c for c in SPECIAL)


def test_any_value_becomes_text():
    assert escape_markdown(3.5) == "3.5"
    assert escape_markdown(None) == "None"
    assert escape_markdown(["a_b"]) == r"\['a\_b'\]"


def test_markdown_already_escaped_is_left_as_it_is():
    said = Markdown(r"**Note**: \[x\]")
    assert escape_markdown(said) is said


# --- the catalogue escapes the values it fills in, never its own text ------------------------
def test_values_are_escaped_and_the_template_is_not():
    said = t("report.note", "en", escape=escape_markdown, note="[x](http://e.example)")
    assert said == rf"**Note**: \[x\]\(http\:{WJ}//e.example\)"
    assert t("report.note", "en", note="[x](y)") == "**Note**: [x](y)"  # plain: as it is


def test_values_inside_phrases_errors_and_joined_texts_are_escaped():
    error = DataError.coded("header_only", name="*bad*.csv")
    assert error.text("en", escape_markdown) == (
        r"'\*bad\*.csv' has a header row but no "
        "data rows."
    )
    reason = Phrase("drop.no_date", column=Joined((Phrase("column.orders.date"), "_x_")))
    assert (
        reason.text("fr", escape_markdown) == r"lignes sans date lisible (Date de commande, \_x\_)"
    )
    said = t("report.note", "en", escape=escape_markdown, note=reason)
    assert said == r"**Note**: rows without a readable date (Order date, \_x\_)"


def test_uncoded_errors_unknown_kpis_lists_and_dates_are_escaped():
    assert DataError("a *b*").text("en", escape_markdown) == r"a \*b\*"
    assert KpiName("revenue").text("fr", escape_markdown) == "Chiffre d'affaires"
    assert KpiName("$x$").text("en", escape_markdown) == r"\$x\$"
    said = t("report.note", "fr", escape=escape_markdown, note=["a*", "b"])
    assert said == r"**Remarque** : « a\* », « b »"
    said = t("report.note", "fr", escape=escape_markdown, note=dt.date(2026, 11, 27))
    assert said == "**Remarque** : 27/11/2026"


def test_numbers_are_filled_as_they_are():
    assert t("objectives.saved", "en", escape=escape_markdown, count=3) == t(
        "objectives.saved", "en", count=3
    )


def test_a_text_already_markdown_is_not_escaped_twice():
    inner = Markdown(t("forecast.whose_group", "en", escape=escape_markdown, group="**A**"))
    said = t("forecast.no_objective", "en", escape=escape_markdown, kpi="revenue", who=inner)
    assert r"\*\*A\*\*'s" in said and r"\\" not in said


def test_no_catalogue_text_has_a_field_named_escape():
    from models.core.catalogues import forms_of
    from models.core.i18n import CATALOGUES, placeholders

    # t(key, lang, escape=...) takes the name: a {escape} field could never be filled
    assert not [
        key
        for key, text in CATALOGUES["en"].texts.items()
        if any("escape" in placeholders(form) for form in forms_of(text))
    ]
