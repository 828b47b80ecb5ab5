"""Attendees and their consent records in the encrypted store."""

from __future__ import annotations

from datetime import datetime

from victim_champion.core.attendees import Attendee, AttendeeDetails
from victim_champion.core.consent import Consent, ConsentPurpose
from victim_champion.store.schema.connection import Connection

_COLUMNS = "id, session_id, name, email, phone, organisation, role, completed_at"
_READ_COLUMNS = _COLUMNS + ", attendance"


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class AttendeeRepository:
    """Reads and writes attendees and consent (call on the owner thread)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, attendee: Attendee, created_at: datetime) -> None:
        """Insert an attendee, and their contact consent if they gave it."""
        d = attendee.details
        self._connection.execute(
            f"INSERT INTO attendee ({_COLUMNS}, created_at) "  # noqa: S608
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                attendee.id,
                attendee.session_id,
                d.name,
                d.email,
                d.phone,
                d.organisation,
                d.role,
                attendee.completed_at.isoformat() if attendee.completed_at else None,
                created_at.isoformat(),
            ),
        )
        if attendee.contact_consent is not None:
            self.add_consent(attendee.contact_consent)

    def add_consent(self, consent: Consent) -> None:
        """Insert a consent record."""
        self._connection.execute(
            "INSERT INTO consent (id, subject_id, purpose, given_at, expires_at, withdrawn_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                consent.id,
                consent.subject_id,
                consent.purpose.value,
                consent.given_at.isoformat(),
                consent.expires_at.isoformat(),
                consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
            ),
        )

    def for_session(self, session_id: str) -> list[Attendee]:
        """The register of one session, in the order people were added."""
        rows = self._connection.execute(
            f"SELECT {_READ_COLUMNS} FROM attendee WHERE session_id = ? "  # noqa: S608
            "ORDER BY created_at, rowid",
            (session_id,),
        ).fetchall()
        consents = self._contact_consents(session_id)
        return [
            Attendee(
                id=aid,
                session_id=sid,
                details=AttendeeDetails(
                    name=name,
                    email=email,
                    phone=phone,
                    organisation=organisation,
                    role=role,
                    consent_contact=aid in consents,
                ),
                completed_at=_when(completed),
                contact_consent=consents.get(aid),
                attendance=attendance,
            )
            for aid, sid, name, email, phone, organisation, role, completed, attendance in rows
        ]

    def _contact_consents(self, session_id: str) -> dict[str, Consent]:
        rows = self._connection.execute(
            "SELECT c.id, c.subject_id, c.given_at, c.expires_at, c.withdrawn_at "
            "FROM consent c JOIN attendee a ON a.id = c.subject_id "
            "WHERE a.session_id = ? AND c.purpose = ?",
            (session_id, ConsentPurpose.CONTACT.value),
        ).fetchall()
        return {
            subject: Consent(
                id=cid,
                subject_id=subject,
                purpose=ConsentPurpose.CONTACT,
                given_at=datetime.fromisoformat(given),
                expires_at=datetime.fromisoformat(expires),
                withdrawn_at=_when(withdrawn),
            )
            for cid, subject, given, expires, withdrawn in rows
        }

    def mark_completed(self, attendee_ids: list[str], session_id: str, at: datetime) -> list[str]:
        """Mark completion; returns the ids (of this session) that exist."""
        found: list[str] = []
        for attendee_id in attendee_ids:
            cursor = self._connection.execute(
                "UPDATE attendee SET completed_at = COALESCE(completed_at, ?) "
                "WHERE id = ? AND session_id = ?",
                (at.isoformat(), attendee_id, session_id),
            )
            if cursor.rowcount:
                found.append(attendee_id)
        return found
