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


PUBLISHED_PERIODS_ONLY = (
    "Reports cover whole published periods only: a calendar month, a quarter, or half of "
    "the financial year (1 April to 30 September, or 1 October to 31 March)."
)


def _next_day(day: date) -> date:
    return date.fromordinal(day.toordinal() + 1)


def last_published(kind: str, today: date) -> ReportPeriod:
    """The newest whole month, quarter or financial half-year that has ended by ``today``."""
    if kind == "month":
        end = date(today.year, today.month, 1)
        start_index = today.year * 12 + today.month - 2
    elif kind == "quarter":
        end = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        start_index = end.year * 12 + end.month - 4
    elif kind == "half-year":  # halves of the financial year start on 1 April and 1 October
        if today.month >= 10:
            end = date(today.year, 10, 1)
        elif today.month >= 4:
            end = date(today.year, 4, 1)
        else:
            end = date(today.year - 1, 10, 1)
        start_index = end.year * 12 + end.month - 7
    else:
        raise ValueError(kind)
    start = date(start_index // 12, start_index % 12 + 1, 1)
    return ReportPeriod(start, date.fromordinal(end.toordinal() - 1))


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
    def published_kind(self) -> str | None:
        """ "month", "quarter" or "half-year" when the period is one whole published period
        (a calendar month; a calendar quarter, which is also a financial quarter; or a half
        of the financial year, 1 April to 30 September or 1 October to 31 March)."""
        if self.start.day != 1 or _next_day(self.end).day != 1:
            return None
        months = len(self.months)
        if months == 1:
            return "month"
        if months == 3 and self.start.month in (1, 4, 7, 10):
            return "quarter"
        if months == 6 and self.start.month in (4, 10):
            return "half-year"
        return None

    def require_published(self) -> ReportPeriod:
        """This period, if it is a whole published period; otherwise one sentence.

        Why: two arbitrary periods (1 to 30 September against 1 to 29 September) subtract
        to one day, and so to one person, however well each is suppressed. Published
        periods never overlap that way, and they are the periods the data sets use.
        """
        if self.published_kind is None:
            raise InvalidInputError(PUBLISHED_PERIODS_ONLY)
        return self

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
        if self.published_kind == "month":
            return "Monthly figures"
        count = len(self.months)
        if count <= 3:
            return "Quarterly data set"
        if count <= 6:
            return "Six-monthly audit"
        return "Performance report"

    @property
    def label(self) -> str:
        return f"{long_date(self.start)} to {long_date(self.end)}"
