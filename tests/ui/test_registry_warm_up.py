"""The warm-up loads what the page registry names, so a page added to the registry is
warmed with no other change; and the registry's typed controllers match its pages."""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from types import ModuleType

import pytest
from pytestqt.qtbot import QtBot

from victim_champion.ui import work_area_registry
from victim_champion.ui.warm_up import behind_the_passphrase, warm_up
from victim_champion.ui.work_area_registry import PAGES, Controllers, PageEntry

PACKAGE = "throwaway_notes_page"
FILES = {
    "__init__.py": "ORDER: list[str] = []\n",
    "notes_words.py": """
        from throwaway_notes_page import ORDER
        TITLE = "Notes"
        ORDER.append(__name__)
        """,
    "notes_page.py": """
        from PySide6.QtWidgets import QWidget
        from throwaway_notes_page import ORDER
        from throwaway_notes_page.notes_words import TITLE
        ORDER.append(__name__)

        class NotesPage(QWidget):
            def clear(self) -> None:
                pass
        """,
    "notes_controller.py": """
        from throwaway_notes_page import ORDER
        ORDER.append(__name__)

        class NotesController:
            def __init__(self, context: object) -> None:
                self.context = context

            def attach(self, workspace: object) -> None:
                pass

            def detach(self) -> None:
                pass

            def shown(self, visible: bool) -> None:
                pass
        """,
}


def _notes_page() -> type:
    from throwaway_notes_page.notes_page import NotesPage  # type: ignore[import-not-found]

    return NotesPage


def _notes_controller() -> type:
    from throwaway_notes_page.notes_controller import NotesController  # type: ignore[import-not-found]

    return NotesController


@pytest.fixture
def notes_page_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = tmp_path / PACKAGE
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(textwrap.dedent(text))
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    for name in [each for each in sys.modules if each.startswith(PACKAGE)]:
        del sys.modules[name]


def test_a_page_added_to_the_registry_is_warmed_up_leaves_first(
    qtbot: QtBot, notes_page_on_disk: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = PageEntry("Notes", "notes", _notes_page, _notes_controller)
    monkeypatch.setattr(work_area_registry, "PAGES", (*PAGES, notes))
    page, controller = f"{PACKAGE}.notes_page", f"{PACKAGE}.notes_controller"
    assert behind_the_passphrase()[-2:] == [page, controller]
    assert page not in sys.modules and controller not in sys.modules

    stepped: list[str] = []  # each module the warm-up imports as a step of its own
    real_import = importlib.import_module

    def import_module(name: str, package: str | None = None) -> ModuleType:
        stepped.append(name)
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", import_module)
    warm_up()
    qtbot.waitUntil(lambda: controller in sys.modules, timeout=30_000)
    assert [f"{PACKAGE}.notes_words", page, controller] == sys.modules[PACKAGE].ORDER
    # The page's own module was a step before the page's: leaves first.
    ours = [name for name in stepped if name.startswith(PACKAGE + ".")]
    assert ours == [f"{PACKAGE}.notes_words", page, controller]


def test_the_typed_controllers_are_the_registered_pages_in_order() -> None:
    assert [each.name for each in fields(Controllers)] == [entry.name for entry in PAGES]
    assert len({entry.title for entry in PAGES}) == len(PAGES)
