"""The window's two icons: the app's own, and a plain notes page for the decoy (no hint
of the app), from resources/icons/.

They were drawn with QPainter, but a pen or a brush makes PySide build every enum of its
Qt namespace (93 of them, about 25 ms) before the unlock screen is painted
(tests/ui/test_start_up_enums.py). The PNG files are those drawings: app.png a navy
badge with a white tick, notes.png a white page with grey lines, 64 x 64.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from victim_champion.content.reference_files import resource_path


def neutral_icon() -> QIcon:
    """A generic white page with grey lines, like any notes program. Read from its file
    now: a QIcon reads its file when first drawn, which would be during the quick exit."""
    icon = QIcon(str(resource_path("icons", "notes.png")))
    icon.pixmap(64, 64)  # kept by the icon from now on
    return icon


def app_icon() -> QIcon:
    """The app's own icon: a navy badge with a white tick."""
    return QIcon(str(resource_path("icons", "app.png")))
