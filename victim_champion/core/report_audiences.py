"""Who reads which part of a published report on the dashboard.

An agency sees rows of the same published tables (its own services), never a table
suppressed separately for it, so its view adds nothing to what the OPCC reads.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from victim_champion.core.report_tables import TABLES, Audience, TableId
from victim_champion.core.reporting import OPCC, Report, ReportTable

OPCC_ID = "opcc"


@dataclass(frozen=True)
class Agency:
    """A partner agency's area of responsibility on the dashboard. Which tables it reads
    is each table's spec's ``audiences`` (core/report_tables.py)."""

    id: str
    name: str
    services: frozenset[str] | None  # rows of service tables it may see; None: all

    @property
    def tables(self) -> frozenset[TableId] | None:
        """The tables it reads; None for every table (the OPCC)."""
        if self.id == OPCC_ID:
            return None
        return frozenset(spec.id for spec in TABLES if Audience(self.id) in spec.audiences)


AGENCIES = (
    Agency(OPCC_ID, OPCC, None),
    Agency(
        Audience.VICTIM_SUPPORT.value,
        "Victim Support (Compass House and the Compass Points)",
        frozenset({"victim-support-kent"}),
    ),
    Agency(
        Audience.WITNESS_CARE.value,
        "Witness Care Unit and Witness Service",
        frozenset({"witness-care-unit", "witness-service"}),
    ),
    Agency(
        Audience.COMMISSIONED.value,
        "Commissioned services",
        frozenset(
            {"restorative-solutions", "isva", "family-matters", "davss", "choices-dartford"}
            | {"east-kent-rapeline", "st-giles-trust", "kent-domestic-abuse-consortium"}
        ),
    ),
)


def agency(agency_id: str) -> Agency:
    return next(a for a in AGENCIES if a.id == agency_id)


def for_agency(report: Report, who: Agency) -> Report:
    """The agency's rows of the published tables (totals dropped where rows were)."""
    if who.tables is None:
        return replace(report, audience=who.name)
    kept = []
    tables = who.tables or frozenset()
    for table in report.tables:
        if table.id not in tables:
            continue
        if table.spec.rows_by_service and who.services is not None:
            table = _only_rows(table, who.services)
        kept.append(table)
    return replace(report, audience=who.name, tables=tuple(kept))


def _only_rows(table: ReportTable, keys: frozenset[str]) -> ReportTable:
    published = table.table
    keep = [i for i, key in enumerate(table.row_keys) if key in keys]
    sliced = replace(
        published,
        rows=tuple(published.rows[i] for i in keep),
        cells=tuple(published.cells[i] for i in keep),
        row_totals=tuple(published.row_totals[i] for i in keep) if published.row_totals else None,
        column_totals=None,
        grand_total=None,
    )
    extra = tuple(table.extra[i] for i in keep) if table.extra else ()
    values = tuple(table.extra_values[i] for i in keep) if table.extra_values else ()
    row_keys = tuple(table.row_keys[i] for i in keep)
    return replace(table, table=sliced, extra=extra, extra_values=values, row_keys=row_keys)
