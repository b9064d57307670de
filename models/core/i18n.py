"""Every text the app shows, one catalogue file per language: ``models/core/locales/<lang>.po``.

``t("page.dashboard", "fr")`` -> ``"Tableau de bord"``. A message's id is its key; ``en.po``
holds the English source, every other file its translation (gettext ``.po`` files, read with
Babel once, when this module is imported). Placeholders are ``str.format`` fields and every
language uses the same ones. A message with plural forms (``msgid_plural``) takes the form its
``count`` parameter asks for, by the file's ``Plural-Forms`` rule: ``1 row``, ``2 rows``;
``0 ligne``, ``2 lignes``. Adding a language is adding a file; ``python -m
models.core.translations check`` says what is missing or out of date (docs/development.md).
"""

from __future__ import annotations

import datetime as dt
import numbers
import string
from collections.abc import Callable
from dataclasses import dataclass

from models.core.catalogues import (
    CATALOGUES,
    DEFAULT_LANGUAGE,
    LANGUAGES,
)
from models.core.formatting import format_day

Escape = Callable[[object], str]  # makes a value from outside the catalogue safe to show


def t(
    key: str, lang: str = DEFAULT_LANGUAGE, *, escape: Escape | None = None, **values: object
) -> str:
    """The text of ``key`` in ``lang`` (English if ``lang`` is unknown), with ``values`` filled.

    A value that can say itself in a language (a :class:`Phrase`, a :class:`Joined`, a coded
    ``DataError``) is said in ``lang``. With ``escape`` (e.g. ``markup.escape_markdown``) every
    value from outside the catalogue is escaped, down to those inside such phrases; the
    catalogue's own text is not. A message with plural forms picks the form ``count`` asks for.
    Raises ``KeyError`` for a key missing from the catalogue: a bug, caught by the tests.
    """
    source = CATALOGUES[DEFAULT_LANGUAGE]
    catalogue = CATALOGUES.get(lang, source)
    if key not in catalogue.texts:
        catalogue = source  # a language still missing the text says it in English
    text = catalogue.text(key, values.get("count"))
    if not values:
        return text
    return text.format(**{name: in_language(value, lang, escape) for name, value in values.items()})


def in_language(value: object, lang: str, escape: Escape | None = None) -> object:
    """``value`` said in ``lang`` when it knows how (``.text(lang)``; dates in the locale's
    format; a list of names or values quoted as the language quotes: ``'a', 'b'`` and
    ``« a », « b »`` rather than Python's ``['a', 'b']``), else as it is.

    With ``escape``, the text that comes from outside the catalogue goes through it: the
    value itself, or what a phrase says of its own values (``.text(lang, escape)``). Numbers
    are left as they are: they carry no markup.
    """
    if isinstance(value, list):
        return ", ".join(t("format.quote", lang, escape=escape, item=item) for item in value)
    if isinstance(value, dt.date):  # a pandas Timestamp is one too
        value = format_day(value, lang)
    said = getattr(value, "text", None)
    if callable(said):
        return said(lang, escape) if escape else said(lang)
    if escape is None or isinstance(value, numbers.Number):
        return value
    return escape(value)


class Phrase(str):
    """A catalogue text that the engine hands to the UI: it *is* its English text (so it
    compares, hashes and prints as before) and ``.text(lang)`` says it in any language.

    >>> note = Phrase("note.no_outcome")
    >>> note == t("note.no_outcome", "en"), note.text("fr") == t("note.no_outcome", "fr")
    (True, True)
    """

    code: str
    params: dict[str, object]

    def __new__(cls, code: str, **params: object) -> Phrase:
        phrase = super().__new__(cls, t(code, DEFAULT_LANGUAGE, escape=None, **params))
        phrase.code, phrase.params = code, params
        return phrase

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, object]]:
        return (self.code,), self.params  # pickles (Streamlit's caches) rebuild from the key

    def text(self, lang: str, escape: Escape | None = None) -> str:
        return t(self.code, lang, escape=escape, **self.params)


def placeholders(text: str) -> set[str]:
    """The ``{field}`` names of a catalogue text."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def resolve_language(requested: str | None, browser_locale: str | None) -> str:
    """The language to show: the URL's ``?lang=`` if valid, else the browser's, else English.

    ``browser_locale`` is a tag such as ``fr-FR`` or ``en-GB``.
    """
    if requested in LANGUAGES:
        return requested
    primary = (browser_locale or "").split("-")[0].split("_")[0].lower()
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Joined:
    """Several texts said together in one language: ``Joined((label_a, label_b))`` reads
    "Order date, Amount" in English and "Date de commande, Montant" in French (in lower case
    with ``lower=True``, for the middle of a sentence)."""

    items: tuple[object, ...]
    separator: str = ","  # or ";", spaced as the language wants (" ; " in French)
    lower: bool = False

    def text(self, lang: str, escape: Escape | None = None) -> str:
        space = " " if lang == "fr" and self.separator in ";:!?" else ""
        said = f"{space}{self.separator} ".join(
            str(in_language(item, lang, escape)) for item in self.items
        )
        return said.lower() if self.lower else said

    def __str__(self) -> str:
        return self.text(DEFAULT_LANGUAGE)
