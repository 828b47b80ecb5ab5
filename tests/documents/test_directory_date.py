"""The date on everything (issue 34, item 5): the person's sheet, the discreet card, each
handout and their web page twins end with the directory edition, its published date and
when the lines on that page were last checked. Read back from the real PDFs with poppler."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

from tests.documents.test_discreet_and_routes import FORBIDDEN, documents
from tests.support.pdf_tools import pages_text
from victim_champion.content.directory_loader import shipped_directory
from victim_champion.content.message_catalogue import messages
from victim_champion.content.revealing_loader import load_revealing
from victim_champion.core.directory import Directory
from victim_champion.core.directory_age import age_in_days, is_stale, last_checked
from victim_champion.documents.directory_handout import build_directory_handout
from victim_champion.documents.discreet_card import build_discreet_card
from victim_champion.documents.html_twin import sheet_web_page
from victim_champion.operations.printing import HandoutKind, HandoutOptions
from victim_champion.operations.web_pages import handout_web_page, sheet_web_page_for

LAST_CHECKED = "These lines were last checked in November 2026."


def edition_line(directory: Directory) -> str:
    assert directory.published is not None
    day = messages().long_date(directory.published)
    return f"From directory {directory.edition}, published {day}."


def flat(pdf: bytes, tmp_path: Path) -> str:
    return " ".join(" ".join(pages_text(pdf, tmp_path)).split())


def with_checked(directory: Directory, **months: str) -> Directory:
    routes = tuple(
        dataclasses.replace(r, checked=months[r.id.replace("-", "_")])
        if r.id.replace("-", "_") in months
        else r
        for r in directory.routes
    )
    return dataclasses.replace(directory, routes=routes)


@pytest.mark.parametrize("discreet", [False, True], ids=["plain", "discreet"])
def test_every_sheet_card_and_handout_ends_with_the_edition_and_date(
    discreet: bool, tmp_path: Path
) -> None:
    directory = shipped_directory()
    line = f"{edition_line(directory)} {LAST_CHECKED}"
    made = documents(discreet)
    assert {n.split()[0] for n in made} == {"directory", "rights", "sheet"}  # sheet: the card
    for name, pdf in made.items():
        text = flat(pdf, tmp_path)
        assert line in text, name
        if discreet:  # the line names nothing a discreet page may not show
            assert not load_revealing().found(line)
            assert not [w for w in FORBIDDEN if w in text.casefold()], name


def test_the_date_is_the_newest_check_among_the_lines_printed(tmp_path: Path) -> None:
    shipped = shipped_directory()
    # The Supportline is on every page; Childline is printed only for its needs.
    directory = with_checked(shipped, supportline="2027-01", childline="2027-03")
    card = flat(build_discreet_card(directory, ["rape-crisis-line"]), tmp_path)
    assert "These lines were last checked in January 2027." in card
    assert "March 2027" not in card
    sheet = sheet_web_page(
        [], directory, needs=["sexual-violence"], district_name="Swale", discreet=False
    )
    assert "These lines were last checked in January 2027." in sheet
    assert last_checked(directory.routes) == (2027, 3)
    assert last_checked(()) is None


def test_the_web_page_twins_carry_the_same_line() -> None:
    line = f"{edition_line(shipped_directory())} {LAST_CHECKED}"
    for discreet in (False, True):
        options = HandoutOptions("swale", discreet=discreet)
        card_or_sheet = sheet_web_page_for(
            "swale", ["sexual-violence"], ["isva"], options=options, route_ids=[]
        )
        assert line in card_or_sheet, discreet
        for kind in (HandoutKind.RIGHTS, HandoutKind.DIRECTORY):
            assert line in handout_web_page(kind, options), (kind, discreet)


def test_an_undated_edition_says_so_and_still_says_when_checked(tmp_path: Path) -> None:
    directory = dataclasses.replace(shipped_directory(), published=None)
    pdf = build_directory_handout(
        [], directory, district_name="Swale", sample=True, large_print=False, discreet=False
    )
    text = flat(pdf, tmp_path)
    assert re.search(r"From directory \d{4}-\d{2}\. These lines were last checked in", text)


def test_the_directory_is_stale_after_90_days_from_its_published_day() -> None:
    directory = dataclasses.replace(shipped_directory(), published=date(2026, 12, 7))
    assert age_in_days(directory, date(2027, 3, 7)) == 90
    assert not is_stale(directory, date(2027, 3, 7))
    assert is_stale(directory, date(2027, 3, 8))
    assert not is_stale(directory, date(2026, 12, 7))
    assert is_stale(dataclasses.replace(directory, published=None), date(2026, 12, 7))
