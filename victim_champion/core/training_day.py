"""The training day's rules: attendance, knowledge checks and feedback (all pure)."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from victim_champion.core.course import Course, Question
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.plain_text import text_problem

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


@dataclass(frozen=True)
class KnowledgeCheck:
    """The kiosk's quiz: one question from each module, so before and after match module
    for module, and the after set never repeats the before set's question."""

    module_ids: tuple[str, ...]
    questions: tuple[Question, ...]

    def by_module(self, answers: Sequence[int]) -> dict[str, bool]:
        """Which modules' questions were answered right."""
        if len(answers) != len(self.questions):
            raise InvalidInputError("Answer every question before finishing the quiz.")
        return {
            module_id: question.answer == answer
            for module_id, question, answer in zip(
                self.module_ids, self.questions, answers, strict=True
            )
        }


def _draw(session_id: str, module_id: str) -> int:
    """A number fixed for this session and module: the same sets on every kiosk start."""
    digest = hashlib.sha256(f"{session_id}/{module_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def knowledge_check(course: Course, phase: QuizPhase, session_id: str) -> KnowledgeCheck:
    """Draw the before or after set for a session from each module's bank of questions.

    Each module gives one question to each set, and never the same one to both, so the two
    sets are equivalent (same modules, same weight) and nobody is marked on a question they
    saw an hour ago. The draw depends on the session, so another session gets other items.
    """
    chosen: list[Question] = []
    for module in course.modules:
        bank = module.questions
        first = _draw(session_id, module.id) % len(bank)
        if phase is QuizPhase.POST and len(bank) > 1:
            step = 1 + _draw(session_id, module.id + "/after") % (len(bank) - 1)
            first = (first + step) % len(bank)
        chosen.append(bank[first])
    return KnowledgeCheck(tuple(m.id for m in course.modules), tuple(chosen))


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
        unsafe = text_problem(self.comment, "The comment", lines=True)
        if unsafe is not None:
            raise InvalidInputError(f"{unsafe}; type it again.")


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


@dataclass(frozen=True)
class ModuleGain:
    """One module's share of right answers before and after (percent, None if nobody
    answered it yet), so the trainer sees which parts did not land."""

    module_id: str
    before: float | None
    after: float | None

    @property
    def gain(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


def module_gains(
    module_ids: Sequence[str], results: Sequence[tuple[str, Mapping[str, bool]]]
) -> list[ModuleGain]:
    """From (phase, {module id: right}) rows to each module's before and after."""

    def share(phase: QuizPhase, module_id: str) -> float | None:
        marks = [row[module_id] for p, row in results if p == phase.value and module_id in row]
        return 100 * sum(marks) / len(marks) if marks else None

    return [ModuleGain(m, share(QuizPhase.PRE, m), share(QuizPhase.POST, m)) for m in module_ids]


def gains_summary(gains: Sequence[ModuleGain], titles: Mapping[str, str]) -> str:
    """What the trainer reads: each module's share right before and after, and which
    landed least, so the next session can spend longer there."""

    def shown(value: float | None) -> str:
        return "none yet" if value is None else f"{value:.0f}%"

    lines = ["Knowledge check by module (share right, before → after):"]
    lines += [
        f"- {titles.get(g.module_id, g.module_id)}: {shown(g.before)} → {shown(g.after)}"
        for g in gains
    ]
    measured = sorted((g for g in gains if g.gain is not None), key=lambda g: g.gain or 0.0)
    if measured:
        least = measured[0]
        lines.append(
            f"Landed least: {titles.get(least.module_id, least.module_id)} "
            f"({least.gain:+.0f} points)."
        )
    return "\n".join(lines)


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
