"""The performance framework: the tables every report, chart and export is drawn from.

Decisions, for the people who read these numbers:

* **Every count is published in one table only**, and charts draw from the published
  cells, so two views can never be suppressed differently and subtracted. "Reach by
  district" is the district totals of the attendee and signposting tables.
* Tables whose columns split one population (attendees by what happened; referrals by
  outcome) carry row and column totals. Lists where a person can count more than once
  (needs, services) carry no total, so there is nothing to subtract from.
* Sessions are events, not people, so their counts are not suppressed (rule ``events``).
  Everything about people uses ``people`` (1-4 shown as "<5", percentages on bases under
  10 withheld). A data set's rule can be changed by passing ``rules``.
* An agency sees rows of the same published tables (its own services), never a table
  suppressed separately for it, so its view adds nothing to the public report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from victim_champion.core.report_facts import ReportFacts, ReportPeriod
from victim_champion.core.suppression import (
    EVENTS,
    PEOPLE,
    WITHHELD_LABEL,
    Cell,
    CellState,
    CountTable,
    PublishedTable,
    SuppressionRule,
    mean_or_withheld,
    percentage,
    suppress,
)

OPCC = "Office of the Police and Crime Commissioner"
DATA_SETS = ("sessions", "training", "knowledge", "satisfaction", "signposting", "referrals")
DEFAULT_RULES: Mapping[str, SuppressionRule] = {
    "sessions": EVENTS,
    "training": PEOPLE,
    "knowledge": PEOPLE,
    "satisfaction": PEOPLE,
    "signposting": PEOPLE,
    "referrals": PEOPLE,
}
KINDS = (("training", "Training"), ("drop-in", "Drop-in"))
RATINGS = ("1", "2", "3", "4", "5")
QUESTIONS = (
    ("usefulness", "Useful"),
    ("clarity", "Clear"),
    ("confidence", "Confident to act"),
    ("overall", "Overall"),
)
AWAITING = "Awaiting outcome"
OTHER = "Other outcome"
OUTCOMES = {
    "contacted": "Contacted",
    "supported": "Supported",
    "support given": "Supported",
    "declined": "Declined",
    "not contactable": "Could not contact",
    "could not contact": "Could not contact",
    "unable to contact": "Could not contact",
}


@dataclass(frozen=True)
class Labels:
    """Names to print for ids; unknown ids print as themselves."""

    districts: Mapping[str, str]
    needs: Mapping[str, str]
    services: Mapping[str, str]


@dataclass(frozen=True)
class ReportTable:
    id: str
    data_set: str
    title: str
    note: str
    table: PublishedTable
    extra_heading: str = ""  # one derived column (a percentage or average), already safe
    extra: tuple[str, ...] = ()
    row_keys: tuple[str, ...] = ()  # the ids behind the row labels, where rows are things
    extra_values: tuple[float | None, ...] = ()  # unrounded averages, to combine months


@dataclass(frozen=True)
class Report:
    title: str
    period: ReportPeriod
    audience: str
    tables: tuple[ReportTable, ...]
    unreadable_records: int = 0  # received but not readable, so in no table; always shown
    edition: str = ""  # which published version this is, e.g. "Version 2, published …"

    def table(self, table_id: str) -> ReportTable:
        return next(t for t in self.tables if t.id == table_id)


def build_report(
    facts: ReportFacts,
    period: ReportPeriod,
    labels: Labels,
    rules: Mapping[str, SuppressionRule] = DEFAULT_RULES,
) -> Report:
    """Every table of the framework for the period, suppressed."""
    facts = facts.within(period)
    tables = (
        *_sessions(facts, period, labels, rules["sessions"]),
        _attendees(facts, labels, rules["training"]),
        _knowledge(facts, rules["knowledge"]),
        _satisfaction(facts, rules["satisfaction"]),
        *_signposting(facts, period, labels, rules["signposting"]),
        _referrals(facts, labels, rules["referrals"]),
    )
    return Report(period.title, period, OPCC, tables, facts.unreadable)


# -- the tables ---------------------------------------------------------------------------


def _count_table(
    rows: list[tuple[str, str]],
    columns: list[tuple[str, str]],
    counts: Counter[tuple[str, str]],
    *,
    totals: bool,
) -> CountTable:
    return CountTable(
        rows=tuple(label for _, label in rows),
        columns=tuple(label for _, label in columns),
        counts=tuple(tuple(counts[(r, c)] for c, _ in columns) for r, _ in rows),
        row_totals=totals,
        column_totals=totals,
    )


def _list_table(rows: list[tuple[str, str]], counts: Counter[str], heading: str) -> CountTable:
    return CountTable(
        rows=tuple(label for _, label in rows),
        columns=(heading,),
        counts=tuple((counts[key],) for key, _ in rows),
        row_totals=False,
        column_totals=False,
    )


def _districts(labels: Labels) -> list[tuple[str, str]]:
    return list(labels.districts.items())


def _sessions(
    facts: ReportFacts, period: ReportPeriod, labels: Labels, rule: SuppressionRule
) -> tuple[ReportTable, ReportTable]:
    by_district = Counter((s.district_id, s.kind) for s in facts.sessions)
    by_month = Counter((f"{s.day:%Y-%m}", s.kind) for s in facts.sessions)
    months = [(m, m) for m in period.months]
    return (
        ReportTable(
            "sessions-by-district",
            "sessions",
            "Sessions by district",
            "Training sessions and Compass Point drop-in desks held.",
            suppress(_count_table(_districts(labels), list(KINDS), by_district, totals=True), rule),
            row_keys=tuple(labels.districts),
        ),
        ReportTable(
            "sessions-by-month",
            "sessions",
            "Sessions by month",
            "The same sessions, by the month they were held.",
            suppress(_count_table(months, list(KINDS), by_month, totals=True), rule),
        ),
    )


def _attendees(facts: ReportFacts, labels: Labels, rule: SuppressionRule) -> ReportTable:
    district_of = {s.id: s.district_id for s in facts.sessions if s.kind == "training"}
    columns = [
        ("certified", "Completed, certificate issued"),
        ("completed", "Completed, certificate due"),
        ("attended", "Did not complete"),
    ]
    counts: Counter[tuple[str, str]] = Counter()
    for a in facts.attendees:
        if a.session_id in district_of:
            outcome = "certified" if a.certified else "completed" if a.completed else "attended"
            counts[(district_of[a.session_id], outcome)] += 1
    table = suppress(_count_table(_districts(labels), columns, counts, totals=True), rule)
    return ReportTable(
        "attendees-by-district",
        "training",
        "People trained as Victim Champions, by district",
        "The row totals are the reach of training in each district.",
        table,
        row_keys=tuple(labels.districts),
    )


def _knowledge(facts: ReportFacts, rule: SuppressionRule) -> ReportTable:
    phases = [("pre", "Before the course"), ("post", "After the course")]
    scores = {
        phase: [100.0 * q.score / q.total for q in facts.quizzes if q.phase == phase and q.total]
        for phase, _ in phases
    }
    counts = Counter({phase: len(values) for phase, values in scores.items()})
    table = suppress(_list_table(phases, counts, "Knowledge checks"), rule)
    means = tuple(mean_or_withheld(scores[phase], rule) for phase, _ in phases)
    return ReportTable(
        "knowledge",
        "knowledge",
        "Knowledge gained: the same check before and after",
        "Average share of questions answered correctly; withheld under 10 checks.",
        table,
        "Average score",
        tuple(average_text(mean) for mean in means),
        extra_values=means,
    )


def average_text(mean: float | None) -> str:
    return WITHHELD_LABEL if mean is None else f"{mean:.0f}%"


def _satisfaction(facts: ReportFacts, rule: SuppressionRule) -> ReportTable:
    counts: Counter[tuple[str, str]] = Counter()
    for form in facts.feedback:
        for key, _ in QUESTIONS:
            counts[(key, str(getattr(form, key)))] += 1
    rows, columns = list(QUESTIONS), [(r, f"Rated {r}") for r in RATINGS]
    raw = _count_table(rows, columns, counts, totals=True)
    table = suppress(replace(raw, column_totals=False), rule)
    return ReportTable(
        "satisfaction",
        "satisfaction",
        "Satisfaction with the training (1 poor to 5 very good)",
        "Each row is one question on the anonymous feedback form.",
        table,
        "Rated 4 or 5",
        rated_well(table),
    )


def rated_well(table: PublishedTable) -> tuple[str, ...]:
    """Each question's share rated 4 or 5, from the published cells alone."""
    extra = []
    for line, base in zip(table.cells, table.row_totals or (), strict=True):
        good = line[3:]
        combined = Cell(
            sum(c.value for c in good),
            CellState.SHOWN if all(c.shown for c in good) else CellState.SECONDARY,
            table.rule,
        )
        extra.append(percentage(combined, base))
    return tuple(extra)


def _signposting(
    facts: ReportFacts, period: ReportPeriod, labels: Labels, rule: SuppressionRule
) -> tuple[ReportTable, ReportTable, ReportTable]:
    months = [(m, m) for m in period.months]
    by_place = Counter((s.district_id, f"{s.day:%Y-%m}") for s in facts.signposting)
    place = suppress(_count_table(_districts(labels), months, by_place, totals=True), rule)
    needs = Counter(need for s in facts.signposting for need in set(s.needs))
    need_rows = list(labels.needs.items())
    need_table = suppress(_list_table(need_rows, needs, "People who named it"), rule)
    everyone = place.grand_total or Cell(0, CellState.SHOWN, rule)
    shares = tuple(percentage(line[0], everyone) for line in need_table.cells)
    services = Counter(service for s in facts.signposting for service in set(s.services))
    service_rows = _services_seen(labels, services)
    return (
        ReportTable(
            "signposting-by-district",
            "signposting",
            "People signposted at the Compass Points, by district and month",
            "The row totals are the reach of the Compass Points in each district.",
            place,
            row_keys=tuple(labels.districts),
        ),
        ReportTable(
            "needs",
            "signposting",
            "What people said they needed",
            "A person may name several needs, so the column has no total.",
            need_table,
            "Share of people signposted",
            shares,
            row_keys=tuple(key for key, _ in need_rows),
        ),
        ReportTable(
            "services",
            "signposting",
            "Services people were signposted to",
            "A person may be signposted to several services.",
            suppress(_list_table(service_rows, services, "People signposted"), rule),
            row_keys=tuple(key for key, _ in service_rows),
        ),
    )


def _services_seen(labels: Labels, *counters: Counter[str]) -> list[tuple[str, str]]:
    """The directory's services, then any id the directory no longer has."""
    seen = {key for counter in counters for key in counter}
    rows = list(labels.services.items())
    rows += [(key, key) for key in sorted(seen - set(labels.services))]
    return rows


def _outcome(text: str | None) -> str:
    """Outcomes are typed at the hub; only known words become columns, so a stray note can
    never be published."""
    if not text or not text.strip():
        return AWAITING
    return OUTCOMES.get(" ".join(text.casefold().split()), OTHER)


def _referrals(facts: ReportFacts, labels: Labels, rule: SuppressionRule) -> ReportTable:
    counts = Counter((r.service_id, _outcome(r.outcome)) for r in facts.referrals)
    labels_in_order = dict.fromkeys([AWAITING, *OUTCOMES.values(), OTHER])
    columns = [(label, label) for label in labels_in_order]
    rows = _services_seen(labels, Counter(r.service_id for r in facts.referrals))
    table = suppress(_count_table(rows, columns, counts, totals=True), rule)
    return ReportTable(
        "referrals",
        "referrals",
        "Referrals made with consent, and their outcomes",
        "Outcomes are recorded at Compass House when the service replies.",
        table,
        row_keys=tuple(key for key, _ in rows),
    )
