"""What every work-area page and its controller offer the shell, and what a controller is
built with.

Here, not in ui/work_area_registry.py: the registry imports the controllers, so the
controllers import these from below it (the import-linter contract forbids cycles).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from victim_champion.operations.workspace import ProfileGate, Workspace
    from victim_champion.ui.background_work import BackgroundWork
    from victim_champion.ui.controllers.printing_controller import PrintingController
    from victim_champion.ui.event_bridge import EventBridge
    from victim_champion.ui.shell_window import ShellWindow

P = TypeVar("P", bound=QWidget)


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


@dataclass(frozen=True)
class SharedParts:
    """What the shell gives every page's controller alike."""

    work: BackgroundWork
    events: EventBridge
    gate: ProfileGate
    printing: PrintingController  # shared by every page that prints
    quick_exit: Callable[[], None]
    show_error: Callable[[str], None]


@dataclass(frozen=True)
class PageContext(Generic[P]):
    """What a controller is built with: the window, its own page (typed), and the shared
    parts."""

    window: ShellWindow
    page: P
    shared: SharedParts

    @property
    def work(self) -> BackgroundWork:
        return self.shared.work

    @property
    def events(self) -> EventBridge:
        return self.shared.events

    @property
    def gate(self) -> ProfileGate:
        return self.shared.gate

    @property
    def printing(self) -> PrintingController:
        return self.shared.printing

    @property
    def quick_exit(self) -> Callable[[], None]:
        return self.shared.quick_exit

    @property
    def show_error(self) -> Callable[[str], None]:
        return self.shared.show_error
