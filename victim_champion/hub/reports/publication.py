"""Published periods: counted once, stored with a version, and frozen.

The rule for partners (docs/compass-house-guide.md, "Published figures"):

* Figures are published for whole months, quarters and halves of the financial year
  only, and only once the period has ended. The first time anyone asks for a period (the
  ``report`` command or the dashboard) it is counted and stored as version 1. Every view
  of it after that (dashboard, CSV, PDF, any agency) is read from that stored copy, so a
  late sync or a "forget me" never changes a figure someone has already seen.
* A quarter or half-year is its months added up, and shows a figure only where every
  month shows it (core/report_composition.py): nested periods subtract to nothing new.
* A new version is made only on purpose (``report --republish``). A month's new version
  recounts each table only where the change is safe against every earlier version; a
  quarter or half-year is its months' newest versions added up again.
* A new version's shares are taken only of a total it publishes (core/derived_bases.py):
  when a table is recounted but the table holding its base is kept, its shares are held
  back, and the edition line says so.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from sqlalchemy import Engine, and_, func, insert, select
from sqlalchemy.exc import IntegrityError

from victim_champion.content.report_labels import report_labels, report_words
from victim_champion.core.clock import long_date
from victim_champion.core.derived_bases import republished
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.report_composition import compose
from victim_champion.core.report_facts import ReportFacts, ReportPeriod
from victim_champion.core.report_snapshot import report_from_json, report_to_json
from victim_champion.core.reporting import Report, build_report
from victim_champion.hub.reports.fact_reader import no_cycle_collection, read_report_facts
from victim_champion.hub.storage.tables import published_reports as table


def not_ended(period: ReportPeriod) -> str:
    after = date.fromordinal(period.end.toordinal() + 1)
    return (
        f"Figures for {period.label} can be published from {long_date(after)}, "
        "the day after the period ends."
    )


def _where(period: ReportPeriod):  # type: ignore[no-untyped-def]
    return and_(table.c.period_start == period.start, table.c.period_end == period.end)


def stored(engine: Engine, period: ReportPeriod, version: int | None = None) -> Report | None:
    """A stored version of the period (the newest when ``version`` is None), or None."""
    with engine.connect() as connection:
        if version is None:
            version = connection.scalar(select(func.max(table.c.version)).where(_where(period)))
            if version is None:
                return None
        body = connection.scalar(
            select(table.c.body).where(_where(period), table.c.version == version)
        )
    return None if body is None else report_from_json(json.loads(body))


def versions(engine: Engine, period: ReportPeriod) -> list[Report]:
    with engine.connect() as connection:
        bodies = connection.scalars(
            select(table.c.body).where(_where(period)).order_by(table.c.version)
        ).all()
    return [report_from_json(json.loads(body)) for body in bodies]


def _titles(report: Report, table_ids: tuple[str, ...]) -> str:
    words = report_words()
    return ", ".join(words(report.table(t).spec.title_key) for t in table_ids)


def _edition(
    version: int, today: date, kept: tuple[str, ...], report: Report, held: tuple[str, ...] = ()
) -> str:
    words = f"Version {version}, published {long_date(today)}"
    if version > 1:
        words += f"; it replaces version {version - 1}"
    if kept:
        titles = _titles(report, kept)
        words += (
            f". Unchanged from the last version, because the change was too small to "
            f"publish safely: {titles}"
        )
    if held:
        titles = _titles(report, held)
        words += (
            f". Shares held back, because their counts and the total they are taken of "
            f"come from different versions: {titles}"
        )
    return words + "."


def _store(engine: Engine, report: Report, version: int, today: date) -> Report:
    """Store a new version; if another hub process stored it first, theirs stands."""
    body = json.dumps(report_to_json(report), sort_keys=True)
    try:
        with engine.begin() as connection:
            connection.execute(
                insert(table).values(
                    period_start=report.period.start,
                    period_end=report.period.end,
                    version=version,
                    published_on=today,
                    body=body,
                )
            )
    except IntegrityError:
        found = stored(engine, report.period, version)
        assert found is not None
        return found
    return report


def _same_tables(a: Report, b: Report) -> bool:
    return report_to_json(replace(a, edition="")) == report_to_json(replace(b, edition=""))


def _months(period: ReportPeriod) -> list[ReportPeriod]:
    found = []
    for month in period.months:
        year, number = (int(part) for part in month.split("-"))
        first = date(year, number, 1)
        following = date(year + number // 12, number % 12 + 1, 1)
        found.append(ReportPeriod(first, date.fromordinal(following.toordinal() - 1)))
    return found


class _Counter:
    """Counts periods from the hub's records, read once however many months it counts."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.facts: ReportFacts | None = None

    def __call__(self, period: ReportPeriod) -> Report:
        if self.facts is None:
            self.facts = read_report_facts(self.engine)
        with no_cycle_collection():
            return build_report(self.facts, period, report_labels())


def _check(period: ReportPeriod, today: date) -> None:
    period.require_published()
    if period.end >= today:
        raise InvalidInputError(not_ended(period))


def published(
    engine: Engine, period: ReportPeriod, today: date, count: _Counter | None = None
) -> Report:
    """The period's newest published version, publishing version 1 on first demand."""
    _check(period, today)
    found = stored(engine, period)
    if found is not None:
        return found
    count = count or _Counter(engine)
    if period.published_kind == "month":
        report = count(period)
    else:
        report = compose([published(engine, m, today, count) for m in _months(period)], period)
    report = replace(report, edition=_edition(1, today, (), report))
    return _store(engine, report, 1, today)


def republish(
    engine: Engine, period: ReportPeriod, today: date, count: _Counter | None = None
) -> tuple[Report, bool]:
    """A new version of the period, made only where that is safe; and whether one was
    made (False: nothing could change safely, and the newest version stands)."""
    count = count or _Counter(engine)
    latest = published(engine, period, today, count)
    earlier = versions(engine, period)
    held: tuple[str, ...] = ()
    if period.published_kind == "month":
        report, kept, held = republished(count(period), earlier)
    else:
        months = [republish(engine, m, today, count)[0] for m in _months(period)]
        report, kept = compose(months, period), ()
    if _same_tables(report, latest):
        return latest, False
    version = len(earlier) + 1
    report = replace(report, edition=_edition(version, today, kept, report, held))
    return _store(engine, report, version, today), True
