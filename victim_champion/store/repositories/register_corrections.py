"""Correcting a register: a person's details, removing a person, taking back "Completed",
and deleting a whole session. Each is one journaled transaction, audited, and told to the
hub.

A printed certificate is the line none of these cross: its code can be checked at the hub
and it names the person, the course and the date. So a person with a certificate cannot be
removed or have "Completed" undone, and a session with certificates cannot be deleted; the
refusal says so in one sentence. Renaming such a person is allowed: printing again issues
a new certificate that replaces the old one (store/repositories/certificate_issuer.py).

Removing a person and deleting a session erase, not hide: the rows go, the laptop's unsent
envelopes are redacted (store/journaling/redaction.py), and the hub gets an erasure record
that turns every record naming the id into a tombstone, as "forget me" does.
"""

from __future__ import annotations

from collections.abc import Sequence

from victim_champion.core.attendees import Attendee, AttendeeDetails, as_sentence, problems_with
from victim_champion.core.audit import AuditAction, RecordKind
from victim_champion.core.errors import InvalidInputError, NotFoundError
from victim_champion.core.identifiers import is_record_id
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.core.wire_records import CompletionUndoneRecord, ErasureRecord
from victim_champion.store.journaling.journal import JournaledService
from victim_champion.store.journaling.redaction import redact_unsent
from victim_champion.store.repositories.attendee_repository import AttendeeRepository
from victim_champion.store.repositories.record_repository import attendee_record
from victim_champion.store.repositories.session_repository import require_session
from victim_champion.store.schema.connection import Connection

HAS_CERTIFICATE = (
    "A certificate was already printed for this person, so they stay on the register as "
    "completed; ask Compass House if it must be withdrawn."
)
SESSION_HAS_CERTIFICATES = (
    "Certificates were already printed for this session, so it cannot be deleted; correct "
    "its details with Edit instead."
)


def _require_attendee(connection: Connection, session_id: str, attendee_id: str) -> Attendee:
    if not is_record_id(attendee_id):
        raise NotFoundError("attendee", attendee_id)
    for attendee in AttendeeRepository(connection).for_session(session_id):
        if attendee.id == attendee_id:
            return attendee
    raise NotFoundError("attendee in this session", attendee_id)


def _has_certificate(connection: Connection, attendee_id: str) -> bool:
    row = connection.execute(
        "SELECT 1 FROM certificate WHERE attendee_id = ?", (attendee_id,)
    ).fetchone()
    return row is not None


class RegisterCorrections(JournaledService):
    """Corrections to the registers and sessions of one unlocked profile."""

    def edit_attendee(self, session_id: str, attendee_id: str, details: AttendeeDetails) -> None:
        """Replace a person's name and contact details (their consent is unchanged)."""
        problems = problems_with(details)
        if problems:
            raise InvalidInputError(as_sentence(problems[0]))

        def work(connection: Connection) -> None:
            require_session(connection, session_id)
            before = _require_attendee(connection, session_id, attendee_id)
            with self._journal(connection, EnvelopeKind.ATTENDEE_UPDATED) as journal:
                connection.execute(
                    "UPDATE attendee SET name = ?, email = ?, phone = ?, organisation = ?, "
                    "role = ? WHERE id = ?",
                    (
                        details.name,
                        details.email,
                        details.phone,
                        details.organisation,
                        details.role,
                        attendee_id,
                    ),
                )
                kept = AttendeeDetails(
                    details.name,
                    details.email,
                    details.phone,
                    details.organisation,
                    details.role,
                    before.details.consent_contact,
                )
                journal.record(
                    attendee_record(
                        Attendee(attendee_id, session_id, kept, None, before.contact_consent)
                    )
                )
                journal.audit(AuditAction.UPDATE, RecordKind.ATTENDEE, attendee_id)

        self._store.owner.run(work)

    def remove_attendee(self, session_id: str, attendee_id: str) -> None:
        """Take a person off the register, with their consent; the hub forgets them too."""

        def work(connection: Connection) -> None:
            require_session(connection, session_id)
            _require_attendee(connection, session_id, attendee_id)
            if _has_certificate(connection, attendee_id):
                raise InvalidInputError(HAS_CERTIFICATE)
            self._erase(
                connection,
                RecordKind.ATTENDEE,
                attendee_id,
                [
                    ("DELETE FROM consent WHERE subject_id = ?", (attendee_id,)),
                    ("DELETE FROM attendee WHERE id = ?", (attendee_id,)),
                ],
            )

        self._store.owner.run(work)

    def undo_completion(self, session_id: str, attendee_ids: Sequence[str]) -> list[str]:
        """Take back "Completed"; returns the ids that had it (others are left as they are)."""

        def work(connection: Connection) -> list[str]:
            require_session(connection, session_id)
            people = [_require_attendee(connection, session_id, a) for a in attendee_ids]
            if any(_has_certificate(connection, a.id) for a in people):
                raise InvalidInputError(HAS_CERTIFICATE)
            undone = [a.id for a in people if a.completed_at is not None]
            with self._journal(connection, EnvelopeKind.COMPLETION_UNDONE) as journal:
                for attendee_id in undone:
                    connection.execute(
                        "UPDATE attendee SET completed_at = NULL WHERE id = ?", (attendee_id,)
                    )
                    journal.record(CompletionUndoneRecord(attendee_id, session_id))
                    journal.audit(AuditAction.UPDATE, RecordKind.ATTENDEE, attendee_id)
            return undone

        return self._store.owner.run(work)

    def delete_session(self, session_id: str) -> None:
        """Delete a session with its register, scores and feedback; the hub forgets it."""

        def work(connection: Connection) -> None:
            require_session(connection, session_id)
            certified = connection.execute(
                "SELECT 1 FROM certificate WHERE session_id = ?", (session_id,)
            ).fetchone()
            if certified is not None:
                raise InvalidInputError(SESSION_HAS_CERTIFICATES)
            on_session = (session_id,)
            self._erase(
                connection,
                RecordKind.SESSION,
                session_id,
                [
                    (
                        "DELETE FROM consent WHERE subject_id IN "
                        "(SELECT id FROM attendee WHERE session_id = ?)",
                        on_session,
                    ),
                    ("DELETE FROM attendee WHERE session_id = ?", on_session),
                    ("DELETE FROM quiz_result WHERE session_id = ?", on_session),
                    ("DELETE FROM feedback WHERE session_id = ?", on_session),
                    ("DELETE FROM session WHERE id = ?", on_session),
                ],
            )

        self._store.owner.run(work)

    def _erase(
        self,
        connection: Connection,
        kind: RecordKind,
        record_id: str,
        deletions: list[tuple[str, tuple[str, ...]]],
    ) -> None:
        """Delete the rows, redact the unsent envelopes naming the id, and queue the
        erasure record for the hub, in one transaction; then leave no copy in the WAL."""
        with self._journal(connection, EnvelopeKind.ERASURE_REQUESTED) as journal:
            for statement, parameters in deletions:
                connection.execute(statement, parameters)
            redact_unsent(connection, record_id)
            journal.record(ErasureRecord(record_id))
            journal.audit(AuditAction.DELETE, kind, record_id)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
