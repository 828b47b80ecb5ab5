"""Small builders for the house style, so every screen labels and styles controls alike."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def label(text: str, role: str = "", parent: QWidget | None = None) -> QLabel:
    """A word-wrapped label with a style role: heading, subheading, hint, error, success."""
    widget = QLabel(text, parent)
    widget.setWordWrap(True)
    if role:
        widget.setProperty("role", role)
    return widget


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say ``text`` now (a message that appears away from the focus,
    such as the kiosk's thank-you, is otherwise never heard)."""
    # Imported here: QAccessible's 11 enums are built on its first use, and nothing on
    # the way to the first screen's paint announces anything.
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if text:
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


class MessageLabel(QLabel):
    """A one-sentence message (an error, a result): a screen reader hears each new one,
    wherever the focus is. Its spoken name is its text; say what it is for with
    ``setAccessibleDescription``."""

    def setText(self, text: str) -> None:
        super().setText(text)
        announce(self, text)


def message_label(role: str) -> MessageLabel:
    """An empty, word-wrapped message label with a style role (error, success, hint)."""
    widget = MessageLabel()
    widget.setWordWrap(True)
    widget.setProperty("role", role)
    return widget


def spoken_name(visible: str, detail: str) -> str:
    """An accessible name that starts with the words on screen, so voice control ("click
    Quiz before") finds the control: the visible text, then any detail after a colon."""
    shown = visible.replace("&", "").replace("\u2026", "").strip()
    if not shown or detail.casefold().startswith(shown.casefold()):
        return detail or shown
    if not detail:
        return shown
    return f"{shown}: {detail[0].lower()}{detail[1:]}"


def speak(widget: QAbstractButton, detail: str = "") -> None:
    """Name a button, check box or radio button from its text (and a detail)."""
    widget.setAccessibleName(spoken_name(widget.text(), detail))


def button(text: str, accessible_name: str, role: str = "", tooltip: str = "") -> QPushButton:
    """A push button with an accessible name that starts with its text (and a role for
    the stylesheet)."""
    widget = QPushButton(text)
    speak(widget, accessible_name)
    widget.setAutoDefault(False)
    if role:
        widget.setProperty("role", role)
    if tooltip:
        widget.setToolTip(tooltip)
    return widget


def menu_button(
    text: str, accessible_name: str, entries: list[tuple[str, str]], parent: QWidget
) -> tuple[QPushButton, dict[str, QAction]]:
    """A button that opens a short menu (Space or Enter opens it, arrows choose): several
    related actions in the room of one button. ``entries`` are (text, accessible name);
    returns the button and its actions by text."""
    widget = button(text, accessible_name)
    menu = QMenu(parent)
    menu.setAccessibleName(accessible_name)
    actions: dict[str, QAction] = {}
    for entry_text, entry_name in entries:
        action = menu.addAction(entry_text)
        action.setToolTip(entry_name)
        actions[entry_text] = action
    widget.setMenu(menu)
    return widget, actions


def passphrase_field(accessible_name: str) -> QLineEdit:
    """A masked field that never offers its text to the clipboard or input history."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    field.setMinimumWidth(320)
    return field


def centred_card(screen: QWidget, max_width: int) -> QVBoxLayout:
    """Lay ``screen`` out as one white card in the middle; returns the card's own layout."""
    outer = QVBoxLayout(screen)
    outer.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    panel = card(screen)
    panel.setMaximumWidth(max_width)
    form = QVBoxLayout(panel)
    form.setContentsMargins(32, 28, 32, 28)
    form.setSpacing(12)
    row.addWidget(panel, 3)
    row.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return form


def card(parent: QWidget | None = None) -> QFrame:
    """A white panel with a border, to group a form."""
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    return frame
