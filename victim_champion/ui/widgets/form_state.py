"""What a form holds, as plain JSON values, and back again (the draft of a conversation).

``read_form`` walks an object's public attributes and keeps the state of each input it
finds: a line or text field's text, a check box's tick, a drop-down's choice, a spin
box's number, the ticked rows of a list with tick boxes, the tab on show, and the same
inside a dict, list or tuple of them or inside one of the app's own composite widgets
(a panel of options, say). ``write_form`` puts such a state back on an object with the same
attributes, skipping any that are gone or changed kind. So a field added to a page later
is kept and restored with no change here. Passphrase fields are never read.

Each value is tagged with its kind ({"kind": "text", "value": ...}), so a state is only
ever written back to the same kind of control.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTextEdit,
    QWidget,
)

State = dict[str, Any]
_PLAIN = (str, int, float, bool, type(None))
_USER = Qt.ItemDataRole.UserRole
_DEPTH = 3  # panels inside panels, at most
# Where the tab on show is: the view, not what was typed (never alone a conversation).
VIEW_KINDS = frozenset({"tab"})


def _plain(value: object) -> object:
    """``value`` if JSON keeps it as it is, else None."""
    return value if isinstance(value, _PLAIN) else None


def _own_panel(widget: object) -> bool:
    """One of the app's own composite widgets (a subclass of a Qt widget, not Qt's own)."""
    return isinstance(widget, QWidget) and not type(widget).__module__.startswith("PySide6")


def read_value(widget: object, depth: int = _DEPTH) -> State | None:
    """The state of one input (or a group of them), or None if it is not one."""
    if isinstance(widget, QLineEdit):
        if widget.echoMode() != QLineEdit.EchoMode.Normal:
            return None  # a passphrase is never kept anywhere
        return {"kind": "text", "value": widget.text()}
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return {"kind": "text", "value": widget.toPlainText()}
    if isinstance(widget, QAbstractButton):
        return {"kind": "tick", "value": widget.isChecked()} if widget.isCheckable() else None
    if isinstance(widget, QComboBox):
        index = widget.currentIndex()
        state: State = {"kind": "choice", "index": index, "data": _plain(widget.currentData())}
        if widget.isEditable():
            state["text"] = widget.currentText()
        return state
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return {"kind": "number", "value": widget.value()}
    if isinstance(widget, QListWidget):
        return _read_list(widget)
    if isinstance(widget, QTabWidget):
        return {"kind": "tab", "value": widget.currentIndex()}
    if depth <= 0:
        return None
    if isinstance(widget, Mapping | list | tuple):
        items = widget.items() if isinstance(widget, Mapping) else enumerate(widget)
        group = {str(key): read_value(each, depth - 1) for key, each in items}
        kept = {key: value for key, value in group.items() if value is not None}
        return {"kind": "group", "items": kept} if kept else None
    if _own_panel(widget):
        inner = read_form(widget, depth=depth - 1)
        return {"kind": "panel", "items": inner} if inner else None
    return None


def _has_tick_box(row: QListWidgetItem) -> bool:
    """A row shows a tick box once it is given a check state (every row is user-checkable
    by default in Qt, ticked or not, so the flag alone says nothing)."""
    return row.data(Qt.ItemDataRole.CheckStateRole) is not None


def _read_list(widget: QListWidget) -> State | None:
    rows = [widget.item(i) for i in range(widget.count())]
    checkable = [r for r in rows if _has_tick_box(r)]
    if not checkable:
        return None  # a plain list (records, results not yet found): nothing typed
    ticked = [str(r.data(_USER)) for r in checkable if r.checkState() == Qt.CheckState.Checked]
    return {"kind": "ticked", "value": ticked}


def read_form(owner: object, skip: Collection[str] = (), depth: int = _DEPTH) -> State:
    """The state of every public input attribute of ``owner``, in attribute order."""
    state: State = {}
    for name, value in vars(owner).items():
        if name.startswith("_") or name in skip:
            continue
        read = read_value(value, depth)
        if read is not None:
            state[name] = read
    return state


def write_value(widget: object, state: Mapping[str, Any]) -> None:
    """Put one input's state back, if it is still the same kind of input."""
    kind, value = state.get("kind"), state.get("value")
    if kind == "text" and isinstance(value, str):
        if isinstance(widget, QLineEdit) and widget.echoMode() == QLineEdit.EchoMode.Normal:
            widget.setText(value)
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            widget.setPlainText(value)
    elif kind == "tick" and isinstance(value, bool):
        if isinstance(widget, QAbstractButton) and widget.isCheckable():
            widget.setChecked(value)
    elif kind == "choice" and isinstance(widget, QComboBox):
        _write_choice(widget, state)
    elif kind == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        elif isinstance(widget, QDoubleSpinBox):
            widget.setValue(float(value))
    elif kind == "ticked" and isinstance(value, list) and isinstance(widget, QListWidget):
        wanted = {str(each) for each in value}
        for i in range(widget.count()):
            row = widget.item(i)
            if _has_tick_box(row):
                ticked = str(row.data(_USER)) in wanted
                row.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
    elif kind == "tab" and isinstance(value, int) and isinstance(widget, QTabWidget):
        if 0 <= value < widget.count():
            widget.setCurrentIndex(value)
    elif kind == "group" and isinstance(state.get("items"), Mapping):
        _write_group(widget, state["items"])
    elif kind == "panel" and isinstance(state.get("items"), Mapping) and _own_panel(widget):
        write_form(widget, state["items"])


def _write_choice(widget: QComboBox, state: Mapping[str, Any]) -> None:
    index, data = state.get("index"), state.get("data")
    if isinstance(index, int) and 0 <= index < widget.count() and widget.itemData(index) == data:
        widget.setCurrentIndex(index)
    elif data is not None and (found := widget.findData(data)) >= 0:
        widget.setCurrentIndex(found)
    if widget.isEditable() and isinstance(state.get("text"), str):
        widget.setEditText(state["text"])


def _write_group(widget: object, items: Mapping[str, Any]) -> None:
    for key, each in items.items():
        if not isinstance(each, Mapping):
            continue
        if isinstance(widget, Mapping):
            target = widget.get(key)
        elif isinstance(widget, list | tuple) and key.isdigit() and int(key) < len(widget):
            target = widget[int(key)]
        else:
            continue
        write_value(target, each)


def write_form(owner: object, state: Mapping[str, Any]) -> None:
    """Put a ``read_form`` state back on ``owner``, in the order it was read."""
    for name, each in state.items():
        if name.startswith("_") or not isinstance(each, Mapping):
            continue
        write_value(getattr(owner, name, None), each)


def differs(
    blank: Mapping[str, Any], state: Mapping[str, Any], ignore: Collection[str] = ()
) -> bool:
    """True if ``state`` holds anything the ``blank`` form's state did not (``ignore``d
    names and the view, such as the tab on show, aside): something was typed, ticked or
    chosen."""
    return any(
        blank.get(name) != value
        for name, value in state.items()
        if name not in ignore
        and not (isinstance(value, Mapping) and value.get("kind") in VIEW_KINDS)
    )
