"""Referrals: made only with an active referral consent from the person it is about.

The rule lives here, not in a hidden button: :func:`make_referral` refuses without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from victim_champion.core.consent import Consent, ConsentPurpose
from victim_champion.core.errors import ConsentRequiredError
from victim_champion.core.identifiers import new_id


@dataclass(frozen=True)
class Referral:
    """A referral of one signposting record to one service."""

    id: str
    record_id: str
    service_id: str
    consent_id: str
    restorative: bool
    created_at: datetime


def make_referral(
    record_id: str,
    service_id: str,
    consent: Consent | None,
    at: datetime,
    *,
    restorative: bool = False,
) -> Referral:
    """A referral, or ConsentRequiredError if the consent is missing, expired or not for this."""
    if (
        consent is None
        or consent.purpose is not ConsentPurpose.REFERRAL
        or consent.subject_id != record_id
        or not consent.is_active(at)
    ):
        raise ConsentRequiredError()
    return Referral(new_id(), record_id, service_id, consent.id, restorative, at)
