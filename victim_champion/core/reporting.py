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
from victim_champion.core.report_tables import TableId, TableSpec, default_rules, table_spec
from victim_champion.core.suppression import (
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
DEFAULT_RULES: Mapping[str, SuppressionRule] = default_rules()
# Fixed rows and columns are ids, printed through the catalogue ("report.label.<id>");
# each table's spec lists them (core/report_tables.py).
AWAITING = "awaiting-outcome"
OTHER = "other-outcome"
OUTCOMES = {  # the words a hub worker types, to the column they count in
    "contacted": "contacted",
    "supported": "supported",
    "support given": "supported",
    "declined": "declined",
    "not contactable": "could-not-contact",
    "could not contact": "could-not-contact",
    "unable to contact": "could-not-contact",
}


@dataclass(frozen=True)
class Labels:
    """Names to print for ids; unknown ids print as themselves."""

    districts: Mapping[str, str]
    needs: Mapping[str, str]
    services: Mapping[str, str]


@dataclass(frozen=True)
class ReportTable:
    """One published table; its title, words, chart and audiences are its spec's."""

    id: TableId
    table: PublishedTable
    extra: tuple[str, ...] = ()  # the spec's derived column (a percentage or average), safe
    row_keys: tuple[str, ...] = ()  # the ids behind the row labels, where rows are things
    extra_values: tuple[float | None, ...] = ()  # unrounded averages, to combine months

    @property
    def spec(self) -> TableSpec:
        return table_spec(self.id)

    @property
    def data_set(self) -> str:
        return self.spec.data_set


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


def _rows(table_id: TableId) -> list[tuple[str, str]]:
    return [(key, key) for key in table_spec(table_id).rows]


def _columns(table_id: TableId) -> list[tuple[str, str]]:
    return [(key, key) for key in table_spec(table_id).columns]


def _sessions(
    facts: ReportFacts, period: ReportPeriod, labels: Labels, rule: SuppressionRule
) -> tuple[ReportTable, ReportTable]:
    by_district = Counter((s.district_id, s.kind) for s in facts.sessions)
    by_month = Counter((f"{s.day:%Y-%m}", s.kind) for s in facts.sessions)
    months = [(m, m) for m in period.months]
    return (
        ReportTable(
            TableId.SESSIONS_BY_DISTRICT,
            suppress(
                _count_table(
                    _districts(labels),
                    _columns(TableId.SESSIONS_BY_DISTRICT),
                    by_district,
                    totals=True,
                ),
                rule,
            ),
            row_keys=tuple(labels.districts),
        ),
        ReportTable(
            TableId.SESSIONS_BY_MONTH,
            suppress(
                _count_table(months, _columns(TableId.SESSIONS_BY_MONTH), by_month, totals=True),
                rule,
            ),
        ),
    )


def _attendees(facts: ReportFacts, labels: Labels, rule: SuppressionRule) -> ReportTable:
    district_of = {s.id: s.district_id for s in facts.sessions if s.kind == "training"}
    columns = _columns(TableId.ATTENDEES_BY_DISTRICT)  # certified, completed, attended
    counts: Counter[tuple[str, str]] = Counter()
    for a in facts.attendees:
        if a.session_id in district_of:
            outcome = "certified" if a.certified else "completed" if a.completed else "attended"
            counts[(district_of[a.session_id], outcome)] += 1
    table = suppress(_count_table(_districts(labels), columns, counts, totals=True), rule)
    return ReportTable(
        TableId.ATTENDEES_BY_DISTRICT,
        table,
        row_keys=tuple(labels.districts),
    )


def _knowledge(facts: ReportFacts, rule: SuppressionRule) -> ReportTable:
    phases = _rows(TableId.KNOWLEDGE)  # pre, post
    scores = {
        phase: [100.0 * q.score / q.total for q in facts.quizzes if q.phase == phase and q.total]
        for phase, _ in phases
    }
    counts = Counter({phase: len(values) for phase, values in scores.items()})
    (checks,) = table_spec(TableId.KNOWLEDGE).columns
    table = suppress(_list_table(phases, counts, checks), rule)
    means = tuple(mean_or_withheld(scores[phase], rule) for phase, _ in phases)
    return ReportTable(
        TableId.KNOWLEDGE,
        table,
        tuple(average_text(mean) for mean in means),
        extra_values=means,
    )


def average_text(mean: float | None) -> str:
    return WITHHELD_LABEL if mean is None else f"{mean:.0f}%"


def _satisfaction(facts: ReportFacts, rule: SuppressionRule) -> ReportTable:
    counts: Counter[tuple[str, str]] = Counter()
    rows, columns = _rows(TableId.SATISFACTION), _columns(TableId.SATISFACTION)
    for form in facts.feedback:
        for key, _ in rows:  # each question's rating counts in its column, "rated-1" to 5
            counts[(key, f"rated-{getattr(form, key)}")] += 1
    raw = _count_table(rows, columns, counts, totals=True)
    table = suppress(replace(raw, column_totals=False), rule)
    return ReportTable(
        TableId.SATISFACTION,
        table,
        rated_well(table, _from_column(TableId.SATISFACTION)),
    )


def _from_column(table_id: TableId) -> int:
    derived = table_spec(table_id).derived
    return 0 if derived is None else derived.from_column


def rated_well(table: PublishedTable, from_column: int) -> tuple[str, ...]:
    """Each row's share in the columns from ``from_column`` on ("rated 4 or 5"), of the
    row's own total, from the published cells alone."""
    extra = []
    for line, base in zip(table.cells, table.row_totals or (), strict=True):
        good = line[from_column:]
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
    (named,) = table_spec(TableId.NEEDS).columns
    need_table = suppress(_list_table(need_rows, needs, named), rule)
    everyone = place.grand_total or Cell(0, CellState.SHOWN, rule)
    shares = tuple(percentage(line[0], everyone) for line in need_table.cells)
    services = Counter(service for s in facts.signposting for service in set(s.services))
    service_rows = _services_seen(labels, services)
    (signposted,) = table_spec(TableId.SERVICES).columns
    return (
        ReportTable(
            TableId.SIGNPOSTING_BY_DISTRICT,
            place,
            row_keys=tuple(labels.districts),
        ),
        ReportTable(
            TableId.NEEDS,
            need_table,
            shares,
            row_keys=tuple(key for key, _ in need_rows),
        ),
        ReportTable(
            TableId.SERVICES,
            suppress(_list_table(service_rows, services, signposted), rule),
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
    columns = _columns(TableId.REFERRALS)  # AWAITING, then each of OUTCOMES, then OTHER
    rows = _services_seen(labels, Counter(r.service_id for r in facts.referrals))
    table = suppress(_count_table(rows, columns, counts, totals=True), rule)
    return ReportTable(
        TableId.REFERRALS,
        table,
        row_keys=tuple(key for key, _ in rows),
    )
