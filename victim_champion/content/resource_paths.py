"""Where the shipped resources/ folder is: beside the package in a checkout, or in the bundle.

``VC_RESOURCES`` overrides both (used by tests that validate a broken copy).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from victim_champion.core.errors import ResourceError


def resources_root() -> Path:
    """The resources/ folder; raises ResourceError if it cannot be found."""
    override = os.environ.get("VC_RESOURCES")
    if override:
        candidates = [Path(override)]
    else:
        candidates = [Path(__file__).resolve().parents[2] / "resources"]
        bundle = getattr(sys, "_MEIPASS", None)  # set by PyInstaller in a frozen app
        if bundle:
            candidates.insert(0, Path(bundle) / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise ResourceError("The app's resources folder is missing; reinstall Victim Champion.")
