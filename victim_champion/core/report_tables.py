"""Every table of the performance report, declared once.

A table's spec says what each view needs to know about it: its id (the string on the wire,
in the CSV and in a stored report), the message keys of its title, caption and headings,
which cells its charts draw, how it is suppressed, which agencies read it, and what its
derived column is taken of. The laptop's Reports page, the PDF, the CSV, the hub's
dashboard, the agencies' slices and the rules for composing and republishing periods all
read it from here (``table_spec``), and none of them names a table's title or chart.

Words are message keys, never English: core does not read the catalogue. Each view looks
the keys up in its own language (content/message_catalogue.py).

A new table is a spec in ``TABLES`` and its builder in core/reporting.py, plus its words
in resources/translations/en-GB.po (tests/core/test_report_tables.py checks all three).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from victim_champion.core.suppression import EVENTS, PEOPLE, SuppressionRule

Words = Callable[[str], str]  # a message key to its text in one language


class TableId(enum.StrEnum):
    """A table's id: a str, so "needs" still works in a CSV, a URL or a stored report."""

    SESSIONS_BY_DISTRICT = "sessions-by-district"
    SESSIONS_BY_MONTH = "sessions-by-month"
    ATTENDEES_BY_DISTRICT = "attendees-by-district"
    KNOWLEDGE = "knowledge"
    SATISFACTION = "satisfaction"
    SIGNPOSTING_BY_DISTRICT = "signposting-by-district"
    NEEDS = "needs"
    SERVICES = "services"
    REFERRALS = "referrals"


class Audience(enum.StrEnum):
    """A dashboard audience below the OPCC, which reads every table."""

    VICTIM_SUPPORT = "victim-support"
    WITNESS_CARE = "witness-care"
    COMMISSIONED = "commissioned"


class Bars(enum.Enum):
    """Which published cells make a chart's bars."""

    ROW_TOTALS = "row totals"
    COLUMN_TOTALS = "column totals"
    FIRST_COLUMN = "first column"  # a list's only column
    DERIVED = "derived"  # the derived column, a percentage (0 to 100)


class Base(enum.Enum):
    """What a derived column is worked out from."""

    OWN_MEAN = "own mean"  # an average over the people its row counts
    OWN_ROW_TOTAL = "own row total"  # a share of the row's own total
    OTHER_GRAND_TOTAL = "other grand total"  # a share of another table's grand total


@dataclass(frozen=True)
class Derived:
    """A table's one derived column (a percentage or an average), printed already safe."""

    base: Base
    base_table: TableId | None = None  # for OTHER_GRAND_TOTAL: the table it divides by
    from_column: int = 0  # for OWN_ROW_TOTAL: the share is of the columns from here on


@dataclass(frozen=True)
class Chart:
    """A chart on the laptop's page: its bars, and its caption's message key."""

    bars: Bars
    key: str


@dataclass(frozen=True)
class TableSpec:
    id: TableId
    data_set: str  # the framework's data set; a report's rules are set per data set
    rule: SuppressionRule
    printed_chart: Bars | None  # the one chart in the PDF and on the dashboard
    screen_charts: tuple[Chart, ...]  # the charts beside the table on the laptop
    audiences: frozenset[Audience]  # besides the OPCC
    rows_by_service: bool = False  # an agency sees only its own services' rows
    derived: Derived | None = None
    wide: bool = True  # on the laptop, charts above the table rather than beside it
    section_key: str = ""  # a heading on the laptop's page before this table
    # The ids of the rows and columns the builder always prints, in order; each is printed
    # as the message "report.label.<id>". Empty where the rows or columns are data
    # (districts, months, needs and services print their own names).
    rows: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()

    def label(self, text: str, words: Words) -> str:
        """A row or column label as printed: a fixed one's words, data as it is."""
        fixed = text in self.rows or text in self.columns
        return words(label_key(text)) if fixed else text

    @property
    def title_key(self) -> str:
        return f"report.{self.id}.title"

    @property
    def caption_key(self) -> str:
        """The sentence under the title."""
        return f"report.{self.id}.caption"

    @property
    def panel_key(self) -> str:
        """The shorter heading of the table's panel on the laptop."""
        return f"report.{self.id}.panel"

    @property
    def chart_key(self) -> str:
        """The printed chart's caption in the PDF."""
        return f"report.chart.{self.id}"

    @property
    def chart_title_key(self) -> str:
        """The printed chart's longer title on the dashboard."""
        return f"report.{self.id}.chart_title"

    @property
    def derived_key(self) -> str:
        """The derived column's heading."""
        return f"report.{self.id}.derived"

    def message_keys(self) -> tuple[str, ...]:
        """Every message key this table's views print."""
        found = [self.title_key, self.caption_key, self.panel_key]
        found += [chart.key for chart in self.screen_charts]
        if self.printed_chart is not None:
            found += [self.chart_key, self.chart_title_key]
        if self.derived is not None:
            found.append(self.derived_key)
        if self.section_key:
            found.append(self.section_key)
        return tuple(found + [label_key(text) for text in (*self.rows, *self.columns)])


def label_key(label_id: str) -> str:
    """The message key of a fixed row or column (shared: "training" is one word)."""
    return f"report.label.{label_id}"


_SERVICES_READERS = frozenset(Audience)
_KINDS = ("training", "drop-in")
OUTCOME_COLUMNS = (
    "awaiting-outcome",
    "contacted",
    "supported",
    "declined",
    "could-not-contact",
    "other-outcome",
)
TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        TableId.SESSIONS_BY_DISTRICT,
        "sessions",
        EVENTS,
        Bars.ROW_TOTALS,
        (
            Chart(Bars.COLUMN_TOTALS, "report.sessions-by-district.screen.kind"),
            Chart(Bars.ROW_TOTALS, "report.sessions-by-district.screen.district"),
        ),
        frozenset(),
        wide=False,
        section_key="report.section.sessions",
        columns=_KINDS,
    ),
    TableSpec(
        TableId.SESSIONS_BY_MONTH,
        "sessions",
        EVENTS,
        None,
        (Chart(Bars.ROW_TOTALS, "report.sessions-by-month.screen"),),
        frozenset(),
        wide=False,
        columns=_KINDS,
    ),
    TableSpec(
        TableId.ATTENDEES_BY_DISTRICT,
        "training",
        PEOPLE,
        Bars.ROW_TOTALS,
        (Chart(Bars.COLUMN_TOTALS, "report.attendees-by-district.screen"),),
        frozenset(),
        section_key="report.section.training",
        columns=("certified", "completed", "attended"),
    ),
    TableSpec(
        TableId.KNOWLEDGE,
        "knowledge",
        PEOPLE,
        None,
        (Chart(Bars.DERIVED, "report.knowledge.screen"),),
        frozenset(),
        derived=Derived(Base.OWN_MEAN),
        wide=False,
        rows=("pre", "post"),
        columns=("checks",),
    ),
    TableSpec(
        TableId.SATISFACTION,
        "satisfaction",
        PEOPLE,
        None,
        (Chart(Bars.DERIVED, "report.satisfaction.screen"),),
        frozenset(),
        derived=Derived(Base.OWN_ROW_TOTAL, from_column=3),  # rated 4 or 5
        rows=("usefulness", "clarity", "confidence", "overall"),
        columns=("rated-1", "rated-2", "rated-3", "rated-4", "rated-5"),
    ),
    TableSpec(
        TableId.SIGNPOSTING_BY_DISTRICT,
        "signposting",
        PEOPLE,
        Bars.ROW_TOTALS,
        (Chart(Bars.COLUMN_TOTALS, "report.signposting-by-district.screen"),),
        frozenset({Audience.VICTIM_SUPPORT}),
        section_key="report.section.signposting",
    ),
    TableSpec(
        TableId.NEEDS,
        "signposting",
        PEOPLE,
        Bars.FIRST_COLUMN,
        (Chart(Bars.FIRST_COLUMN, "report.needs.screen"),),
        frozenset({Audience.VICTIM_SUPPORT}),
        derived=Derived(Base.OTHER_GRAND_TOTAL, TableId.SIGNPOSTING_BY_DISTRICT),
        columns=("named",),
    ),
    TableSpec(
        TableId.SERVICES,
        "signposting",
        PEOPLE,
        None,
        (Chart(Bars.FIRST_COLUMN, "report.services.screen"),),
        _SERVICES_READERS,
        rows_by_service=True,
        columns=("signposted",),
    ),
    TableSpec(
        TableId.REFERRALS,
        "referrals",
        PEOPLE,
        Bars.ROW_TOTALS,
        (Chart(Bars.ROW_TOTALS, "report.referrals.screen"),),
        _SERVICES_READERS,
        rows_by_service=True,
        columns=OUTCOME_COLUMNS,
    ),
)
_BY_ID = {spec.id: spec for spec in TABLES}


def table_spec(table_id: str) -> TableSpec:
    """The spec of a table, by its id or its id's string; ValueError for an unknown one."""
    return _BY_ID[TableId(table_id)]


def other_table_bases() -> dict[TableId, TableId]:
    """Each table whose derived column divides by another table's grand total: its base."""
    return {
        spec.id: spec.derived.base_table
        for spec in TABLES
        if spec.derived is not None and spec.derived.base_table is not None
    }


def default_rules() -> dict[str, SuppressionRule]:
    """Each data set's suppression rule, from its tables' specs."""
    return {spec.data_set: spec.rule for spec in TABLES}
