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


@dataclass(frozen=True, slots=True)
class WithdrawalOutcome:
    """What withdrawing one purpose's consent for a signposting record did.

    Nothing personal: counts and flags only, so it can be printed, logged or sent as JSON.
    """

    record_id: str
    purpose: ConsentPurpose
    consents_withdrawn: int = 0  # consent records of the purpose newly marked withdrawn
    referrals_cancelled: int = 0  # never sent: taken out of the outbox, never reach the hub
    withdrawals_queued: int = 0  # already sent: a withdrawal goes to the hub at next sync
    contact_erased: bool = False  # the contact details kept on this laptop were erased
    already_withdrawn: bool = False  # the purpose had been withdrawn before

    @property
    def nothing_to_withdraw(self) -> bool:
        """True when nothing was active: withdrawing again is harmless and changes nothing."""
        return not (
            self.consents_withdrawn
            or self.referrals_cancelled
            or self.withdrawals_queued
            or self.contact_erased
        )

    def sentence(self) -> str:
        """One line for the worker saying what happened."""
        if self.nothing_to_withdraw:
            if self.already_withdrawn:
                return f"Consent for {self.purpose} was already withdrawn; nothing more to do."
            return f"Nothing to withdraw: this record has no consent for {self.purpose}."
        done = [f"Withdrew consent for {self.purpose}"]
        if self.referrals_cancelled:
            done.append(f"cancelled {_count(self.referrals_cancelled, 'referral')} not yet sent")
        if self.contact_erased:
            done.append("erased the contact details on this laptop")
        if self.withdrawals_queued:
            done.append(
                f"queued {_count(self.withdrawals_queued, 'withdrawal')} for Compass House "
                "(sent at the next sync)"
            )
        return ", ".join(done[:-1]) + (" and " if len(done) > 1 else "") + done[-1] + "."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
