"""The arrows of ARCHITECTURE.md: import-linter contracts, and core on the stdlib only."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.support.import_lint import copy_for_linting, lint_imports

PACKAGE = REPO / "victim_champion"


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_core_imports_only_the_standard_library_and_itself() -> None:
    allowed = set(sys.stdlib_module_names) | {"__future__", "victim_champion"}
    for path in (PACKAGE / "core").rglob("*.py"):
        outside = imported_roots(path) - allowed
        assert not outside, f"{path.name} imports {sorted(outside)}"
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                assert not node.module.startswith("victim_champion.") or node.module.startswith(
                    "victim_champion.core"
                ), f"{path.name} reaches up into {node.module}"


def test_pyside6_is_imported_only_in_ui_and_app() -> None:
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("ui/") or relative == "app.py":
            continue
        assert "PySide6" not in imported_roots(path), f"{relative} imports PySide6"


def test_the_import_linter_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_two_modules_share_a_name() -> None:
    """Modules and packages alike (Alembic's numbered migrations excepted)."""
    seen: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in ("__init__.py", "__main__.py") or "/migrations/" in relative:
            continue
        name = path.parent.name if path.name == "__init__.py" else path.stem
        assert name not in seen, f"{relative} and {seen[name]} share a name"
        seen[name] = relative


def test_the_contracts_are_allow_lists_a_new_shortcut_fails(tmp_path: Path) -> None:
    """A new sync/outbox.py reaching into the store passed the old deny-lists.

    tests/test_fences.py plants one forbidden import for every contract.
    """
    package = copy_for_linting(tmp_path)
    assert lint_imports(tmp_path).returncode == 0
    (package / "sync" / "outbox.py").write_text(
        '"""A shortcut."""\nfrom victim_champion.store.profile import Profile\n'
    )
    (package / "reminders").mkdir()
    (package / "reminders" / "__init__.py").write_text('"""New."""\n')
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "victim_champion.sync.outbox" in result.stdout  # the store is protected
    assert "reminders" in result.stdout  # exhaustive layers: a new package must be placed
