"""Consent as a record: a purpose, when it was given, when it lapses, and withdrawal."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

# A sign-up list's "may we contact you" lasts a year: long enough for follow-up training
# and the next Code's refresher, short enough that nobody is contacted on a stale yes.
CONTACT_CONSENT_LIFETIME = timedelta(days=365)
# A referral consent covers the referral and its follow-up; 90 days is long enough for a
# service to make contact and report back, short enough not to linger.
REFERRAL_CONSENT_LIFETIME = timedelta(days=90)


class ConsentPurpose(enum.StrEnum):
    """What the person agreed to. Each purpose is its own consent record."""

    CONTACT = "contact"  # follow-up contact (training news, or a Compass Point call-back)
    REFERRAL = "referral"  # passing the person's details to a service


@dataclass(frozen=True, slots=True)
class Consent:
    """One person's consent for one purpose, valid from given_at until expires_at."""

    id: str
    subject_id: str  # the attendee (or, later, signposting record) it belongs to
    purpose: ConsentPurpose
    given_at: datetime
    expires_at: datetime
    withdrawn_at: datetime | None = None

    def is_active(self, at: datetime) -> bool:
        """Consent counts only between giving and expiry, and never after withdrawal."""
        if self.withdrawn_at is not None and self.withdrawn_at <= at:
            return False
        return self.given_at <= at < self.expires_at

    def withdraw(self, at: datetime) -> Consent:
        """A copy withdrawn at ``at``; withdrawing twice keeps the first time."""
        if self.withdrawn_at is not None:
            return self
        return replace(self, withdrawn_at=at)
