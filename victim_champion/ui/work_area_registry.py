"""The pages of the work area, registered once: title, page and the controller behind it.

The shell builds the navigation and the pages from this list; lock, the quick exit and
warm-up walk it. Adding a page means adding one line here (plus its page and controller
modules): nothing else keeps a list of pages, above all not the safety-critical clearing
of personal data, which calls every page's ``clear``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from victim_champion.operations.workspace import ProfileGate, Workspace
    from victim_champion.ui.background_work import BackgroundWork
    from victim_champion.ui.event_bridge import EventBridge


class Page(Protocol):
    """What every registered page offers the shell."""

    def clear(self) -> None:
        """Forget every record and field that could hold personal data."""


class PageController(Protocol):
    """What every registered controller offers the shell."""

    def attach(self, workspace: Workspace) -> None:
        """The profile was unlocked: load what the page shows (off the GUI thread)."""

    def detach(self) -> None:
        """The profile was locked: forget the workspace and stop timers."""

    def shown(self, visible: bool) -> None:
        """The page came on screen (or left it)."""


@dataclass
class PageContext:
    """What a controller is built with; the same for every page."""

    window: Any  # the ShellWindow (not imported: it builds its pages from this registry)
    page: Any
    work: BackgroundWork
    events: EventBridge
    gate: ProfileGate
    printing: Any  # the PrintingController, shared by every page that prints
    quick_exit: Callable[[], None]
    show_error: Callable[[str], None]


@dataclass(frozen=True)
class PageEntry:
    """One page of the work area: its navigation title, where the shell keeps it, and the
    page and controller classes as "module:Class" (imported only when first needed)."""

    title: str
    name: str
    page: str
    controller: str

    def page_class(self) -> type[QWidget]:
        """The page's class (imports its module)."""
        return _load(self.page)

    def controller_class(self) -> Callable[[PageContext], PageController]:
        """The controller's class (imports its module)."""
        return _load(self.controller)

    @property
    def modules(self) -> tuple[str, str]:
        """The modules to warm up while the unlock screen waits."""
        return self.page.split(":")[0], self.controller.split(":")[0]


def _load(path: str) -> Any:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


_UI = "victim_champion.ui"

PAGES: tuple[PageEntry, ...] = (
    PageEntry(
        "Sessions",
        "sessions",
        f"{_UI}.pages.sessions_page:SessionsPage",
        f"{_UI}.controllers.training_controller:TrainingController",
    ),
    PageEntry(
        "Handouts",
        "handouts",
        f"{_UI}.pages.handouts_page:HandoutsPage",
        f"{_UI}.controllers.handouts_controller:HandoutsController",
    ),
    PageEntry(
        "Sync",
        "sync",
        f"{_UI}.pages.sync_page:SyncPage",
        f"{_UI}.controllers.sync_controller:SyncController",
    ),
    PageEntry(
        "Signposting",
        "signposting",
        f"{_UI}.pages.signposting_page:SignpostingPage",
        f"{_UI}.controllers.compass_point_controller:CompassPointController",
    ),
    PageEntry(
        "Reports",
        "reports",
        f"{_UI}.pages.reports_page:ReportsPage",
        f"{_UI}.controllers.reports_controller:ReportsController",
    ),
    PageEntry(
        "Audit log",
        "audit",
        f"{_UI}.pages.audit_page:AuditPage",
        f"{_UI}.controllers.audit_controller:AuditController",
    ),
)
