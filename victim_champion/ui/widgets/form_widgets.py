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


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have a screen reader say ``text`` now (a message that appears away from the focus,
    such as the kiosk's thank-you, is otherwise never heard). ``assertive``: an error,
    said at once rather than after what the reader is saying (a live region's
    "assertive")."""
    # Imported here: QAccessible's 11 enums are built on its first use, and nothing on
    # the way to the first screen's paint announces anything.
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if text:
        event = QAccessibleAnnouncementEvent(widget, text)
        if assertive:
            event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
        QAccessible.updateAccessibility(event)


ERROR_PREFIX = "Error: "  # an error is told by a word, not by its red alone (WCAG 1.4.1)


class MessageLabel(QLabel):
    """A one-sentence message (an error, a result): a screen reader hears each new one,
    wherever the focus is. Its spoken name is its text; say what it is for with
    ``setAccessibleDescription``.

    ``show_status(text, error=...)`` shows a result or a problem: an error starts with
    "Error: " (``error_prefix``, in the kiosk's language there) in the error red (7.3:1 on
    white, 6.6:1 on the window), and is announced assertively; a result is in the
    confirmation green, announced politely."""

    error_prefix = ERROR_PREFIX

    def setText(self, text: str) -> None:
        super().setText(text)
        announce(self, text, assertive=self.property("role") == "error")

    def show_status(self, text: str, *, error: bool) -> None:
        """Show ``text`` as an error or as a result (shown if hidden; "" empties it)."""
        role = "error" if error else "success"
        if self.property("role") != role:
            self.setProperty("role", role)
            self.style().unpolish(self)  # the stylesheet's [role=...] colour follows
            self.style().polish(self)
        prefix = self.error_prefix if error and text else ""
        self.setText(f"{prefix}{text}")
        if text:
            self.show()

    @property
    def is_error(self) -> bool:
        """True while the message shown is an error."""
        return self.property("role") == "error" and bool(self.text())


def show_status(widget: MessageLabel, text: str, *, error: bool) -> None:
    """``widget.show_status(text, error=error)``: an error in red after "Error: ", or a
    result in green; either is announced to a screen reader."""
    widget.show_status(text, error=error)


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
