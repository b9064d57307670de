"""The catalogue files, read once: ``models/core/locales/<lang>.po``, their texts and locales.

A module of its own so that locale formats (:mod:`models.core.formatting`) can know the
languages' Babel locales without importing the text functions (:mod:`models.core.i18n`),
which format the dates and numbers they say.
"""

from __future__ import annotations

import gettext
import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).with_name("locales")
DEFAULT_LANGUAGE = "en"  # the source language: en.po holds the text every translation follows
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
