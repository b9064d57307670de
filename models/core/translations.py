"""The translators' command: what every catalogue lacks, and which translations are stale.

``en.po`` is the source. Every other ``<lang>.po`` must hold exactly its keys, with the same
``{fields}`` and plural shape, and each entry records the English it was translated from as a
``#. source-hash:`` comment. When the English changes, the hash no longer matches and the
check names the translation as stale until someone updates it and stamps it again::

    python -m models.core.translations check            # exit 1 and a line per problem
    python -m models.core.translations stamp fr KEY...  # after translating KEY: up to date
    python -m models.core.translations new de           # a new language: every key, to translate
    python -m models.core.translations tidy             # files sorted and wrapped, after an edit

See docs/development.md, "Texts and translations".
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterable, Mapping
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import write_po

from models.core.catalogues import (
    DEFAULT_LANGUAGE,
    LOCALE_DIR,
    Text,
    forms_of,
    key_of,
    read_catalogue,
    read_po_file,
    text_of,
)
from models.core.i18n import placeholders

HASH_PREFIX = "source-hash: "
WIDTH = 76  # gettext's usual line width: the files read as written by msgmerge


def source_hash(english: Text) -> str:
    """A short fingerprint of the English a translation was made from (all its plural forms)."""
    return hashlib.sha256("\x00".join(forms_of(english)).encode()).hexdigest()[:12]


def recorded_hash(message: Message) -> str | None:
    """The ``#. source-hash:`` a translated entry carries, if any."""
    for comment in message.auto_comments:
        if comment.startswith(HASH_PREFIX):
            return comment[len(HASH_PREFIX) :].strip()
    return None


def check_catalogues(folder: Path = LOCALE_DIR) -> list[str]:
    """One line per problem in the translations of ``folder`` (none when all is well)."""
    source = read_catalogue(folder / f"{DEFAULT_LANGUAGE}.po").texts
    problems = []
    for path in sorted(folder.glob("*.po")):
        if path.stem != DEFAULT_LANGUAGE:
            problems += check_translation(read_po_file(path), path.stem, source)
    return problems


def check_translation(catalog: Catalog, lang: str, source: Mapping[str, Text]) -> list[str]:
    """The problems of one translated catalogue against the English ``source``."""
    messages = {key_of(m): m for m in catalog if m.id}
    problems = [f"{lang}: {key}: missing" for key in sorted(set(source) - set(messages))]
    problems += [
        f"{lang}: {key}: not in {DEFAULT_LANGUAGE}.po"
        for key in sorted(set(messages) - set(source))
    ]
    for key in sorted(set(source) & set(messages)):
        english, message = source[key], messages[key]
        forms = forms_of(text_of(message))
        if isinstance(english, tuple) != message.pluralizable:
            problems.append(f"{lang}: {key}: plural forms in one language only")
        elif message.pluralizable and len(forms) != catalog.num_plurals:
            problems.append(
                f"{lang}: {key}: {len(forms)} plural forms, the header says {catalog.num_plurals}"
            )
        if not all(form.strip() for form in forms):
            problems.append(f"{lang}: {key}: not translated")
            continue
        if fields_of(forms) != fields_of(english):
            problems.append(
                f"{lang}: {key}: fields {sorted(fields_of(forms))}, English has "
                f"{sorted(fields_of(english))}"
            )
        if recorded_hash(message) != source_hash(english):
            problems.append(
                f"{lang}: {key}: stale: the English changed since it was "
                f"translated (now: {english!r})"
            )
    return problems


def fields_of(text: Text) -> set[str]:
    """The ``{fields}`` of a text, over all its plural forms."""
    return set().union(*(placeholders(form) for form in forms_of(text)))


def po_text(catalog: Catalog) -> bytes:
    """A catalogue as its file holds it: sorted by key, no source locations."""
    out = BytesIO()
    write_po(out, catalog, width=WIDTH, sort_output=True, no_location=True)
    return out.getvalue()


def tidy(folder: Path = LOCALE_DIR) -> None:
    """Every file of ``folder`` rewritten as the tools write it: sorted by key, wrapped."""
    for path in folder.glob("*.po"):
        path.write_bytes(po_text(read_po_file(path)))


def stamp(lang: str, keys: Iterable[str] | None = None, folder: Path = LOCALE_DIR) -> None:
    """Record that the ``keys`` of ``lang`` (all its translated entries if ``None``) now
    translate the current English."""
    source = read_catalogue(folder / f"{DEFAULT_LANGUAGE}.po").texts
    path = folder / f"{lang}.po"
    catalog = read_po_file(path)
    if keys is None:
        keys = [key_of(m) for m in catalog if m.id and all(forms_of(text_of(m)))]
    for key in keys:
        message = catalog[key]  # KeyError: no such entry
        message.auto_comments = [c for c in message.auto_comments if not c.startswith(HASH_PREFIX)]
        message.auto_comments.append(HASH_PREFIX + source_hash(source[key]))
    path.write_bytes(po_text(catalog))


def new_language(lang: str, locale: str, folder: Path = LOCALE_DIR) -> Path:
    """``<lang>.po`` with every key of the source and no translation yet."""
    source = read_po_file(folder / f"{DEFAULT_LANGUAGE}.po")
    catalog = Catalog(
        locale=locale,
        project=source.project,
        version=source.version,
        msgid_bugs_address=source.msgid_bugs_address,
        fuzzy=False,
        header_comment=f"# Objectif's texts in {lang}, translated from {DEFAULT_LANGUAGE}.po.",
    )
    for message in source:
        if message.id:
            catalog.add(message.id, ("",) * catalog.num_plurals if message.pluralizable else "")
    path = folder / f"{lang}.po"
    path.write_bytes(po_text(catalog))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m models.core.translations", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--folder", type=Path, default=LOCALE_DIR)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="list missing, extra, mismatched and stale translations")
    stamping = commands.add_parser(
        "stamp", help="mark translations as made from the English of today"
    )
    stamping.add_argument("lang")
    stamping.add_argument("keys", nargs="*", help="the keys translated again")
    stamping.add_argument(
        "--all",
        action="store_true",
        help="every translated key (a new language, once all is reviewed)",
    )
    commands.add_parser("tidy", help="rewrite the files sorted by key and wrapped")
    adding = commands.add_parser("new", help="start a language: every key, empty")
    adding.add_argument("lang", help="the file's name, e.g. de")
    adding.add_argument("--locale", help="its Babel locale for numbers and dates (default: lang)")
    args = parser.parse_args(argv)
    if args.command == "stamp":
        if not args.keys and not args.all:
            parser.error("stamp: name the keys translated again, or --all")
        stamp(args.lang, None if args.all else args.keys, args.folder)
    elif args.command == "tidy":
        tidy(args.folder)
    elif args.command == "new":
        print(new_language(args.lang, args.locale or args.lang, args.folder))
    problems = check_catalogues(args.folder)
    print("\n".join(problems) or "translations complete and up to date")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
