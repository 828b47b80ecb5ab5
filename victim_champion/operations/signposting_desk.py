"""A Compass Point conversation: keep the smallest record, refer with consent, forget.

A referral is one step for the worker, so consent, the contact details (only if given)
and the referral are made together here, for both front ends.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from victim_champion.core.clock import Clock, utc_now
from victim_champion.core.consent import ConsentPurpose, WithdrawalOutcome
from victim_champion.core.errors import (
    InvalidInputError,
    ReferralKeyMissingError,
    VictimChampionError,
)
from victim_champion.core.events import RecordArea, RecordsChanged
from victim_champion.core.plain_text import text_problem
from victim_champion.operations.workspace import Workspace
from victim_champion.store.repositories.signposting_records import (
    SignpostingRecord,
    SignpostingRecords,
)
from victim_champion.store.syncing.policy_state import load_device_policy
from victim_champion.store.syncing.retention import purge_at_unlock
from victim_champion.sync.shared.sealing import seal

SAFETY_WITHOUT_CONTACT = (
    "The safe-contact answers need a phone number or an email to go with; add one, or"
    " leave the answers out."
)
NO_SERVICE_CHOSEN = "Tick at least one service to refer to."


class NotEnrolledError(VictimChampionError):
    """A referral on a laptop that is not enrolled could never leave it: refused first."""

    default_message = (
        "This laptop is not enrolled with Compass House, so a referral could never leave it;"
        " enrol it on the Sync page with the code Compass House gives, then refer."
    )


@dataclass(frozen=True)
class ReferralRequest:
    """What the worker fills in to refer, after the person agreed. ``service_id`` is the
    one service for :meth:`Signposting.refer`; :meth:`Signposting.refer_many` takes its
    own list and leaves it empty."""

    service_id: str = ""
    name: str = ""
    phone: str = ""
    email: str = ""
    restorative: bool = False
    # How to reach them safely: safe_to_call, best_times, voicemail_ok, safe_to_write,
    # safe_word ("" is "not said"); sealed with the contact details.
    safety: Mapping[str, str] = field(default_factory=dict)

    @property
    def has_contact(self) -> bool:
        """True if any contact detail was given."""
        return any(value.strip() for value in (self.name, self.phone, self.email))

    def check(self) -> None:
        """Safe-contact answers only mean something with a way to reach the person, and
        are never dropped quietly: without one they are refused."""
        typed = {"name": self.name, "phone number": self.phone, "email address": self.email}
        typed |= {key.replace("_", " "): value for key, value in self.safety.items()}
        for label, value in typed.items():
            problem = text_problem(value, f"The {label}")
            if problem is not None:
                raise InvalidInputError(f"{problem}; type it again.")
        answered = any(value.strip() for value in self.safety.values())
        if answered and not (self.phone.strip() or self.email.strip()):
            raise InvalidInputError(SAFETY_WITHOUT_CONTACT)


@dataclass(frozen=True)
class Conversation:
    """What the worker heard, checked against the shipped directory: ids, not free text."""

    district_id: str
    need_ids: tuple[str, ...]
    service_ids: tuple[str, ...]


def check_conversation(
    district: str, needs: Sequence[str], services: Sequence[str]
) -> Conversation:
    """Resolve a district (id or name) and check every need and service id, so a typing
    slip on the command line is refused in one sentence instead of kept as a record."""
    from victim_champion.content.directory_loader import load_directory, load_needs
    from victim_champion.content.district_loader import load_districts

    district_id = load_districts().resolve(district).id
    known_needs = {n.id for n in load_needs()}
    if not needs:
        raise InvalidInputError("Name at least one need with --need.")
    unknown = sorted(set(needs) - known_needs)
    if unknown:
        raise InvalidInputError(
            f"Unknown need '{unknown[0]}'; the needs are: {', '.join(sorted(known_needs))}."
        )
    known_services = {s.id for s in load_directory()}
    missing = sorted(set(services) - known_services)
    if missing:
        raise InvalidInputError(
            f"Unknown service '{missing[0]}'; run 'victim-champion directory search' to see them."
        )
    return Conversation(district_id, tuple(dict.fromkeys(needs)), tuple(dict.fromkeys(services)))


def clock_on(day: date | None, today: Clock = utc_now) -> Clock:
    """The clock a record is kept with: now, or noon UTC on a past day (a record entered
    after the event). A day in the future is refused: a wrong laptop clock must not be
    copied into the records."""
    if day is None:
        return today
    if day > today().date():
        raise InvalidInputError("That date is in the future; give the day of the conversation.")
    moment = datetime.combine(day, time(12), tzinfo=UTC)
    return lambda: moment


def directory_for(workspace: Workspace) -> str | None:
    """Use the newest signed directory the hub sent (or the installed one); returns the
    sentence for the worker when a bundle had to be refused."""
    from victim_champion.content.directory_loader import adopt_directory_bundle
    from victim_champion.store.syncing.sync_local import StoreSyncLocal

    bundle = StoreSyncLocal(workspace.store).bundle("directory")
    return adopt_directory_bundle(dict(bundle[1]["files"]) if bundle else None)


class Signposting:
    """What a Compass Point worker does with one unlocked profile."""

    def __init__(self, workspace: Workspace, clock: Clock = utc_now) -> None:
        self._workspace = workspace
        self._clock = clock
        self._records = SignpostingRecords(workspace.store, clock=clock)

    def _changed(self) -> None:
        self._workspace.events.publish(RecordsChanged(RecordArea.SIGNPOSTING))

    def keep(
        self,
        district_id: str,
        needs: Sequence[str],
        service_ids: Sequence[str],
        reported: bool | None,
    ) -> str:
        """Keep the anonymous record (district, needs, services given, date); returns its id."""
        record_id = self._records.record(district_id, needs, service_ids, reported)
        self._records.remember_desk_district(district_id)
        self._changed()
        return record_id

    def refer(self, record_id: str, request: ReferralRequest) -> str:
        """Consent first, then any contact details, then the referral; returns its id.

        Contact details leave the laptop only sealed to the referral desk's key, which the
        hub sends in its policy; without that key they are refused before anything is kept.
        """
        request.check()
        seal = self._sealer()
        if request.has_contact and seal is None:
            raise ReferralKeyMissingError()
        consent = self._records.give_consent(record_id, ConsentPurpose.REFERRAL)
        if request.has_contact:
            self._records.add_contact(
                record_id,
                consent.id,
                request.name,
                request.phone,
                request.email,
                request.safety,
            )
        referral_id = self._records.refer(
            record_id,
            request.service_id,
            consent.id,
            restorative=request.restorative,
            seal=seal,
        )
        self._changed()
        return referral_id

    def check_referrals(self, service_ids: Sequence[str], request: ReferralRequest) -> None:
        """Everything that would refuse these referrals, checked before anything is kept:
        the answers, the services (listed, taking referrals from a worker), the laptop's
        enrolment, and the referral desk's key when contact details are given."""
        from victim_champion.content.directory_loader import load_directory

        request.check()
        if not service_ids:
            raise InvalidInputError(NO_SERVICE_CHOSEN)
        services = {s.id: s for s in load_directory()}
        for service_id in service_ids:
            service = services.get(service_id)
            if service is None:
                raise InvalidInputError(
                    "One of the services is no longer in the directory; search again."
                )
            if not service.referral.worker_referral:
                raise InvalidInputError(
                    f"{service.name} takes no referrals from a worker; give the person its "
                    "contact details instead."
                )
        if not self.enrolled():
            raise NotEnrolledError()
        if request.has_contact and self._sealer() is None:
            raise ReferralKeyMissingError()

    def refer_many(
        self, record_id: str, service_ids: Sequence[str], request: ReferralRequest
    ) -> list[str]:
        """One consent and one set of contact answers, referred to every service in one
        transaction: all the referrals are made, or none (and then nothing is written).
        Returns the referral ids in the order of ``service_ids``."""
        from victim_champion.store.repositories.referral_batch import (
            ContactDetails,
            ReferralBatch,
        )

        wanted = list(dict.fromkeys(service_ids))
        self.check_referrals(wanted, request)
        contact = (
            ContactDetails(request.name, request.phone, request.email, dict(request.safety))
            if request.has_contact
            else None
        )
        made = ReferralBatch(self._workspace.store, clock=self._clock).refer_all(
            record_id, wanted, contact, restorative=request.restorative, seal=self._sealer()
        )
        self._changed()
        return made

    def enrolled(self) -> bool:
        """True once this laptop is enrolled, so a referral can leave at a sync."""
        from victim_champion.store.syncing.sync_local import StoreSyncLocal

        return StoreSyncLocal(self._workspace.store).enrolment() is not None

    def desk_district(self) -> str | None:
        """The district this laptop's desk last recorded in (remembered per laptop)."""
        return self._records.desk_district()

    def can_send_contact(self) -> bool:
        """True once the referral desk's key has arrived, so contact details can be sealed."""
        return self._sealer() is not None

    def _sealer(self) -> Callable[[bytes], str] | None:
        """Sealing to the referral desk's key from the hub's policy, if it has sent one."""
        policy = load_device_policy(self._workspace.store)
        if policy is None or not policy.referral_key:
            return None
        key = base64.b64decode(policy.referral_key)
        return lambda plain: seal(key, plain)

    def forget(self, record_id: str) -> None:
        """Erase the person's record now; the hub is told by a tombstone."""
        self._records.forget(record_id)
        self._changed()

    def recent(self) -> list[SignpostingRecord]:
        """The records kept on this laptop, newest first (no names)."""
        return self._records.recent()

    def let_go_of_expired(self) -> int:
        """Delete records past the hub's window that the hub confirmed; returns how many."""
        removed = purge_at_unlock(self._workspace.store).records
        if removed:
            self._changed()
        return removed

    def withdraw_consent(self, record_id: str, purpose: ConsentPurpose) -> WithdrawalOutcome:
        """Withdraw the person's consent for ``purpose``: as easy as giving it.

        Referral: a referral not yet sent is cancelled (it never leaves the laptop) and the
        contact details kept with it are erased; one already sent queues a withdrawal that
        the referral desk sees at Compass House. Contact: the contact details are erased, and
        a sent referral that carried them queues a withdrawal. Withdrawing again changes
        nothing and says so; an unknown record is refused in one sentence (NotFoundError).
        """
        outcome = self._records.withdraw_consent(record_id, ConsentPurpose(purpose))
        if not outcome.nothing_to_withdraw:
            self._changed()
        return outcome
