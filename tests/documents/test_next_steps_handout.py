"""'Where to go next' for Victim Champions: the real PDF, read back with poppler, is one A4
page, covers its five topics, embeds its fonts, and prints no phone number that lacks a
confirmed source. The number check is written independently of the app's own rule, so a
number added to the content without a source fails it."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.support.pdf_tools import flowing_text, pages_text, pdf_fonts, pdf_info
from victim_champion.content.directory_loader import shipped_directory
from victim_champion.content.next_steps_loader import load_next_steps
from victim_champion.content.resource_paths import resources_root
from victim_champion.core.errors import ResourceError
from victim_champion.core.next_steps import Contact, NextSteps
from victim_champion.operations.printing import print_next_steps

# Every number in the "Confirmed on a public page" table of shared/reference/CONTACTS.md
# (corrected 2026-12-07), as published there.
CONTACTS_CONFIRMED = (
    "999",
    "18000",
    "101",
    "18001 101",
    "08 08 16 89 111",
    "0808 168 9276",
    "0808 2000 247",
    "0808 801 0327",
    "0800 999 5428",
    "0800 5999 247",
    "0808 500 2222",
    "0808 802 0300",
    "116 123",
    "0800 1111",
    "0808 800 5000",
    "08000 121 700",
    "0800 555 111",
    "0300 123 2040",
    "0800 783 1583",
)
# The organisations' own sites on which a number may be confirmed with the search tool.
OWN_SITES = (
    "kent.gov.uk",
    "kscmp.org.uk",
    "medway.gov.uk",
    "medwayscp.org.uk",
    "kent-pcc.gov.uk",
    "kent.police.uk",
    "gov.uk",
)
CONTACTS_MD = REPO / "docs" / "reference" / "CONTACTS.md"  # the project's copy


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def own_page_numbers(steps: NextSteps) -> set[str]:
    """Numbers recorded in the data with an own-page source on an organisation's own
    site, with the page's address and date."""
    found = set()
    for contact in steps.contacts:
        source = steps.source(contact.source)
        if source is None or source.origin != "own page" or not source.page_date.strip():
            continue
        site = source.address.split("/")[0]
        if any(site == s or site.endswith("." + s) for s in OWN_SITES) and _digits(contact.text):
            found.add(_digits(contact.text))
    return found


def confirmed_numbers(steps: NextSteps) -> set[str]:
    return {_digits(n) for n in CONTACTS_CONFIRMED} | own_page_numbers(steps)


def printed_numbers(text: str) -> list[str]:
    """Phone numbers as a reader sees them: runs of digit groups, once web addresses
    (which hold page ids) and dates are set aside; three digits or more, not a year."""
    text = re.sub(r"\S+\.(?:uk|org|com)\S*", " ", text.replace("\u00a0", " "))
    text = re.sub(r"\d{1,2}\.\d{2}\s?(?:am|pm)", " ", text)
    runs = re.findall(r"\d+(?: \d+)*", text)
    return [r for r in runs if len(_digits(r)) >= 3 and not re.fullmatch(r"(19|20)\d\d", r)]


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return print_next_steps()


def test_the_handout_is_one_a4_page_covering_the_five_topics(pdf: bytes, tmp_path: Path) -> None:
    assert len(pages_text(pdf, tmp_path)) == 1
    info = pdf_info(pdf, tmp_path)
    assert info["Pages"] == "1" and info["Page size"].startswith("595.2")
    assert info["Title"] == "Where to go next: for Victim Champions"
    text = flowing_text(pdf, tmp_path)
    for words in (
        # pass it on, and to whom: Kent and Medway apart, children and adults, 999
        "If someone is at risk: pass it on",
        "In immediate danger, call 999",
        "Kent County Council's Integrated Children's Services Front Door",
        "Kent County Council Adult Social Care",
        "Medway Council's First Response service",
        "Medway Council Adult Social Care",
        "Kent County Council and Medway Council are separate",
        # stalking, with no hours (they are not confirmed)
        "National Stalking Helpline (Suzy Lamplugh Trust), 0808 802 0300",
        "Its hours are not printed here",
        # the ASB Case Review and its old name, and how to ask in Kent
        "Anti-social behaviour Case Review",
        "used to be called the Community Trigger",
        "local Community Safety Partnership",
        # compensation and its time limit
        "within 2 years of the crime",
        "Do not wait for the trial",
        "until their 20th birthday",
        # looking after themselves
        "Looking after yourself",
        "Samaritans on 116 123: free, 24 hours, every day",
        # the sources at the foot, with when they were checked
        "Sources, checked December 2026 from",
        "kscmp.org.uk/guidance/worried-about-a-child (undated)",
        "gov.uk/claim-compensation-criminal-injury/eligibility (undated)",
    ):
        assert words in text, words
    # Stalking: no opening hours anywhere near the helpline's number.
    stalking = text.split("0808 802 0300")[1][:80]
    assert not re.search(r"\d(am|pm)|weekdays|Monday", stalking), stalking


def test_every_number_printed_has_a_confirmed_source(pdf: bytes, tmp_path: Path) -> None:
    steps = load_next_steps()
    confirmed = confirmed_numbers(steps)
    printed = printed_numbers(flowing_text(pdf, tmp_path))
    assert {"999", "101", "0808 802 0300", "116 123", "01634 334 466"} <= set(printed)
    unsourced = [n for n in printed if _digits(n) not in confirmed]
    assert not unsourced, f"printed with no confirmed source: {unsourced}"
    # Kent's daytime numbers were not confirmed on the council's own page: not printed.
    assert "03000 41 11 11" not in printed and "03000 41 61 61" not in printed


def test_the_check_fails_for_a_number_added_without_a_source(tmp_path: Path) -> None:
    """The number check above catches a number with no confirmed source, even one the
    data file lists as a contact."""
    steps = load_next_steps()
    invented = "The Kent line is 03000 41 11 11."
    assert [n for n in printed_numbers(invented) if _digits(n) not in confirmed_numbers(steps)]
    # Listed as a contact, but "backed" by CONTACTS.md where it is not: still unconfirmed.
    claimed = dataclasses.replace(
        steps, contacts=(*steps.contacts, Contact("03000 41 11 11", "contacts-emergency"))
    )
    assert _digits("03000 41 11 11") not in confirmed_numbers(claimed)


def test_the_data_file_refuses_an_unsourced_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "resources"
    shutil.copytree(resources_root() / "reference", copy / "reference")
    path = copy / "reference" / "next_steps.toml"
    text = path.read_text("utf-8")
    path.write_text(
        text.replace("call Samaritans on 116 123", "call 0800 000 1234 or Samaritans on 116 123"),
        "utf-8",
    )
    monkeypatch.setenv("VC_RESOURCES", str(copy))
    load_next_steps.cache_clear()
    try:
        with pytest.raises(ResourceError, match="0800 000 1234"):
            load_next_steps()
        # A FACTS.md source backs facts, never a number.
        path.write_text(
            text.replace('source = "contacts-samaritans"', 'source = "facts-code"', 1), "utf-8"
        )
        load_next_steps.cache_clear()
        with pytest.raises(ResourceError, match="116 123"):
            load_next_steps()
    finally:
        load_next_steps.cache_clear()


def test_each_source_has_its_address_and_date_and_contacts_md_rows_agree() -> None:
    steps = load_next_steps()
    for source in steps.sources:
        assert source.address and source.page_date and source.checked == "2026-12", source.id
    # The numbers taken from CONTACTS.md are the ones the shipped directory prints too.
    routes = [_digits(r.contact) for r in shipped_directory().routes]
    for contact in steps.contacts:
        backing = steps.source(contact.source)
        assert backing is not None
        if backing.origin == "CONTACTS.md" and len(_digits(contact.text)) >= 3:
            assert any(_digits(contact.text) in route for route in routes), contact.text
    published = _digits(CONTACTS_MD.read_text("utf-8"))
    assert all(_digits(n) in published for n in CONTACTS_CONFIRMED)


def test_the_fonts_are_embedded(pdf: bytes, tmp_path: Path) -> None:
    fonts = pdf_fonts(pdf, tmp_path)
    assert fonts and all(embedded for _, embedded in fonts), fonts


def test_each_topic_reads_in_plain_english() -> None:
    textstat = pytest.importorskip("textstat")
    steps = load_next_steps()
    for section in steps.sections:
        words = " ".join([*section.paragraphs, *(c for row in section.grid for c in row)])
        assert textstat.flesch_reading_ease(words) >= 60, section.id
