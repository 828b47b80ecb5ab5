"""Withdrawing a Compass Point record's consent: as easy as giving it (UK GDPR art. 7(3)).

One journaled transaction, audited like every other write here:

- **referral**: the record's referral consents are marked withdrawn. A referral not yet
  sent (its envelope never handed to the network, or refused by the hub) is cancelled:
  its record in the outbox is replaced by an erased stand-in, so it never reaches the hub,
  and the referral is removed. One already sent (or in flight) stays, and a
  consent-withdrawal record is queued for the hub, which stops handing out its contact
  details and shows it as withdrawn. The contact details kept with the consent go.
- **contact**: the record's contact consents are marked withdrawn and the contact details
  kept on the laptop are erased. Unsent referrals go without their sealed contact
  details; for a sent one that carried them, a withdrawal is queued.

Withdrawing again finds nothing active and changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from victim_champion.core.audit import AuditAction, RecordKind
from victim_champion.core.consent import Consent, ConsentPurpose, WithdrawalOutcome
from victim_champion.core.envelopes import canonical_json, content_hash
from victim_champion.core.errors import NotFoundError
from victim_champion.core.wire_kinds import EnvelopeKind, RecordType
from victim_champion.core.wire_records import ConsentWithdrawalRecord, ErasedRecord
from victim_champion.store.journaling.journal import Journal, JournaledService
from victim_champion.store.schema.connection import Connection


@dataclass(frozen=True)
class ConsentState:
    """A record's consents as the desk shows them: what can still be withdrawn."""

    active: tuple[str, ...] = ()  # purposes with an active consent ("contact", "referral")
    withdrawn: tuple[str, ...] = ()  # purposes the person withdrew
    # The withdrawal for the hub: "pending" (queued), "sent" (the hub confirmed it),
    # "refused" (the hub refused it), or None (none was needed, or none is held any more).
    withdrawal: str | None = None


class ConsentWithdrawals(JournaledService):
    """Withdrawal of consent for the records of one unlocked profile."""

    def withdraw(self, record_id: str, purpose: ConsentPurpose) -> WithdrawalOutcome:
        """Withdraw ``purpose`` for the record; NotFoundError for an unknown record."""
        now = self._clock()

        def work(connection: Connection) -> WithdrawalOutcome:
            if not connection.execute(
                "SELECT 1 FROM signposting WHERE id = ?", (record_id,)
            ).fetchone():
                raise NotFoundError("record", record_id)
            with self._journal(connection, EnvelopeKind.CONSENT_WITHDRAWN) as journal:
                return _withdraw(journal, record_id, ConsentPurpose(purpose), now)

        return self._store.owner.run(work)


def _withdraw(
    journal: Journal, record_id: str, purpose: ConsentPurpose, now: datetime
) -> WithdrawalOutcome:
    connection = journal.connection
    consents = _consents(connection, record_id, purpose)
    withdrawing = [c for c in consents if c.withdrawn_at is None]
    outcome = WithdrawalOutcome(
        record_id,
        purpose,
        consents_withdrawn=len(withdrawing),
        already_withdrawn=len(withdrawing) < len(consents),
    )
    for consent in withdrawing:
        connection.execute(
            "UPDATE consent SET withdrawn_at = ? WHERE id = ?", (now.isoformat(), consent.id)
        )
        journal.audit(AuditAction.WITHDRAW, RecordKind.CONSENT, consent.id)
    if purpose is ConsentPurpose.REFERRAL:
        withdrawn_ids = {c.id for c in withdrawing}
        contact = connection.execute(
            "SELECT consent_id FROM signposting_contact WHERE record_id = ?", (record_id,)
        ).fetchone()
        erase = contact is not None and contact[0] in withdrawn_ids
        cancelled = queued = 0
        for (referral_id,) in connection.execute(
            "SELECT id FROM referral WHERE record_id = ? AND consent_id IN "
            "(SELECT value FROM json_each(?)) ORDER BY created_at",
            (record_id, json.dumps(sorted(withdrawn_ids))),
        ).fetchall():
            if _rewrite_unsent(connection, referral_id, None):
                connection.execute("DELETE FROM referral WHERE id = ?", (referral_id,))
                journal.audit(AuditAction.DELETE, RecordKind.REFERRAL, referral_id)
                cancelled += 1
            else:
                _queue(journal, referral_id, record_id, purpose, now)
                queued += 1
        outcome = replace(outcome, referrals_cancelled=cancelled, withdrawals_queued=queued)
    else:
        erase = (
            connection.execute(
                "SELECT 1 FROM signposting_contact WHERE record_id = ?", (record_id,)
            ).fetchone()
            is not None
        )
        queued = 0
        if erase:  # the referrals that carried the details: unsent lose them, sent are told
            for (referral_id,) in connection.execute(
                "SELECT id FROM referral WHERE record_id = ? ORDER BY created_at", (record_id,)
            ).fetchall():
                unsent = _rewrite_unsent(connection, referral_id, _without_contact)
                if not unsent and _carried_contact(connection, referral_id):
                    _queue(journal, referral_id, record_id, purpose, now)
                    queued += 1
        outcome = replace(outcome, withdrawals_queued=queued)
    if erase:
        connection.execute("DELETE FROM signposting_contact WHERE record_id = ?", (record_id,))
        journal.audit(AuditAction.DELETE, RecordKind.SIGNPOSTING, record_id)
    return replace(outcome, contact_erased=erase)


def _consents(connection: Connection, record_id: str, purpose: ConsentPurpose) -> list[Consent]:
    return [
        Consent(
            row[0],
            record_id,
            purpose,
            datetime.fromisoformat(row[1]),
            datetime.fromisoformat(row[2]),
            datetime.fromisoformat(row[3]) if row[3] else None,
        )
        for row in connection.execute(
            "SELECT id, given_at, expires_at, withdrawn_at FROM consent "
            "WHERE subject_id = ? AND purpose = ? ORDER BY given_at",
            (record_id, purpose.value),
        )
    ]


def _queue(
    journal: Journal, referral_id: str, record_id: str, purpose: ConsentPurpose, now: datetime
) -> None:
    journal.record(ConsentWithdrawalRecord(referral_id, record_id, purpose.value, now.isoformat()))
    journal.audit(AuditAction.WITHDRAW, RecordKind.REFERRAL, referral_id)


def _referral_envelope(connection: Connection, referral_id: str) -> tuple[Any, ...] | None:
    """The outbox envelope that carries this referral, if the laptop still holds it."""
    row = connection.execute(
        "SELECT device_seq, payload, state, attempted FROM outbox WHERE kind = ? "
        "AND payload LIKE ? ORDER BY device_seq LIMIT 1",
        (EnvelopeKind.REFERRAL_MADE.value, f"%{referral_id}%"),
    ).fetchone()
    return tuple(row) if row else None


def _carried_contact(connection: Connection, referral_id: str) -> bool:
    """True if the sent referral held sealed contact details (or it is no longer known)."""
    envelope = _referral_envelope(connection, referral_id)
    if envelope is None:
        return True  # confirmed and let go by retention: tell the hub to be sure
    for record in json.loads(envelope[1]).get("records", []):
        if record.get("id") == referral_id:
            return record.get("sealed_contact") is not None
    return False


def _without_contact(record: dict[str, Any]) -> dict[str, Any]:
    return {**record, "sealed_contact": None}


def _rewrite_unsent(connection: Connection, referral_id: str, change: Any) -> bool:
    """If the referral never reached the hub, rewrite its outbox record: ``change(record)``,
    or an erased stand-in when ``change`` is None (the number stays, so no gap). True if
    it was unsent. An envelope handed to the network and not refused is never changed."""
    envelope = _referral_envelope(connection, referral_id)
    if envelope is None:
        return False
    seq, payload, state, attempted = envelope
    if not (state == "rejected" or (state == "pending" and not attempted)):
        return False
    document = json.loads(payload)
    document["records"] = [
        record
        if record.get("type") != RecordType.REFERRAL.value or record.get("id") != referral_id
        else (ErasedRecord(referral_id).to_wire() if change is None else change(record))
        for record in document.get("records", [])
    ]
    connection.execute(
        "UPDATE outbox SET payload = ?, content_hash = ? WHERE device_seq = ?",
        (canonical_json(document).decode(), content_hash(document), seq),
    )
    return True


_WITHDRAWAL_STATES = {"pending": "pending", "accepted": "sent", "rejected": "refused"}


def consent_states(connection: Connection, now: datetime) -> dict[str, ConsentState]:
    """Every signposting record's consents: active and withdrawn purposes, and whether a
    withdrawal for the hub is still waiting or was sent."""
    active: dict[str, set[str]] = {}
    withdrawn: dict[str, set[str]] = {}
    for subject, purpose, given, expires, withdrawn_at in connection.execute(
        "SELECT subject_id, purpose, given_at, expires_at, withdrawn_at FROM consent "
        "WHERE subject_id IN (SELECT id FROM signposting)"
    ):
        if withdrawn_at:
            withdrawn.setdefault(subject, set()).add(purpose)
        elif datetime.fromisoformat(given) <= now < datetime.fromisoformat(expires):
            active.setdefault(subject, set()).add(purpose)
    queued: dict[str, str] = {}
    for payload, state in connection.execute(
        "SELECT payload, state FROM outbox WHERE kind = ? ORDER BY device_seq",
        (EnvelopeKind.CONSENT_WITHDRAWN.value,),
    ):
        for record in json.loads(payload).get("records", []):
            subject = record.get("record_id")
            kind = record.get("type")
            if kind == RecordType.CONSENT_WITHDRAWAL.value and queued.get(subject) != "pending":
                queued[subject] = _WITHDRAWAL_STATES.get(state, "pending")
    states: dict[str, ConsentState] = {}
    for subject in set(active) | set(withdrawn):
        states[subject] = ConsentState(
            tuple(sorted(active.get(subject, ()))),
            tuple(sorted(withdrawn.get(subject, ()))),
            queued.get(subject) if subject in withdrawn else None,
        )
    return states
