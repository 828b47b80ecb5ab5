"""Every printed document under the pseudo-language qps-ploc, read back with poppler.

1. No fixed sentence is left in plain English. The Victims' Code, the course's name, the
   routes' words, the services' descriptions and the needs are content in the page's
   language too (content/localised_content.py). What may stay as it is: names (the
   services' own, each route's kept names, the app's, the district) and what the person
   or session brings (synthetic names, venue, trainers, verification codes, device key
   ids, phone numbers and web and email addresses).
   tests/documents/test_pseudo_language_every_page.py checks every form of every page.
2. Nothing is clipped: every catalogue text the document uses appears whole, no word runs
   outside the page's margins (pdftotext -bbox), no two words overprint, and each
   certificate is still one page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase.ttfonts import TTFontFile

from tests.documents.test_printed_documents import issued
from tests.support.pdf_tools import (
    flowing_text,
    overprinted,
    words_off_the_page,
    words_on_pages,
)
from victim_champion.content.directory_loader import load_directory, load_needs, shipped_directory
from victim_champion.content.language_content import APP_NAMES
from victim_champion.content.message_catalogue import Messages, messages
from victim_champion.content.resource_paths import resources_root
from victim_champion.content.victims_code_loader import load_victims_code
from victim_champion.core.certificates import EXAMPLE_VERIFY_BASE, format_code
from victim_champion.core.directory import Need, Service, grouped_by_need
from victim_champion.documents.certificate_document import build_certificates
from victim_champion.documents.directory_handout import build_directory_handout
from victim_champion.documents.handout_layout import MARGIN
from victim_champion.documents.rights_handout import build_rights_handout
from victim_champion.documents.signposting_sheet import build_signposting_sheet
from victim_champion.store.profile import Profile

PSEUDO = "qps-ploc"
DIRECTORY = shipped_directory()
FIELD = re.compile(r"\{[^{}]*\}")
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
ADDRESS = re.compile(r"[\w.+-]+@[\w.-]+\w|(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:uk|org|com)\b")
PERSON = "Ada Example-Marsh"
VERIFIED = Service(
    "test-listening",
    "Example Listening Line",
    "A synthetic service with its own confirmed route.",
    ("emotional-support",),
    ("thanet",),
    "synthetic",
    date(2026, 11, 1),
    route_ids=("samaritans",),
)
SERVICE_KEYS = ("services.sample_mark", "services.no_contact", "handout.page")
ROUTE_KEYS = ("routes.heading", "routes.introduction", "routes.edition", "routes.checked")


def route_keys(discreet: bool) -> tuple[str, ...]:
    """Every copy says when a route was checked, never where. A discreet copy carries only
    the 24-hour routes every page set has; a plain one also lines with their own hours."""
    return ROUTE_KEYS if discreet else (*ROUTE_KEYS, "routes.hours_unknown", "routes.heading_hours")


@dataclass
class Printed:
    """One document, the catalogue texts it must show whole, and the data it may show."""

    pdf: bytes
    keys: tuple[str, ...]
    data: list[str]
    certificate: bool = False


def code_data() -> list[str]:
    code = load_victims_code()
    texts = [code.title, code.edition, code.not_reported_note, code.complaints]
    texts += [r.title for r in code.rights] + [r.summary for r in code.rights]
    texts += [r.discreet_title for r in code.rights] + [r.discreet_summary for r in code.rights]
    return [text for text in texts if text]


def directory_data(groups: Iterable[tuple[Need, Iterable[Service]]]) -> list[str]:
    data = ["Thanet", DIRECTORY.edition, *APP_NAMES]
    needs: list[str] = []
    for need, services in groups:
        needs.append(need.id)
        for service in services:
            data.append(service.name)  # a service's own name stays as it is
            own = DIRECTORY.own_routes(service)
            data += [a for r in own for a in ADDRESS.findall(f"{r.contact} {r.discreet_contact}")]
            data += [kept for r in own for kept in r.kept]
    return data + routes_data(needs)


def routes_data(needs: Iterable[str]) -> list[str]:
    """What stays as it is in a route's words: its kept names, web and email addresses."""
    data: list[str] = []
    for route in DIRECTORY.routes_for(needs):
        data += ADDRESS.findall(f"{route.contact} {route.discreet_contact}")
        data += list(route.kept)
    return data


def rights(large_print: bool, discreet: bool) -> Printed:
    pdf = build_rights_handout(
        load_victims_code(), DIRECTORY, large_print=large_print, discreet=discreet, language=PSEUDO
    )
    plain = "_discreet" if discreet else ""
    keys: tuple[str, ...] = (
        f"rights.title{plain}",
        f"rights.subtitle{plain}",
        f"rights.introduction{plain}",
        "rights.reviewed",
    )
    keys += ("rights.complaints_heading", "handout.page")
    keys += ("handout.cover_title", "handout.cover_text") if discreet else ("rights.footer",)
    keys += ("routes.heading", "routes.introduction")
    return Printed(pdf, keys, [*routes_data(()), DIRECTORY.edition])


def directory(large_print: bool, discreet: bool) -> Printed:
    groups = grouped_by_need([*load_directory(), VERIFIED], load_needs(), "thanet")
    pdf = build_directory_handout(
        groups,
        DIRECTORY,
        district_name="Thanet",
        sample=True,
        large_print=large_print,
        discreet=discreet,
        language=PSEUDO,
    )
    keys: tuple[str, ...] = ("directory.title", "directory.subtitle", "directory.introduction")
    keys += ("directory.sample_banner", *SERVICE_KEYS, *route_keys(discreet))
    return Printed(pdf, keys, directory_data(groups))


def sheet(name: str, large_print: bool) -> Printed:
    chosen = [*[s for s in load_directory() if s.covers("thanet")][:3], VERIFIED]
    groups = grouped_by_need(chosen, load_needs(), "thanet", once=True)
    pdf = build_signposting_sheet(
        groups,
        DIRECTORY,
        district_name="Thanet",
        name=name,
        large_print=large_print,
        discreet=False,
        language=PSEUDO,
    )
    keys: tuple[str, ...] = ("sheet.heading_named" if name else "sheet.heading", "sheet.subtitle")
    keys += ("sheet.introduction", "sheet.title", "handout.page", "sheet.no_contact_once")
    keys += ROUTE_KEYS
    return Printed(pdf, keys, [*directory_data(groups), name])


def certificates(profile: Profile) -> tuple[Printed, int]:
    issued_now, (key_id, _) = issued(profile)
    pdf = build_certificates(issued_now, EXAMPLE_VERIFY_BASE, language=PSEUDO)
    keys = tuple(
        f"certificate.{k}"
        for k in ("programme", "heading", "certify", "completed", "when_and_where")
    )
    keys += ("certificate.trainers", "certificate.code_label", "certificate.how_to_check")
    keys += ("certificate.version",)
    data = [c.name for c in issued_now] + [format_code(c.code) for c in issued_now]
    data += ["Victim Champion", "2026.1", "St John's Hall", "Thanet", "Trainer One"]
    return Printed(pdf, keys, [*data, key_id], certificate=True), len(issued_now)


def documents(profile: Profile) -> dict[str, Printed]:
    printed = {
        "rights": rights(False, False),
        "rights large discreet": rights(True, True),
        "directory": directory(False, False),
        "directory large discreet": directory(True, True),
        "sheet named": sheet(PERSON, False),
        "sheet large": sheet("", True),
    }
    printed["certificates"], _ = certificates(profile)
    return printed


def fragments(words: Messages, key: str) -> list[str]:
    """The fixed parts of a catalogue text, between its fields."""
    return [" ".join(part.split()) for part in FIELD.split(words.template(key)) if part.strip()]


@pytest.fixture
def printed(profile: Profile) -> dict[str, Printed]:
    return documents(profile)


def test_no_printed_sentence_is_left_in_plain_english(
    printed: dict[str, Printed], tmp_path: Path
) -> None:
    for name, document in printed.items():
        text = flowing_text(document.pdf, tmp_path)
        for data in sorted(
            {" ".join(d.split()) for d in document.data if d}, key=len, reverse=True
        ):
            text = text.replace(data, " ")
        english = ENGLISH_WORD.findall(text)
        assert english == [], f"{name}: plain English left: {english[:20]}"


def test_the_check_finds_english_when_a_document_is_printed_in_english(tmp_path: Path) -> None:
    pdf = build_rights_handout(load_victims_code(), DIRECTORY, large_print=False, discreet=False)
    text = flowing_text(pdf, tmp_path)
    for data in sorted(code_data(), key=len, reverse=True):
        text = text.replace(" ".join(data.split()), " ")
    assert {"Your", "rights", "victim"} <= set(ENGLISH_WORD.findall(text))


def test_every_catalogue_text_a_document_uses_appears_whole(
    printed: dict[str, Printed], tmp_path: Path
) -> None:
    pseudo = messages(PSEUDO)
    for name, document in printed.items():
        text = flowing_text(document.pdf, tmp_path)
        for key in document.keys:
            for fragment in fragments(pseudo, key):
                assert fragment in text, f"{name}: {key} is not whole: {fragment!r}"
        assert f"/Lang ({PSEUDO})".encode() in document.pdf, name


def test_no_word_runs_off_the_page_or_over_another(
    printed: dict[str, Printed], tmp_path: Path
) -> None:
    for name, document in printed.items():
        pages, words = words_on_pages(document.pdf, tmp_path)
        assert words, name
        # Handouts keep to their margins; certificates to the inside of their border.
        edge = 15 * mm if document.certificate else MARGIN
        off = words_off_the_page(pages, words, edge, foot=10 * mm)
        assert off == [], f"{name}: words run off the page: {off[:3]}"
        assert overprinted(words) == [], f"{name}: words print over each other"


def test_each_certificate_is_still_one_page_under_the_longer_language(
    profile: Profile, tmp_path: Path
) -> None:
    document, count = certificates(profile)
    pages, _ = words_on_pages(document.pdf, tmp_path)
    assert len(pages) == count == 3


def test_every_letter_of_the_pseudo_language_is_in_every_embedded_font() -> None:
    pseudo = messages(PSEUDO)
    letters = {c for key in pseudo for c in FIELD.sub("", pseudo.template(key))}
    for face in ("Regular", "Bold", "Italic"):
        font = TTFontFile(str(resources_root() / "fonts" / f"AtkinsonHyperlegible-{face}.ttf"))
        missing = {c for c in letters if ord(c) not in font.charToGlyph}
        assert missing == set(), (face, missing)
