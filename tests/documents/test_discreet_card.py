"""The discreet card: one page, the emergency routes, the Supportline and only the routes
chosen with the person, under neutral labels; no revealing name or number anywhere, its
metadata and file name included. Read back from the real PDF with poppler."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.documents.test_discreet_and_routes import FORBIDDEN
from tests.support.pdf_tools import pages_text, pdf_info
from victim_champion.content.directory_loader import load_needs, shipped_directory
from victim_champion.content.revealing_loader import load_revealing
from victim_champion.core.directory import DISCREET_NEEDS, Directory
from victim_champion.core.discreet import RevealingTextError
from victim_champion.core.errors import InvalidInputError
from victim_champion.documents.discreet_card import build_discreet_card
from victim_champion.operations.printing import (
    HandoutOptions,
    discreet_route_choices,
    print_signposting_sheet,
    sheet_file_name,
)
from victim_champion.operations.web_pages import sheet_web_page_for

NEEDS = ["sexual-violence", "domestic-abuse"]
SERVICES = ["davss", "isva", "east-kent-rapeline"]
EMERGENCY = ("999", "press 55", "999bsl.co.uk", "emergencysms.org.uk", "18000", "18001 101")


def card(
    route_ids: list[str], *, large: bool = False, name: str = "", groups: Sequence[str] = ()
) -> bytes:
    options = HandoutOptions("swale", large_print=large, discreet=True)
    return print_signposting_sheet(
        "swale", NEEDS, SERVICES, name=name, options=options, route_ids=route_ids, groups=groups
    )


def test_the_choices_are_the_need_lines_and_the_rules_ones_come_ticked() -> None:
    choices = discreet_route_choices("swale", NEEDS, SERVICES)
    assert [c.id for c in choices] == ["national-helpline", "rape-crisis-line", "beech-house"]
    assert {c.id for c in choices if c.suggested} == {"rape-crisis-line", "beech-house"}
    revealing = load_revealing()
    for choice in choices:
        assert choice.neutral_label and choice.contact and choice.hours
        assert not revealing.found(choice.neutral_label), choice.id
    lgbt = discreet_route_choices("swale", ["domestic-abuse"], [], groups=["lgbt"])
    assert "galop" in [c.id for c in lgbt] and "mens-advice-line" not in [c.id for c in lgbt]
    stalking = discreet_route_choices("swale", ["stalking"], ["victim-support-kent"])
    assert [(c.id, c.suggested) for c in stalking] == [("stalking-helpline", True)]
    assert {
        "domestic-abuse",
        "sexual-violence",
        "stalking",
        "honour-based-abuse",
        "exploitation",
    } == DISCREET_NEEDS


def test_the_card_is_one_page_with_only_the_chosen_routes_under_neutral_labels(
    tmp_path: Path,
) -> None:
    revealing = load_revealing()
    directory = shipped_directory()
    choices = discreet_route_choices("swale", NEEDS, SERVICES)
    chosen = [c for c in choices if c.suggested]
    pdf = card([c.id for c in chosen], name="Sam Example")
    assert pdf_info(pdf, tmp_path)["Pages"] == "1"
    [page] = pages_text(pdf, tmp_path)
    text = " ".join(page.split())
    assert "Sam Example" in text
    for route in EMERGENCY:
        assert route in text, route
    assert "Support line (free, any time): 08 08 16 89 111" in text
    for choice in chosen:
        assert f"{choice.neutral_label}: {choice.contact}" in text, choice.id
    assert "0808 2000 247" not in text  # offered, but not chosen
    assert not revealing.found(text, [c.id for c in chosen])
    assert revealing.found(text)  # the chosen numbers are revealing ones: the check bites
    words = text.casefold()
    assert not [w for w in FORBIDDEN if w in words]
    for service in directory.services:
        assert service.name not in text and service.discreet_name not in text, service.id
    for need in load_needs():
        assert need.label not in text and (
            not need.discreet_label or need.discreet_label not in text
        )
    assert "Swale" not in text and "last checked in November 2026" in text
    assert not [r.source for r in directory.routes if r.source in text]


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large print"])
def test_every_route_offered_still_fits_and_gives_nothing_away(large: bool, tmp_path: Path) -> None:
    needs = sorted(DISCREET_NEEDS)
    every = discreet_route_choices("swale", needs, SERVICES, groups=["lgbt", "men"])
    assert len(every) >= 7
    options = HandoutOptions("swale", large_print=large, discreet=True)
    ids = [c.id for c in every]
    pdf = print_signposting_sheet(
        "swale", needs, SERVICES, options=options, route_ids=ids, groups=["lgbt", "men"]
    )
    pages = int(pdf_info(pdf, tmp_path)["Pages"])
    assert pages == 1 if not large else pages <= 2
    text = " ".join(" ".join(pages_text(pdf, tmp_path)).split())
    assert not load_revealing().found(text, ids)
    for choice in every:
        assert f"{choice.neutral_label}: {choice.contact}" in text, choice.id
    for name in ("Galop", "Karma Nirvana", "Men's Advice Line", "Rape Crisis", "Beech House"):
        assert name not in text


def test_the_metadata_and_the_file_name_are_plain(tmp_path: Path) -> None:
    chosen = ["rape-crisis-line", "national-helpline"]
    meta = pdf_info(card(chosen), tmp_path)
    for key in ("Title", "Author", "Subject", "Keywords", "Creator"):
        value = meta.get(key, "")
        assert not load_revealing().found(value), key
        assert not [w for w in FORBIDDEN if w in value.casefold()], key
    assert meta["Title"] == "Information for you" and meta.get("Author", "") == ""
    name = sheet_file_name(discreet=True)
    assert name.endswith(".pdf") and not load_revealing().found(name.replace("-", " "))
    assert not [w for w in (*FORBIDDEN, "support", "plan") if w in name]
    assert sheet_file_name(discreet=False) == "support-plan.pdf"
    assert sheet_file_name(True, ".html") == "useful-numbers.html"


def test_a_build_that_would_reveal_anything_is_refused() -> None:
    directory = shipped_directory()

    def with_route(route_id: str, **changes: Any) -> Directory:
        routes = tuple(
            dataclasses.replace(r, **changes) if r.id == route_id else r for r in directory.routes
        )
        return dataclasses.replace(directory, routes=routes)

    build_discreet_card(directory, ["rape-crisis-line"])  # as shipped: fine
    with pytest.raises(RevealingTextError):  # a label that names the service
        build_discreet_card(
            with_route("rape-crisis-line", discreet_name="Rape Crisis line"), ["rape-crisis-line"]
        )
    with pytest.raises(RevealingTextError):  # a number nobody chose, under another label
        build_discreet_card(with_route("supportline", discreet_contact="0808 2000 247"), [])
    with pytest.raises(RevealingTextError):  # a telling word
        build_discreet_card(with_route("police-101", discreet_name="Police, for abuse"), [])
    with pytest.raises(InvalidInputError, match="no route 'no-such-line'"):
        card(["no-such-line"])
    with pytest.raises(InvalidInputError, match="no route 'kent-domestic-abuse-directory'"):
        card(["kent-domestic-abuse-directory"])  # it has no neutral label


def test_the_cards_web_page_twin_is_the_same_card() -> None:
    chosen = ["rape-crisis-line"]
    options = HandoutOptions("swale", discreet=True)
    page = sheet_web_page_for("swale", NEEDS, SERVICES, options=options, route_ids=chosen)
    shown = re.sub(r"<[^>]+>", " ", page)
    assert "<title>Information for you</title>" in page and "Useful numbers" in shown
    assert "Talk line (free, day and night)" in shown and "0808 500 2222" in shown
    assert "0808 2000 247" not in shown and "Hermitage Lane" not in shown
    assert not load_revealing().found(shown, chosen) and load_revealing().found(shown)
    assert not [w for w in FORBIDDEN if w in page.casefold()]
    assert "DAVSS" not in shown and "Swale" not in shown
