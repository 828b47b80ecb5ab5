"""Discreet copies are discreet on every page and in the metadata, and every handout and
sheet carries the routes to help, read back from the real PDFs with poppler."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support.pdf_tools import pages_text
from tests.support.tools import require_tool
from victim_champion.operations.printing import (
    HandoutKind,
    HandoutOptions,
    print_handout,
    print_signposting_sheet,
)

FORBIDDEN = ("victim", "abuse", "violence", "rape", "sexual", "assault", "domestic", "offender")
EVERY_PAGE_SET = ("999", "press 55", "999bsl.co.uk", "18001 101", "08 08 16 89 111")


def _documents(discreet: bool) -> dict[str, bytes]:
    made: dict[str, bytes] = {}
    for large in (False, True):
        options = HandoutOptions("medway", large_print=large, discreet=discreet)
        made[f"rights large={large}"] = print_handout(HandoutKind.RIGHTS, options)
        made[f"directory large={large}"] = print_handout(HandoutKind.DIRECTORY, options)
        made[f"sheet large={large}"] = print_signposting_sheet(
            "swale",
            ["domestic-abuse", "sexual-violence", "exploitation"],
            ["davss", "isva", "east-kent-rapeline", "st-giles-trust"],
            options=options,
        )
    return made


def _metadata(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "info.pdf"
    path.write_bytes(pdf)
    pdfinfo = require_tool("pdfinfo", "reads a PDF's metadata")
    return subprocess.run([pdfinfo, str(path)], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("discreet", [True, False], ids=["discreet", "plain"])
def test_every_page_set_carries_the_routes_and_discreet_ones_no_telling_word(
    discreet: bool, tmp_path: Path
) -> None:
    for name, pdf in _documents(discreet).items():
        pages = pages_text(pdf, tmp_path)
        whole = " ".join(" ".join(page.split()) for page in pages)
        for route in EVERY_PAGE_SET:
            assert route in whole, (name, route)
        if not discreet:
            assert "Checked November 2026 from" in whole, name
            continue
        for number, page in enumerate(pages, start=1):
            found = [word for word in FORBIDDEN if word in page.casefold()]
            assert not found, f"{name}, page {number}: {found}"
        metadata = _metadata(pdf, tmp_path).casefold()
        assert not [word for word in FORBIDDEN if word in metadata], name
        assert "Checked November 2026" in whole, name
        assert "Checked November 2026 from" not in whole, name  # sources can name things


def test_the_lines_for_a_need_follow_the_need() -> None:
    options = HandoutOptions("thanet")
    child = print_signposting_sheet(
        "thanet", ["child-support"], ["family-matters"], options=options
    )
    talk = print_signposting_sheet("thanet", ["emotional-support"], [], options=options)
    assert "Childline" in _text(child) and "0800 1111" in _text(child)
    assert "Childline" not in _text(talk) and "Samaritans" in _text(talk)


def _text(pdf: bytes) -> str:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return " ".join(pages_text(pdf, Path(folder)))
