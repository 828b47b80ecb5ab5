"""Body text in a script the house font lacks: the second pseudo-language, qps-deva, writes
every catalogue text in Devanagari letters, which Atkinson Hyperlegible does not have.

Every handout, sheet and certificate printed in it is read back with poppler:
- each catalogue text it uses comes back whole from pdftotext. A letter drawn in a font
  without it is an empty box, and poppler drops it from the text, so a missing glyph fails
  here (test_a_missing_glyph_is_dropped_by_pdftotext shows that it does);
- pdffonts lists only embedded fonts, Noto Sans Devanagari among them;
- no word runs off the page or over another, and each certificate is still one page.
A language in a script no bundled font has (a synthetic Ethiopic one) is refused with one
sentence before anything is printed, and so is one written right to left.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from tests.documents import test_pseudo_language as under_qps_ploc
from tests.documents.test_printed_documents import issued
from tests.documents.test_pseudo_language import (
    DIRECTORY,
    PERSON,
    VERIFIED,
    fragments,
)
from tests.support.pdf_tools import (
    flowing_text,
    overprinted,
    pdf_fonts,
    words_off_the_page,
    words_on_pages,
)
from victim_champion.content.course_loader import load_course
from victim_champion.content.directory_loader import load_directory, load_needs
from victim_champion.content.localised_course import course_words
from victim_champion.content.message_catalogue import (
    PSEUDO_SCRIPTS,
    SECOND_PSEUDO_LANGUAGE,
    PseudoScript,
    available_languages,
    messages,
)
from victim_champion.content.next_steps_loader import load_next_steps
from victim_champion.content.victims_code_loader import load_victims_code
from victim_champion.core.certificates import EXAMPLE_VERIFY_BASE
from victim_champion.core.directory import grouped_by_need
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.training_day import QuizPhase
from victim_champion.documents.body_fonts import (
    RightToLeftLanguageError,
    UnprintableLanguageError,
)
from victim_champion.documents.certificate_document import build_certificates
from victim_champion.documents.directory_handout import build_directory_handout
from victim_champion.documents.discreet_card import build_discreet_card
from victim_champion.documents.fonts import REGULAR, register_fonts
from victim_champion.documents.handout_layout import MARGIN
from victim_champion.documents.materials_document import build_materials
from victim_champion.documents.next_steps_handout import build_next_steps_handout
from victim_champion.documents.quiz_sheet import QuizSheetContent, build_quiz_sheets
from victim_champion.documents.recovery_sheet import build_recovery_sheet
from victim_champion.documents.rights_handout import build_rights_handout
from victim_champion.documents.signposting_sheet import build_signposting_sheet
from victim_champion.operations.printing import HandoutKind, HandoutOptions, print_handout
from victim_champion.store.profile import Profile

DEVA = SECOND_PSEUDO_LANGUAGE
DEVANAGARI = re.compile(r"[\u0900-\u097f]")
THANET = [s for s in load_directory() if s.covers("thanet")]
COURSE = load_course()


def _sheet(name: str, large_print: bool) -> bytes:
    groups = grouped_by_need([*THANET[:3], VERIFIED], load_needs(), "thanet", once=True)
    return build_signposting_sheet(
        groups,
        DIRECTORY,
        district_name="Thanet",
        name=name,
        large_print=large_print,
        discreet=False,
        language=DEVA,
    )


def _directory(large_print: bool, discreet: bool) -> bytes:
    groups = grouped_by_need([*load_directory(), VERIFIED], load_needs(), "thanet")
    return build_directory_handout(
        groups,
        DIRECTORY,
        district_name="Thanet",
        sample=True,
        large_print=large_print,
        discreet=discreet,
        language=DEVA,
    )


def _quiz_sheets() -> bytes:
    """Two sheets of the longest question of each module: the tallest a sheet can be."""
    questions = tuple(max(m.questions, key=lambda q: len(str(q))) for m in COURSE.modules)
    content = QuizSheetContent(COURSE.title, "Hall", date(2026, 12, 3), QuizPhase.PRE, questions)
    return build_quiz_sheets(content, 2, 1, DEVA)


def _materials() -> bytes:
    return build_materials(COURSE, list(COURSE.modules[:2]), language=DEVA)


def _rights(large_print: bool, discreet: bool) -> bytes:
    code = load_victims_code()
    return build_rights_handout(
        code, DIRECTORY, large_print=large_print, discreet=discreet, language=DEVA
    )


MATERIALS_KEYS = (
    "materials.heading",
    "materials.about",
    "materials.set_title",
    "materials.tag",
    "materials.do_not_hand_out",
    "materials.trainer_pack",
    "materials.trainer_heading",
    "materials.footer",
)
# Each document, with catalogue keys whose every fixed part must come back whole.
HANDOUTS = {
    "rights": (lambda: _rights(False, False), ("rights.title", "rights.introduction")),
    "rights large discreet": (lambda: _rights(True, True), ("handout.cover_text",)),
    "directory": (lambda: _directory(False, False), ("directory.introduction",)),
    "directory large discreet": (lambda: _directory(True, True), ("routes.introduction",)),
    "sheet named": (lambda: _sheet(PERSON, False), ("sheet.introduction", "routes.heading")),
    "sheet large": (lambda: _sheet("", True), ("sheet.heading", "sheet.subtitle")),
    "discreet card": (
        lambda: build_discreet_card(DIRECTORY, ("samaritans",), language=DEVA),
        ("card.introduction",),
    ),
    "next steps": (
        lambda: build_next_steps_handout(load_next_steps(), language=DEVA),
        ("handout.page",),
    ),
    "recovery sheet": (
        lambda: build_recovery_sheet(" ".join(["word"] * 12), date(2026, 12, 3), DEVA),
        ("recovery.title", "recovery.explain", "recovery.use", "recovery.keep"),
    ),
    "quiz sheets": (
        _quiz_sheets,
        tuple(
            f"quiz_sheet.{key}"
            for key in ("title", "title_continued", "corner", "no_name", "how", "footer", "session")
        ),
    ),
    "materials": (
        _materials,
        MATERIALS_KEYS,
    ),
}
CERTIFICATE_KEYS = tuple(
    f"certificate.{key}"
    for key in ("programme", "heading", "certify", "completed", "code_label", "how_to_check")
)


@pytest.fixture(scope="module")
def printed() -> dict[str, bytes]:
    return {name: build() for name, (build, _) in HANDOUTS.items()}


def test_the_second_pseudo_language_is_offered_and_has_no_latin_letter() -> None:
    assert DEVA in available_languages()
    words = messages(DEVA)
    for key in words:
        fixed = "".join(fragments(words, key))
        assert not re.search(r"[A-Za-z]", fixed), key
        assert DEVANAGARI.search(fixed) or not any(c.isalpha() for c in fixed), key


def solid(text: str) -> str:
    """Text without its spaces: a run of padding may be broken across two lines."""
    return "".join(text.split())


def test_every_handout_and_sheet_prints_each_letter_in_an_embedded_font_that_has_it(
    printed: dict[str, bytes], tmp_path: Path
) -> None:
    words = messages(DEVA)
    for name, pdf in printed.items():
        text = solid(flowing_text(pdf, tmp_path))
        for key in HANDOUTS[name][1] + ("handout.page",):
            for fragment in fragments(words, key):
                assert solid(fragment) in text, f"{name}: {key} lost letters: {fragment!r}"
        fonts = pdf_fonts(pdf, tmp_path)
        assert all(embedded for _, embedded in fonts), (name, fonts)
        assert any("NotoSansDevanagari" in font for font, _ in fonts), (name, fonts)


def test_the_course_words_on_the_quiz_sheets_and_materials_keep_every_letter(
    printed: dict[str, bytes], tmp_path: Path
) -> None:
    """The questions, answers, activities and cards are course content, not catalogue: each
    comes back whole in its Devanagari form, so none lost a letter to a font without it."""
    say = course_words(DEVA)
    quiz = solid(flowing_text(printed["quiz sheets"], tmp_path))
    for module in COURSE.modules:
        question = max(module.questions, key=lambda q: len(str(q)))
        for text in (question.text, *question.options):
            assert DEVANAGARI.search(say(text)) and solid(say(text)) in quiz, text
    materials = solid(flowing_text(printed["materials"], tmp_path))
    for module in COURSE.modules[:2]:
        for activity in module.activities:
            texts = [activity.title, activity.text]
            texts += [t for m in activity.materials for t in (m.name, *m.cards)]
            for text in texts:
                assert solid(say(text)) in materials, text


def test_certificates_print_each_letter_and_stay_one_page(profile: Profile, tmp_path: Path) -> None:
    certificates, _ = issued(profile)
    pdf = build_certificates(certificates, EXAMPLE_VERIFY_BASE, language=DEVA)
    words = messages(DEVA)
    text = solid(flowing_text(pdf, tmp_path))
    for key in CERTIFICATE_KEYS:
        for fragment in fragments(words, key):
            assert solid(fragment) in text, f"{key} lost letters: {fragment!r}"
    assert all(embedded for _, embedded in pdf_fonts(pdf, tmp_path))
    pages, found = words_on_pages(pdf, tmp_path)
    assert len(pages) == len(certificates)
    for word in found:
        width, height = pages[word.page - 1]
        assert 15 * mm - 0.5 <= word.x_min and word.x_max <= width - 15 * mm + 0.5, word
        assert 15 * mm - 0.5 <= word.y_min and word.y_max <= height - 15 * mm + 0.5, word
    assert overprinted(found) == []


def test_no_english_word_is_left_on_a_handout_sheet_or_certificate(
    profile: Profile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The qps-ploc documents and their data (test_pseudo_language), printed in qps-deva:
    with the data taken out, no Latin word is left."""
    monkeypatch.setattr(under_qps_ploc, "PSEUDO", DEVA)
    for name, document in under_qps_ploc.documents(profile).items():
        text = flowing_text(document.pdf, tmp_path)
        for data in sorted({" ".join(d.split()) for d in document.data if d}, key=len)[::-1]:
            text = text.replace(data, " ")
        english = under_qps_ploc.ENGLISH_WORD.findall(text)
        assert english == [], f"{name}: plain English left: {english[:20]}"


def test_the_report_sets_its_words_charts_and_cells_in_fonts_that_have_them(
    tmp_path: Path,
) -> None:
    from tests.documents.test_pseudo_language_report import small_report
    from victim_champion.documents.report_document import build_report_pdf

    pdf = build_report_pdf(small_report(), language=DEVA)
    words = messages(DEVA)
    text = solid(flowing_text(pdf, tmp_path))
    for key in ("report.key", "report.total", "report.unreadable", "handout.page"):
        for fragment in fragments(words, key):
            assert solid(fragment) in text, f"{key} lost letters: {fragment!r}"
    captions = [solid(words.text(key)) for key in words if key.startswith("report.chart.")]
    assert any(caption in text for caption in captions)  # a chart's own String
    assert all(embedded for _, embedded in pdf_fonts(pdf, tmp_path))


def test_no_word_runs_off_the_page_or_over_another(
    printed: dict[str, bytes], tmp_path: Path
) -> None:
    for name, pdf in printed.items():
        pages, found = words_on_pages(pdf, tmp_path)
        assert found, name
        off = words_off_the_page(pages, found, MARGIN, foot=10 * mm)
        assert off == [], f"{name}: words run off the page: {off[:3]}"
        assert overprinted(found) == [], f"{name}: words print over each other"


def test_a_missing_glyph_is_dropped_by_pdftotext(tmp_path: Path) -> None:
    """The check above can fail: Devanagari set in the house font comes back without it."""
    register_fonts()
    buffer = BytesIO()
    canvas = Canvas(buffer, initialFontName=REGULAR)
    canvas.setFont(REGULAR, 12)
    canvas.drawString(72, 72, "Page नमस")
    canvas.save()
    assert flowing_text(buffer.getvalue(), tmp_path).strip() == "Page"


@pytest.fixture
def ethiopic() -> Iterator[str]:
    """A synthetic pseudo-language in Ethiopic letters, which no bundled font has."""
    tag = "qps-ethi"
    PSEUDO_SCRIPTS[tag] = PseudoScript(str.maketrans("aeiouAEIOU", "አኤኢኦኡአኤኢኦኡ"), "።")
    try:
        yield tag
    finally:
        del PSEUDO_SCRIPTS[tag]
        messages.cache_clear()


SENTENCE = re.compile(
    r"^Victim Champion cannot print in qps-ethi: none of its fonts has 'ኢ' \(ETHIOPIC "
    r"SYLLABLE GLOTTAL I\), .* and \d+ more; choose another language, such as en-GB\.$"
)


def test_a_language_in_a_script_no_font_has_is_refused_before_anything_is_printed(
    ethiopic: str, tmp_path: Path
) -> None:
    with pytest.raises(UnprintableLanguageError) as refused:
        build_rights_handout(
            load_victims_code(), DIRECTORY, large_print=False, discreet=False, language=ethiopic
        )
    assert SENTENCE.match(refused.value.message), refused.value.message
    assert isinstance(refused.value, InvalidInputError)  # shown as one sentence
    with pytest.raises(UnprintableLanguageError, match=SENTENCE):
        print_handout(HandoutKind.RIGHTS, HandoutOptions(language=ethiopic))
    with pytest.raises(UnprintableLanguageError, match=SENTENCE):
        build_certificates([], EXAMPLE_VERIFY_BASE, language=ethiopic)


def test_a_language_written_right_to_left_is_refused_with_its_own_sentence() -> None:
    tag = "qps-arab"
    letters = "abcdefghijklmnopqrstuvwxyz"
    PSEUDO_SCRIPTS[tag] = PseudoScript(
        str.maketrans(letters + letters.upper(), "ابتثجحخدذرزسشصضطظعغفقكلمنه" * 2), "ـ"
    )
    try:
        with pytest.raises(RightToLeftLanguageError, match="written right to left"):
            print_handout(HandoutKind.RIGHTS, HandoutOptions(language=tag))
    finally:
        del PSEUDO_SCRIPTS[tag]
        messages.cache_clear()
