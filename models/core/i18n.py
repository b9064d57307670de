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
import gettext
import numbers
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).with_name("locales")
DEFAULT_LANGUAGE = "en"  # the source language: en.po holds the text every translation follows
Escape = Callable[[object], str]  # makes a value from outside the catalogue safe to show
Text = str | tuple[str, ...]  # one text, or its plural forms in the file's order


@dataclass(frozen=True)
class Catalogue:
    """One language's texts, as its ``.po`` file gives them."""

    lang: str  # the file's name: "fr" for fr.po
    locale: str  # its ``Language`` header, the Babel locale for numbers and dates: "fr_FR"
    texts: Mapping[str, Text]
    plural_form: Callable[[int], int]  # count -> index of the form (``Plural-Forms`` header)

    def text(self, key: str, count: object = None) -> str:
        """The text of ``key``; for a message with plural forms, the one ``count`` asks for."""
        text = self.texts[key]
        if isinstance(text, str):
            return text
        if count is None:
            raise TypeError(f"{key!r} has plural forms: give its count (count=...)")
        return text[self.plural_form(count_of(count))]


def count_of(value: object) -> int:
    """The whole number a ``count`` parameter stands for: a number, or a count already
    formatted for display (``"1,234"``, ``"1 234"``), read back from its digits."""
    if isinstance(value, numbers.Number):
        return abs(int(value))  # type: ignore[call-overload]
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    if not digits:
        raise ValueError(f"count {value!r} is not a number")
    return int(digits)


def forms_of(text: Text) -> tuple[str, ...]:
    """A text's forms: itself, or its plural forms."""
    return text if isinstance(text, tuple) else (text,)


def read_po_file(path: Path) -> Catalog:
    """A ``.po`` file as Babel reads it (the header, flags and comments too)."""
    with path.open("rb") as file:
        return read_po(file, locale=None, domain=path.stem)


def key_of(message: Message) -> str:
    """A message's key: its id (the singular's, for a message with plural forms)."""
    return message.id if isinstance(message.id, str) else message.id[0]


def text_of(message: Message) -> Text:
    """A message's text, or its plural forms."""
    said = message.string or ""
    return said if isinstance(said, str) else tuple(said)


def read_catalogue(path: Path) -> Catalogue:
    """The texts of one ``.po`` file, keyed by message id. An empty text is one still to
    translate: it is left out, and :func:`t` says it in English meanwhile."""
    catalog = read_po_file(path)
    texts = {
        key_of(message): text_of(message)
        for message in catalog
        if message.id and all(forms_of(text_of(message)))
    }
    # c2py: gettext's own reading of a C plural expression, as GNUTranslations does for .mo files
    plural_form = gettext.c2py(catalog.plural_expr)
    return Catalogue(path.stem, str(catalog.locale), MappingProxyType(texts), plural_form)


def read_catalogues(folder: Path = LOCALE_DIR) -> dict[str, Catalogue]:
    """Every ``<lang>.po`` of ``folder``, the source language first."""
    paths = sorted(folder.glob("*.po"), key=lambda p: (p.stem != DEFAULT_LANGUAGE, p.stem))
    return {path.stem: read_catalogue(path) for path in paths}


CATALOGUES: dict[str, Catalogue] = read_catalogues()  # read once: texts don't change at run time
LANGUAGES: dict[str, str] = {
    lang: c.text("language.name") if "language.name" in c.texts else lang
    for lang, c in CATALOGUES.items()
}  # as the language switch says them
LOCALES: dict[str, str] = {lang: c.locale for lang, c in CATALOGUES.items()}  # for Babel


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
        from models.core.formatting import format_day  # formatting imports this module

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
