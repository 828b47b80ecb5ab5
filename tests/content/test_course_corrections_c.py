"""Issue 33, modules 03 and 06 and the directory: Kent's main victim service is named with
its source, the restorative justice provider is never stated in the present tense, the
Witness Service has its neutral name, and East Kent Rapeline is East Kent Rape Crisis
Centre, in the course, on the worker's screen and on the person's own sheet."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import REPO
from tests.support.pdf_tools import pages_text
from victim_champion.content.course_loader import load_course
from victim_champion.content.directory_loader import shipped_directory
from victim_champion.content.revealing_loader import load_revealing
from victim_champion.core.course import Module
from victim_champion.core.course_checks import module_words
from victim_champion.operations.printing import HandoutOptions, print_signposting_sheet

CONTACTS = (REPO / "docs" / "reference" / "CONTACTS.md").read_text(encoding="utf-8")
RJ_FREEPHONE = "0800 783 1583"
# What a present-tense sentence about a provider looks like: "X runs it", "X is the ...".
PRESENT_PROVIDER = re.compile(
    r"(Restorative Solutions|Salus)\W+(runs|provides|is the|delivers|now runs)", re.I
)


def module(module_id: str) -> Module:
    return next(m for m in load_course().modules if m.id == module_id)


def current_notes(found: Module) -> list[str]:
    """Statements about the present: no 'History: yes'."""
    return [n.statement for n in found.sources if not n.history]


def test_module_03_names_victim_support_with_its_source_and_keeps_the_old_as_history() -> None:
    who = module("who-does-what")
    slide = next(s for s in who.slides if s.title == "Kent's main victim service")
    assert "Victim Support runs it, from Compass House in Ashford" in slide.points
    assert "Commissioner's page" in slide.notes and "December 2026" in slide.notes
    named = [n for n in who.sources if "Victim Support runs Kent's main" in n.statement]
    assert len(named) == 1 and not named[0].history
    assert named[0].dated == "2026-12" and "FACTS.md" in named[0].source
    assert "kent-pcc.gov.uk" in named[0].source and "Kent County Council" in named[0].source
    # The re-tender is kept, as history, with its Record of Decision.
    tender = [n for n in who.sources if "OPCC.D.032.23" in n.statement]
    assert len(tender) == 1 and tender[0].history
    assert not [q for q in who.questions if "older sources" in " ".join(q.options)]


def test_no_present_statement_in_03_or_06_rests_on_an_old_source() -> None:
    """course check lists none from module 03. In module 06 the one statement still on
    undated pages (how restorative justice works) names no provider."""
    for module_id in ("who-does-what", "restorative-justice"):
        stale = [n for n in module(module_id).sources if not n.history and n.is_stale()]
        if module_id == "who-does-what":
            assert stale == [], [n.statement for n in stale]
        for note in stale:
            for provider in ("Victim Support", "Restorative Solutions", "Salus", "Witness"):
                assert provider not in note.statement, note.statement


def test_the_witness_service_has_its_neutral_name_everywhere() -> None:
    for module_id in ("who-does-what", "restorative-justice"):
        assert "Citizens Advice" not in module_words(module(module_id))
    witness = next(s for s in shipped_directory().services if s.id == "witness-service")
    assert witness.name == witness.discreet_name == "Witness Service"
    assert not [s.name for s in shipped_directory().services if "Citizens Advice" in s.name]


def test_restorative_justice_is_never_given_a_provider_in_the_present_tense() -> None:
    rj = module("restorative-justice")
    text = module_words(rj)
    assert not PRESENT_PROVIDER.search(text), PRESENT_PROVIDER.search(text)
    for note in rj.sources:
        if "Restorative Solutions" in note.statement and not note.history:
            assert "not confirmed" in note.statement
    current = " ".join(current_notes(rj))
    assert "Salus" in current and "2023" in current and "not confirmed" in current
    assert RJ_FREEPHONE in " ".join(rj.slides[-1].points)
    # The trivia about 2014 wording is gone; a practice question gives the way in.
    assert not [q for q in rj.questions if "victim initiated" in q.text.casefold()]
    assert [q for q in rj.questions if RJ_FREEPHONE in q.options[q.answer]]


def test_the_directory_hedges_the_provider_and_keeps_the_rjkent_route() -> None:
    directory = shipped_directory()
    rj = next(s for s in directory.services if s.id == "restorative-solutions")
    words = f"{rj.name} {rj.description}"
    assert "Restorative Solutions" not in words and "the restorative justice service" not in words
    assert "not confirmed" in rj.source and "Salus" in rj.source and "2023" in rj.source
    route = directory.route("restorative-justice-kent")
    assert route is not None and rj.route_ids == ("restorative-justice-kent",)
    assert route.contact == f"{RJ_FREEPHONE}; rjkent.org.uk" and "not confirmed" in route.hours
    assert "| Restorative justice in Kent | 0800 783 1583; rjkent.org.uk |" in CONTACTS
    ekrcc = next(s for s in directory.services if s.id == "east-kent-rapeline")
    assert ekrcc.name == "East Kent Rape Crisis Centre" and ekrcc.route_ids == ()
    assert not [s.name for s in directory.services if "Rapeline" in s.name]
    assert directory.edition == "2026-12"


def test_the_persons_sheet_names_the_service_not_a_provider_and_the_discreet_card_hides_it(
    tmp_path: Path,
) -> None:
    needs, services = (
        ["restorative-justice", "sexual-violence"],
        [
            "restorative-solutions",
            "east-kent-rapeline",
        ],
    )
    plain = print_signposting_sheet("thanet", needs, services, options=HandoutOptions("thanet"))
    flat = " ".join(" ".join(pages_text(plain, tmp_path)).split())
    assert "Kent and Medway Restorative Justice Service" in flat
    assert "East Kent Rape Crisis Centre" in flat and "Rapeline" not in flat
    assert "Restorative Solutions" not in flat and "Salus" not in flat
    assert RJ_FREEPHONE in flat
    discreet = print_signposting_sheet(
        "thanet", needs, services, options=HandoutOptions("thanet", discreet=True)
    )
    hidden = " ".join(pages_text(discreet, tmp_path))
    assert load_revealing().found(hidden) == []
    for name in ("Restorative Justice Service", "Rape Crisis", "Rapeline"):
        assert name.casefold() not in hidden.casefold()
