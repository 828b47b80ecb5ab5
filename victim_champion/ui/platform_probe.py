"""Starts Qt's platform plugin and reports it; run in a child process by self-test.

A missing display makes Qt abort the whole process, so self-test runs this in a child
and reports a failed line instead of dying.
"""

from __future__ import annotations

import sys


def probe() -> str:
    """Create the QGuiApplication and return the name of the platform plugin it loaded."""
    from PySide6.QtGui import QGuiApplication

    existing = QGuiApplication.instance()
    app = existing if isinstance(existing, QGuiApplication) else QGuiApplication(sys.argv[:1])
    screen = app.primaryScreen()
    size = screen.size() if screen else None
    geometry = f", screen {size.width()}x{size.height()}" if size else ""
    return f"platform plugin '{app.platformName()}'{geometry}"
