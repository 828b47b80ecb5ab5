"""The knowledge check on paper: numbered answer sheets for one session and phase.

Each sheet has the same questions the kiosk would ask that session (one from each module),
every answer beside a lettered circle to cross, and the sheet's number large in the top
corner of each side, so the trainer can type the pile in by number afterwards. The sheets
are anonymous: they ask for no name, and say so. No answer key is printed: the entry grid
marks the sheets.

One sheet is one piece of A4 paper printed on both sides. At 12 pt, eight questions of
four answers each need 780 to 980 points of height (measured on the course's longest
questions), and an A4 page inside the house margins has 717: so the first half of the
questions go on the front and the rest on the back, and every sheet is exactly two pages,
which keeps a double-sided print in step. A language whose words run longer (the
pseudo-language qps-deva needs up to 813 points on one side) gets two pieces of paper per
sheet: four pages, a quarter of the questions on each, the same for every sheet of the
run, so the print still keeps in step. A side that would not fit even then raises,
rather than spill onto an odd page and put every later sheet out of step.

In any language: the sheet's own words come from the catalogue, and the course's
questions and answers from the content layer (content/localised_course.py). The letters
beside the answers stay A, B, C... in every language, because the trainer types them in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from victim_champion.content.localised_content import localised_course_title
from victim_champion.content.localised_course import localised_questions
from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE, Messages, messages
from victim_champion.core.course import Question
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.paper_quiz import letter_for
from victim_champion.core.training_day import QuizPhase
from victim_champion.documents.body_fonts import fit_story
from victim_champion.documents.fonts import BOLD
from victim_champion.documents.handout_layout import MARGIN, build_handout
from victim_champion.documents.house_style import (
    INK,
    NAVY,
    RULE,
    WHITE,
    escape,
    styles,
    table_style,
)

TEXT_SIZE = 12.0  # the smallest type on the sheet
CIRCLE = 6.5 * mm
WIDTH = 210 * mm - 2 * MARGIN - 12  # A4 inside the house margins and the frame padding
SIDE_HEIGHT = 297 * mm - 2 * MARGIN - 8 * mm - 12  # build_handout's frame, less its padding
SIDES = (2, 4)  # pages per sheet: one piece of paper, or two for a longer language


@dataclass(frozen=True)
class QuizSheetContent:
    """What every sheet of one print run shows."""

    course_title: str
    session_title: str
    session_date: date
    phase: QuizPhase
    questions: tuple[Question, ...]  # as the course has them, in English


@dataclass(frozen=True)
class _Type:
    body: ParagraphStyle
    question: ParagraphStyle
    title: ParagraphStyle
    corner: ParagraphStyle
    number: ParagraphStyle
    words: Messages


class LetterCircle(Flowable):
    """An answer's letter in a circle: the person crosses or rings the one they choose."""

    def __init__(self, letter: str) -> None:
        super().__init__()
        self.letter = letter
        self.width = self.height = CIRCLE

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return CIRCLE, CIRCLE

    def draw(self) -> None:
        canvas: Canvas = self.canv
        canvas.setStrokeColor(NAVY)
        canvas.setLineWidth(1.2)
        canvas.circle(CIRCLE / 2, CIRCLE / 2, CIRCLE / 2 - 0.6, stroke=1, fill=0)
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, TEXT_SIZE)
        canvas.drawCentredString(CIRCLE / 2, CIRCLE / 2 - TEXT_SIZE * 0.35, self.letter)


def build_quiz_sheets(
    content: QuizSheetContent, count: int, first: int = 1, language: str = DEFAULT_LANGUAGE
) -> bytes:
    """``count`` sheets numbered from ``first``: two A4 pages each (front and back), or
    four when the questions in ``language`` need them."""
    words = messages(language)
    content = replace(
        content,
        course_title=localised_course_title(content.course_title, language),
        questions=localised_questions(content.questions, language),
    )
    house = styles(large_print=False)
    # The footer is set in the small style: 12 pt here too, like everything on the sheet.
    style = replace(house, small=house.small.clone("sheet-small", fontSize=TEXT_SIZE))
    # 1.25: room for a taller script's marks beside a Latin word on the next line.
    body = style.body.clone(
        "sheet-body", fontSize=TEXT_SIZE, leading=TEXT_SIZE * 1.25, spaceAfter=0
    )
    corner = body.clone("sheet-corner", textColor=WHITE, alignment=TA_CENTER)
    kinds = _Type(
        body=body,
        question=body.clone("sheet-question", fontName=BOLD),
        # A gap under the title: a taller script's letters would touch the line below.
        title=body.clone(
            "sheet-title", fontName=BOLD, fontSize=20, leading=24, spaceAfter=4, textColor=NAVY
        ),
        corner=corner,
        number=corner.clone("sheet-number", fontName=BOLD, fontSize=40, leading=44),
        words=words,
    )
    parts = _sides(content, kinds)
    story: list[Flowable] = []
    for number in range(first, first + count):
        for side, part in enumerate(parts, 1):
            story += [*([PageBreak()] if story else []), *_side(content, number, side, part, kinds)]
    phase = words.text(f"quiz_sheet.phase.{content.phase.value}")
    return build_handout(
        story,
        title=words.text("quiz_sheet.document_title", course=content.course_title, phase=phase),
        footer=words.text("quiz_sheet.footer"),  # the sheet's own words say the rest
        style=style,
        discreet=False,
        language=language,
    )


def _sides(content: QuizSheetContent, kinds: _Type) -> list[list[tuple[int, Question]]]:
    """The questions of each side, in order: split in two if every side fits, else in
    four. Measured once, in the fonts the language is set in; every sheet is the same."""
    numbered = list(enumerate(content.questions, 1))
    for sides in SIDES:
        size = -(-len(numbered) // sides)  # questions per side, the last side may have fewer
        parts = [numbered[i * size : (i + 1) * size] for i in range(sides)]
        pages = [_side(content, 1, side, part, kinds) for side, part in enumerate(parts, 1)]
        for page in pages:
            fit_story(page, kinds.words.language)
        if all(_height(page) <= SIDE_HEIGHT for page in pages):
            return parts
    raise InvalidInputError(
        "This session's questions are too long to print on the quiz sheets, even on two "
        "pieces of paper each; use the kiosk for this quiz."
    )


def _height(page: list[Flowable]) -> float:
    return sum(item.wrap(WIDTH, SIDE_HEIGHT)[1] + item.getSpaceAfter() for item in page)


def _side(
    content: QuizSheetContent,
    number: int,
    side: int,
    questions: list[tuple[int, Question]],
    kinds: _Type,
) -> list[Flowable]:
    """One side of a sheet: its heading with the number in the corner, then its questions."""
    words = kinds.words
    phase = escape(words.text(f"quiz_sheet.phase.{content.phase.value}"))
    if side == 1:
        session = words.markup(
            "quiz_sheet.session",
            course=escape(content.course_title),
            session=escape(content.session_title),
            date=escape(words.long_date(content.session_date)),
        )
        lines = [
            Paragraph(words.markup("quiz_sheet.title", phase=phase), kinds.title),
            Paragraph(session, kinds.body),
        ]
    else:
        lines = [Paragraph(words.markup("quiz_sheet.title_continued", phase=phase), kinds.title)]
    corner = [Paragraph(words.markup("quiz_sheet.corner"), kinds.corner)]
    heading = Table(
        [[lines, [*corner, Paragraph(str(number), kinds.number)]]],
        colWidths=[WIDTH - 34 * mm, 34 * mm],
    )
    heading.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (1, 0), (1, 0), NAVY),
            ("LEFTPADDING", (0, 0), (0, 0), 0),
            ("TOPPADDING", (1, 0), (1, 0), 4),
            ("BOTTOMPADDING", (1, 0), (1, 0), 6),
        )
    )
    said = f"<b>{words.markup('quiz_sheet.no_name')}</b>"
    if side == 1:
        said += " " + words.markup("quiz_sheet.how")
    page: list[Flowable] = [heading, Spacer(1, 4 * mm), Paragraph(said, kinds.body)]
    page.append(Spacer(1, 4 * mm))
    for index, question in questions:
        page += [_question(index, question, kinds), Spacer(1, 3 * mm)]
    return page


def _question(index: int, question: Question, kinds: _Type) -> Table:
    """The question in bold, then each answer on its own line beside its lettered circle."""
    rows: list[list[Flowable | str]] = [
        [Paragraph(f"{index}. {escape(question.text)}", kinds.question), ""]
    ]
    for option_index, option in enumerate(question.options):
        rows.append([LetterCircle(letter_for(option_index)), Paragraph(escape(option), kinds.body)])
    table = Table(rows, colWidths=[CIRCLE + 3 * mm, WIDTH - CIRCLE - 3 * mm])
    table.setStyle(
        table_style(
            ("SPAN", (0, 0), (1, 0)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
        )
    )
    return table
