"""Starts Qt's platform plugin and reports it; run in a child process by self-test.

A missing display makes Qt abort the whole process, so self-test runs this in a child
and reports a failed line instead of dying.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence

# Qt modules the app imports inside functions, so a bundle that left one out would only
# fail when that code first runs (QtNetwork at the first unlock, QtDBus on Linux).
LAZY_QT_MODULES = ("PySide6.QtNetwork",) + (
    ("PySide6.QtDBus",) if sys.platform.startswith("linux") else ()
)


def probe() -> str:
    """Create the QGuiApplication and return the name of the platform plugin it loaded."""
    from PySide6.QtGui import QGuiApplication

    existing = QGuiApplication.instance()
    app = existing if isinstance(existing, QGuiApplication) else QGuiApplication(sys.argv[:1])
    screen = app.primaryScreen()
    size = screen.size() if screen else None
    geometry = f", screen {size.width()}x{size.height()}" if size else ""
    return f"platform plugin '{app.platformName()}'{geometry}"


def render_check() -> str:
    """Build a handout in memory and render its first page with QtPdf, as preview does."""
    from PySide6.QtCore import QObject, QSize

    from victim_champion.operations.printing import HandoutKind, print_handout
    from victim_champion.ui.dialogs.pdf_preview_dialog import load_pdf

    pdf = print_handout(HandoutKind.RIGHTS)
    owner = QObject()
    document, _buffer = load_pdf(pdf, owner)
    image = document.render(0, QSize(595, 842))
    if document.pageCount() < 1 or image.isNull():
        raise RuntimeError("QtPdf could not render the test page")
    inked = sum(
        1
        for x in range(0, 595, 7)
        for y in range(0, 842, 7)
        if image.pixelColor(x, y).lightness() < 128
    )
    if inked == 0:
        raise RuntimeError("QtPdf rendered a blank page")
    return (
        f"built a {len(pdf) // 1024} KB PDF in memory, rendered page 1 of "
        f"{document.pageCount()} at {image.width()}x{image.height()}"
    )


def code_check(behind_the_passphrase: Sequence[str]) -> str:
    """Import the work area's code, as the first unlock will; a module a bundle left out
    fails here instead of in front of a worker."""
    names = (*behind_the_passphrase, *LAZY_QT_MODULES)
    for name in names:
        importlib.import_module(name)
    return f"all {len(names)} modules behind the passphrase load"


def run_probe(behind_the_passphrase: Callable[[], Sequence[str]]) -> int:
    """The hidden child command behind self-test's Qt checks: one line each, or a failure
    line, so a missing display is reported rather than killing self-test.
    ``behind_the_passphrase`` names the modules the first unlock loads (ui/warm_up.py,
    from the page registry; handed in by app.py, as guards sit below the registry)."""
    print(probe())  # noqa: T201  the child's answer is its stdout
    for check in (render_check, lambda: code_check(behind_the_passphrase())):
        try:
            print(check())  # noqa: T201
        except Exception as error:  # reported as that line's failure
            print(f"FAILED: {error}")  # noqa: T201
    return 0
