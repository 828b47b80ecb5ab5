"""Run lint-imports on a copy of the package, so a test can plant imports in the copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def copy_for_linting(folder: Path) -> Path:
    """Copy victim_champion and pyproject.toml (the contracts) into folder; the copy's package."""
    package = folder / "victim_champion"
    shutil.copytree(
        REPO / "victim_champion",
        package,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    shutil.copy(REPO / "pyproject.toml", folder / "pyproject.toml")
    return package


def lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports over the copy in folder (no cache; wide lines, so names are not wrapped)."""
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONPATH": str(folder), "COLUMNS": "1000"},
    )
