"""One message catalogue, keyed by language, for every word printed on paper or shown in
the attendee kiosk.

Why gettext (the standard library) and not Qt's .ts files and QTranslator: the printed
documents are built in ``documents/`` (and by the hub), which must never import Qt, and a
QTranslator would reach only ``ui/``. One gettext catalogue serves the PDFs, the kiosk and
the hub alike. Its .po files are the format translators and their tools (Poedit, Weblate,
Crowdin) already use, and ``gettext.GNUTranslations`` reads the compiled form without any
third-party package. The .po file is compiled in memory when first used
(``po_file.compile_mo``), so no ``msgfmt`` binary is needed on a fresh machine or at build.

Each msgid is a stable key ("rights.title"), not the English sentence, so correcting the
English never orphans a translation, and a missing key is found, not printed. Texts take
named fields in ``str.format`` style: ``messages("en-GB").text("directory.title",
district="Thanet")``. A sentence with a count takes the language's plural forms (the
header's ``Plural-Forms``, msgstr[0], msgstr[1]...): ``messages().plural("count.people",
3)`` is "3 people", and 1 is "1 person"; the count is the field ``{count}``.

Languages are BCP 47 tags, one ``resources/translations/<tag>.po`` each. The pseudo-languages
are made from English in code, bracketed and about 40% longer, so a test can see any
sentence that skipped the catalogue, and any layout that cannot grow: ``qps-ploc`` in
accented Latin letters, and ``qps-deva`` in Devanagari letters (the private-use language
"qps" with the ISO 15924 script subtag "Deva"), which the house font does not have, so
every page must reach a font that does.
"""

from __future__ import annotations

import gettext
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from io import BytesIO
from pathlib import Path

from victim_champion.content.po_file import NUL, compile_mo, parse_po, plural_forms, plural_key
from victim_champion.content.resource_paths import resources_root
from victim_champion.core.errors import InvalidInputError, ResourceError

DEFAULT_LANGUAGE = "en-GB"
PSEUDO_LANGUAGE = "qps-ploc"
SECOND_PSEUDO_LANGUAGE = "qps-deva"


@dataclass(frozen=True)
class PseudoScript:
    """How a pseudo-language writes English: each letter (and any mark its fonts lack) as
    ``letters`` says, then padded with ``padding`` inside brackets."""

    letters: dict[int, int]
    padding: str


PSEUDO_SCRIPTS = {
    # Each letter becomes an accented one that the embedded font (Atkinson Hyperlegible)
    # has. b, j, m, q, v, w and x have no accented form there and stay as they are; every
    # English word has a vowel, and every vowel changes, so no English word survives whole.
    PSEUDO_LANGUAGE: PseudoScript(
        str.maketrans(
            "acdefghiklnoprstuyzACDEGHIKLNOPRSTUYZ",
            "åçðéƒğħîķļñöþŕšţûýžÅÇÐÉĞĦÎĶĻÑÖÞŔŠŢÛÝŽ",
        ),
        "·",
    ),
    # Each letter, in either case, becomes a Devanagari consonant or independent vowel
    # that stands alone (no vowel sign or conjunct), so no Latin letter survives, and the
    # pages must set it in the bundled Noto Sans Devanagari; "·" becomes "॰", which that
    # font has.
    SECOND_PSEUDO_LANGUAGE: PseudoScript(
        str.maketrans(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ·",
            "अबचदएफगहइजकलमनओपखरसतउवठषयझअबचदएफगहइजकलमनओपखरसतउवठषयझ॰",
        ),
        "॰",
    ),
}
_PLACEHOLDER = re.compile(r"(\{[^{}]*\})")
_MARKUP_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


class Messages:
    """The texts of one language: look one up by key, with its fields filled in."""

    def __init__(self, language: str, entries: Mapping[str, str]) -> None:
        self.language = language
        # Plain sentences; the plural ones (a count in them) apart, read with plural().
        self._keys = frozenset(key for key in entries if key and NUL not in key)
        self._plurals = {plural_key(k): k.split(NUL, 1)[1] for k in entries if NUL in k}
        self._forms = {
            plural_key(k): tuple(plural_forms(v)) for k, v in entries.items() if NUL in k
        }
        self._translation = gettext.GNUTranslations(BytesIO(compile_mo(dict(entries))))

    def keys(self) -> frozenset[str]:
        """Every key of a plain sentence (the plural ones are ``plural_keys``)."""
        return self._keys

    def plural_keys(self) -> frozenset[str]:
        """Every key of a sentence with plural forms."""
        return frozenset(self._plurals)

    def forms(self, key: str) -> tuple[str, ...]:
        """A plural sentence's forms, msgstr[0] first, {fields} still in them."""
        return self._forms[key]

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._keys))

    def template(self, key: str) -> str:
        """The text with its {fields} still in it; raises KeyError for an unknown key."""
        if key not in self._keys:
            hint = ": it has plural forms, use plural()" if key in self._plurals else ""
            raise KeyError(f"no message {key!r} in the {self.language} catalogue{hint}")
        return self._translation.gettext(key)

    def plural(self, key: str, count: int, **fields: object) -> str:
        """The form of ``key`` this language uses for ``count`` (by its Plural-Forms), with
        ``{count}`` and ``fields`` filled in; raises KeyError for an unknown key or one
        without plural forms."""
        plural_id = self._plurals.get(key)
        if plural_id is None:
            raise KeyError(f"no plural message {key!r} in the {self.language} catalogue")
        return self._translation.ngettext(key, plural_id, count).format(count=count, **fields)

    def text(self, key: str, **fields: object) -> str:
        """The text for ``key`` with ``fields`` filled in, as plain text."""
        return self.template(key).format(**fields)

    def markup(self, key: str, **fields: object) -> str:
        """The text escaped for reportlab's paragraph markup; the fields go in as they are,
        so callers escape data themselves and may pass markup such as ``<b>…</b>``."""
        return self.template(key).translate(_MARKUP_ESCAPES).format(**fields)

    def long_date(self, day: date) -> str:
        """A date as people write it in this language: "3 December 2026" in English."""
        month = self.text(f"date.month.{day.month}")
        return self.text("date.long", day=day.day, month=month, year=day.year)


def pseudo_text(english: str, language: str = PSEUDO_LANGUAGE) -> str:
    """The form of an English text in the pseudo-language ``language`` (a key of
    PSEUDO_SCRIPTS): every letter outside {fields} written in its script, then padded
    inside brackets to about 140% of the English length."""
    script = PSEUDO_SCRIPTS[language]
    pieces = _PLACEHOLDER.split(english)
    written = "".join(
        piece if index % 2 else piece.translate(script.letters)
        for index, piece in enumerate(pieces)
    )
    padding = max(1, math.ceil(len(english) * 1.4) - len(english) - 3)
    return f"[{written} {script.padding * padding}]"


def _pseudo_entry(language: str, key: str, text: str) -> str:
    """The pseudo-language form of one entry: the header as it is, each plural form on
    its own."""
    if not key:
        return text
    return NUL.join(pseudo_text(form, language) for form in plural_forms(text))


def translations_folder() -> Path:
    """Where the .po files are: resources/translations/ (bundled by the installer)."""
    return resources_root() / "translations"


def available_languages() -> tuple[str, ...]:
    """Every language with a catalogue, English first, the pseudo-languages last."""
    found = sorted(path.stem for path in translations_folder().glob("*.po"))
    ordered = [DEFAULT_LANGUAGE] + [tag for tag in found if tag != DEFAULT_LANGUAGE]
    return (*ordered, *PSEUDO_SCRIPTS)


def resolve_language(name: str) -> str:
    """The catalogue language ``name`` means: exact, in any case, or a bare language
    ("en") that names exactly one catalogue ("en-GB"). Raises InvalidInputError."""
    wanted = name.strip().casefold()
    languages = available_languages()
    for tag in languages:
        if tag.casefold() == wanted:
            return tag
    same_language = [tag for tag in languages if tag.casefold().split("-")[0] == wanted]
    if len(same_language) == 1:
        return same_language[0]
    raise InvalidInputError(
        f"There is no catalogue for the language {name!r}; choose one of: {', '.join(languages)}."
    )


@cache
def messages(language: str = DEFAULT_LANGUAGE) -> Messages:
    """The catalogue for ``language`` (any spelling resolve_language accepts), read once."""
    tag = resolve_language(language)
    if tag in PSEUDO_SCRIPTS:
        english = _entries(DEFAULT_LANGUAGE)
        return Messages(tag, {k: _pseudo_entry(tag, k, v) for k, v in english.items()})
    entries = _entries(tag)
    missing = _entries(DEFAULT_LANGUAGE).keys() - entries.keys()
    if missing:  # a partial translation would print English among the other language
        raise ResourceError(
            f"The {tag} catalogue lacks {len(missing)} messages; reinstall Victim Champion."
        )
    return Messages(tag, entries)


def _entries(tag: str) -> dict[str, str]:
    path = translations_folder() / f"{tag}.po"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise ResourceError(
            f"The {tag} message catalogue is missing; reinstall Victim Champion."
        ) from None
    return parse_po(text, path.name)
