"""Sessions and registers: one transaction per action, every write audited."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from tests.conftest import PASSPHRASE
from victim_champion.core.attendee_csv import plan_import
from victim_champion.core.attendees import AttendeeDetails
from victim_champion.core.errors import DiskFullError, ImportRowsError, NotFoundError
from victim_champion.core.identifiers import new_id
from victim_champion.core.sessions import Session, SessionKind
from victim_champion.store.journaling.audit_log import AuditLogRepository
from victim_champion.store.profile import Profile
from victim_champion.store.repositories.record_repository import Records


@pytest.fixture
def records(profile: Profile) -> Iterator[Records]:
    store = profile.open(PASSPHRASE)
    yield Records(store)
    store.close()


def a_session(records: Records, title: str = "Victim Champion basics") -> Session:
    return records.create_session(
        Session(
            new_id(),
            SessionKind.TRAINING,
            title,
            "Village hall",
            "thanet",
            date(2026, 12, 3),
            ("Trainer Tee",),
        )
    )


def audit(records: Records) -> list[tuple[str, str, str | None]]:
    events = records._store.owner.run(lambda c: AuditLogRepository(c).recent())
    return [(e.action.value, e.record_kind.value, e.record_id) for e in reversed(events)]


def test_sessions_list_newest_date_first(records: Records) -> None:
    older = records.create_session(
        Session(new_id(), SessionKind.DROP_IN, "Desk", "Library", "dover", date(2026, 1, 5))
    )
    newer = a_session(records)
    assert [s.id for s in records.sessions()] == [newer.id, older.id]
    assert records.session(newer.id).facilitators == ("Trainer Tee",)


def test_every_write_and_every_view_of_the_register_is_audited(records: Records) -> None:
    session = a_session(records)
    [with_consent, without] = records.add_attendees(
        session.id,
        [AttendeeDetails("Ada Example", consent_contact=True), AttendeeDetails("Bo Example")],
    )
    records.complete(session.id, [with_consent])
    register = records.register(session.id)
    consent = register[0].contact_consent
    assert consent is not None and register[1].contact_consent is None
    assert audit(records) == [
        ("create", "profile", None),
        ("create", "session", session.id),
        ("create", "attendee", with_consent),
        ("create", "consent", consent.id),
        ("create", "attendee", without),
        ("complete", "attendee", with_consent),
        ("view", "register", session.id),
    ]
    assert register[0].completed_at is not None and register[1].completed_at is None


def test_a_plan_with_bad_rows_imports_nothing_unless_told_to_skip(records: Records) -> None:
    session = a_session(records)
    plan = plan_import(b"name,email\nAda Example,\n,x@y.org\nBo Example,bad\n")
    with pytest.raises(ImportRowsError, match="2 rows have problems") as raised:
        records.import_attendees(session.id, plan, skip_bad=False)
    assert raised.value.row_errors == [
        (3, "the name is missing"),
        (4, "the email address is not valid"),
    ]
    assert records.register(session.id) == []
    ids = records.import_attendees(session.id, plan, skip_bad=True)
    assert [a.id for a in records.register(session.id)] == ids
    assert len(ids) == 1


def test_completing_someone_from_another_session_changes_nothing(records: Records) -> None:
    first, second = a_session(records), a_session(records, "Second")
    [ada] = records.add_attendees(first.id, [AttendeeDetails("Ada Example")])
    [bo] = records.add_attendees(second.id, [AttendeeDetails("Bo Example")])
    with pytest.raises(NotFoundError):
        records.complete(first.id, [ada, bo])
    assert records.register(first.id)[0].completed_at is None
    with pytest.raises(NotFoundError):
        records.register(new_id())


def test_a_full_disk_rolls_back_the_whole_import_and_keeps_what_was_there(
    records: Records,
) -> None:
    session = a_session(records)
    records.add_attendees(session.id, [AttendeeDetails("Ada Example")])
    # SQLite reports "database or disk is full" exactly as it would on a full disk.
    pages = records._store.owner.run(lambda c: c.execute("PRAGMA page_count").fetchone()[0])
    records._store.owner.run(lambda c: c.execute(f"PRAGMA max_page_count = {pages + 1}"))
    crowd = [AttendeeDetails(f"Person {i}", organisation="x" * 190) for i in range(400)]
    with pytest.raises(DiskFullError, match="disk is full"):
        records.add_attendees(session.id, crowd)
    assert [a.name for a in records.register(session.id)] == ["Ada Example"]
