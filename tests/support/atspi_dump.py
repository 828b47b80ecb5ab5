"""Read one application's accessibility tree over AT-SPI, as a screen reader does.

Runs under the *system* Python (Debian's python3-gi and gir1.2-atspi-2.0), not the
project's environment, and imports nothing from the project: it sees the app only
through the accessibility bus, exactly as Orca would.

    python3 atspi_dump.py PID [--all]

prints a JSON list of nodes: role, name, description, depth, and whether it is showing
and focusable. Without ``--all`` it does not descend into what is not showing (hidden
pages of a stack), which keeps the walk short; ``--all`` walks every node, for checking
that nothing hidden still speaks (after the quick exit).
"""

from __future__ import annotations

import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402  (after require_version, as gi asks)


def find_application(pid: int, seconds: float = 10.0) -> object | None:
    desktop = Atspi.get_desktop(0)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for index in range(desktop.get_child_count()):
            application = desktop.get_child_at_index(index)
            if application is not None and application.get_process_id() == pid:
                return application
        time.sleep(0.1)
    return None


def text_of(node: object) -> str:
    """The words a text or label holds (what a reader reads when it has no name)."""
    if "Text" not in node.get_interfaces():  # type: ignore[attr-defined]
        return ""
    return Atspi.Text.get_text(node, 0, -1) or ""


def walk(node: object, everything: bool, depth: int = 0, out: list | None = None) -> list:
    out = [] if out is None else out
    states = node.get_state_set()  # type: ignore[attr-defined]
    showing = states.contains(Atspi.StateType.SHOWING)
    out.append(
        {
            "role": node.get_role_name(),  # type: ignore[attr-defined]
            "name": node.get_name() or "",  # type: ignore[attr-defined]
            "description": node.get_description() or "",  # type: ignore[attr-defined]
            "showing": showing,
            "focusable": states.contains(Atspi.StateType.FOCUSABLE),
            "depth": depth,
            "text": text_of(node) if showing else "",
        }
    )
    if showing or everything or depth == 0:
        for index in range(node.get_child_count()):  # type: ignore[attr-defined]
            child = node.get_child_at_index(index)  # type: ignore[attr-defined]
            if child is not None:
                walk(child, everything, depth + 1, out)
    return out


def main() -> int:
    application = find_application(int(sys.argv[1]))
    if application is None:
        sys.stdout.write("null\n")
        return 1
    sys.stdout.write(json.dumps(walk(application, "--all" in sys.argv[2:])) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
