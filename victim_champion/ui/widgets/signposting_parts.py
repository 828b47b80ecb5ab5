"""Parts of the Signposting page: the words for a service and a line, the status line,
and the discreet card's routes chosen with the person.

Kept apart from the page so the page is only its layout.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from victim_champion.core.directory import Directory, Route
from victim_champion.core.signposting import Match
from victim_champion.operations.printing import RouteChoice
from victim_champion.ui.widgets.form_widgets import MessageLabel, label, speak

DASH = "\u2014"
NOT_CONFIRMED = "Not confirmed yet \u00b7 not printed"


def plural(key: str, count: int) -> str:
    """A count in the words of the message catalogue: "1 service", "2 services"."""
    from victim_champion.content.message_catalogue import messages

    return messages().plural(key, count)


def match_text(match: Match, directory: Directory) -> str:
    """A service as the worker reads it: name, what it does, why it fits (what is not
    known, too) and how to reach it, in four short lines so several fit in view."""
    service = match.service
    flag = f"   [Sample {DASH} check before use]" if not match.verified else ""
    # Every route of its own, on screen; one Compass House has not confirmed yet is
    # marked, because the sheet leaves it off.
    own = directory.own_routes(service, unconfirmed=True)
    reach = (
        "; ".join(
            f"{r.name}: {r.contact}" + ("" if r.confirmed else f" ({NOT_CONFIRMED})") for r in own
        )
        if own
        else "Own contact details not confirmed yet"
    )
    return "\n".join(
        (
            f"{service.name}{flag}",
            f"   {service.description}",
            "   Fits: " + "; ".join(match.reasons),  # read aloud as a pause, not a dot
            f"   Contact: {reach}",
        )
    )


def match_item(match: Match, directory: Directory) -> QListWidgetItem:
    """A service's row, to tick when talked through; a screen reader hears the whole text,
    the "not confirmed yet, not printed" mark too."""
    text = match_text(match, directory)
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace(" \u00b7 ", ", "))
    item.setData(Qt.ItemDataRole.UserRole, match.service.id)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    return item


def route_text(route: Route) -> str:
    """One line to read aloud: name, how to reach it, and its hours when known."""
    parts = [route.name, route.contact]
    if route.hours:
        parts.append(route.hours)
    return f" {DASH} ".join(part.rstrip(".") for part in parts)


def choice_combo(name: str, choices: tuple[tuple[str, object], ...]) -> QComboBox:
    """A drop-down of (text, value) choices, named for a screen reader."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    for text, value in choices:
        combo.addItem(text, value)
    return combo


ITEM_PADDING = 6  # ui/theme.py: QListWidget::item { padding: 6px; }


class WrappedRows(QStyledItemDelegate):
    """Rows as tall as their wrapped text. Qt measures a checkable row's text as if it had
    the whole row's width, then paints it beside the tick box, so a long row's last line
    (a service's contact) was cut to "..."; this measures it in the width it is painted in."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # type: ignore[override]
        hint = super().sizeHint(option, index)
        view = self.parent()
        if not isinstance(view, QListWidget):
            return hint
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.rect = QRect(0, 0, view.viewport().width(), hint.height())
        style = view.style()
        painted = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, item, view) + 1
        width = max(40, painted.width() - 2 * (margin + ITEM_PADDING) - 4)
        text = item.text
        lines = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 1_000_000), Qt.TextFlag.TextWordWrap, text
        )
        tall = lines.height() + 2 * ITEM_PADDING + 2
        return QSize(hint.width(), max(hint.height(), tall))


def wrapped_list(name: str) -> QListWidget:
    """A list whose entries wrap to its width, scrolled by the pixel, never sideways."""
    widget = QListWidget()
    widget.setAccessibleName(name)
    widget.setWordWrap(True)
    widget.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setResizeMode(QListWidget.ResizeMode.Adjust)  # wrap again when resized
    # Always the same width to wrap in: a scroll bar that came after the rows were measured
    # would narrow them, and Qt would then cut a row's last line short with "...".
    widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    widget.setItemDelegate(WrappedRows(widget))
    return widget


class StatusLine(MessageLabel):
    """What just happened, where the eye is (above the desk's buttons), heard by a
    screen reader; an error starts with "Error: Could not ..." in the error style."""

    def say(self, text: str, *, error: bool = False) -> None:
        """Show (and announce) a result, or an error after "Error: " in the error style."""
        self.setAccessibleDescription(
            "Signposting: problem" if error else "Signposting: what just happened"
        )
        self.show_status(text, error=error)


def status_line() -> StatusLine:
    """An empty status line."""
    widget = StatusLine()
    widget.setWordWrap(True)
    widget.setProperty("role", "success")
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setAccessibleDescription("Signposting: what just happened")
    return widget


LESS_OBVIOUS = (
    "The card is less obvious, not safe: anyone who looks it up can still learn what a "
    "line is for. Tick only the routes the person wants to carry."
)


class CardRoutes(QWidget):
    """The routes on the discreet card, each under the neutral label it prints with;
    the ones the directory suggests for these needs come ticked, and the worker and the
    person choose together."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        title = label("On the card", "subheading")
        title.setToolTip(LESS_OBVIOUS)
        layout.addWidget(title)
        self.hint = label(
            "Tick only what the person wants to carry; each line prints exactly as shown.",
            "hint",
        )
        self.hint.setToolTip(LESS_OBVIOUS)
        layout.addWidget(self.hint)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(0)
        layout.addLayout(self._rows)
        self.boxes: dict[str, QCheckBox] = {}
        self.none = label(
            "No other line fits these needs; the card carries 999, 101 and the Supportline.",
            "hint",
        )
        layout.addWidget(self.none)
        self._choices: tuple[RouteChoice, ...] = ()

    def show_choices(self, choices: Sequence[RouteChoice]) -> None:
        """Offer these routes; a route kept from before keeps the worker's tick."""
        if tuple(choices) == self._choices:
            return
        before = {i: box.isChecked() for i, box in self.boxes.items()}
        for box in self.boxes.values():
            self._rows.removeWidget(box)
            box.deleteLater()
        self.boxes = {}
        self._choices = tuple(choices)
        for choice in choices:
            # Exactly what the card prints: the neutral label and the neutral contact.
            box = QCheckBox(f"{choice.neutral_label} {DASH} {choice.contact}")
            speak(box, "on the discreet card")
            box.setToolTip(f"{choice.hours}. {LESS_OBVIOUS}" if choice.hours else LESS_OBVIOUS)
            box.setChecked(before.get(choice.id, choice.suggested))
            box.toggled.connect(self.changed)
            self.boxes[choice.id] = box
            self._rows.addWidget(box)
        self.none.setVisible(not choices)

    def chosen(self) -> tuple[str, ...]:
        """The ticked routes' ids, in the order offered."""
        return tuple(i for i, box in self.boxes.items() if box.isChecked())

    def clear(self) -> None:
        """No routes offered (the next person)."""
        self.show_choices(())


class SheetOptions(QWidget):
    """The person's sheet: a name only if asked, large print, and the discreet card with
    the routes it carries, chosen together and shown under the labels they print with."""

    discreet_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Name on the sheet (only if asked)")
        self.name.setAccessibleName("Name on the sheet, only if the person asks")
        layout.addWidget(self.name)
        self.large_print = QCheckBox("Large print")
        speak(self.large_print, "Large print sheet")
        self.discreet = QCheckBox("Discreet card")
        speak(self.discreet, "Discreet card: less obvious, not safe")
        self.discreet.setToolTip(
            "One page with plain words and neutral names: less obvious, not safe. Ticked "
            "for you when a need that may mean danger at home is ticked."
        )
        layout.addWidget(self.large_print)
        layout.addWidget(self.discreet)
        layout.addWidget(
            label("One page, plain words, neutral names: less obvious, not safe.", "hint")
        )
        self.card = CardRoutes()
        layout.addWidget(self.card)
        layout.addStretch(1)
        self.discreet.toggled.connect(self._on_discreet)
        self._on_discreet(False)

    def _on_discreet(self, ticked: bool) -> None:
        self.card.setVisible(ticked)
        self.discreet_toggled.emit(ticked)

    def clear(self) -> None:
        """A plain sheet with no name (the next person)."""
        self.name.setText("")
        self.large_print.setChecked(False)
        self.discreet.setChecked(False)
        self.card.clear()
