"""What a certificate says and where: several trainers, the course without its version
(which moves to the small print), and a long name kept on its rule; read back with
pdftotext and pdfplumber."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pdfplumber
from reportlab.lib.units import mm

from tests.support.pdf_tools import pdf_text
from victim_champion.core.certificates import Certificate, new_verification_code
from victim_champion.documents.certificate_document import (
    PAGE,
    RULE_WIDTH,
    build_certificates,
    course_title,
)

LONG_NAME = "Bartholomew Featherstonehaugh-Cholmondeley-Wolstenholme-Worthington"


def certificate(name: str, trainers: tuple[str, ...]) -> Certificate:
    return Certificate(
        new_verification_code(),
        "a" * 32,
        "s" * 32,
        name,
        "Victim Champion training 2026.1",
        date(2026, 11, 30),
        "Hawkhurst Village Hall",
        "Tunbridge Wells",
        trainers,
        datetime(2026, 11, 30, tzinfo=UTC),
        "abcd1234",
        b"x" * 64,
    )


def test_the_course_title_loses_its_version_to_the_small_print() -> None:
    assert course_title("Victim Champion training 2026.1") == (
        "Victim Champion training",
        "2026.1",
    )
    assert course_title("Basics") == ("Basics", "")


def test_several_trainers_read_as_a_list_and_the_version_is_small_print(tmp_path: Path) -> None:
    pdf = build_certificates(
        [
            certificate("Ada Example", ("Trainer One", "Trainer Two", "Trainer Three")),
            certificate("Bo Example", ("Trainer One",)),
        ],
        None,
    )
    first, second = (" ".join(p.split()) for p in pdf_text(pdf, tmp_path).split("\f")[:2])
    assert "Trainers: Trainer One, Trainer Two and Trainer Three" in first
    assert "Trainer: Trainer One" in second
    assert "Victim Champion training on" in first.replace("\n", " ")  # no version there
    assert "Course version 2026.1." in first


def test_a_long_name_shrinks_to_stay_on_its_rule() -> None:
    pdf = build_certificates([certificate(LONG_NAME, ())], None)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        words = document.pages[0].extract_words()
    first, last = LONG_NAME.split()[0], LONG_NAME.split()[-1]
    left = next(w for w in words if w["text"] == first)["x0"]
    right = next(w for w in words if w["text"].endswith(last))["x1"]
    centre = PAGE[0] / 2
    assert centre - RULE_WIDTH / 2 - 1 <= left and right <= centre + RULE_WIDTH / 2 + 1
    assert right - left > RULE_WIDTH - 20 * mm  # shrunk only as far as it needs
