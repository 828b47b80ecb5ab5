"""Small builders for the house style, so every screen labels and styles controls alike."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QPushButton, QWidget


def label(text: str, role: str = "", parent: QWidget | None = None) -> QLabel:
    """A word-wrapped label with a style role: heading, subheading, hint, error, success."""
    widget = QLabel(text, parent)
    widget.setWordWrap(True)
    if role:
        widget.setProperty("role", role)
    return widget


def button(text: str, accessible_name: str, role: str = "", tooltip: str = "") -> QPushButton:
    """A push button with an accessible name (and a role for the stylesheet)."""
    widget = QPushButton(text)
    widget.setAccessibleName(accessible_name)
    widget.setAutoDefault(False)
    if role:
        widget.setProperty("role", role)
    if tooltip:
        widget.setToolTip(tooltip)
    return widget


def passphrase_field(accessible_name: str) -> QLineEdit:
    """A masked field that never offers its text to the clipboard or input history."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    field.setMinimumWidth(320)
    return field


def card(parent: QWidget | None = None) -> QFrame:
    """A white panel with a border, to group a form."""
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    return frame
