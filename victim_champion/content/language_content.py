"""Content keyed by language: the words that come with the content, not with the app.

The message catalogue (message_catalogue.py) holds the app's own words under stable keys.
Everything else a page prints comes with the content: the Victims' Code (its title, the
12 rights, its notes), the course's printed words (its title on a certificate), each route
to help (its label, the words around its number, its hours), the services' descriptions,
the needs, and the 'Where to go next' page. English is the source, in the files it has
always lived in (resources/course/, resources/directory/, resources/reference/).

Another language's content is a .po file beside the catalogue,
``resources/translations/content/<tag>.po``, whose msgids are the English texts
themselves, not keys. That is on purpose, and unlike the catalogue: when the wording of a
right or a route changes, the old translation no longer matches and is refused (a
ResourceError naming the text), never printed as if it said the new thing. A translation
that leaves out a number, an address or a kept name its English has is refused the same
way (``unchanged_parts``): a person must never lose the number to call.

A pseudo-language (any language the catalogue makes from English, such as qps-ploc) gets
its content from English through the catalogue's own transform (``pseudo_text``), except
what must stay as it is in every language: web and email addresses, and the names each
piece of content lists as kept (the app's names, service names, an address, a word a
person must type such as "register"). The transform never touches a digit, so a phone
number stays as it is, and a text with nothing else in it is left exactly as it was.

A signed course bundle can bring a language's content: files ``translations/<tag>.po`` in
the course folder. They are checked with the course (``bundle_translations``, called by
course_loader.course_from_files, so the hub signs none that a laptop would refuse) and,
once the course is adopted (course_on_laptop.adopt_course), used before the shipped ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

from victim_champion.content.message_catalogue import (
    DEFAULT_LANGUAGE,
    PSEUDO_SCRIPTS,
    pseudo_text,
    resolve_language,
    translations_folder,
)
from victim_champion.content.po_file import NUL, parse_po
from victim_champion.core.errors import CourseContentError, InvalidInputError, ResourceError
from victim_champion.core.next_steps import WEB_ADDRESS

CONTENT_FOLDER = "content"  # resources/translations/content/<tag>.po
BUNDLE_FOLDER = "translations/"  # in a course bundle: translations/<tag>.po
# The app's own proper names: printed as they are in every language.
APP_NAMES = ("Victim Champion", "Compass House", "Compass Point")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TAG = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")
_LINE = re.compile(r"line (\d+)")
_HELD = re.compile(r"\{(\d+)\}")
_DIGITS = re.compile(r"\d(?:[\d ]*\d)?")
_bundle: dict[str, dict[str, str]] = {}  # {tag: {English: text}} from the adopted course


def _normal(text: str) -> str:
    return " ".join(text.split())


class Content:
    """The content of one language: ``text(english)`` is what to print for it."""

    def __init__(self, language: str, pseudo: bool, entries: Mapping[str, str]) -> None:
        self.language = language
        self._pseudo = pseudo
        self._entries = {_normal(k): v for k, v in entries.items() if k and NUL not in k}

    @property
    def is_source(self) -> bool:
        """True for English, the source: every text is printed as it is."""
        return self.language == DEFAULT_LANGUAGE

    def text(self, english: str, kept: Iterable[str] = ()) -> str:
        """The text for ``english`` in this language; ``kept``: names inside it that stay
        as they are (a pseudo-language keeps them; a translator is told by the .po file's
        comments). ResourceError when a real language has no translation of it."""
        if self.is_source or not translatable(english, kept):
            return english
        if self._pseudo:
            return pseudo_content(english, self.language, kept)
        found = self._entries.get(_normal(english))
        shown = _normal(english)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        if not found:
            raise ResourceError(
                f"The {self.language} content has no translation of '{shown}', so nothing "
                f"is printed in {self.language}; print it in English, or sync to get the "
                "newest translation."
            )
        dropped = [part for part in unchanged_parts(english, kept) if part not in found]
        if dropped:  # a number or an address a person needs must never be lost
            raise ResourceError(
                f"The {self.language} translation of '{shown}' leaves out '{dropped[0]}', "
                "which every language prints as it is; print it in English until it is "
                "corrected."
            )
        return found


def kept_spans(english: str, kept: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Where the parts that stay as they are sit in ``english``: web and email addresses,
    the app's names and ``kept``; (start, end) pairs in order, none overlapping."""
    found = [m.span() for m in EMAIL.finditer(english)]
    found += [m.span() for m in WEB_ADDRESS.finditer(english)]
    for name in (*APP_NAMES, *kept):
        if name:
            found += [m.span() for m in re.finditer(re.escape(name), english)]
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda s: (s[0], -s[1])):
        if spans and start < spans[-1][1]:
            continue  # inside a longer one already kept (an address in an email)
        spans.append((start, end))
    return spans


def unchanged_parts(english: str, kept: Iterable[str] = ()) -> list[str]:
    """What a translation must print exactly as the English does: each kept part
    (kept_spans) and each run of digits (a phone number, "24/7", a time)."""
    parts = [english[start:end] for start, end in kept_spans(english, kept)]
    return parts + _DIGITS.findall(english)


def translatable(english: str, kept: Iterable[str] = ()) -> bool:
    """True if a letter is left once the kept parts are taken out: a phone number, an
    address, a kept name alone is the same in every language, and needs no translation."""
    last, outside = 0, []
    for start, end in kept_spans(english, kept):
        outside.append(english[last:start])
        last = end
    outside.append(english[last:])
    return any(c.isalpha() for c in "".join(outside))


def pseudo_content(english: str, language: str, kept: Iterable[str] = ()) -> str:
    """The pseudo-language form of a content text: the catalogue's transform for
    ``language``, with every kept part (kept_spans) left exactly as it is. A text with no
    letter outside its kept parts (a phone number, an address) is returned unchanged."""
    pieces: list[str] = []
    held: list[str] = []
    last = 0
    for start, end in kept_spans(english, kept):
        pieces.append(english[last:start])
        pieces.append(f"{{{len(held)}}}")  # the transform passes a {field} through
        held.append(english[start:end])
        last = end
    pieces.append(english[last:])
    if not translatable(english, kept):
        return english
    made = pseudo_text("".join(pieces), language)
    return _HELD.sub(lambda m: held[int(m.group(1))], made)


def is_pseudo(language: str) -> bool:
    """True for a language the catalogue makes from English (qps-ploc, qps-deva...)."""
    return language in PSEUDO_SCRIPTS


@cache
def content_for(language: str = DEFAULT_LANGUAGE) -> Content:
    """The content of ``language``: a catalogue language (any spelling resolve_language
    accepts), or one whose content only a course bundle brought."""
    try:
        tag = resolve_language(language)
    except InvalidInputError:
        if language not in _bundle:
            raise
        tag = language
    if tag == DEFAULT_LANGUAGE:
        return Content(tag, False, {})
    if is_pseudo(tag):
        return Content(tag, True, {})
    return Content(tag, False, {**_shipped(tag), **_bundle.get(tag, {})})


def _shipped(tag: str) -> dict[str, str]:
    path = translations_folder() / CONTENT_FOLDER / f"{tag}.po"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError:
        raise ResourceError(f"The {tag} content could not be read; reinstall it.") from None
    return parse_po(text, path.name)


def bundle_translations(files: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """The content translations a course folder or bundle carries, checked: {tag:
    {English: text}}. A file that is not ``translations/<tag>.po``, or a .po file with a
    mistake, is a CourseContentError with its path and line."""
    found: dict[str, dict[str, str]] = {}
    for path, text in files.items():
        if not path.startswith(BUNDLE_FOLDER):
            continue
        tag = path[len(BUNDLE_FOLDER) :].removesuffix(".po")
        if not path.endswith(".po") or not _TAG.match(tag) or tag == DEFAULT_LANGUAGE:
            raise CourseContentError(
                path, 1, "a translation is a file translations/<language>.po, never for en-GB"
            )
        try:
            entries = parse_po(text, path)
        except ResourceError as error:
            line = _LINE.search(error.message)
            number = int(line.group(1)) if line else 1
            raise CourseContentError(path, number, error.message) from None
        empty = [key for key, value in entries.items() if key and not value.strip()]
        if empty:
            raise CourseContentError(path, 1, f"'{empty[0][:40]}' has an empty translation")
        found[tag] = {k: v for k, v in entries.items() if k}
    return found


def adopt_bundle_content(files: Mapping[str, str] | None) -> None:
    """Use the content translations of the course adopted (None: the shipped ones only).
    The files were checked when the course was; a bad one here is ignored, not half-read."""
    global _bundle
    try:
        _bundle = bundle_translations(files or {})
    except CourseContentError:
        _bundle = {}
    content_for.cache_clear()
