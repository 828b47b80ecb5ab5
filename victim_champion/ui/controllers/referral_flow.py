"""Referrals and consent withdrawal at the desk.

A laptop that cannot refer says so on the Refer button before anything is typed. A
referral is checked whole before anything is written: the laptop's enrolment, the referral
desk's key when contact details are given, the safe-contact answers. Only then is the
record kept (if it was not yet) and every ticked service referred in one transaction. A
refusal leaves the dialog open with every typed field, the form as it was, and no record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject

from victim_champion.core.consent import ConsentPurpose, WithdrawalOutcome
from victim_champion.core.errors import VictimChampionError, message_for
from victim_champion.core.events import SyncFinished
from victim_champion.operations import reference_data
from victim_champion.operations.signposting_desk import Signposting
from victim_champion.ui.dialogs.referral_dialog import ReferralDialog
from victim_champion.ui.dialogs.withdraw_consent_dialog import WithdrawConsentDialog
from victim_champion.ui.widgets.signposting_parts import plural


class Desk(Protocol):
    """What the flow needs of the desk's controller (compass_point_controller.py)."""

    current_record: str | None
    page: Any  # the SignpostingPage
    quick_exit: Callable[[], None]

    @property
    def signposting(self) -> Signposting | None: ...

    def kept(self, record_id: str, snapshot: tuple[object, ...]) -> None: ...

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> None: ...


UNEXPECTED = "That could not be saved; try again, or restart the app."
NOT_ENROLLED = (
    "Could not refer: this laptop is not enrolled with Compass House, so a referral could "
    "never leave it. Enrol it on the Sync page with the code Compass House gives, then refer."
)


class ReferralFlow(QObject):
    """The Refer button's readiness, the referral dialog, and withdrawing consent."""

    def __init__(self, desk: Desk, events: Any, parent: QObject) -> None:
        super().__init__(parent)
        self._desk = desk
        self._page = desk.page
        self.enrolled: bool | None = None  # None until checked after unlock
        self.can_send_contact = False
        self.dialog: ReferralDialog | None = None
        events.on(SyncFinished, lambda _: self.check_readiness())

    def check_readiness(self) -> None:
        """Ask the store whether this laptop is enrolled and holds the desk's key (at
        unlock, and after every sync: enrolling syncs once)."""
        signposting = self._desk.signposting
        if signposting is None:
            return
        self._desk.run(
            lambda: (signposting.enrolled(), signposting.can_send_contact()),
            self._on_readiness,
        )

    def _on_readiness(self, readiness: tuple[bool, bool]) -> None:
        if self._desk.signposting is None:
            return
        self.enrolled, self.can_send_contact = readiness
        self._page.set_referral_readiness(self.enrolled)

    def refer(self) -> None:
        """Consent first; then contact details and the referrals. Nothing is kept yet."""
        if self._desk.signposting is None:
            return
        if self.enrolled is False:
            self._page.say(NOT_ENROLLED, error=True)
            return
        services = reference_data.services()
        chosen = [services[i] for i in self._page.chosen_service_ids() if i in services]
        if not chosen:
            self._page.say(
                "Could not refer: tick the services you talked through in the list first.",
                error=True,
            )
            return
        dialog = ReferralDialog(
            chosen,
            self._desk.quick_exit,
            self._page.window(),
            can_send_contact=self.can_send_contact,
        )
        dialog.submitted.connect(lambda: self._make_referrals(dialog))
        dialog.finished.connect(lambda _: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: ReferralDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _make_referrals(self, dialog: ReferralDialog) -> None:
        desk, signposting = self._desk, self._desk.signposting
        if signposting is None:
            return
        service_ids, request = dialog.chosen_service_ids(), dialog.request()
        record = desk.current_record
        person, snapshot = self._page.person(), self._page.snapshot()
        conversation = (
            person.district_id or "",
            sorted(person.needs),
            self._page.chosen_service_ids(),
            person.reported,
        )
        kept: list[str] = []  # the record kept on the way, even if a referral then fails

        def work() -> list[str]:  # on a worker: check everything, then keep, then refer
            signposting.check_referrals(service_ids, request)
            target = record
            if target is None:
                target = signposting.keep(*conversation)
                kept.append(target)
            return signposting.refer_many(target, service_ids, request)

        def done(made: list[str]) -> None:
            if kept:
                desk.kept(kept[0], snapshot)
            self._on_referred(dialog, made)

        def failed(error: BaseException) -> None:
            if kept:
                desk.kept(kept[0], snapshot)
            self._refused(dialog, error)

        desk.run(work, done, failed)

    def _on_referred(self, dialog: ReferralDialog, made: list[str]) -> None:
        if self.dialog is dialog:
            dialog.accept()
        self._page.say(plural("signposting.referrals_made", len(made)))

    def _refused(self, dialog: ReferralDialog, error: BaseException) -> None:
        text = f"Could not refer: {error_text(error)}"
        if self.dialog is dialog and dialog.isVisible():
            dialog.refused(text)
        else:  # closed by then (a lock): the page says it
            self._page.say(text, error=True)

    def withdraw(self, record_id: str) -> None:
        """Choose the consent the person withdraws, then withdraw it on a worker."""
        if self._desk.signposting is None:
            return
        dialog = WithdrawConsentDialog(self._desk.quick_exit, self._page.window())
        dialog.accepted.connect(lambda: self._withdraw_now(record_id, dialog.purpose))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _withdraw_now(self, record_id: str, purpose: ConsentPurpose | None) -> None:
        signposting: Signposting | None = self._desk.signposting
        if signposting is None or purpose is None:
            return
        self._desk.run(
            lambda: signposting.withdraw_consent(record_id, purpose),
            self._on_withdrawn,
            lambda error: self._page.say(
                f"Could not withdraw consent: {error_text(error)}", error=True
            ),
        )

    def _on_withdrawn(self, outcome: WithdrawalOutcome) -> None:
        self._page.say(outcome.sentence())


def error_text(error: BaseException) -> str:
    """The worker's sentence for a failure (never the exception's own text)."""
    if isinstance(error, VictimChampionError):
        return error.message
    return message_for(error, UNEXPECTED)
