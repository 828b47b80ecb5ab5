"""The app's other windows when the data is locked: dialogs, menus, previews, the presenter.

The quick exit hides them before the decoy is painted, and every lock then closes them,
so no dialog or menu can hold the lock up or show a record over the decoy.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QWidget


def visible(window: QWidget) -> list[QWidget]:
    """Every top-level window on screen except ``window``."""
    return [w for w in QApplication.topLevelWidgets() if w is not window and w.isVisible()]


def hide(window: QWidget) -> list[QWidget]:
    """Hide every other window on screen (the quick exit's first step); returns them."""
    hidden = visible(window)
    for widget in hidden:
        widget.hide()
    return hidden


def close_transient(window: QWidget) -> None:
    """Close every popup, dialog and other window but ``window`` (after the decoy)."""
    for _ in range(20):  # menus can nest; each close reveals the next
        popup = QApplication.activePopupWidget()
        if popup is None:
            break
        popup.close()
    for widget in QApplication.topLevelWidgets():
        if widget is window:
            continue
        if isinstance(widget, QDialog):
            widget.reject()  # ends exec() loops too: no dialog can hold the lock up
        elif isinstance(widget, QWidget) and widget.isVisible():
            widget.close()
