"""Several referrals for one conversation, made in one transaction: all or nothing.

The person consents once and gives one set of contact details (and how to reach them
safely) for every service the worker refers them to. The consent, the contact details,
every referral, their audit events and the one outbox envelope commit together, so a
failure half way leaves no consent without its referrals and no referral without its
siblings.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from victim_champion.core.audit import AuditAction, RecordKind
from victim_champion.core.consent import REFERRAL_CONSENT_LIFETIME, Consent, ConsentPurpose
from victim_champion.core.errors import ReferralKeyMissingError
from victim_champion.core.identifiers import new_id
from victim_champion.core.referrals import make_referral
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.core.wire_records import ReferralContact, ReferralRecord
from victim_champion.store.repositories.attendee_repository import AttendeeRepository
from victim_champion.store.repositories.signposting_records import (
    SAFETY_FIELDS,
    SignpostingRecords,
)
from victim_champion.store.schema.connection import Connection


@dataclass(frozen=True)
class ContactDetails:
    """What the person gave so a service can reach them, and how to do it safely."""

    name: str = ""
    phone: str = ""
    email: str = ""
    safety: Mapping[str, str] = field(default_factory=dict)


class ReferralBatch(SignpostingRecords):
    """Refers one record to several services at once."""

    def refer_all(
        self,
        record_id: str,
        service_ids: Sequence[str],
        contact: ContactDetails | None,
        *,
        restorative: bool = False,
        seal: Callable[[bytes], str] | None = None,
    ) -> list[str]:
        """Give the referral consent, keep any contact details beside it, and refer to
        each service; returns the referral ids in the order given. Contact details are
        refused without ``seal`` before anything is written."""
        if contact is not None and seal is None:
            raise ReferralKeyMissingError()
        now = self._clock()
        consent = Consent(
            new_id(), record_id, ConsentPurpose.REFERRAL, now, now + REFERRAL_CONSENT_LIFETIME
        )
        sealed = None if contact is None or seal is None else _seal(contact, seal)

        def work(connection: Connection) -> list[str]:
            self._require(connection, record_id)
            made: list[str] = []
            with self._journal(connection, EnvelopeKind.REFERRAL_MADE) as journal:
                AttendeeRepository(connection).add_consent(consent)
                journal.audit(AuditAction.CREATE, RecordKind.CONSENT, consent.id)
                if contact is not None:
                    _keep_contact(connection, record_id, consent.id, contact)
                    journal.audit(AuditAction.UPDATE, RecordKind.SIGNPOSTING, record_id)
                for service_id in service_ids:
                    referral = make_referral(
                        record_id, service_id, consent, now, restorative=restorative
                    )
                    connection.execute(
                        "INSERT INTO referral (id, record_id, service_id, consent_id, "
                        "restorative, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                        (
                            referral.id,
                            record_id,
                            service_id,
                            consent.id,
                            int(restorative),
                            now.isoformat(),
                        ),
                    )
                    journal.record(
                        ReferralRecord(
                            id=referral.id,
                            record_id=record_id,
                            service_id=service_id,
                            restorative=restorative,
                            consent_expires_at=consent.expires_at.isoformat(),
                            sealed_contact=sealed,
                        )
                    )
                    journal.audit(AuditAction.CREATE, RecordKind.REFERRAL, referral.id)
                    made.append(referral.id)
            return made

        return self._store.owner.run(work)


def _keep_contact(
    connection: Connection, record_id: str, consent_id: str, contact: ContactDetails
) -> None:
    safe = {k: v.strip() for k, v in contact.safety.items() if k in SAFETY_FIELDS}
    connection.execute(
        "INSERT OR REPLACE INTO signposting_contact (record_id, name, phone, email, "
        "consent_id, safety) VALUES (?, ?, ?, ?, ?, ?)",
        (
            record_id,
            contact.name.strip(),
            contact.phone.strip(),
            contact.email.strip(),
            consent_id,
            json.dumps(safe, sort_keys=True),
        ),
    )


def _seal(contact: ContactDetails, seal: Callable[[bytes], str]) -> str:
    """The contact details as the referral desk opens them (the same form one referral
    at a time sends): sealed before the transaction, so a sealing error writes nothing."""
    safe = {k: str(v).strip() for k, v in contact.safety.items() if k in SAFETY_FIELDS}
    wire = ReferralContact(
        contact.name.strip(), contact.phone.strip(), contact.email.strip(), **safe
    ).fields_to_wire()
    return seal(json.dumps(wire, sort_keys=True).encode("utf-8"))
