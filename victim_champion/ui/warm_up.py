"""Load the code behind the passphrase while the unlock screen waits for it.

The pages and controllers of the work area are imported only when they are first needed
(the first unlock builds them from ui/work_area_registry.py), so the unlock screen comes
up sooner. Left at that, the first unlock would pay for those imports. Instead, once the
window is first painted, this loads them in small steps, one per turn of the event loop,
so that a key press, above all the quick exit, is still handled between them
(ui/first_paint.py says why not sooner).

What to load comes from the registry, not from a list kept here: the modules its loaders
import (every page, every controller, and the shell's work area). Each of those is
loaded leaves first: a step reads which of our modules one module imports at its top
level (from its compiled code, so a frozen bundle works too), and a later step imports a
module once those are loaded, so no step imports a whole tree at once.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
from collections.abc import Callable, Collection, Iterable, Sequence
from types import CodeType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from victim_champion.ui import work_area_registry
from victim_champion.ui.first_paint import after_first_paint


def _imported_by(code: CodeType) -> list[str]:
    """The modules the import statements in ``code`` name (not in functions within it),
    skipping those under ``if TYPE_CHECKING:``; ``from a import b`` names ``a.b`` too,
    when ``a`` is a package (``b`` may be a module)."""
    import dis  # here, not at start-up

    found: list[str] = []
    skip_until = -1
    after_type_checking = False
    imported = ""
    for instruction in dis.get_instructions(code):
        if instruction.offset < skip_until:
            continue
        if after_type_checking and "IF_FALSE" in instruction.opname:
            skip_until = int(instruction.argval)  # the guarded block's end
        after_type_checking = instruction.argval == "TYPE_CHECKING"
        if instruction.opname == "IMPORT_NAME":
            imported = str(instruction.argval)
            found.append(imported)
        elif instruction.opname == "IMPORT_FROM" and _is_package(imported):
            found.append(f"{imported}.{instruction.argval}")
    return found


def behind_the_passphrase() -> list[str]:
    """The modules the registry's loaders import, in the registry's order."""
    names: list[str] = []
    for loader in work_area_registry.warm_up_loaders():
        code = getattr(loader, "__code__", None)
        for name in _imported_by(code) if code is not None else ():
            if name not in names and _is_module(name):
                names.append(name)
    return names


@functools.cache
def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


@functools.cache
def _is_package(name: str) -> bool:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return False
    return spec is not None and spec.submodule_search_locations is not None


def _module_level_imports(name: str, packages: Collection[str]) -> list[str]:
    """The modules of ``packages`` that ``name`` imports when it is imported, as far as
    its compiled code says (nothing if its loader cannot give the code)."""
    spec = importlib.util.find_spec(name)
    get_code = getattr(spec.loader, "get_code", None) if spec is not None else None
    code = get_code(name) if get_code is not None else None
    return [
        each
        for each in (_imported_by(code) if code is not None else ())
        if each.partition(".")[0] in packages and each not in sys.modules and _is_module(each)
    ]


class LeavesFirst:
    """Imports ``roots`` and the modules of their own packages that they import, a leaf
    at a time (another package's module, Qt's say, is imported whole, by whichever of
    ours needs it first)."""

    def __init__(self, roots: Iterable[str]) -> None:
        names = list(roots)
        self._pending: list[tuple[str, bool]] = [(name, False) for name in reversed(names)]
        self._packages = {name.partition(".")[0] for name in names}
        self._read: set[str] = set()

    def step(self) -> bool:
        """One small piece of work; False once everything is loaded."""
        while self._pending:
            name, ready = self._pending.pop()
            if name in sys.modules:
                continue
            if ready:
                importlib.import_module(name)
                return True
            if name in self._read:
                continue
            self._read.add(name)
            self._pending.append((name, True))
            imports = _module_level_imports(name, self._packages)
            self._pending.extend((each, False) for each in reversed(imports))
            return True
        return False


def warm_up(modules: Sequence[str] | None = None, after_painting: QWidget | None = None) -> None:
    """Import ``modules`` (by default everything the registry loads) leaves first, a step
    per turn of the event loop, starting once ``after_painting`` (the main window) is
    first painted, or once the loop runs if there is none."""
    loading: list[LeavesFirst] = []

    def step() -> None:
        if not loading:  # the first step, after the paint
            loading.append(LeavesFirst(behind_the_passphrase() if modules is None else modules))
        if loading[0].step():
            QTimer.singleShot(0, step)

    start: Callable[[], None] = step
    if after_painting is None:
        QTimer.singleShot(0, start)
    else:
        after_first_paint(after_painting, start)
