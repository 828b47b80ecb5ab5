"""The Audit log page: read the newest events off the GUI thread when it is on screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from victim_champion.core.audit import AuditEvent
from victim_champion.core.errors import message_for
from victim_champion.operations.profile_admin import audit_events
from victim_champion.operations.workspace import Workspace
from victim_champion.ui.controllers.page_context import PageContext

if TYPE_CHECKING:
    from victim_champion.ui.pages.audit_page import AuditPage

UNEXPECTED = "The audit log could not be read; try again, or restart the app."


class AuditController(QObject):
    """Loads the audit log into its page when shown or refreshed."""

    def __init__(self, context: PageContext[AuditPage]) -> None:
        super().__init__()
        self._context = context
        self._page = context.page
        self._workspace: Workspace | None = None
        self._visible = False
        self._page.refresh_button.clicked.connect(self.refresh)

    def attach(self, workspace: Workspace) -> None:
        """Unlocked: read the log when the page is next on screen."""
        self._workspace = workspace
        if self._visible:
            self.refresh()

    def detach(self) -> None:
        """Locked: forget the workspace (the shell clears the page)."""
        self._workspace = None

    def shown(self, visible: bool) -> None:
        """The page came on screen: read the newest events."""
        self._visible = visible
        if visible:
            self.refresh()

    def refresh(self) -> None:
        """Read the newest events on a worker thread and show them."""
        workspace = self._workspace
        if workspace is None:
            return
        self._context.work.run(
            lambda: audit_events(workspace),
            self._on_read,
            lambda error: self._context.show_error(message_for(error, UNEXPECTED)),
        )

    def _on_read(self, events: list[AuditEvent]) -> None:
        if self._workspace is not None:
            self._page.show_events(events)
