"""The Compass Point conversation in the app: match, keep the smallest record, print the
sheet, refer with consent, forget on request, and let go of records after the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from victim_champion.content.directory_loader import (
    adopt_directory_bundle,
    current_directory,
    load_directory,
    load_needs,
)
from victim_champion.content.district_loader import load_districts
from victim_champion.core.errors import VictimChampionError, message_for
from victim_champion.core.events import RecordArea, RecordsChanged
from victim_champion.core.signposting import match_services
from victim_champion.operations.printing import HandoutOptions, print_signposting_sheet
from victim_champion.operations.signposting_desk import (
    Signposting,
    directory_for,
)
from victim_champion.operations.web_pages import sheet_web_page_for
from victim_champion.operations.workspace import Workspace
from victim_champion.ui.dialogs.message_dialog import ConfirmDialog
from victim_champion.ui.dialogs.referral_dialog import ReferralDialog
from victim_champion.ui.work_area_registry import PageContext

PURGE_EVERY_MS = 60 * 60 * 1000
UNEXPECTED = "That could not be saved; try again, or restart the app."


class CompassPointController(QObject):
    """Connects the signposting page to the matcher, the records and the printer."""

    def __init__(self, context: PageContext) -> None:
        super().__init__()
        self._context = context
        self._page = context.page
        self._work = context.work
        self._printing = context.printing
        self._quick_exit = context.quick_exit
        self._show_error = context.show_error
        self._signposting: Signposting | None = None
        self._workspace: Workspace | None = None
        self.current_record: str | None = None
        self._purge_timer = QTimer(self)
        self._purge_timer.timeout.connect(self.purge)
        page = self._page
        page.search_requested.connect(self.search)
        page.keep_requested.connect(self.keep)
        page.sheet_requested.connect(self.print_sheet)
        page.refer_requested.connect(self.refer)
        page.forget_requested.connect(self.forget)
        context.events.on(RecordsChanged, self._on_records_changed)

    def attach(self, workspace: Workspace) -> None:
        """Unlocked: the newest signed directory, the desk's own district, the records;
        and let go of expired records hourly (unlock did now)."""
        self._signposting = signposting = Signposting(workspace)
        self._workspace = workspace
        self._run(lambda: directory_for(workspace), self._on_directory_chosen)
        self._run(signposting.desk_district, self._page.choose_district)
        self.refresh_records()
        self._purge_timer.start(PURGE_EVERY_MS)

    def _on_directory_chosen(self, problem: str | None) -> None:
        if problem:
            self._show_error(problem)

    def detach(self) -> None:
        """Locked: back to the installed directory until the next unlock."""
        self._purge_timer.stop()
        self._signposting = None
        self._workspace = None
        self.current_record = None
        adopt_directory_bundle(None)

    def shown(self, visible: bool) -> None:
        """Records are loaded at unlock and whenever they change, not on showing."""

    def _on_records_changed(self, event: RecordsChanged) -> None:
        """Referral outcomes pulled by a sync (or any signposting change) refresh the list."""
        if event.area in (RecordArea.SIGNPOSTING, RecordArea.REFERRAL_OUTCOMES):
            self.refresh_records()
        if event.area is RecordArea.CONTENT and self._workspace is not None:
            workspace = self._workspace  # a sync brought a newer signed directory
            self._run(lambda: directory_for(workspace), self._on_directory_chosen)

    def _run(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self._work.run(work, on_done, self._on_failed)

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, VictimChampionError):
            self._show_error(error.message)
        else:
            self._show_error(message_for(error, UNEXPECTED))

    def search(self) -> None:
        """Match services to what the person said."""
        person = self._page.person()
        district = load_districts().by_id(person.district_id or "")
        labels = {n.id: n.label for n in load_needs()}
        directory = current_directory()
        matches = match_services(
            directory.services, person, labels, district.name if district else ""
        )
        self._page.show_matches(matches, directory)
        self.current_record = None
        self._page.message.setText(
            f"{len(matches)} services fit; tick the ones you talk through."
            if matches
            else "No local service fits all of that; the lines below can help now, and "
            "every sheet carries them."
        )

    def keep(self, then: Callable[[str], None] | None = None) -> None:
        """Keep the anonymous record: district, needs, services given, date."""
        signposting = self._signposting
        if signposting is None:
            return
        person = self._page.person()
        district, needs = person.district_id or "", sorted(person.needs)
        services, reported = self._page.chosen_service_ids(), person.reported
        self._run(
            lambda: signposting.keep(district, needs, services, reported),
            lambda record_id: self._on_kept(record_id, then),
        )

    def _on_kept(self, record_id: str, then: Callable[[str], None] | None) -> None:
        self.current_record = record_id
        if then is not None:  # a referral follows: the form stays until it is made
            then(record_id)
            return
        self._page.clear_conversation()
        self.current_record = None
        self._page.message.setText(
            "Record kept: no name, only what is needed. The form is clear for the next person."
        )

    def print_sheet(self) -> None:
        """The chosen services only, grouped by the person's needs."""
        person = self._page.person()
        district, needs = person.district_id or "", sorted(person.needs)
        chosen = self._page.chosen_service_ids()
        name = self._page.sheet_name.text().strip()
        options = HandoutOptions(
            district,
            self._page.large_print.isChecked(),
            self._page.discreet.isChecked(),
            self._printing.language,
        )
        self._printing.preview_document(
            "Signposting sheet",
            lambda: print_signposting_sheet(district, needs, chosen, name=name, options=options),
            "support-plan.pdf",
            lambda: sheet_web_page_for(district, needs, chosen, name=name, options=options),
        )

    def refer(self) -> None:
        """Consent first; then contact details and the referral."""
        if self._signposting is None:
            return
        if self.current_record is None:
            self.keep(then=lambda _: self._ask_for_referral())
        else:
            self._ask_for_referral()

    def _ask_for_referral(self) -> None:
        services = {s.id: s for s in load_directory()}
        chosen = [services[i] for i in self._page.chosen_service_ids() if i in services]
        dialog = ReferralDialog(chosen, self._quick_exit, self._page.window())
        dialog.accepted.connect(lambda: self._on_referral_accepted(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_referral_accepted(self, dialog: ReferralDialog) -> None:
        signposting, record = self._signposting, self.current_record
        if signposting is None or record is None:
            return
        request = dialog.request()

        def refer() -> bool:  # on a worker: refer, then say whether it can leave yet
            signposting.refer(record, request)
            return signposting.enrolled()

        self._run(refer, self._on_referred)

    def _on_referred(self, enrolled: bool) -> None:
        self._page.clear_conversation()
        self.current_record = None
        self._page.message.setText(
            "Referral made with consent; it goes to Compass House at the next sync."
            if enrolled
            else "Referral kept with consent, but it cannot leave this laptop until the "
            "laptop is enrolled with Compass House (see Sync)."
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
        self.current_record = None
        self._page.clear_conversation()
        self._run(
            lambda: signposting.forget(record_id),
            lambda _: self._page.message.setText(
                "Forgotten on this laptop, with any referral not yet sent; the hub will "
                "erase its copy."
            ),
        )

    def refresh_records(self) -> None:
        """Show the records kept, without names (read on a worker thread)."""
        signposting = self._signposting
        if signposting is None:
            return
        self._run(signposting.recent, self._show_records)

    def _show_records(self, records: list[Any]) -> None:
        if self._signposting is None:
            return
        names = {d.id: d.name for d in load_districts().districts}
        services = {s.id: s.name for s in load_directory()}
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
                    f"{len(record.needs)} needs · {len(record.services)} services"
                    + (f" · referrals: {outcomes}" if outcomes else "")
                    + (" · contact kept with consent" if record.has_contact else ""),
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
