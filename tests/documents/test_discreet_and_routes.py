"""Discreet copies are discreet on every page and in the metadata, and every handout and
sheet carries the routes to help, read back from the real PDFs with poppler."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.pdf_tools import pages_text, poppler
from victim_champion.content.directory_loader import shipped_directory
from victim_champion.content.revealing_loader import load_revealing
from victim_champion.operations.printing import (
    HandoutKind,
    HandoutOptions,
    print_handout,
    print_signposting_sheet,
)

FORBIDDEN = ("victim", "abuse", "violence", "rape", "sexual", "assault", "domestic", "offender")
EVERY_PAGE_SET = ("999", "press 55", "999bsl.co.uk", "18001 101", "08 08 16 89 111")
SWALE_NEEDS = ["domestic-abuse", "sexual-violence", "exploitation"]
SWALE_SERVICES = ["davss", "isva", "east-kent-rapeline", "st-giles-trust"]


def documents(discreet: bool, districts: tuple[str, ...] = ("medway",)) -> dict[str, bytes]:
    """Every handout and the sheet, in normal and large print, for some districts."""
    made: dict[str, bytes] = {}
    for large in (False, True):
        for district in districts:
            options = HandoutOptions(district, large_print=large, discreet=discreet)
            made[f"directory {district} large={large}"] = print_handout(
                HandoutKind.DIRECTORY, options
            )
        options = HandoutOptions("swale", large_print=large, discreet=discreet)
        made[f"rights large={large}"] = print_handout(HandoutKind.RIGHTS, options)
        made[f"sheet large={large}"] = print_signposting_sheet(
            "swale", SWALE_NEEDS, SWALE_SERVICES, options=options
        )
    return made


def metadata(pdf: bytes, tmp_path: Path) -> str:
    return poppler("pdfinfo", pdf, tmp_path)


@pytest.mark.parametrize("discreet", [True, False], ids=["discreet", "plain"])
def test_every_page_set_carries_the_routes_and_discreet_ones_no_telling_word(
    discreet: bool, tmp_path: Path
) -> None:
    sources = [r.source for r in shipped_directory().routes]
    for name, pdf in documents(discreet).items():
        pages = pages_text(pdf, tmp_path)
        whole = " ".join(" ".join(page.split()) for page in pages)
        for route in EVERY_PAGE_SET:
            assert route in whole, (name, route)
        assert "These lines were last checked in November 2026." in whole, name
        # Sources stay in the data and at Compass House, never on the person's paper.
        assert "Checked November 2026 from" not in whole, name
        assert not [s for s in sources if s in whole], name
        if not discreet:
            continue
        for number, page in enumerate(pages, start=1):
            found = [word for word in FORBIDDEN if word in page.casefold()]
            assert not found, f"{name}, page {number}: {found}"
        info = metadata(pdf, tmp_path).casefold()
        assert not [word for word in FORBIDDEN if word in info], name


def test_no_discreet_output_shows_a_revealing_name_or_number(tmp_path: Path) -> None:
    revealing = load_revealing()
    assert {"victim", "abuse"} <= set(revealing.telling_words)
    for name, pdf in documents(True, ("swale", "dartford", "medway")).items():
        text = " ".join(pages_text(pdf, tmp_path))
        assert not revealing.found(text), name
        assert not revealing.found(metadata(pdf, tmp_path)), name


def test_the_lines_for_a_need_follow_the_need() -> None:
    options = HandoutOptions("thanet")
    child = print_signposting_sheet(
        "thanet", ["child-support"], ["family-matters"], options=options
    )
    talk = print_signposting_sheet("thanet", ["emotional-support"], [], options=options)
    assert "Childline" in _text(child) and "0800 1111" in _text(child)
    assert "Childline" not in _text(talk) and "Samaritans" in _text(talk)
    sexual = _text(print_signposting_sheet("swale", ["sexual-violence"], [], options=options))
    assert "Rape Crisis 24/7 Support Line: 0808 500 2222" in sexual
    assert "Beech House" in sexual and "Hermitage Lane, Maidstone" in sexual
    stalking = _text(print_signposting_sheet("swale", ["stalking"], [], options=options))
    assert "National Stalking Helpline (Suzy Lamplugh Trust): 0808 802 0300" in stalking
    fraud = _text(print_signposting_sheet("swale", ["fraud"], [], options=options))
    assert "Report Fraud" in fraud and "0300 123 2040" in fraud
    honour = _text(print_signposting_sheet("swale", ["honour-based-abuse"], [], options=options))
    assert "Karma Nirvana" in honour


def test_lines_for_a_group_only_when_the_person_said_so() -> None:
    options = HandoutOptions("swale")
    unsaid = _text(print_signposting_sheet("swale", ["domestic-abuse"], [], options=options))
    assert "Galop" not in unsaid and "Men's Advice Line" not in unsaid
    assert "Karma Nirvana" not in unsaid  # honour-based abuse was not ticked
    lgbt = _text(
        print_signposting_sheet("swale", ["domestic-abuse"], [], options=options, groups=["lgbt"])
    )
    assert "Galop" in lgbt and "Men's Advice Line" not in lgbt
    men = _text(
        print_signposting_sheet("swale", ["domestic-abuse"], [], options=options, groups=["men"])
    )
    assert "Men's Advice Line: 0808 801 0327" in men and "Galop" not in men


def test_any_time_holds_only_24_hour_routes_and_emergencies_never_lack_hours() -> None:
    needs = ["domestic-abuse", "sexual-violence", "stalking", "honour-based-abuse", "fraud"]
    text = _text(
        print_signposting_sheet(
            "swale", needs, [], options=HandoutOptions("swale"), groups=["lgbt"]
        )
    )
    any_time, _, other = text.partition("Other help, with its hours")
    assert "Help, any time" in any_time and other
    for weekday in ("Galop", "Karma Nirvana", "Report Fraud", "National Stalking Helpline"):
        assert weekday in other and weekday not in any_time, weekday
    for emergency in ("Emergency text", "Emergency by textphone: 18000"):
        block = any_time.split(emergency, 1)[1].split("Checked", 1)[0]
        assert "24 hours, every day" in block and "not known" not in block, emergency


def test_the_persons_sheet_says_once_how_to_reach_services_with_no_number() -> None:
    text = _text(
        print_signposting_sheet(
            "swale", SWALE_NEEDS, SWALE_SERVICES, options=HandoutOptions("swale")
        )
    )
    flat = " ".join(text.split())
    assert "DAVSS" in flat and "East Kent Rape Crisis Centre" in flat  # kept: the person chose them
    assert "Sample" not in flat and "not confirmed yet" not in flat
    assert len(re.findall("no number of their own", flat)) == 1
    assert "call the Victim Support Supportline on 08 08 16 89 111" in flat


def _text(pdf: bytes) -> str:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return " ".join(" ".join(pages_text(pdf, Path(folder))).split())
