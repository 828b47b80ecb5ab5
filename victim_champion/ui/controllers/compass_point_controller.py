"""The Compass Point conversation in the app: match, keep the smallest record, print the
sheet, refer with consent, forget on request, and let go of records after the window.

Nothing typed is lost on the way: keeping the record leaves the conversation on screen
(for the sheet and the referrals after it), and only "Next person" clears it, asking
first when nothing was kept since the last change. Referrals and consent withdrawal are
in ReferralFlow (ui/controllers/referral_flow.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from victim_champion.core.events import RecordArea, RecordsChanged
from victim_champion.core.signposting import match_services
from victim_champion.operations import reference_data
from victim_champion.operations.printing import (
    HandoutOptions,
    discreet_route_choices,
    print_signposting_sheet,
    sheet_file_name,
)
from victim_champion.operations.signposting_desk import Signposting, directory_for
from victim_champion.operations.web_pages import sheet_web_page_for
from victim_champion.operations.workspace import Workspace
from victim_champion.ui.controllers.leaflet_offer import LeafletOffer
from victim_champion.ui.controllers.page_context import PageContext
from victim_champion.ui.controllers.referral_flow import ReferralFlow, error_text
from victim_champion.ui.dialogs.message_dialog import ConfirmDialog
from victim_champion.ui.pages.desk_leaflets import DeskLeaflets
from victim_champion.ui.widgets.signposting_parts import plural

if TYPE_CHECKING:
    from victim_champion.ui.pages.signposting_page import SignpostingPage

PURGE_EVERY_MS = 60 * 60 * 1000
KEPT = (
    "Record kept: no name, only what is needed. The conversation stays on screen for the "
    "sheet and any referral; Next person clears it."
)

# Where a withdrawal for Compass House has got to, after the record's consents.
WITHDRAWAL = {
    "pending": " (Compass House is told at the next sync)",
    "sent": " (Compass House has been told)",
    "refused": " (Compass House refused the withdrawal: ask them)",
}


class CompassPointController(QObject):
    """Connects the signposting page to the matcher, the records and the printer."""

    def __init__(self, context: PageContext[SignpostingPage]) -> None:
        super().__init__()
        self._context = context
        self._page = self.page = context.page
        self._work = context.work
        self._printing = context.printing
        self._quick_exit = self.quick_exit = context.quick_exit
        self._show_error = context.show_error
        self._signposting: Signposting | None = None
        self._workspace: Workspace | None = None
        self.current_record: str | None = None
        self._kept_as: tuple[object, ...] | None = None  # the page's snapshot when kept
        self._purge_timer = QTimer(self)
        self._purge_timer.timeout.connect(self.purge)
        self.referrals = ReferralFlow(self, context.events, self)
        official = DeskLeaflets(context.page.sheet)  # official leaflets, printed as published
        self.leaflets = LeafletOffer(official.choice, context.work, context.printing)
        page = self._page
        page.search_requested.connect(self.search)
        page.keep_requested.connect(self.keep)
        page.sheet_requested.connect(self.print_sheet)
        page.refer_requested.connect(self.referrals.refer)
        page.next_requested.connect(self.next_person)
        page.forget_requested.connect(self.forget)
        page.withdraw_requested.connect(self.referrals.withdraw)
        page.conversation_changed.connect(self._on_conversation_changed)
        context.events.on(RecordsChanged, self._on_records_changed)

    @property
    def signposting(self) -> Signposting | None:
        """The desk's operations while unlocked."""
        return self._signposting

    def attach(self, workspace: Workspace) -> None:
        """Unlocked: the newest signed directory, the desk's own district, the records,
        whether this laptop can refer; and let go of expired records hourly (unlock did now)."""
        self._signposting = signposting = Signposting(workspace)
        self._workspace = workspace
        self.run(lambda: directory_for(workspace), self._on_directory_chosen)
        self.run(signposting.desk_district, self._page.choose_district)
        self.refresh_records()
        self.referrals.check_readiness()
        self.leaflets.attach(workspace)
        self._purge_timer.start(PURGE_EVERY_MS)

    def _on_directory_chosen(self, problem: str | None) -> None:
        self._page.directory_date.refresh()  # the edition now in use, and whether it is old
        if problem:
            self._show_error(problem)

    def detach(self) -> None:
        """Locked: back to the installed directory until the next unlock."""
        self._purge_timer.stop()
        self._signposting = None
        self._workspace = None
        self.leaflets.detach()
        self.forget_current()
        reference_data.forget_adopted_directory()

    def shown(self, visible: bool) -> None:
        """Records are loaded at unlock and whenever they change, not on showing."""

    def _on_records_changed(self, event: RecordsChanged) -> None:
        """Referral outcomes pulled by a sync (or any signposting change) refresh the list."""
        if event.area in (RecordArea.SIGNPOSTING, RecordArea.REFERRAL_OUTCOMES):
            self.refresh_records()
        if event.area is RecordArea.CONTENT and self._workspace is not None:
            workspace = self._workspace  # a sync brought a newer signed directory
            self.run(lambda: directory_for(workspace), self._on_directory_chosen)
            self.leaflets.refresh()  # or new official leaflets

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._work.run(work, on_done, on_failed or self._on_failed)

    def _on_failed(self, error: BaseException) -> None:
        self._show_error(error_text(error))

    def search(self) -> None:
        """Match services to what the person said."""
        person = self._page.person()
        district = reference_data.district(person.district_id or "")
        labels = reference_data.need_labels()
        directory = reference_data.directory()
        matches = match_services(
            directory.services, person, labels, district.name if district else ""
        )
        self._page.show_matches(matches, directory)
        self._page.say(
            plural("signposting.services_fit", len(matches))
            if matches
            else "No local service fits all of that; the lines to call can help now, and "
            "every sheet carries them."
        )

    def is_kept(self) -> bool:
        """True when the conversation on screen is kept as it is now."""
        return self.current_record is not None and self._kept_as == self._page.snapshot()

    def _on_conversation_changed(self) -> None:
        self._page.set_kept(self.is_kept())
        self._offer_card_routes()

    def keep(self) -> None:
        """Keep the anonymous record (district, needs, services given, date); the
        conversation stays on screen."""
        signposting = self._signposting
        if signposting is None:
            return
        if self.is_kept():
            self._page.say("Already kept; nothing has changed since.")
            return
        person, snapshot = self._page.person(), self._page.snapshot()
        district, needs = person.district_id or "", sorted(person.needs)
        services, reported = self._page.chosen_service_ids(), person.reported
        self.run(
            lambda: signposting.keep(district, needs, services, reported),
            lambda record_id: self._on_kept(record_id, snapshot),
            lambda error: self._page.say(
                f"Could not keep the record: {error_text(error)}", error=True
            ),
        )

    def _on_kept(self, record_id: str, snapshot: tuple[object, ...]) -> None:
        self.kept(record_id, snapshot)
        self._page.say(KEPT)

    def kept(self, record_id: str, snapshot: tuple[object, ...]) -> None:
        """A record was kept for this conversation (by Keep, or first by a referral)."""
        self.current_record, self._kept_as = record_id, snapshot
        self._page.set_kept(self.is_kept())

    def forget_current(self) -> None:
        """The conversation on screen has no record any more (cleared, forgotten, locked)."""
        self.current_record, self._kept_as = None, None
        self._page.set_kept(False)

    def next_person(self) -> None:
        """Clear for the next person; ask first if what is on screen was not kept."""
        if not self._page.has_conversation() or self.is_kept():
            self._clear_for_next()
            return
        dialog = ConfirmDialog(
            "Clear without keeping?",
            "Nothing has been kept since the last change. Keep the record first if this "
            "conversation should count; clearing cannot be undone.",
            "Clear without keeping",
            self._quick_exit,
            self._page.window(),
        )
        dialog.accepted.connect(self._clear_for_next)
        dialog.open()

    def _clear_for_next(self) -> None:
        self._page.clear_conversation()
        self.forget_current()
        self._page.say("The form is clear for the next person.")

    def card_routes(self) -> list[Any]:
        """The routes the discreet card may carry for what is on screen."""
        person = self._page.person()
        return discreet_route_choices(
            person.district_id or "",
            sorted(person.needs),
            self._page.chosen_service_ids(),
            self._page.groups(),
        )

    def _offer_card_routes(self) -> None:
        if self._page.discreet.isChecked():
            self._page.card.show_choices(self.card_routes())

    def print_sheet(self) -> None:
        """The chosen services only, grouped by the person's needs; on the discreet card,
        the routes ticked under "On the card". Never needs a record."""
        person = self._page.person()
        district, needs = person.district_id or "", sorted(person.needs)
        chosen = self._page.chosen_service_ids()
        name = self._page.sheet_name.text().strip()
        discreet = self._page.discreet.isChecked()
        options = HandoutOptions(
            district, self._page.large_print.isChecked(), discreet, self._printing.language
        )
        routes = self._page.card.chosen() if discreet else ()
        if not chosen and not discreet:  # said before the preview, not found on paper
            self._page.say(
                "No service is ticked, so the sheet carries the lines to call only; tick "
                "the services you talked through to add them."
            )
        groups = self._page.groups()
        self._printing.preview_document(
            "Discreet card" if discreet else "Signposting sheet",
            lambda: print_signposting_sheet(
                district,
                needs,
                chosen,
                name=name,
                options=options,
                route_ids=routes,
                groups=groups,
            ),
            sheet_file_name(discreet),
            lambda: sheet_web_page_for(
                district,
                needs,
                chosen,
                name=name,
                options=options,
                route_ids=routes,
                groups=groups,
            ),
        )

    def forget(self, record_id: str) -> None:
        """Ask first; then erase the person's record now (the hub is told by a tombstone)
        and clear the screen of them."""
        dialog = ConfirmDialog(
            "Forget this person?",
            "Their record, its contact details and any referral not yet sent are erased "
            "from this laptop now, and Compass House is told to erase its copy. This "
            "cannot be undone.",
            "Forget",
            self._quick_exit,
            self._page.window(),
        )
        dialog.accepted.connect(lambda: self._forget_now(record_id))
        dialog.open()

    def _forget_now(self, record_id: str) -> None:
        signposting = self._signposting
        if signposting is None:
            return
        if record_id == self.current_record:  # the person on screen: clear them too
            self._page.clear_conversation()
            self.forget_current()
        self.run(
            lambda: signposting.forget(record_id),
            lambda _: self._page.say(
                "Forgotten on this laptop, with any referral not yet sent; the hub will "
                "erase its copy."
            ),
            lambda error: self._page.say(f"Could not forget: {error_text(error)}", error=True),
        )

    def refresh_records(self) -> None:
        """Show the records kept, without names (read on a worker thread)."""
        signposting = self._signposting
        if signposting is None:
            return
        self.run(signposting.recent, self._show_records)

    def _show_records(self, records: list[Any]) -> None:
        if self._signposting is None:
            return
        names = reference_data.district_names()
        services = {s.id: s.name for s in reference_data.directory().services}
        rows = []
        for record in records:
            outcomes = ", ".join(
                f"{services.get(s, 'a service no longer listed')}: {o or 'waiting for a reply'}"
                for s, o in record.referrals
            )
            rows.append(
                (
                    record.id,
                    f"{record.created_at:%d %b %H:%M} · "
                    f"{names.get(record.district_id, record.district_id)} · "
                    f"{plural('count.needs', len(record.needs))} · "
                    f"{plural('count.services', len(record.services))}"
                    + (f" · referrals: {outcomes}" if outcomes else "")
                    + (" · contact kept with consent" if record.has_contact else "")
                    + (f" · consent given: {', '.join(record.consents)}" if record.consents else "")
                    + (
                        f" · consent withdrawn: {', '.join(record.withdrawn)}"
                        if record.withdrawn
                        else ""
                    )
                    + (WITHDRAWAL.get(record.withdrawal or "", "")),
                )
            )
        self._page.show_records(rows)

    def purge(self) -> None:
        """Let go of records the hub confirmed, once past the hub's retention window."""
        signposting = self._signposting
        if signposting is None:
            return
        # A failed purge is tried again in an hour; one that removed records announces it.
        self._work.run(signposting.let_go_of_expired, lambda _: None, lambda _: None)
