"""Handlers for ``signpost record``, ``signpost forget`` and ``signpost withdraw-consent``:
Compass Point records from the command line, for support staff (a record entered after the
desk closed) and for tests."""

from __future__ import annotations

import argparse
from datetime import date

from victim_champion.cli.context import CommandContext
from victim_champion.core.consent import ConsentPurpose
from victim_champion.core.errors import InvalidInputError, ReferralKeyMissingError
from victim_champion.core.sessions import parse_session_date
from victim_champion.operations.signposting_desk import (
    ReferralRequest,
    Signposting,
    check_conversation,
    clock_on,
)

CONSENT_NEEDED = "A referral needs the person's consent: ask them, then add --consent yes."


def _day(given: str | None) -> date | None:
    return parse_session_date(given) if given else None


def signpost_record(context: CommandContext, options: argparse.Namespace) -> int:
    """``signpost record``: everything is checked before the passphrase is asked for."""
    services = list(options.service) + ([options.refer] if options.refer else [])
    conversation = check_conversation(options.district, options.need, services)
    contact = (options.contact_name, options.contact_phone, options.contact_email)
    safety = {
        "safe_to_call": options.safe_to_call,
        "best_times": options.best_times.strip(),
        "voicemail_ok": options.voicemail_ok,
        "safe_to_write": options.safe_to_write,
        "safe_word": options.safe_word.strip(),
    }
    request = ReferralRequest(options.refer or "", *contact, safety=safety)
    if options.refer and options.consent != "yes":
        raise InvalidInputError(CONSENT_NEEDED)
    if (any(value.strip() for value in contact) or any(safety.values())) and not options.refer:
        raise InvalidInputError(
            "Contact details are kept only for a referral; add --refer SERVICE --consent yes."
        )
    request.check()
    clock = clock_on(_day(options.date))
    with context.workspace() as workspace:
        desk = Signposting(workspace, clock)
        if any(value.strip() for value in contact) and not desk.can_send_contact():
            raise ReferralKeyMissingError()  # before anything is kept
        record_id = desk.keep(
            conversation.district_id, conversation.need_ids, conversation.service_ids, None
        )
        referral_id = None
        if options.refer:
            referral_id = desk.refer(record_id, request)
    context.emit(
        {
            "id": record_id,
            "district_id": conversation.district_id,
            "needs": list(conversation.need_ids),
            "services": list(conversation.service_ids),
            "date": clock().date().isoformat(),
            "referral_id": referral_id,
        },
        f"Kept record {record_id}"
        + (f" and referred to {options.refer} with consent." if referral_id else "."),
    )
    return 0


def signpost_forget(context: CommandContext, options: argparse.Namespace) -> int:
    """``signpost forget``: erased here now; the hub is told by a tombstone at the next sync."""
    with context.workspace() as workspace:
        Signposting(workspace).forget(options.record_id)
    context.emit(
        {"forgotten": options.record_id},
        "Forgotten on this laptop; the hub erases its copy at the next sync.",
    )
    return 0


def signpost_withdraw_consent(context: CommandContext, options: argparse.Namespace) -> int:
    """``signpost withdraw-consent``: a referral not yet sent is cancelled; one already sent
    queues a withdrawal for the hub. Withdrawing again is harmless and says so."""
    if options.purpose not in {purpose.value for purpose in ConsentPurpose}:
        raise InvalidInputError("Give --purpose referral or --purpose contact.")
    purpose = ConsentPurpose(options.purpose)
    with context.workspace() as workspace:
        outcome = Signposting(workspace).withdraw_consent(options.record_id, purpose)
    context.emit(
        {
            "record_id": outcome.record_id,
            "purpose": outcome.purpose.value,
            "consents_withdrawn": outcome.consents_withdrawn,
            "referrals_cancelled": outcome.referrals_cancelled,
            "withdrawals_queued": outcome.withdrawals_queued,
            "contact_erased": outcome.contact_erased,
            "already_withdrawn": outcome.already_withdrawn,
            "nothing_to_withdraw": outcome.nothing_to_withdraw,
        },
        outcome.sentence(),
    )
    return 0
