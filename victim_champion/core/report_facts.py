"""The facts a report counts: the same shapes whether read from a laptop's store or from
the envelopes at the hub. No names, no contact details: reports never need them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from victim_champion.core.clock import long_date
from victim_champion.core.errors import InvalidInputError


@dataclass(frozen=True, slots=True)
class SessionFact:
    id: str
    kind: str  # "training" | "drop-in"
    district_id: str
    day: date


@dataclass(frozen=True, slots=True)
class AttendeeFact:
    session_id: str
    completed: bool
    certified: bool


@dataclass(frozen=True, slots=True)
class QuizFact:
    session_id: str
    phase: str  # "pre" | "post"
    score: int
    total: int


@dataclass(frozen=True, slots=True)
class FeedbackFact:
    session_id: str
    usefulness: int
    clarity: int
    confidence: int
    overall: int


@dataclass(frozen=True, slots=True)
class SignpostingFact:
    id: str
    district_id: str
    day: date
    needs: tuple[str, ...]
    services: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReferralFact:
    record_id: str
    service_id: str
    outcome: str | None


@dataclass
class ReportFacts:
    sessions: list[SessionFact] = field(default_factory=list)
    attendees: list[AttendeeFact] = field(default_factory=list)
    quizzes: list[QuizFact] = field(default_factory=list)
    feedback: list[FeedbackFact] = field(default_factory=list)
    signposting: list[SignpostingFact] = field(default_factory=list)
    referrals: list[ReferralFact] = field(default_factory=list)
    # Records that were received but could not be read as any record type: not counted in
    # any table, and said so on the report, so a renamed field never hides a figure.
    unreadable: int = 0

    def within(self, period: ReportPeriod) -> ReportFacts:
        """Only what happened in the period: training by its session's date, signposting
        and its referrals by the conversation's date."""
        sessions = [s for s in self.sessions if period.contains(s.day)]
        in_period = {s.id for s in sessions}
        records = [s for s in self.signposting if period.contains(s.day)]
        record_ids = {s.id for s in records}
        return ReportFacts(
            sessions=sessions,
            attendees=[a for a in self.attendees if a.session_id in in_period],
            quizzes=[q for q in self.quizzes if q.session_id in in_period],
            feedback=[f for f in self.feedback if f.session_id in in_period],
            signposting=records,
            referrals=[r for r in self.referrals if r.record_id in record_ids],
            unreadable=self.unreadable,  # with no date to place them, they are all reported
        )


@dataclass(frozen=True)
class ReportPeriod:
    """From ``start`` to ``end``, both days included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInputError("The report's end date must be on or after its start date.")

    @classmethod
    def parse(cls, start: str, end: str) -> ReportPeriod:
        try:
            return cls(date.fromisoformat(start), date.fromisoformat(end))
        except ValueError:
            raise InvalidInputError("Give report dates as YYYY-MM-DD, e.g. 2026-07-01.") from None

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def months(self) -> tuple[str, ...]:
        """Every month the period touches, as YYYY-MM."""
        found, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            found.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return tuple(found)

    @property
    def title(self) -> str:
        """A quarter is the KCJB's quarterly data set; six months is the audit."""
        count = len(self.months)
        if count <= 3:
            return "Quarterly data set"
        if count <= 6:
            return "Six-monthly audit"
        return "Performance report"

    @property
    def label(self) -> str:
        return f"{long_date(self.start)} to {long_date(self.end)}"
