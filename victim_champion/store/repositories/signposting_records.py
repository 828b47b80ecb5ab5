"""Compass Point records in the store: the smallest record, consent, referral, forget me.

A record is anonymous (district, needs, services given, date) unless the person consents
to more. Every call is one journaled transaction: audited, with its outbox envelope.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from victim_champion.core.audit import AuditAction, RecordKind
from victim_champion.core.consent import (
    CONTACT_CONSENT_LIFETIME,
    REFERRAL_CONSENT_LIFETIME,
    Consent,
    ConsentPurpose,
    WithdrawalOutcome,
)
from victim_champion.core.errors import (
    ConsentRequiredError,
    NotFoundError,
    ReferralKeyMissingError,
)
from victim_champion.core.identifiers import new_id
from victim_champion.core.referrals import make_referral
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.core.wire_records import (
    ErasureRecord,
    ReferralContact,
    ReferralRecord,
    SignpostingWireRecord,
)
from victim_champion.store.journaling.journal import JournaledService
from victim_champion.store.journaling.redaction import redact_unsent
from victim_champion.store.repositories.attendee_repository import AttendeeRepository
from victim_champion.store.repositories.consent_withdrawal import (
    ConsentState,
    ConsentWithdrawals,
    consent_states,
)
from victim_champion.store.schema.connection import Connection, transaction

_LIFETIMES = {
    ConsentPurpose.CONTACT: CONTACT_CONSENT_LIFETIME,
    ConsentPurpose.REFERRAL: REFERRAL_CONSENT_LIFETIME,
}


@dataclass(frozen=True)
class SignpostingRecord:
    """One conversation at a Compass Point, as kept on the laptop."""

    id: str
    district_id: str
    needs: tuple[str, ...]
    services: tuple[str, ...]
    created_at: datetime
    has_contact: bool
    referrals: tuple[tuple[str, str | None], ...]  # (service id, outcome)
    # Consent (issue 32): purposes with an active consent, which a worker can withdraw
    # ("contact", "referral"); purposes withdrawn; and the withdrawal queued for the hub,
    # "pending" until a sync, "sent" once the hub confirmed it, "refused", or None.
    consents: tuple[str, ...] = ()
    withdrawn: tuple[str, ...] = ()
    withdrawal: str | None = None


class SignpostingRecords(JournaledService):
    """The worker's records of one unlocked profile."""

    def record(
        self, district_id: str, needs: Sequence[str], services: Sequence[str], reported: bool | None
    ) -> str:
        """Keep the anonymous record of a conversation; returns its id."""
        record_id, now = new_id(), self._clock()

        def work(connection: Connection) -> None:
            with self._journal(connection, EnvelopeKind.SIGNPOSTING_RECORDED) as journal:
                connection.execute(
                    "INSERT INTO signposting (id, district_id, needs, services, reported, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        record_id,
                        district_id,
                        json.dumps(list(needs)),
                        json.dumps(list(services)),
                        None if reported is None else str(reported).lower(),
                        now.isoformat(),
                    ),
                )
                journal.record(
                    SignpostingWireRecord(
                        id=record_id,
                        district_id=district_id,
                        needs=tuple(needs),
                        services=tuple(services),
                        reported=reported,
                        date=now.date(),
                    )
                )
                journal.audit(AuditAction.CREATE, RecordKind.SIGNPOSTING, record_id)
            connection.execute(
                "UPDATE signposting SET envelope_seq = ? WHERE id = ?",
                (journal.sequences[-1], record_id),
            )

        self._store.owner.run(work)
        return record_id

    def give_consent(self, record_id: str, purpose: ConsentPurpose) -> Consent:
        """Record the person's consent (purpose, from now until it lapses)."""
        now = self._clock()
        consent = Consent(new_id(), record_id, purpose, now, now + _LIFETIMES[purpose])

        def work(connection: Connection) -> None:
            self._require(connection, record_id)
            with self._journal(connection, EnvelopeKind.AUDIT_EVENTS) as journal:
                AttendeeRepository(connection).add_consent(consent)
                journal.audit(AuditAction.CREATE, RecordKind.CONSENT, consent.id)

        self._store.owner.run(work)
        return consent

    def add_contact(
        self,
        record_id: str,
        consent_id: str,
        name: str,
        phone: str,
        email: str,
        safety: Mapping[str, str] | None = None,
    ) -> None:
        """Contact details (and how to reach the person safely), kept only beside an
        active consent for this record."""
        safe = {k: v.strip() for k, v in (safety or {}).items() if k in SAFETY_FIELDS}

        def work(connection: Connection) -> None:
            self._require(connection, record_id)
            consent = self._active_consent(connection, record_id, consent_id)
            if consent is None:
                raise ConsentRequiredError("Contact details need the person's consent first.")
            with self._journal(connection, EnvelopeKind.AUDIT_EVENTS) as journal:
                connection.execute(
                    "INSERT OR REPLACE INTO signposting_contact (record_id, name, phone, email, "
                    "consent_id, safety) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        record_id,
                        name.strip(),
                        phone.strip(),
                        email.strip(),
                        consent_id,
                        json.dumps(safe, sort_keys=True),
                    ),
                )
                journal.audit(AuditAction.UPDATE, RecordKind.SIGNPOSTING, record_id)

        self._store.owner.run(work)

    def refer(
        self,
        record_id: str,
        service_id: str,
        consent_id: str | None,
        *,
        restorative: bool = False,
        seal: Callable[[bytes], str] | None = None,
    ) -> str:
        """Refer to a service; impossible without an active referral consent.

        Contact details kept with the record go out only sealed by ``seal`` (to the referral
        desk's key); without it, a referral with contact details is refused, never sent
        bare. The laptop's own copy stays in its encrypted store.
        """
        now = self._clock()

        def work(connection: Connection) -> str:
            self._require(connection, record_id)
            consent = self._active_consent(connection, record_id, consent_id)
            referral = make_referral(record_id, service_id, consent, now, restorative=restorative)
            with self._journal(connection, EnvelopeKind.REFERRAL_MADE) as journal:
                connection.execute(
                    "INSERT INTO referral (id, record_id, service_id, consent_id, restorative, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        referral.id,
                        record_id,
                        service_id,
                        referral.consent_id,
                        int(restorative),
                        now.isoformat(),
                    ),
                )
                contact = connection.execute(
                    "SELECT name, phone, email, safety FROM signposting_contact "
                    "WHERE record_id = ?",
                    (record_id,),
                ).fetchone()
                journal.record(
                    ReferralRecord(
                        id=referral.id,
                        record_id=record_id,
                        service_id=service_id,
                        restorative=restorative,
                        consent_expires_at=consent.expires_at.isoformat() if consent else None,
                        sealed_contact=_sealed(contact, seal),
                    )
                )
                journal.audit(AuditAction.CREATE, RecordKind.REFERRAL, referral.id)
            return referral.id

        return self._store.owner.run(work)

    def withdraw_consent(self, record_id: str, purpose: ConsentPurpose) -> WithdrawalOutcome:
        """Withdraw the person's consent for ``purpose`` (see consent_withdrawal.py)."""
        return ConsentWithdrawals(self._store, self._clock).withdraw(record_id, purpose)

    def _active_consent(
        self, connection: Connection, record_id: str, consent_id: str | None
    ) -> Consent | None:
        if consent_id is None:
            return None
        row = connection.execute(
            "SELECT id, subject_id, purpose, given_at, expires_at, withdrawn_at FROM consent "
            "WHERE id = ? AND subject_id = ?",
            (consent_id, record_id),
        ).fetchone()
        if row is None:
            return None
        consent = Consent(
            row[0],
            row[1],
            ConsentPurpose(row[2]),
            datetime.fromisoformat(row[3]),
            datetime.fromisoformat(row[4]),
            datetime.fromisoformat(row[5]) if row[5] else None,
        )
        return consent if consent.is_active(self._clock()) else None

    def _require(self, connection: Connection, record_id: str) -> None:
        if (
            connection.execute("SELECT 1 FROM signposting WHERE id = ?", (record_id,)).fetchone()
            is None
        ):
            raise NotFoundError("record", record_id)

    def desk_district(self) -> str | None:
        """The district last recorded in on this laptop: the desk's own, chosen again."""
        row = self._store.owner.run(
            lambda c: c.execute(
                "SELECT value FROM profile_meta WHERE key = ?", (_DESK_DISTRICT,)
            ).fetchone()
        )
        return str(row[0]) if row else None

    def remember_desk_district(self, district_id: str) -> None:
        """Remember the desk's district for the next conversation (not personal data)."""

        def work(connection: Connection) -> None:
            with transaction(connection):
                connection.execute(
                    "INSERT INTO profile_meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (_DESK_DISTRICT, district_id),
                )

        self._store.owner.run(work)

    def recent(self) -> list[SignpostingRecord]:
        """The records still on this laptop, newest first (viewing is audited)."""

        def work(connection: Connection) -> list[SignpostingRecord]:
            rows = connection.execute(
                "SELECT s.id, s.district_id, s.needs, s.services, s.created_at, "
                "c.record_id IS NOT NULL FROM signposting s LEFT JOIN signposting_contact c "
                "ON c.record_id = s.id ORDER BY s.created_at DESC"
            ).fetchall()
            referrals: dict[str, list[tuple[str, str | None]]] = {}
            for record_id, service_id, outcome in connection.execute(
                "SELECT record_id, service_id, outcome FROM referral ORDER BY created_at"
            ):
                referrals.setdefault(record_id, []).append((service_id, outcome))
            if rows:
                with self._journal(connection, EnvelopeKind.AUDIT_EVENTS) as journal:
                    journal.audit(AuditAction.VIEW, RecordKind.SIGNPOSTING, None)
            consents = consent_states(connection, self._clock())
            return [
                SignpostingRecord(
                    r[0],
                    r[1],
                    tuple(json.loads(r[2])),
                    tuple(json.loads(r[3])),
                    datetime.fromisoformat(r[4]),
                    bool(r[5]),
                    tuple(referrals.get(r[0], [])),
                    consents.get(r[0], ConsentState()).active,
                    consents.get(r[0], ConsentState()).withdrawn,
                    consents.get(r[0], ConsentState()).withdrawal,
                )
                for r in rows
            ]

        return self._store.owner.run(work)

    def forget(self, record_id: str) -> None:
        """'Forget me': erase now, redact anything not yet sent, tell the hub by tombstone."""

        def work(connection: Connection) -> None:
            self._require(connection, record_id)
            with self._journal(connection, EnvelopeKind.ERASURE_REQUESTED) as journal:
                delete_record(connection, record_id)
                redact_unsent(connection, record_id)
                journal.record(ErasureRecord(record_id))
                journal.audit(AuditAction.DELETE, RecordKind.SIGNPOSTING, record_id)
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

        self._store.owner.run(work)


_DESK_DISTRICT = "settings.desk_district"
SAFETY_FIELDS = ("safe_to_call", "best_times", "voicemail_ok", "safe_to_write", "safe_word")


def delete_record(connection: Connection, record_id: str) -> None:
    """Remove a record with its referrals, contact details and consents."""
    for table, column in (
        ("referral", "record_id"),
        ("signposting_contact", "record_id"),
        ("consent", "subject_id"),
        ("signposting", "id"),
    ):
        connection.execute(
            f"DELETE FROM {table} WHERE {column} = ?",  # noqa: S608
            (record_id,),
        )


def _sealed(
    contact: tuple[str, str, str, str] | None, seal: Callable[[bytes], str] | None
) -> str | None:
    """The contact details and how to reach the person safely, sealed for the referral
    desk; None when there are none."""
    if contact is None:
        return None
    if seal is None:
        raise ReferralKeyMissingError()
    name, phone, email, safety = contact
    safe = {k: str(v) for k, v in json.loads(safety or "{}").items() if k in SAFETY_FIELDS}
    wire = ReferralContact(name, phone, email, **safe).fields_to_wire()
    return seal(json.dumps(wire, sort_keys=True).encode("utf-8"))
