"""A form's state as plain JSON values and back (the draft of an interrupted conversation):
every kind of input, panels inside the form, never a passphrase, and nothing written to a
control of another kind."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from victim_champion.ui.widgets.form_state import differs, read_form, write_form


class Panel(QWidget):
    """One of the app's own composite widgets, with inputs of its own."""

    def __init__(self) -> None:
        super().__init__()
        self.boxes = {"a": QCheckBox("A"), "b": QCheckBox("B")}


class Form(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.name = QLineEdit()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.choice = QComboBox()
        for text, data in (("Not said", None), ("Yes", True), ("No", False)):
            self.choice.addItem(text, data)
        self.count = QSpinBox()
        self.boxes = {"x": QCheckBox("X"), "y": QCheckBox("Y")}
        self.found = QListWidget()
        self.records = QListWidget()  # rows without tick boxes (Qt's default flags)
        self.records.addItem(QListWidgetItem("a record"))
        self.tabs = QTabWidget()
        for title in ("One", "Two"):
            self.tabs.addTab(QWidget(), title)
        self.panel = Panel()
        self.button = QPushButton("Go")

    def show_found(self, ids: list[str]) -> None:
        self.found.clear()
        for each in ids:
            item = QListWidgetItem(each)
            item.setData(Qt.ItemDataRole.UserRole, each)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.found.addItem(item)


def test_a_form_comes_back_as_it_was_and_never_with_a_passphrase(qtbot: QtBot) -> None:
    typed, blank = Form(), Form()
    qtbot.addWidget(typed)
    qtbot.addWidget(blank)
    empty = read_form(blank)
    typed.name.setText("Zephyrine Quillfeather")
    typed.passphrase.setText("correct horse battery staple")
    typed.choice.setCurrentIndex(2)
    typed.count.setValue(3)
    typed.boxes["y"].setChecked(True)
    typed.show_found(["s1", "s2", "s3"])
    typed.found.item(1).setCheckState(Qt.CheckState.Checked)
    typed.tabs.setCurrentIndex(1)
    typed.panel.boxes["b"].setChecked(True)
    state = json.loads(json.dumps(read_form(typed)))  # plain JSON values only
    assert "passphrase" not in state and "correct horse" not in json.dumps(state)
    assert "button" not in state and "records" not in state  # not inputs
    assert differs(empty, state)

    write_form(blank, state)
    blank.show_found(["s1", "s2", "s3"])  # the list is found again before its ticks come back
    write_form(blank, state)
    assert read_form(blank) == read_form(typed)
    assert blank.passphrase.text() == ""
    assert blank.choice.currentData() is False and blank.panel.boxes["b"].isChecked()


def test_only_the_tab_on_show_is_no_conversation(qtbot: QtBot) -> None:
    form = Form()
    qtbot.addWidget(form)
    empty = read_form(form)
    form.tabs.setCurrentIndex(1)
    assert not differs(empty, read_form(form))
    form.boxes["x"].setChecked(True)
    assert differs(empty, read_form(form))
    assert not differs(empty, read_form(form), ignore={"boxes"})


def test_a_state_is_never_written_to_a_control_of_another_kind(qtbot: QtBot) -> None:
    form = Form()
    qtbot.addWidget(form)
    write_form(
        form,
        {
            "name": {"kind": "tick", "value": True},
            "boxes": {"kind": "text", "value": "x"},
            "choice": {"kind": "choice", "index": 9, "data": "nowhere"},
            "count": {"kind": "number", "value": True},
            "missing": {"kind": "text", "value": "x"},
            "passphrase": {"kind": "text", "value": "leaked"},
        },
    )
    assert form.name.text() == "" and form.choice.currentIndex() == 0
    assert form.count.value() == 0 and form.passphrase.text() == ""
