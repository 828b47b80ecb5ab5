"""The training day's rules: attendance, knowledge checks and feedback (all pure)."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from victim_champion.core.course import Course, Question
from victim_champion.core.errors import InvalidInputError

MAX_COMMENT = 1000


class Attendance(enum.StrEnum):
    """How someone attended."""

    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left-early"
    ABSENT = "absent"  # marked as not there (also undoes a wrong "present")

    @property
    def attended(self) -> bool:
        return self is not Attendance.ABSENT


class QuizPhase(enum.StrEnum):
    """Before the course, or after it."""

    PRE = "pre"
    POST = "post"


def knowledge_check(course: Course) -> list[Question]:
    """The short quiz: the first question of each module, the same before and after."""
    return [module.questions[0] for module in course.modules]


def score(questions: Sequence[Question], answers: Sequence[int]) -> int:
    """How many answers are right."""
    if len(answers) != len(questions):
        raise InvalidInputError("Answer every question before finishing the quiz.")
    return sum(1 for q, a in zip(questions, answers, strict=True) if q.answer == a)


@dataclass(frozen=True)
class Feedback:
    """One anonymous feedback form: ratings from 1 to 5 and an optional comment."""

    usefulness: int
    clarity: int
    confidence: int
    overall: int
    comment: str = ""

    def __post_init__(self) -> None:
        for name in ("usefulness", "clarity", "confidence", "overall"):
            if not 1 <= getattr(self, name) <= 5:
                raise InvalidInputError("Choose a rating from 1 to 5 for each question.")
        if len(self.comment) > MAX_COMMENT:
            raise InvalidInputError(f"Keep the comment under {MAX_COMMENT} characters.")


@dataclass(frozen=True)
class SessionScores:
    """Knowledge gained: average pre and post scores as percentages."""

    pre_count: int
    pre_percent: float | None
    post_count: int
    post_percent: float | None

    @property
    def gain(self) -> float | None:
        """Post minus pre, in percentage points (None until both exist)."""
        if self.pre_percent is None or self.post_percent is None:
            return None
        return self.post_percent - self.pre_percent


def session_scores(results: Sequence[tuple[str, int, int]]) -> SessionScores:
    """From (phase, score, total) rows to averages per phase."""

    def average(phase: QuizPhase) -> tuple[int, float | None]:
        rows = [(s, t) for p, s, t in results if p == phase.value and t > 0]
        if not rows:
            return 0, None
        return len(rows), 100 * sum(s for s, _ in rows) / sum(t for _, t in rows)

    pre_count, pre = average(QuizPhase.PRE)
    post_count, post = average(QuizPhase.POST)
    return SessionScores(pre_count, pre, post_count, post)


FEEDBACK_QUESTIONS = (
    ("usefulness", "useful"),
    ("clarity", "clear"),
    ("confidence", "confident to act"),
    ("overall", "overall"),
)


def feedback_summary(forms: Sequence[Feedback]) -> str:
    """What the trainer reads: the average of each question (1 not at all, 5 very much),
    then every comment as written. The forms are anonymous, so this names nobody."""
    if not forms:
        return "No feedback forms for this session yet."
    averages = ", ".join(
        f"{word} {sum(getattr(f, key) for f in forms) / len(forms):.1f}"
        for key, word in FEEDBACK_QUESTIONS
    )
    count = "1 form" if len(forms) == 1 else f"{len(forms)} forms"
    comments = [f.comment.strip() for f in forms if f.comment.strip()]
    lines = [f"{count}. Average out of 5: {averages}."]
    lines += ["", "Comments:", *(f"- {c}" for c in comments)] if comments else ["No comments."]
    return "\n".join(lines)
