"""What the first unlock builds behind the passphrase: the settings, the printing, every
registered page with its controller, the draft offer and Ctrl+K.

Imported on first unlock, not at start-up (the warm-up loads it while the unlock screen
waits: ui/work_area_registry.py names it). The pages themselves come from the registry,
which the shell cannot import (the registry imports the controllers), so app.py hands its
``build_controllers`` in as ``BuildPages``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6 import QtCore
from PySide6.QtGui import QKeySequence, QShortcut

from victim_champion.ui.controllers.draft_offer import DraftOffer
from victim_champion.ui.controllers.page_context import PageController, SharedParts
from victim_champion.ui.controllers.printing_controller import PrintingController
from victim_champion.ui.controllers.settings_controller import SettingsController
from victim_champion.ui.dialogs.quick_reference_dialog import SHORTCUT, QuickReferenceDialog
from victim_champion.ui.screens.kiosk_screen import KioskScreen

if TYPE_CHECKING:
    from victim_champion.operations.workspace import ProfileGate, Workspace
    from victim_champion.ui.background_work import BackgroundWork
    from victim_champion.ui.controllers.compass_point_controller import CompassPointController
    from victim_champion.ui.controllers.held_workspace import HeldWorkspace
    from victim_champion.ui.controllers.sync_controller import SyncController
    from victim_champion.ui.controllers.training_controller import TrainingController
    from victim_champion.ui.event_bridge import EventBridge
    from victim_champion.ui.guards.idle_watcher import IdleWatcher
    from victim_champion.ui.shell_window import ShellWindow


class PageControllers(Protocol):
    """The registry's typed controllers, as far as the shell uses them by name
    (ui/work_area_registry.Controllers has one attribute per page)."""

    @property
    def sessions(self) -> TrainingController: ...

    @property
    def sync(self) -> SyncController: ...

    @property
    def signposting(self) -> CompassPointController: ...

    def all(self) -> Sequence[tuple[str, PageController]]: ...


BuildPages = Callable[["ShellWindow", SharedParts], PageControllers]


@dataclass(frozen=True)
class ShellParts:
    """What the shell lends the work area."""

    gate: ProfileGate
    work: BackgroundWork
    events: EventBridge
    idle: IdleWatcher
    quick_exit: Callable[[], None]
    show_error: Callable[[str], None]


class WorkArea:
    """The parts behind the passphrase, built once, on first unlock."""

    def __init__(
        self,
        window: ShellWindow,
        build_pages: BuildPages,
        held: HeldWorkspace,
        shell: ShellParts,
    ) -> None:
        self._window = window
        self._held = held
        self._quick_exit = shell.quick_exit
        window.build_work_area(KioskScreen(language=window.language))
        # Before the pages' controllers, as when the shell itself held the settings: its
        # handler of a finished sync runs first.
        self.settings = SettingsController(
            window,
            shell.gate,
            shell.work,
            shell.events,
            held,
            shell.idle,
            shell.quick_exit,
            shell.show_error,
        )
        self.printing = PrintingController(
            shell.work, window, shell.quick_exit, shell.show_error, language=window.language
        )
        shared = SharedParts(
            shell.work, shell.events, shell.gate, self.printing, shell.quick_exit, shell.show_error
        )
        self.pages = build_pages(window, shared)
        self.drafts = DraftOffer(
            window, shell.work, self.pages.signposting, shell.show_error, shell.quick_exit
        )
        self._reference_shortcut = QShortcut(QKeySequence(SHORTCUT), window)
        self._reference_shortcut.setContext(QtCore.Qt.ShortcutContext.ApplicationShortcut)
        self._reference_shortcut.activated.connect(self.open_quick_reference)
        window.navigation.currentRowChanged.connect(self.on_navigation_changed)

    def attach(self, workspace: Workspace) -> None:
        """Unlocked: every page's controller loads, and an interrupted conversation is
        offered back."""
        for _name, controller in self.pages.all():
            controller.attach(workspace)
        self.drafts.attach(workspace)
        self.on_navigation_changed(self._window.navigation.currentRow())

    def detach(self) -> None:
        """Locked: every page's controller forgets the workspace."""
        for _name, controller in self.pages.all():
            controller.detach()
        self.drafts.detach()

    def on_navigation_changed(self, _row: int) -> None:
        """Tell each page's controller whether its page is the one on screen."""
        current = self._window.current_page()
        for name, controller in self.pages.all():
            controller.shown(self._window.registered[name] is current)

    def open_quick_reference(self) -> None:
        """Ctrl+K: the rights and services, while talking with someone."""
        if self._held.workspace is not None:
            QuickReferenceDialog(self._quick_exit, self._window).open()
