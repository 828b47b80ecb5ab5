"""Issuing certificates for a session's completers: signed, recorded and audited.

An attendee gets one certificate. Printing again reuses it (same code), unless their name
or the course has changed since, in which case a new certificate replaces the old one.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from victim_champion.core.audit import AuditAction, RecordKind
from victim_champion.core.certificates import (
    Certificate,
    new_verification_code,
    signature_text,
    signed_message,
)
from victim_champion.core.clock import Clock, utc_now
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.core.wire_records import CertificateRecord
from victim_champion.store.journaling.journal import journaled
from victim_champion.store.keys.device_keys import DeviceKey, DeviceKeyRepository
from victim_champion.store.repositories.attendee_repository import AttendeeRepository
from victim_champion.store.repositories.session_repository import require_session
from victim_champion.store.schema.connection import Connection, transaction
from victim_champion.store.schema.open_store import OpenStore

_COLUMNS = "code, attendee_id, session_id, name, course, course_date, key_id, signature, issued_at"


class CertificateIssuer:
    """Issues (or re-issues) the certificates of one profile."""

    def __init__(self, store: OpenStore, clock: Clock = utc_now) -> None:
        self._store = store
        self._clock = clock

    def public_key(self) -> tuple[str, bytes]:
        """The device key's id and raw public key, for verifying certificates offline."""

        def work(connection: Connection) -> tuple[str, bytes]:
            with transaction(connection):
                key = DeviceKeyRepository(connection).get_or_create(self._clock())
            return key.key_id, key.public_key

        return self._store.owner.run(work)

    def issue_for_session(
        self,
        session_id: str,
        course: str,
        district_names: Mapping[str, str],
        attendee_id: str | None = None,
    ) -> list[Certificate]:
        """Certificates for everyone in the session who completed, in register order (or
        for one person only, to reprint theirs)."""

        def work(connection: Connection) -> list[Certificate]:
            session = require_session(connection, session_id)
            now = self._clock()
            with journaled(
                connection, self._store.actor, now, EnvelopeKind.CERTIFICATES_ISSUED
            ) as journal:
                key = DeviceKeyRepository(connection).get_or_create(now)
                existing = _existing(connection, session_id)
                issued: list[Certificate] = []
                for attendee in AttendeeRepository(connection).for_session(session_id):
                    if attendee.completed_at is None or attendee_id not in (None, attendee.id):
                        continue
                    row = existing.get(attendee.id)
                    if row is None or row[0] != attendee.name or row[1] != course:
                        code, signature = _insert(
                            connection,
                            key,
                            attendee.id,
                            session_id,
                            attendee.name,
                            course,
                            session.date,
                            now,
                        )
                        journal.audit(AuditAction.CREATE, RecordKind.CERTIFICATE, attendee.id)
                        journal.record(
                            CertificateRecord(
                                code=code,
                                attendee_id=attendee.id,
                                session_id=session_id,
                                name=attendee.name,
                                course=course,
                                course_date=session.date,
                                key_id=key.key_id,
                                signature=signature_text(signature),
                            )
                        )
                        row = (attendee.name, course, code, key.key_id, signature, now)
                    name, course_name, code, key_id, signature, issued_at = row
                    journal.audit(AuditAction.EXPORT, RecordKind.CERTIFICATE, attendee.id)
                    issued.append(
                        Certificate(
                            code=code,
                            attendee_id=attendee.id,
                            session_id=session_id,
                            name=name,
                            course=course_name,
                            course_date=session.date,
                            venue=session.venue,
                            district=district_names.get(session.district_id, session.district_id),
                            trainers=session.facilitators,
                            issued_at=issued_at,
                            key_id=key_id,
                            signature=signature,
                        )
                    )
            if not issued and attendee_id is not None:
                raise InvalidInputError(
                    "That person is not on this session's register as having completed the "
                    "course; mark their completion first, then print their certificate."
                )
            if not issued:
                raise InvalidInputError(
                    "Nobody in this session has completed the course yet; mark completion "
                    "first, then print the certificates."
                )
            return issued

        return self._store.owner.run(work)


def signed(key: DeviceKey, code: str, name: str, course: str, course_date: date) -> bytes:
    """The device key's signature over a certificate's fields."""
    return key.sign(signed_message(code, name, course, course_date))


Row = tuple[str, str, str, str, bytes, datetime]


def _existing(connection: Connection, session_id: str) -> dict[str, Row]:
    rows = connection.execute(
        f"SELECT {_COLUMNS} FROM certificate WHERE session_id = ?",  # noqa: S608
        (session_id,),
    ).fetchall()
    return {
        attendee_id: (name, course, code, key_id, bytes(signature), datetime.fromisoformat(at))
        for code, attendee_id, _, name, course, _, key_id, signature, at in rows
    }


def _insert(
    connection: Connection,
    key: DeviceKey,
    attendee_id: str,
    session_id: str,
    name: str,
    course: str,
    course_date: date,
    now: datetime,
) -> tuple[str, bytes]:
    connection.execute("DELETE FROM certificate WHERE attendee_id = ?", (attendee_id,))
    while True:  # a clash of 11 random digits is vanishingly rare, but never reuse a code
        code = new_verification_code()
        taken = connection.execute("SELECT 1 FROM certificate WHERE code = ?", (code,)).fetchone()
        if not taken:
            break
    signature = signed(key, code, name, course, course_date)
    connection.execute(
        f"INSERT INTO certificate ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
        (
            code,
            attendee_id,
            session_id,
            name,
            course,
            course_date.isoformat(),
            key.key_id,
            signature,
            now.isoformat(),
        ),
    )
    return code, signature
