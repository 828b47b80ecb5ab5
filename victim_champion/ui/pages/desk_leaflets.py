"""The Signposting desk's official leaflets (issue 34, item 4): "Official leaflet in …" for
each language this laptop holds, its source and date on screen, and a preview that prints
or saves the PDF unchanged. The same LeafletChoice as the Handouts page, at the foot of the
Sheet tab, beside what the person takes away. It is added from outside the page, so the
page itself does not grow; a tab of its own would not fit the tab bar at 1280x720.

Each leaflet is an official translation Compass House published through the hub; nothing
here is machine-translated."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from victim_champion.ui.pages.leaflet_choice import LeafletChoice


def last_control(container: QWidget) -> QWidget:
    """The last control inside ``container`` that Tab stops at (Qt orders only those)."""
    last, after = container, container.nextInFocusChain()
    while after is not None and container.isAncestorOf(after):
        if after.focusPolicy() & Qt.FocusPolicy.TabFocus:
            last = after
        after = after.nextInFocusChain()
    return last


class DeskLeaflets(QWidget):
    """The official leaflets, placed at the foot of ``sheet`` (the page's Sheet tab)."""

    def __init__(self, sheet: QWidget) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.choice = LeafletChoice()
        layout.addWidget(self.choice)
        before = last_control(sheet)
        box = sheet.layout()
        if not isinstance(box, QBoxLayout):
            raise TypeError("the Sheet tab lays its options out in a column")
        box.addWidget(self)  # after its stretch: at the foot of the tab
        # Made after the page, so last on Tab (after its footer): straight after the
        # sheet's own options instead.
        QWidget.setTabOrder(before, self.choice.language)
        QWidget.setTabOrder(self.choice.language, self.choice.preview_button)
