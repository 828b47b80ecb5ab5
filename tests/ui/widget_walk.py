"""Walking every widget in the application, for privacy and accessibility checks."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def texts_of(widget: QWidget) -> Iterator[str]:
    """Every piece of text a widget holds or shows."""
    yield widget.windowTitle()
    yield widget.accessibleName()
    yield widget.toolTip()
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        yield widget.text()
    if isinstance(widget, QPlainTextEdit):
        yield widget.toPlainText()
    if isinstance(widget, QTextEdit):
        yield widget.toPlainText()
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        root = QModelIndex()
        # List models keep columnCount private in PySide6: they have one column.
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
        for row in range(model.rowCount(root)):
            for column in range(columns):
                value = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
                if value is not None:
                    yield str(value)


def widgets_containing(needles: list[str]) -> list[str]:
    """Descriptions of every widget anywhere in the app whose text holds any needle."""
    found = []
    for widget in QApplication.allWidgets():
        for text in texts_of(widget):
            for needle in needles:
                if needle and needle in text:
                    found.append(f"{type(widget).__name__} shows {needle!r}")
    return found


def focusable_controls(root: QWidget) -> list[QWidget]:
    """Visible, enabled widgets under ``root`` that Tab can reach."""
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisibleTo(root)
        and w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    ]
