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
which keeps a double-sided print in step. A side that would not fit raises, rather than
spill onto a third page and put every later sheet out of step.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from victim_champion.core.clock import long_date
from victim_champion.core.course import Question
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.paper_quiz import letter_for
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
SIDES = 2
NAME_WARNING = "Do not write your name on this sheet."


@dataclass(frozen=True)
class QuizSheetContent:
    """What every sheet of one print run shows."""

    course_title: str
    session_title: str
    session_date: date
    phase_title: str  # "Before the course" or "After the course"
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class _Type:
    body: ParagraphStyle
    question: ParagraphStyle
    title: ParagraphStyle
    corner: ParagraphStyle
    number: ParagraphStyle


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


def build_quiz_sheets(content: QuizSheetContent, count: int, first: int = 1) -> bytes:
    """``count`` sheets numbered from ``first``: two A4 pages each (front and back)."""
    house = styles(large_print=False)
    # The footer is set in the small style: 12 pt here too, like everything on the sheet.
    style = replace(house, small=house.small.clone("sheet-small", fontSize=TEXT_SIZE))
    body = style.body.clone("sheet-body", fontSize=TEXT_SIZE, leading=TEXT_SIZE * 1.2, spaceAfter=0)
    corner = body.clone("sheet-corner", textColor=WHITE, alignment=TA_CENTER)
    kinds = _Type(
        body=body,
        question=body.clone("sheet-question", fontName=BOLD),
        title=body.clone("sheet-title", fontName=BOLD, fontSize=20, leading=24, textColor=NAVY),
        corner=corner,
        number=corner.clone("sheet-number", fontName=BOLD, fontSize=40, leading=44),
    )
    half = (len(content.questions) + 1) // 2
    numbered = list(enumerate(content.questions, 1))
    story: list[Flowable] = []
    for number in range(first, first + count):
        for side, part in enumerate((numbered[:half], numbered[half:]), 1):
            page = _side(content, number, side, part, kinds)
            if number == first and _height(page) > SIDE_HEIGHT:
                raise InvalidInputError(
                    "This session's questions are too long to print on one sheet (front and "
                    "back); use the kiosk for this quiz."
                )
            story += [*([PageBreak()] if story else []), *page]
    phase = content.phase_title.lower()
    return build_handout(
        story,
        title=f"{content.course_title}: quiz sheets, {phase}",
        footer="Print on both sides.",  # the sheet's own words say the rest
        style=style,
        discreet=False,
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
    if side == 1:
        lines = [
            Paragraph(f"Quiz: {escape(content.phase_title.lower())}", kinds.title),
            Paragraph(
                f"{escape(content.course_title)}, {escape(content.session_title)}, "
                f"{long_date(content.session_date)}",
                kinds.body,
            ),
        ]
    else:
        lines = [Paragraph(f"Quiz: {escape(content.phase_title.lower())}, continued", kinds.title)]
    heading = Table(
        [[lines, [Paragraph("Sheet", kinds.corner), Paragraph(str(number), kinds.number)]]],
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
    said = (
        f"<b>{NAME_WARNING}</b> Cross the letter of one answer to each question, or leave "
        "it blank if you are not sure. The questions go on over the page."
        if side == 1
        else f"<b>{NAME_WARNING}</b>"
    )
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
