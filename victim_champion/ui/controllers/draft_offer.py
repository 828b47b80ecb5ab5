"""An interrupted conversation: kept as a draft when the data is locked, offered back after
unlock on the page it came from.

The shell asks for ``capture`` after the decoy (or before the unlock screen) and before
the pages are cleared, and hands the draft to ``keep`` just before the store is closed:
the old process writes it, the fresh process it hands over to never sees it. After
unlock, ``attach`` reads only whether a live draft waits (an expired one is deleted
then), and the bar on the Compass Point page offers it: "Bring it back" takes it from the
store and puts it back on the page; "Discard" deletes it. Nothing of it is on screen
before unlock, nor on the decoy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from victim_champion.core.clock import Clock, utc_now
from victim_champion.core.errors import message_for
from victim_champion.operations.conversation_draft import (
    SIGNPOSTING_SCREEN,
    WaitingDraft,
    discard_draft,
    keep_draft_within,
    take_draft,
    waiting_draft,
)
from victim_champion.operations.workspace import Workspace
from victim_champion.ui.background_work import BackgroundWork
from victim_champion.ui.dialogs.message_dialog import ConfirmDialog
from victim_champion.ui.pages import signposting_draft
from victim_champion.ui.widgets.draft_offer_bar import DraftOfferBar
from victim_champion.ui.widgets.form_state import State

if TYPE_CHECKING:
    from victim_champion.ui.controllers.compass_point_controller import CompassPointController
    from victim_champion.ui.shell_window import ShellWindow

EXPIRED = "That conversation was interrupted more than 30 minutes ago, so it was deleted."
UNREADABLE = "The interrupted conversation could not be read; it may have to be asked again."
DIALOG_WAIT_MS, DIALOG_TRIES = 50, 60  # the referral dialog can open after a record is kept


class DraftOffer(QObject):
    """Keeps the open Compass Point conversation at a lock and offers it back at unlock."""

    def __init__(
        self,
        window: ShellWindow,
        work: BackgroundWork,
        desk: CompassPointController,
        show_error: Callable[[str], None],
        quick_exit: Callable[[], None],
    ) -> None:
        super().__init__()
        self.clock: Clock = utc_now  # wall-clock UTC: a draft outlives the process
        self._window = window
        self._work = work
        self._desk = desk
        self._show_error = show_error
        self._quick_exit = quick_exit
        self._workspace: Workspace | None = None
        self._blank: State | None = None
        self.bar: DraftOfferBar | None = None
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self.discard)

    def _page(self) -> QWidget | None:
        if not self._window.built:
            return None
        page = self._window.registered.get(SIGNPOSTING_SCREEN)
        return page if isinstance(page, QWidget) else None

    def _controller(self) -> object | None:
        return self._desk

    # ------------------------------------------------------------------ locking

    def capture(self, open_windows: Iterable[QWidget]) -> dict[str, Any] | None:
        """The conversation on the page and in an open referral dialog among
        ``open_windows``, as plain values; None if there is none (or nothing is unlocked).
        It runs inside the lock: whatever goes wrong here, the draft is lost, not the lock."""
        try:
            return self._capture(open_windows)
        except Exception:  # never logged: it could only say what was typed
            return None

    def _capture(self, open_windows: Iterable[QWidget]) -> dict[str, Any] | None:
        page = self._page()
        if page is None or self._workspace is None or self._blank is None:
            return None
        controller = self._controller()
        record = getattr(controller, "current_record", None)
        is_kept = getattr(controller, "is_kept", None)
        return signposting_draft.capture(
            page,
            self._blank,
            record=record if isinstance(record, str) else None,
            kept=bool(is_kept()) if callable(is_kept) else False,
            open_windows=open_windows,
        )

    def keep(self, workspace: Workspace, draft: Mapping[str, Any]) -> bool:
        """Write the draft before the store closes, waiting a moment at most (a store that
        does not answer in time loses the draft, never the lock)."""
        try:
            return keep_draft_within(workspace, draft, clock=self.clock)
        except Exception:  # no thread to write it with: the draft is lost
            return False

    def detach(self) -> None:
        """Locked: the offer goes from the page (the draft stays in the store)."""
        self._workspace = None
        self._blank = None
        self._withdraw()

    # ------------------------------------------------------------------ unlocking

    def attach(self, workspace: Workspace) -> None:
        """Unlocked: note the page's blank state, and look for a live draft off the GUI
        thread (an expired one is deleted there, never offered)."""
        self._workspace = workspace
        page = self._page()
        try:  # a page that cannot be read keeps no draft this time; unlocking goes on
            self._blank = signposting_draft.blank_state(page) if page is not None else None
        except Exception:
            self._blank = None
        clock = self.clock
        self._work.run(lambda: waiting_draft(workspace, clock), self._offer, lambda _: None)

    def _offer(self, waiting: WaitingDraft | None) -> None:
        page = self._page()
        if waiting is None or self._workspace is None or page is None:
            return
        self._show_page(waiting.screen)
        bar = self._bar_on(page)
        now = self.clock()
        bar.offer(waiting.minutes_ago(now))
        self._expiry.start(max(1, int(waiting.expires_in(now).total_seconds() * 1000)))

    def _bar_on(self, page: QWidget) -> DraftOfferBar:
        if self.bar is None:
            # In the page's footer, which the shell keeps in view, above its status line;
            # else at the top of a page laid out in a column.
            footer = getattr(page, "footer", None)
            holder = footer if isinstance(footer, QWidget) else page
            layout = holder.layout()
            if not isinstance(layout, QVBoxLayout):
                holder, layout = page, page.layout()
            self.bar = DraftOfferBar(holder)
            if isinstance(layout, QVBoxLayout):
                layout.insertWidget(0, self.bar)
            elif layout is not None:
                layout.addWidget(self.bar)
            self.bar.bring_back_requested.connect(self.bring_back)
            self.bar.discard_requested.connect(self.discard)
        return self.bar

    def _show_page(self, screen: str) -> None:
        names = list(self._window.registered)
        if screen in names:
            self._window.navigation.setCurrentRow(names.index(screen))

    def _withdraw(self) -> None:
        self._expiry.stop()
        if self.bar is not None:
            self.bar.withdraw()

    @property
    def offered(self) -> bool:
        """True while the bar offers a draft."""
        return self.bar is not None and self.bar.isVisible()

    # ------------------------------------------------------------------ the worker's answer

    def bring_back(self) -> None:
        """Take the draft from the store (deleting it) and put it back on the page; if a
        new conversation is on the page already, ask first (it would be replaced)."""
        page = self._page()
        if self._workspace is None or page is None:
            return
        if self._blank is not None and signposting_draft.capture(page, self._blank):
            dialog = ConfirmDialog(
                "Replace what is on screen?",
                "Bringing the interrupted conversation back replaces the one on the page now.",
                "Bring it back",
                self._quick_exit,
                page.window(),
            )
            dialog.accepted.connect(self._take)
            dialog.open()
            return
        self._take()

    def _take(self) -> None:
        workspace = self._workspace
        if workspace is None:
            return
        self._withdraw()
        clock = self.clock
        self._work.run(lambda: take_draft(workspace, clock), self._restore, self._failed)

    def discard(self) -> None:
        """Delete the draft (the worker's choice, or its 30 minutes are up)."""
        workspace = self._workspace
        if workspace is None:
            return
        self._withdraw()
        self._work.run(lambda: discard_draft(workspace), lambda _: None, self._failed)

    def _failed(self, error: BaseException) -> None:
        self._show_error(message_for(error, UNREADABLE))

    def _restore(self, draft: dict[str, Any] | None) -> None:
        page, controller = self._page(), self._controller()
        if self._workspace is None or page is None:
            return
        if draft is None:
            self._show_error(EXPIRED)
            return
        self._show_page(SIGNPOSTING_SCREEN)
        search = getattr(controller, "search", None)
        signposting_draft.restore(page, draft, search if callable(search) else None)
        self._restore_record(controller, page, draft)
        answers = signposting_draft.referral_answers(draft)
        flow = getattr(controller, "referrals", controller)  # ReferralFlow, or the desk
        refer = getattr(flow, "refer", None)
        if answers is not None and callable(refer):
            refer()  # opens the referral dialog again, as the Refer button does
            self._fill_referral(answers, DIALOG_TRIES)

    @staticmethod
    def _restore_record(controller: object, page: QWidget, draft: Mapping[str, Any]) -> None:
        """The record kept before the exit stays this conversation's record (no second
        one), marked kept if nothing had changed since it was kept."""
        record = signposting_draft.recorded(draft)
        kept, snapshot = getattr(controller, "kept", None), getattr(page, "snapshot", None)
        if record is None:
            return
        if draft.get("kept") is True and callable(kept) and callable(snapshot):
            kept(record, snapshot())
        elif hasattr(controller, "current_record"):
            controller.current_record = record

    def _fill_referral(self, answers: Mapping[str, Any], tries: int) -> None:
        if self._workspace is None:
            return  # locked meanwhile: the answers are not put anywhere
        shown = (w for w in QApplication.topLevelWidgets() if w.isVisible())
        dialog = signposting_draft.open_referral(shown)
        if dialog is not None:
            signposting_draft.restore_referral(dialog, answers)
        elif tries > 0:
            QTimer.singleShot(DIALOG_WAIT_MS, lambda: self._fill_referral(answers, tries - 1))
