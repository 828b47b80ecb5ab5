"""The pages of the work area, registered once: title, page and the controller behind it.

The shell builds the navigation, the pages and their controllers from this file, on first
unlock; lock, the quick exit and the warm-up walk it. Adding a page means one entry here
(its two loaders, a line in ``PAGES``, a typed attribute on ``Controllers`` and a line in
``build_controllers``) plus its page and controller modules: nothing else keeps a list of
pages, above all not the safety-critical clearing of personal data, which calls every
page's ``clear``.

Each page's and controller's module is imported only when first needed (by the warm-up
while the unlock screen waits, or by the first unlock), so the unlock screen is painted
sooner. The loaders are typed functions, not "module:Class" strings: mypy checks that a
page's controller is built with that page, and the shell gets each controller typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtWidgets import QWidget

from victim_champion.ui.controllers.page_context import (
    PageContext,
    PageController,
    SharedParts,
)

if TYPE_CHECKING:
    from victim_champion.ui.controllers.audit_controller import AuditController
    from victim_champion.ui.controllers.compass_point_controller import CompassPointController
    from victim_champion.ui.controllers.handouts_controller import HandoutsController
    from victim_champion.ui.controllers.reports_controller import ReportsController
    from victim_champion.ui.controllers.sync_controller import SyncController
    from victim_champion.ui.controllers.training_controller import TrainingController
    from victim_champion.ui.controllers.work_area import WorkArea
    from victim_champion.ui.pages.audit_page import AuditPage
    from victim_champion.ui.pages.handouts_page import HandoutsPage
    from victim_champion.ui.pages.reports_page import ReportsPage
    from victim_champion.ui.pages.sessions_page import SessionsPage
    from victim_champion.ui.pages.signposting_page import SignpostingPage
    from victim_champion.ui.pages.sync_page import SyncPage
    from victim_champion.ui.shell_window import ShellWindow

P = TypeVar("P", bound=QWidget)
C = TypeVar("C", bound=PageController)


@dataclass(frozen=True)
class PageEntry(Generic[P, C]):
    """One page of the work area: its navigation title, its name (where the window and
    ``Controllers`` keep it), and typed loaders for its page and controller classes (each
    imports its module when called)."""

    title: str
    name: str
    page: Callable[[], type[P]]
    controller: Callable[[], Callable[[PageContext[P]], C]]

    @property
    def loaders(self) -> tuple[Callable[[], object], ...]:
        """What the warm-up calls, one per turn of the event loop."""
        return (self.page, self.controller)

    def build(self, window: ShellWindow, shared: SharedParts) -> C:
        """Make the page, add it to the window's navigation, and make its controller."""
        page = self.page()()
        window.add_page(self.title, self.name, page)
        return self.controller()(PageContext(window, page, shared))


def _sessions_page() -> type[SessionsPage]:
    from victim_champion.ui.pages.sessions_page import SessionsPage

    return SessionsPage


def _training() -> type[TrainingController]:
    from victim_champion.ui.controllers.training_controller import TrainingController

    return TrainingController


def _handouts_page() -> type[HandoutsPage]:
    from victim_champion.ui.pages.handouts_page import HandoutsPage

    return HandoutsPage


def _handouts() -> type[HandoutsController]:
    from victim_champion.ui.controllers.handouts_controller import HandoutsController

    return HandoutsController


def _sync_page() -> type[SyncPage]:
    from victim_champion.ui.pages.sync_page import SyncPage

    return SyncPage


def _sync() -> type[SyncController]:
    from victim_champion.ui.controllers.sync_controller import SyncController

    return SyncController


def _signposting_page() -> type[SignpostingPage]:
    from victim_champion.ui.pages.signposting_page import SignpostingPage

    return SignpostingPage


def _compass_point() -> type[CompassPointController]:
    from victim_champion.ui.controllers.compass_point_controller import CompassPointController

    return CompassPointController


def _reports_page() -> type[ReportsPage]:
    from victim_champion.ui.pages.reports_page import ReportsPage

    return ReportsPage


def _reports() -> type[ReportsController]:
    from victim_champion.ui.controllers.reports_controller import ReportsController

    return ReportsController


def _audit_page() -> type[AuditPage]:
    from victim_champion.ui.pages.audit_page import AuditPage

    return AuditPage


def _audit() -> type[AuditController]:
    from victim_champion.ui.controllers.audit_controller import AuditController

    return AuditController


SESSIONS = PageEntry("Sessions", "sessions", _sessions_page, _training)
HANDOUTS = PageEntry("Handouts", "handouts", _handouts_page, _handouts)
SYNC = PageEntry("Sync", "sync", _sync_page, _sync)
SIGNPOSTING = PageEntry("Signposting", "signposting", _signposting_page, _compass_point)
REPORTS = PageEntry("Reports", "reports", _reports_page, _reports)
AUDIT = PageEntry("Audit log", "audit", _audit_page, _audit)

# In navigation order.
PAGES: tuple[PageEntry[Any, Any], ...] = (
    SESSIONS,
    HANDOUTS,
    SYNC,
    SIGNPOSTING,
    REPORTS,
    AUDIT,
)


def _work_area() -> type[WorkArea]:
    """The shell's own parts behind the passphrase (settings, printing, the draft offer,
    Ctrl+K and the kiosk), which the first unlock builds around the pages."""
    from victim_champion.ui.controllers.work_area import WorkArea

    return WorkArea


def warm_up_loaders() -> tuple[Callable[[], object], ...]:
    """Everything the first unlock loads, for ui/warm_up.py: the shell's work area, then
    each registered page and its controller."""
    return (_work_area, *(loader for entry in PAGES for loader in entry.loaders))


@dataclass(frozen=True)
class Controllers:
    """The registered pages' controllers, one typed attribute each, in ``PAGES`` order."""

    sessions: TrainingController
    handouts: HandoutsController
    sync: SyncController
    signposting: CompassPointController
    reports: ReportsController
    audit: AuditController

    def __post_init__(self) -> None:
        names = [each.name for each in fields(self)]
        if names != [entry.name for entry in PAGES]:  # a page added to one and not the other
            raise TypeError(f"Controllers {names} do not match the registered pages")

    def all(self) -> tuple[tuple[str, PageController], ...]:
        """Each page's name and controller, in navigation order."""
        return tuple((each.name, getattr(self, each.name)) for each in fields(self))


def build_controllers(window: ShellWindow, shared: SharedParts) -> Controllers:
    """Build every registered page into ``window``, and its controller (on first unlock)."""
    controllers = Controllers(
        sessions=SESSIONS.build(window, shared),
        handouts=HANDOUTS.build(window, shared),
        sync=SYNC.build(window, shared),
        signposting=SIGNPOSTING.build(window, shared),
        reports=REPORTS.build(window, shared),
        audit=AUDIT.build(window, shared),
    )
    window.show_first_page()
    return controllers
