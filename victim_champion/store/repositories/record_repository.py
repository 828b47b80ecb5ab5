"""What the trainer and worker do with records: each call one transaction, each write audited.

The command line and the UI both call these; neither talks SQL. Every method hands its
work to the connection's owner thread, and every write goes through a journal so that
its audit events and its outbox envelope commit with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from victim_champion.core.attendee_csv import ImportPlan
from victim_champion.core.attendees import (
    Attendee,
    AttendeeDetails,
    as_sentence,
    problems_with,
)
from victim_champion.core.audit import AuditAction, RecordKind
from victim_champion.core.consent import CONTACT_CONSENT_LIFETIME, Consent, ConsentPurpose
from victim_champion.core.errors import ImportRowsError, InvalidInputError, NotFoundError
from victim_champion.core.identifiers import is_record_id, new_id
from victim_champion.core.sessions import Session
from victim_champion.core.settings import ProfileSettings
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.core.wire_records import (
    AttendeeConsent,
    AttendeeRecord,
    CompletionRecord,
    SessionRecord,
)
from victim_champion.store.journaling.journal import JournaledService
from victim_champion.store.repositories.attendee_repository import AttendeeRepository
from victim_champion.store.repositories.session_repository import SessionRepository, require_session
from victim_champion.store.schema.connection import Connection

_IDLE_LOCK_KEY = "settings.idle_lock_seconds"


def session_record(session: Session) -> SessionRecord:
    """A session as the hub receives it."""
    return SessionRecord(
        id=session.id,
        kind=session.kind.value,
        title=session.title,
        venue=session.venue,
        district_id=session.district_id,
        date=session.date,
        facilitators=tuple(session.facilitators),
    )


def attendee_record(attendee: Attendee) -> AttendeeRecord:
    """An attendee (with any contact consent) as the hub receives it."""
    d, consent = attendee.details, attendee.contact_consent
    return AttendeeRecord(
        id=attendee.id,
        session_id=attendee.session_id,
        name=d.name,
        email=d.email,
        phone=d.phone,
        organisation=d.organisation,
        role=d.role,
        consent=None
        if consent is None
        else AttendeeConsent(
            id=consent.id,
            purpose=consent.purpose.value,
            given_at=consent.given_at.isoformat(),
            expires_at=consent.expires_at.isoformat(),
        ),
    )


class Records(JournaledService):
    """Sessions and registers of one unlocked profile."""

    # ------------------------------------------------------------------ sessions

    def create_session(self, session: Session) -> Session:
        """Store a new session (its id is ignored and a fresh one given)."""
        now = self._clock()
        stored = Session(
            id=new_id(),
            kind=session.kind,
            title=session.title,
            venue=session.venue,
            district_id=session.district_id,
            date=session.date,
            facilitators=session.facilitators,
            created_at=now,
        )

        def work(connection: Connection) -> None:
            with self._journal(connection, EnvelopeKind.SESSION_CREATED) as journal:
                SessionRepository(connection).add(stored, now)
                journal.record(session_record(stored))
                journal.audit(AuditAction.CREATE, RecordKind.SESSION, stored.id)

        self._store.owner.run(work)
        return stored

    def sessions(self) -> list[Session]:
        """Every session, newest first."""
        return self._store.owner.run(lambda c: SessionRepository(c).newest_first())

    def session(self, session_id: str) -> Session:
        """One session, or NotFoundError."""
        return self._store.owner.run(lambda c: require_session(c, session_id))

    # ------------------------------------------------------------------ register

    def add_attendees(self, session_id: str, people: Sequence[AttendeeDetails]) -> list[str]:
        """Add people to a session's register in one transaction; returns their new ids."""
        now = self._clock()
        attendees = [self._new_attendee(session_id, details) for details in people]

        def work(connection: Connection) -> None:
            require_session(connection, session_id)
            repository = AttendeeRepository(connection)
            with self._journal(connection, EnvelopeKind.ATTENDEES_ADDED) as journal:
                for attendee in attendees:
                    repository.add(attendee, now)
                    journal.record(attendee_record(attendee))
                    journal.audit(AuditAction.CREATE, RecordKind.ATTENDEE, attendee.id)
                    if attendee.contact_consent is not None:
                        journal.audit(
                            AuditAction.CREATE, RecordKind.CONSENT, attendee.contact_consent.id
                        )

        self._store.owner.run(work)
        return [attendee.id for attendee in attendees]

    def import_attendees(self, session_id: str, plan: ImportPlan, *, skip_bad: bool) -> list[str]:
        """Import a planned CSV: all rows, or (with skip_bad) the good ones; else nothing."""
        if plan.errors and not skip_bad:
            raise ImportRowsError(plan.errors, good_rows=len(plan.rows))
        return self.add_attendees(session_id, [details for _, details in plan.rows])

    def _new_attendee(self, session_id: str, details: AttendeeDetails) -> Attendee:
        # Every way in (kiosk, forms, command line, import) meets the same rules here.
        problems = problems_with(details)
        if problems:
            raise InvalidInputError(as_sentence("; ".join(problems)))
        attendee_id = new_id()
        consent = None
        if details.consent_contact:
            given = self._clock()
            consent = Consent(
                id=new_id(),
                subject_id=attendee_id,
                purpose=ConsentPurpose.CONTACT,
                given_at=given,
                expires_at=given + CONTACT_CONSENT_LIFETIME,
            )
        return Attendee(attendee_id, session_id, details, contact_consent=consent)

    def register(self, session_id: str) -> list[Attendee]:
        """A session's attendees; viewing personal data is itself audited."""

        def work(connection: Connection) -> list[Attendee]:
            require_session(connection, session_id)
            with self._journal(connection, EnvelopeKind.AUDIT_EVENTS) as journal:
                journal.audit(AuditAction.VIEW, RecordKind.REGISTER, session_id)
            return AttendeeRepository(connection).for_session(session_id)

        return self._store.owner.run(work)

    def complete(self, session_id: str, attendee_ids: Sequence[str]) -> list[str]:
        """Mark attendees as having completed the course (which makes a certificate due)."""
        for attendee_id in attendee_ids:
            if not is_record_id(attendee_id):
                raise NotFoundError("attendee", attendee_id)
        now = self._clock()

        def work(connection: Connection) -> list[str]:
            require_session(connection, session_id)
            with self._journal(connection, EnvelopeKind.ATTENDEES_COMPLETED) as journal:
                done = AttendeeRepository(connection).mark_completed(
                    list(attendee_ids), session_id, now
                )
                missing = [a for a in attendee_ids if a not in done]
                if missing:
                    raise NotFoundError("attendee in this session", missing[0])
                for attendee_id in done:
                    journal.record(CompletionRecord(attendee_id, session_id, now.isoformat()))
                    journal.audit(AuditAction.COMPLETE, RecordKind.ATTENDEE, attendee_id)
            return done

        return self._store.owner.run(work)

    # ------------------------------------------------------------------ settings

    def settings(self) -> ProfileSettings:
        """The profile's settings (defaults for anything never set)."""

        def work(connection: Connection) -> ProfileSettings:
            row = connection.execute(
                "SELECT value FROM profile_meta WHERE key = ?", (_IDLE_LOCK_KEY,)
            ).fetchone()
            return ProfileSettings(idle_lock_seconds=int(row[0])) if row else ProfileSettings()

        return self._store.owner.run(work)

    def save_settings(self, settings: ProfileSettings) -> None:
        """Store the settings (validated by ProfileSettings itself)."""

        def work(connection: Connection) -> None:
            with self._journal(connection, EnvelopeKind.AUDIT_EVENTS) as journal:
                connection.execute(
                    "INSERT INTO profile_meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (_IDLE_LOCK_KEY, str(settings.idle_lock_seconds)),
                )
                journal.audit(AuditAction.UPDATE, RecordKind.PROFILE, None)

        self._store.owner.run(work)

    def record_key_export(self) -> None:
        """Audit that the raw data key left the app (export-key)."""

        def work(connection: Connection) -> None:
            with self._journal(connection, EnvelopeKind.AUDIT_EVENTS) as journal:
                journal.audit(AuditAction.EXPORT, RecordKind.DATA_KEY, None)

        self._store.owner.run(work)
