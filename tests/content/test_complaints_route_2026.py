"""Issue 33's first correction, across every view that teaches or prints it: since 29
January 2025 a victim takes a Victims' Code complaint to the Ombudsman directly, so no
complaints route says an MP must refer it. The Code's own complaints text is printed on
every rights handout, discreet and large-print copies included, so those are read back
from the real PDFs as well as from the course."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.pdf_tools import flowing_text
from victim_champion.content.course_loader import load_course
from victim_champion.content.victims_code_loader import load_victims_code
from victim_champion.core.course_checks import module_words
from victim_champion.operations.printing import HandoutKind, HandoutOptions, print_handout

MP = re.compile(r"\bMPs?\b")


def test_the_codes_complaints_route_goes_to_the_ombudsman_directly() -> None:
    complaints = load_victims_code().complaints
    assert MP.search(complaints) is None
    assert "Ombudsman yourself" in complaints
    assert "Kent Police" in complaints and "IOPC" in complaints and "28 days" in complaints


def test_no_module_teaches_an_mp_route() -> None:
    for module in load_course().modules:
        assert MP.search(module_words(module)) is None, module.file_name


@pytest.mark.parametrize(
    "options",
    [HandoutOptions(), HandoutOptions(discreet=True), HandoutOptions(large_print=True)],
    ids=["plain", "discreet", "large-print"],
)
def test_every_rights_handout_prints_the_direct_route(
    options: HandoutOptions, tmp_path: Path
) -> None:
    text = " ".join(flowing_text(print_handout(HandoutKind.RIGHTS, options), tmp_path).split())
    assert MP.search(text) is None
    assert "Parliamentary and Health Service Ombudsman yourself" in text
