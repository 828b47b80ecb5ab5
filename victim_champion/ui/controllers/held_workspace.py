"""The unlocked workspace, held in one place for the shell's controllers."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from victim_champion.operations.workspace import Workspace


class HeldWorkspace:
    """The unlock controller puts the opened workspace here; the lock controller takes it
    out and closes it; the settings and the work area only read it."""

    def __init__(self) -> None:
        self.workspace: Workspace | None = None

    def take(self) -> Workspace | None:
        """Let go of the workspace (to close it): nothing reads it after this."""
        workspace, self.workspace = self.workspace, None
        return workspace
