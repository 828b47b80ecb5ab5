"""A Compass Point conversation: keep the smallest record, refer with consent, forget.

A referral is one step for the worker, so consent, the contact details (only if given)
and the referral are made together here, for both front ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from victim_champion.core.consent import ConsentPurpose
from victim_champion.core.events import RecordArea, RecordsChanged
from victim_champion.operations.workspace import Workspace
from victim_champion.store.repositories.signposting_records import (
    SignpostingRecord,
    SignpostingRecords,
)
from victim_champion.store.syncing.retention import purge_at_unlock


@dataclass(frozen=True)
class ReferralRequest:
    """What the worker fills in to refer, after the person agreed."""

    service_id: str
    name: str = ""
    phone: str = ""
    email: str = ""
    restorative: bool = False

    @property
    def has_contact(self) -> bool:
        """True if any contact detail was given."""
        return any(value.strip() for value in (self.name, self.phone, self.email))


class Signposting:
    """What a Compass Point worker does with one unlocked profile."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._records = SignpostingRecords(workspace.store)

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
        self._changed()
        return record_id

    def refer(self, record_id: str, request: ReferralRequest) -> str:
        """Consent first, then any contact details, then the referral; returns its id."""
        consent = self._records.give_consent(record_id, ConsentPurpose.REFERRAL)
        if request.has_contact:
            self._records.add_contact(
                record_id, consent.id, request.name, request.phone, request.email
            )
        referral_id = self._records.refer(
            record_id, request.service_id, consent.id, restorative=request.restorative
        )
        self._changed()
        return referral_id

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
