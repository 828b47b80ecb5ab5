"""The Compass Point conversation in the app: match, keep the smallest record, print the
sheet, refer with consent, forget on request, and let go of records after the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from victim_champion.content.directory_loader import load_directory, load_needs
from victim_champion.content.district_loader import load_districts
from victim_champion.core.consent import ConsentPurpose
from victim_champion.core.directory import Service, grouped_by_need
from victim_champion.core.errors import VictimChampionError
from victim_champion.core.signposting import match_services
from victim_champion.store.profile import OpenStore
from victim_champion.store.repositories.signposting_records import SignpostingRecords
from victim_champion.store.syncing.retention import purge_at_unlock
from victim_champion.ui.background_work import BackgroundWork
from victim_champion.ui.controllers.printing_controller import PrintingController
from victim_champion.ui.dialogs.referral_dialog import ReferralDialog
from victim_champion.ui.pages.signposting_page import SignpostingPage

PURGE_EVERY_MS = 60 * 60 * 1000


class CompassPointController(QObject):
    """Connects the signposting page to the matcher, the records and the printer."""

    def __init__(
        self,
        page: SignpostingPage,
        work: BackgroundWork,
        printing: PrintingController,
        quick_exit: Callable[[], None],
        show_error: Callable[[str], None],
    ) -> None:
        super().__init__()
        self._page = page
        self._work = work
        self._printing = printing
        self._quick_exit = quick_exit
        self._show_error = show_error
        self._store: OpenStore | None = None
        self._records: SignpostingRecords | None = None
        self.current_record: str | None = None
        self._purge_timer = QTimer(self)
        self._purge_timer.timeout.connect(self.purge)
        page.search_requested.connect(self.search)
        page.keep_requested.connect(self.keep)
        page.sheet_requested.connect(self.print_sheet)
        page.refer_requested.connect(self.refer)
        page.forget_requested.connect(self.forget)

    def attach(self, store: OpenStore) -> None:
        """Unlocked: show the records, and purge what is past the window (now and hourly)."""
        self._store, self._records = store, SignpostingRecords(store)
        self.refresh_records()
        self.purge()
        self._purge_timer.start(PURGE_EVERY_MS)

    def detach(self) -> None:
        """Locked."""
        self._purge_timer.stop()
        self._store = self._records = None
        self.current_record = None

    def _services(self) -> dict[str, Service]:
        return {s.id: s for s in load_directory()}

    def search(self) -> None:
        """Match services to what the person said."""
        person = self._page.person()
        district = load_districts().by_id(person.district_id or "")
        labels = {n.id: n.label for n in load_needs()}
        matches = match_services(
            load_directory(), person, labels, district.name if district else ""
        )
        self._page.show_matches(matches)
        self.current_record = None
        self._page.message.setText(
            f"{len(matches)} services fit."
            if matches
            else "No service fits all of that; try fewer needs."
        )

    def keep(self) -> None:
        """Keep the anonymous record: district, needs, services given, date."""
        if self._records is None:
            return
        person = self._page.person()
        try:
            self.current_record = self._records.record(
                person.district_id or "",
                sorted(person.needs),
                self._page.chosen_service_ids(),
                person.reported,
            )
        except VictimChampionError as error:
            self._show_error(error.message)
            return
        self._page.message.setText("Record kept: no name, only what is needed.")
        self.refresh_records()

    def print_sheet(self) -> None:
        """The chosen services only, grouped by the person's needs."""
        person = self._page.person()
        chosen = set(self._page.chosen_service_ids())
        services = [s for s in load_directory() if s.id in chosen]
        needs = [n for n in load_needs() if n.id in person.needs] or list(load_needs())
        district = load_districts().by_id(person.district_id or "")
        groups = grouped_by_need(services, needs, person.district_id or "", once=True)
        # reportlab is imported on first print, not at start-up (it costs ~200 ms).
        from victim_champion.documents.signposting_sheet import build_signposting_sheet

        name = self._page.sheet_name.text().strip()
        large, discreet = self._page.large_print.isChecked(), self._page.discreet.isChecked()
        self._printing.preview_document(
            "Signposting sheet",
            lambda: build_signposting_sheet(
                groups,
                district_name=district.name if district else "",
                name=name,
                large_print=large,
                discreet=discreet,
            ),
            "support-plan.pdf",
        )

    def refer(self) -> None:
        """Consent first; then contact details and the referral."""
        if self._records is None:
            return
        if self.current_record is None:
            self.keep()
        services = self._services()
        chosen = [services[i] for i in self._page.chosen_service_ids() if i in services]
        dialog = ReferralDialog(chosen, self._quick_exit, self._page.window())
        dialog.accepted.connect(lambda: self._on_referral_accepted(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_referral_accepted(self, dialog: ReferralDialog) -> None:
        records, record = self._records, self.current_record
        if records is None or record is None:
            return
        try:
            consent = records.give_consent(record, ConsentPurpose.REFERRAL)
            if any(f.text().strip() for f in (dialog.name, dialog.phone, dialog.email)):
                records.add_contact(
                    record, consent.id, dialog.name.text(), dialog.phone.text(), dialog.email.text()
                )
            records.refer(
                record,
                str(dialog.service.currentData()),
                consent.id,
                restorative=dialog.restorative.isChecked(),
            )
        except VictimChampionError as error:
            self._show_error(error.message)
            return
        self._page.message.setText("Referral made with consent; it goes at the next sync.")
        self.refresh_records()

    def forget(self, record_id: str) -> None:
        """Erase the person's record now; the hub is told by a tombstone."""
        if self._records is None:
            return
        self._records.forget(record_id)
        if self.current_record == record_id:
            self.current_record = None
        self._page.message.setText("Forgotten on this laptop; the hub will erase its copy.")
        self.refresh_records()

    def refresh_records(self) -> None:
        """Show the records kept, without names."""
        if self._records is None:
            return
        names = {d.id: d.name for d in load_districts().districts}
        rows = []
        for record in self._records.recent():
            outcomes = ", ".join(f"{s}: {o or 'waiting'}" for s, o in record.referrals)
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
        store = self._store
        if store is None:
            return
        self._work.run(
            lambda: purge_at_unlock(store),
            lambda result: self.refresh_records() if result.records else None,
            lambda error: None,
        )  # a failed purge is tried again in an hour
