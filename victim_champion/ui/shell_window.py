"""The one main window: a header with Lock and Quick exit, and a stack of screens.

It shows what the controller tells it to and forwards what the person asks for; the
decisions (unlock, lock, quick exit) live in ShellController.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from victim_champion.operations.languages import DEFAULT_LANGUAGE
from victim_champion.ui.screens.decoy_screen import DECOY_TITLE, DecoyScreen
from victim_champion.ui.screens.first_run_screen import FirstRunScreen
from victim_champion.ui.screens.safety_screen import SafetyScreen
from victim_champion.ui.screens.unlock_screen import UnlockScreen
from victim_champion.ui.widgets.form_widgets import button, label
from victim_champion.ui.widgets.neutral_icon import app_icon, neutral_icon

if TYPE_CHECKING:
    from victim_champion.ui.pages.audit_page import AuditPage
    from victim_champion.ui.pages.handouts_page import HandoutsPage
    from victim_champion.ui.pages.reports_page import ReportsPage
    from victim_champion.ui.pages.sessions_page import SessionsPage
    from victim_champion.ui.pages.signposting_page import SignpostingPage
    from victim_champion.ui.pages.sync_page import SyncPage
    from victim_champion.ui.screens.kiosk_screen import KioskScreen

APP_TITLE = "Victim Champion"


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open at ``width`` x ``height``, or smaller so that the whole window (its title bar
    too) sits inside the screen's free area: a 1280x720 laptop keeps every button."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    free = screen.availableGeometry()
    window.resize(min(width, free.width() - 16), min(height, free.height() - 40))
    window.move(free.x() + max(0, (free.width() - window.width()) // 2), free.y())


SMALL_SCREEN = (1440, 860)  # at or below this free area the window opens maximised


def show_for_this_screen(window: QWidget) -> None:
    """Show the window maximised on a small laptop (1280x720, 1366x768), where every
    pixel is needed for the tables; at its own size on a larger screen."""
    screen = QGuiApplication.primaryScreen()
    free = screen.availableGeometry() if screen is not None else None
    if free is not None and (free.width() <= SMALL_SCREEN[0] or free.height() <= SMALL_SCREEN[1]):
        window.showMaximized()
    else:
        window.show()


class ShellWindow(QMainWindow):
    """Header plus screens: first run, safety, unlock, the main work area, and the decoy."""

    # Set from the registry by build_work_area; declared for typed access only.
    sessions: SessionsPage
    handouts: HandoutsPage
    sync: SyncPage
    signposting: SignpostingPage
    reports: ReportsPage
    audit: AuditPage
    kiosk: KioskScreen

    def __init__(
        self, demo_passphrase: str | None = None, language: str = DEFAULT_LANGUAGE
    ) -> None:
        super().__init__()
        # The kiosk's language, and what the printing controller prints in (app.py
        # chooses it from VC_LANGUAGE).
        self.language = language
        self.setWindowTitle(APP_TITLE)
        self._app_icon = app_icon()
        self._neutral_icon = neutral_icon()
        self.setWindowIcon(self._app_icon)
        fit_to_screen(self, 1100, 720)

        root = QWidget()
        column = QVBoxLayout(root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.header = QFrame()
        self.header.setProperty("role", "header")
        bar = QHBoxLayout(self.header)
        bar.setContentsMargins(16, 8, 16, 8)
        title = label(APP_TITLE + (": demo profile" if demo_passphrase else ""))
        title.setWordWrap(False)
        bar.addWidget(title)
        bar.addStretch(1)
        self.settings_button = button("Settings", "Settings", role="header")
        self.lock_button = button(
            "Lock",
            "Lock now",
            role="header",
            tooltip="Lock the records; your passphrase opens them again",
        )
        self.quick_exit_button = button(
            "Quick exit",
            "Quick exit",
            role="exit",
            tooltip="Hide everything now (Esc, or Shift three times)",
        )
        for each in (self.settings_button, self.lock_button, self.quick_exit_button):
            bar.addWidget(each)
        column.addWidget(self.header)

        self.stack = QStackedWidget()
        self.first_run = FirstRunScreen()
        self.safety = SafetyScreen()
        self.unlock = UnlockScreen(demo_passphrase)
        self.work_area = QWidget()
        self.decoy = DecoyScreen()
        for screen in (self.first_run, self.safety, self.unlock, self.work_area, self.decoy):
            self.stack.addWidget(screen)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(root)
        self._set_unlocked_controls(False)
        self.built = False

    def build_work_area(self, kiosk: KioskScreen) -> None:
        """Make room for the pages behind the passphrase, once, on first unlock; the
        registry (ui/work_area_registry.py) then adds each page with ``add_page``.

        Deferred so the unlock screen appears quickly: these pages are most of the widgets.
        """
        if self.built:
            return
        # Imported here, not at start-up (ui/warm_up.py loads them while the unlock screen
        # waits): the unlock screen appears sooner without them. Even a Qt class costs:
        # PySide builds its enums on first use (QListWidget's views, 16 of them).
        from PySide6.QtWidgets import QListWidget

        self.built = True
        self.navigation = QListWidget()
        self.navigation.setAccessibleName("Sections")
        self.navigation.setMaximumWidth(200)
        self.navigation.setSpacing(4)
        self.pages = QStackedWidget()
        self._page_of: dict[QWidget, QWidget] = {}  # holder -> page
        # Every registered page has clear(): the quick exit empties each one.
        self.registered: dict[str, QWidget] = {}
        area = QHBoxLayout(self.work_area)
        area.setContentsMargins(0, 0, 0, 0)
        area.addWidget(self.navigation)
        area.addWidget(self.pages, 1)
        self.kiosk = kiosk
        self.stack.addWidget(self.kiosk)

    def add_page(self, title: str, name: str, page: QWidget) -> None:
        """A registered page, in the navigation under ``title``, kept as ``name``."""
        self.registered[name] = page
        setattr(self, name, page)
        self._add_page(title, page)

    def show_first_page(self) -> None:
        """Every page is added: the navigation now moves between them."""
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setCurrentRow(0)

    def _add_page(self, title: str, page: QWidget) -> None:
        # Each page scrolls, so a 720-pixel laptop screen never hides a control; a page's
        # ``footer`` (its main actions) stays below the scrolling part, always in view.
        from PySide6.QtWidgets import QScrollArea  # with the pages (build_work_area)

        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(page)
        scroller.setAccessibleName(f"{title} page")
        # Not a stop of its own on Tab: it would be heard as a nameless "filler". Focus
        # goes to the page's controls, and the page scrolls to whichever has it.
        scroller.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        holder: QWidget = scroller
        footer = getattr(page, "footer", None)
        if isinstance(footer, QWidget):
            holder = QWidget()
            stacked = QVBoxLayout(holder)
            stacked.setContentsMargins(0, 0, 0, 0)
            stacked.setSpacing(0)
            stacked.addWidget(scroller, 1)
            stacked.addWidget(footer)
        self._page_of[holder] = page
        self.navigation.addItem(title)
        self.pages.addWidget(holder)

    def current_page(self) -> QWidget | None:
        """The page on show (inside its scroll area)."""
        holder = self.pages.currentWidget()
        return None if holder is None else self._page_of.get(holder, holder)

    def _set_unlocked_controls(self, unlocked: bool) -> None:
        self.settings_button.setVisible(unlocked)
        self.lock_button.setVisible(unlocked)

    def _show(self, screen: QWidget, *, unlocked: bool = False) -> None:
        self.header.show()
        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(self._app_icon)
        self._set_unlocked_controls(unlocked)
        self.stack.setCurrentWidget(screen)

    def show_first_run(self) -> None:
        """The create-profile screen."""
        self._show(self.first_run)
        self.first_run.focus_passphrase()

    def show_safety(self) -> None:
        """The quick-exit explanation."""
        self._show(self.safety)
        self.safety.continue_button.setFocus()

    def show_unlock(self) -> None:
        """The passphrase screen."""
        self.unlock.reset()
        self._show(self.unlock)
        self.unlock.focus_passphrase()

    def show_work_area(self) -> None:
        """The records, after unlocking."""
        self._show(self.work_area, unlocked=True)
        self.navigation.setFocus()

    def show_kiosk(self) -> None:
        """Attendees' mode: only the Quick exit stays in the header."""
        self._show(self.kiosk)

    def show_decoy(self) -> None:
        """Cover everything with the neutral notes page and paint it now, not later."""
        self.header.hide()
        self.decoy.reset()
        self.stack.setCurrentWidget(self.decoy)
        self.setWindowTitle(DECOY_TITLE)
        self.setWindowIcon(self._neutral_icon)
        self.decoy.page.setFocus()
        self.repaint()  # synchronous: the decoy is on screen before this returns

    @property
    def showing_decoy(self) -> bool:
        """True while the decoy covers the window."""
        return self.stack.currentWidget() is self.decoy

    def clear_personal_data(self) -> None:
        """Empty every model and field that could hold a name or a passphrase."""
        if self.built:
            for page in self.registered.values():
                page.clear()  # type: ignore[attr-defined]
            self.kiosk.clear()
        self.unlock.passphrase.clear()
        self.first_run.passphrase.clear()
        self.first_run.confirmation.clear()
