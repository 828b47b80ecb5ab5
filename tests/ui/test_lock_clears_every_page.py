"""Every registered page is filled, then locked three ways: nothing filled survives.

The pages come from the registry (ui/work_area_registry.py), so a new page is walked
without a change here. On each page every input a person can use is filled with
synthetic data: text fields get a synthetic name, tick boxes flip, drop-downs move,
spin boxes step, lists get a row and a selection. Then the app locks (quick exit, Lock
button, idle time) and, while locked and again after unlocking, no widget may hold the
name or its filled state. A widget that keeps its value on purpose is listed in KEPT,
with the reason; a widget there that no page has any more fails the test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import DEMO_NAMES, unlock
from tests.ui.widget_walk import widgets_containing
from victim_champion.app import DesktopApp
from victim_champion.ui.work_area_registry import PAGES

SENTINEL = "Testperson Zedwick"  # synthetic: typed as the person's name everywhere

# (page name, accessible name): kept at a lock on purpose, not filled here.
KEPT = {
    ("handouts", "Handout"): "which public leaflet, not about a person",
    ("handouts", "District"): "the desk's district; reset to it at unlock",
    ("signposting", "District (required)"): "the desk's district (clear_conversation)",
    ("sync", "Hub address"): "Compass House's public address, configuration",
    ("reports", "Report period"): "a period of the worker's own totals, no record",
    ("reports", "Report from (first day)"): "as the period",
    ("reports", "Report to (last day)"): "as the period",
}
INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)

# Beyond filling fields: what a person does on a page to put more on screen.
PAGE_STEPS: dict[str, Callable[[QWidget], None]] = {
    "signposting": lambda page: page.find_button.click(),  # type: ignore[attr-defined]
}


def name_of(widget: QWidget) -> str:
    return widget.accessibleName() or widget.objectName() or type(widget).__name__


def _part_of_another_input(widget: QWidget, page: QWidget) -> bool:
    """A combo's popup list, a spin box's own line edit, a table's header."""
    if isinstance(widget, QHeaderView):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True
        parent = parent.parentWidget()
    return False


def inputs_of(name: str, page: QWidget) -> Iterator[QWidget]:
    """Every input on the page and in its footer, except the ones kept on purpose."""
    roots = [page]
    footer = getattr(page, "footer", None)
    if isinstance(footer, QWidget):
        roots.append(footer)
    for root in roots:
        for widget in root.findChildren(QWidget):
            fillable = isinstance(widget, INPUTS) or (
                isinstance(widget, QAbstractButton) and widget.isCheckable()
            )
            if (
                fillable
                and not _part_of_another_input(widget, root)
                and (name, name_of(widget)) not in KEPT
            ):
                yield widget


def state(widget: QWidget) -> tuple[object, ...]:
    """What a person filled in, as plain values."""
    if isinstance(widget, QLineEdit):
        return (widget.text(),)
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return (widget.toPlainText(),)
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText(), widget.count())
    if isinstance(widget, QAbstractSpinBox):
        return (widget.text(),)
    if isinstance(widget, QAbstractButton):
        return (widget.isChecked(),)
    assert isinstance(widget, QAbstractItemView)
    return (rows(widget), selected(widget), checked_items(widget))


def rows(view: QAbstractItemView) -> int:
    model = view.model()
    return 0 if model is None else model.rowCount()


def selected(view: QAbstractItemView) -> tuple[int, ...]:
    chosen = view.selectionModel()
    return () if chosen is None else tuple(sorted({i.row() for i in chosen.selectedIndexes()}))


def checked_items(view: QAbstractItemView) -> int:
    if not isinstance(view, QListWidget):
        return 0
    items = (view.item(i) for i in range(view.count()))
    return sum(item.checkState() == Qt.CheckState.Checked for item in items)


def order(widget: QWidget) -> int:
    """Ticks and choices first (they change what lists show), then lists, then text (a
    typed search hides the rows it does not match)."""
    if isinstance(widget, QAbstractItemView):
        return 1
    return 2 if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit) else 0


def fill(widget: QWidget, was: tuple[object, ...], settled: Callable[[], bool]) -> None:
    """Fill one input as a person would leave it: never as it ``was`` when the page came
    on screen (an earlier tick may have changed it since: a need ticks the discreet card)."""
    if isinstance(widget, QLineEdit):
        widget.setText(SENTINEL)
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        widget.setPlainText(SENTINEL)
    elif isinstance(widget, QComboBox):
        if widget.count() < 2:  # nothing else to choose: a row with the name appears
            widget.addItem(SENTINEL)
            index = widget.count() - 1
        else:
            index = widget.count() - 1 if was[0] != widget.count() - 1 else 0
        widget.setCurrentIndex(index)
        widget.activated.emit(index)
    elif isinstance(widget, QAbstractSpinBox):
        before = widget.text()
        widget.stepBy(1)
        if widget.text() == before:
            widget.stepBy(-1)
    elif isinstance(widget, QAbstractButton):
        widget.setChecked(not was[0])
    else:
        assert isinstance(widget, QAbstractItemView)
        add_a_row(widget)
        choose_another_row(widget, settled)


def add_a_row(view: QAbstractItemView) -> None:
    """A row with the name, where the list takes rows; every tick box in it ticked."""
    if isinstance(view, QListWidget):
        for i in range(view.count()):
            item = view.item(i)
            if item.data(Qt.ItemDataRole.CheckStateRole) is not None:  # a tick box
                item.setCheckState(Qt.CheckState.Checked)  # the services talked through
        view.addItem(QListWidgetItem(SENTINEL))
    elif isinstance(view, QTableWidget):
        view.setColumnCount(max(view.columnCount(), 1))
        view.setRowCount(view.rowCount() + 1)
        view.setItem(view.rowCount() - 1, 0, QTableWidgetItem(SENTINEL))


def choose_another_row(view: QAbstractItemView, settled: Callable[[], bool]) -> None:
    """Select a row other than the current one; of those, the first after which
    ``settled()`` (another session chosen: its register has people on it)."""
    model, chosen = view.model(), view.selectionModel()
    if model is None or chosen is None or not model.rowCount():
        return
    count, current = model.rowCount(), view.currentIndex().row()
    for step in range(1, count + 1):
        row = (current + step) % count
        chosen.setCurrentIndex(
            model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if row != current and settled():
            return


def settle(qtbot: QtBot, desktop: DesktopApp) -> None:
    """Let the controllers' work off the GUI thread finish."""
    qtbot.wait(20)
    qtbot.waitUntil(lambda: not desktop.controller.work.busy, timeout=20_000)


def visit(qtbot: QtBot, desktop: DesktopApp, index: int) -> QWidget:
    """Show a page (its controller loads what it shows) and return it."""
    desktop.window.navigation.setCurrentRow(index)
    settle(qtbot, desktop)
    return desktop.window.registered[PAGES[index].name]


Filled = dict[int, tuple[str, QWidget, tuple[object, ...], tuple[object, ...]]]


def fill_every_page(qtbot: QtBot, desktop: DesktopApp) -> Filled:
    """Fill every input of every page; (page, widget, as it was, as filled) by widget id."""
    assert list(desktop.window.registered) == [entry.name for entry in PAGES]
    filled: Filled = {}
    for index in range(len(PAGES)):
        fill_page(qtbot, desktop, index, filled)
    return filled


def fill_page(qtbot: QtBot, desktop: DesktopApp, index: int, filled: Filled) -> None:
    name = PAGES[index].name
    page = visit(qtbot, desktop, index)
    views = [v for v in inputs_of(name, page) if isinstance(v, QAbstractItemView)]
    full = [view for view in views if rows(view)]

    def settled() -> bool:
        settle(qtbot, desktop)
        return all(rows(view) for view in full)

    was = {id(w): state(w) for w in inputs_of(name, page)}
    for _ in range(3):  # filling can add inputs (the card's routes): fill those too
        new = sorted((w for w in inputs_of(name, page) if id(w) not in filled), key=order)
        for widget in new:
            before = was.setdefault(id(widget), state(widget))
            fill(widget, before, settled)
            settle(qtbot, desktop)
            filled[id(widget)] = (name, widget, before, ())
        if name in PAGE_STEPS and new:
            PAGE_STEPS[name](page)
            settle(qtbot, desktop)
    for key, (page_name, widget, before, _) in list(filled.items()):
        if page_name == name and shiboken6.isValid(widget):
            filled[key] = (name, widget, before, state(widget))


def not_filled(filled: Filled) -> list[str]:
    """Inputs the filling did not change: the test could not fail for them."""
    return [
        f"{name}: {name_of(widget)}"
        for name, widget, before, after in filled.values()
        if shiboken6.isValid(widget) and after == before
    ]


def still_filled(filled: Filled, *, locked: bool) -> list[str]:
    """Inputs that do not hold what they held before filling: while locked, every list is
    empty too; after unlocking, the lists show the records again."""
    found = []
    for name, widget, before, _ in filled.values():
        if not shiboken6.isValid(widget):  # gone with what it showed
            continue
        now = state(widget)
        if isinstance(widget, QAbstractItemView):
            wrong = (now[0] != 0 or now[1] != ()) if locked else now[1:] != before[1:]
        elif isinstance(widget, QComboBox):
            wrong = now[:2] != before[:2] and now[2] != 0
        else:
            wrong = now != before
        if wrong:
            found.append(f"{name}: {name_of(widget)} holds {now!r}, was {before!r}")
    return found


def lock_by_quick_exit(qtbot: QtBot, desktop: DesktopApp) -> None:
    qtbot.mouseClick(desktop.window.quick_exit_button, Qt.MouseButton.LeftButton)
    assert desktop.window.showing_decoy
    qtbot.keyClick(
        desktop.window.decoy.page,
        Qt.Key.Key_U,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )


def lock_by_the_button(qtbot: QtBot, desktop: DesktopApp) -> None:
    qtbot.mouseClick(desktop.window.lock_button, Qt.MouseButton.LeftButton)


def lock_by_idle_time(qtbot: QtBot, desktop: DesktopApp) -> None:
    desktop.controller.idle.start(0.2)  # the real timer, shortened
    qtbot.waitUntil(lambda: not desktop.controller.is_unlocked, timeout=5_000)


LOCKS = {"quick exit": lock_by_quick_exit, "lock button": lock_by_the_button}
LOCKS["idle"] = lock_by_idle_time


@pytest.mark.parametrize("how", LOCKS)
def test_a_lock_empties_every_registered_page(qtbot: QtBot, desktop: DesktopApp, how: str) -> None:
    unlock(qtbot, desktop)
    filled = fill_every_page(qtbot, desktop)
    assert {name for name, *_ in filled.values()} == {entry.name for entry in PAGES}
    assert not (missed := not_filled(filled)), "\n".join(missed)
    on_pages = {
        (name, name_of(widget))
        for name, page in desktop.window.registered.items()
        for widget in page.findChildren(QWidget)
    }
    assert set(KEPT) <= on_pages  # a stale exception is no exception
    assert widgets_containing([SENTINEL])  # the name really is on screen

    LOCKS[how](qtbot, desktop)
    assert not desktop.controller.is_unlocked
    qtbot.wait(50)  # what a page let go of (deleteLater) is gone
    kept = widgets_containing([SENTINEL, *DEMO_NAMES]) + still_filled(filled, locked=True)
    assert not kept, "\n".join(kept)

    unlock(qtbot, desktop)
    for index in range(len(PAGES)):
        visit(qtbot, desktop, index)
    kept = widgets_containing([SENTINEL]) + still_filled(filled, locked=False)
    assert not kept, "\n".join(kept)
