"""The knowledge check on paper: lettered answers, and a typed row of letters read back into
marks per module.

The room answers the same questions the kiosk would ask for that session and phase (one
``KnowledgeCheck``), each on its own numbered sheet, and the trainer types each sheet as a
row such as "ABDC-BAC": one character per question, "-" or a space where nothing was
marked (counted wrong). Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from victim_champion.core.course import Question
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.training_day import KnowledgeCheck, QuizPhase

LETTERS = "ABCDEFGH"
BLANKS = "- "  # nothing marked on the sheet: counted wrong
UNANSWERED = -1  # never a question's right answer
MAX_SHEET = 999


def letter_for(index: int) -> str:
    """The letter printed beside an option: 0 is A, 1 is B..."""
    if not 0 <= index < len(LETTERS):
        raise InvalidInputError(f"A question can have at most {len(LETTERS)} answers.")
    return LETTERS[index]


def index_for(character: str) -> int | None:
    """The option a typed character means: a letter (either case) or its number (1 is A);
    None for a blank ("-" or a space); raises for anything else."""
    if len(character) != 1:
        raise InvalidInputError("Type one character for each answer.")
    if character in BLANKS:
        return None
    upper = character.upper()
    if upper in LETTERS:
        return LETTERS.index(upper)
    if character in "123456789" and int(character) <= len(LETTERS):
        return int(character) - 1
    raise InvalidInputError(
        f"'{character}' is not an answer; type a letter, or - where nothing was marked."
    )


def letter_range(count: int) -> str:
    """ "A to D" for four options."""
    return f"A to {LETTERS[count - 1]}" if count > 1 else "A"


@dataclass(frozen=True)
class SheetResult:
    """One paper sheet read back: its number and which modules it got right."""

    sheet: int
    marks: dict[str, bool]

    @property
    def right(self) -> int:
        return sum(self.marks.values())

    @property
    def total(self) -> int:
        return len(self.marks)


def read_sheet(check: KnowledgeCheck, sheet: int, typed: str) -> list[int | None]:
    """The option chosen for each question on one sheet (None: not answered).

    Raises InvalidInputError with a sentence that names the sheet and the question, so the
    trainer can pick the right sheet off the pile and look again.
    """
    if not 1 <= sheet <= MAX_SHEET:
        raise InvalidInputError(f"Sheet numbers run from 1 to {MAX_SHEET}; {sheet} is not one.")
    wanted = len(check.questions)
    if len(typed) != wanted:
        raise InvalidInputError(
            f"Sheet {sheet} has {len(typed)} {'answer' if len(typed) == 1 else 'answers'} "
            f"typed; it needs {wanted}, one for each question (- where nothing was marked)."
        )
    return [
        read_answer(question, sheet, number, character)
        for number, (question, character) in enumerate(zip(check.questions, typed, strict=True), 1)
    ]


def read_answer(question: Question, sheet: int, number: int, character: str) -> int | None:
    """The option one typed character means for question ``number`` of a sheet (None: not
    answered); the entry grid asks this at each key, so a slip is caught as it is typed."""
    try:
        index = index_for(character)
    except InvalidInputError:
        raise InvalidInputError(
            f"Sheet {sheet}, question {number}: '{character}' is not an answer; type "
            f"{letter_range(len(question.options))}, or - where nothing was marked."
        ) from None
    if index is not None and index >= len(question.options):
        raise InvalidInputError(
            f"Sheet {sheet}, question {number} has only {len(question.options)} answers "
            f"({letter_range(len(question.options))}); check the sheet."
        )
    return index


def mark_sheet(check: KnowledgeCheck, sheet: int, typed: str) -> SheetResult:
    """One typed row to marks per module, exactly as the kiosk marks a person (a blank is
    wrong)."""
    chosen = read_sheet(check, sheet, typed)
    answers = [UNANSWERED if index is None else index for index in chosen]
    return SheetResult(sheet, check.by_module(answers))


def mark_sheets(check: KnowledgeCheck, rows: Mapping[int, str]) -> list[SheetResult]:
    """Every typed row, in sheet order; the first bad row raises (nothing is half kept)."""
    if not rows:
        raise InvalidInputError("Type at least one sheet's answers before saving.")
    return [mark_sheet(check, sheet, rows[sheet]) for sheet in sorted(rows)]


PHASE_TITLES = {QuizPhase.PRE: "Before the course", QuizPhase.POST: "After the course"}


def already_entered(sheets: Sequence[int], phase: QuizPhase) -> str:
    """The refusal when sheets were typed in before for this session and phase."""
    listed = ", ".join(str(s) for s in sheets)
    which = f"Sheet {listed} was" if len(sheets) == 1 else f"Sheets {listed} were"
    return (
        f"{which} already entered for the quiz {PHASE_TITLES[phase].lower()}; nothing was "
        "saved. Check the numbers on the sheets, and leave out the ones already entered."
    )
