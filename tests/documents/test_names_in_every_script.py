"""Names in every script on a certificate and a sheet: each set in a bundled font that
draws it, embedded, and read back; a character no font draws is refused by name, never
printed as an empty box."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.documents.test_printed_documents import issued
from tests.support.pdf_tools import pdf_text, poppler
from victim_champion.core.certificates import EXAMPLE_VERIFY_BASE
from victim_champion.core.errors import InvalidInputError
from victim_champion.documents.certificate_document import build_certificates
from victim_champion.documents.fonts import BOLD
from victim_champion.documents.script_fonts import UnprintableTextError, runs
from victim_champion.operations.printing import print_signposting_sheet
from victim_champion.store.profile import Profile

# Synthetic names, one per script a Kent desk meets (and Polish and Romanian in the house
# font), with the bundled font each must come out in.
NAMES = {
    "Nguyễn Thị Hương": "NotoSans",  # Vietnamese diacritics
    "सीता शर्मा": "NotoSansDevanagari",  # Nepali
    "ਹਰਪ੍ਰੀਤ ਕੌਰ": "NotoSansGurmukhi",  # Punjabi
    "রহিম উদ্দিন": "NotoSansBengali",
    "محمد علی خان": "NotoSansArabic",  # Urdu, right to left
    "王小明": "DroidSansFallback",  # Chinese
    "Łukasz Żółć": "Atkinson-Bold",  # Polish
    "Ștefan Țugui": "Atkinson-Bold",  # Romanian
}


def _fonts(pdf: bytes, tmp_path: Path) -> str:
    return poppler("pdffonts", pdf, tmp_path)


def test_every_script_gets_a_font_that_draws_it(profile: Profile, tmp_path: Path) -> None:
    certificates, _ = issued(profile)
    named = [dataclasses.replace(certificates[0], name=name) for name in NAMES]
    pdf = build_certificates(named, EXAMPLE_VERIFY_BASE)
    fonts = _fonts(pdf, tmp_path)
    text = " ".join(pdf_text(pdf, tmp_path).split())
    for name, font in NAMES.items():
        assert {f for f, word in runs(name, BOLD) if not word.isspace()} == {font}, name
        assert font.split("-")[0] in fonts.replace("AtkinsonHyperlegible", "Atkinson")
    for readable in ("Nguyễn Thị Hương", "王小明", "Łukasz Żółć", "Ștefan Țugui"):
        assert readable in text
    assert all(line.split()[3:5] == ["yes", "yes"] for line in fonts.splitlines()[2:])


def test_right_to_left_words_are_laid_out_right_to_left() -> None:
    words = [word for _, word in runs("محمد علی خان", BOLD) if not word.isspace()]
    assert words == ["خان", "علی", "محمد"]  # drawn left to right: the first name rightmost
    mixed = [word for _, word in runs("Ada محمد علی Example", BOLD) if not word.isspace()]
    assert mixed == ["Ada", "علی", "محمد", "Example"]


def test_a_character_no_font_draws_is_named_not_boxed(profile: Profile) -> None:
    certificates, _ = issued(profile)
    with pytest.raises(UnprintableTextError) as refused:
        build_certificates(
            [dataclasses.replace(certificates[0], name="Ada தமிழ் Example")], EXAMPLE_VERIFY_BASE
        )
    assert "TAMIL LETTER TA" in str(refused.value)
    with pytest.raises(InvalidInputError) as sheet:
        print_signposting_sheet("thanet", ["emotional-support"], [], name="Ada ᚠ")
    assert sheet.value.message == (
        "The name for the sheet has a character no font in the app can print, "
        "'ᚠ' (RUNIC LETTER FEHU FEOH FE F); correct it, then print again."
    )
    assert "Ada" not in sheet.value.message.replace("'", "")  # the name itself is not quoted
