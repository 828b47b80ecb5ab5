"""Finding external programs: skip locally with a visible reason, but fail in CI."""

from __future__ import annotations

import os
import shutil

import pytest


def require_tool(name: str, why: str) -> str:
    """Path of ``name``; a missing tool skips the test locally and fails it in CI."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed ({why}); scripts/test installs it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
