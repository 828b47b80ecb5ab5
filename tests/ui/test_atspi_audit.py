"""An AT-SPI audit of the running app: what a screen reader (Orca) really hears.

The app runs on a demo profile under Xvfb with a private session bus and Qt's Linux
accessibility bridge on; `tests/support/atspi_dump.py`, in Debian's own Python with no
project code, reads the tree from outside over the accessibility bus, screen by screen:
the unlock screen, every page, the dialogs, the presenter and audience views, the kiosk
(sign-in, quiz questions, feedback), the signposting results and the print preview, and
the decoy after the quick exit. `tests/ui/test_accessibility.py` checks the same promises
from inside Qt; this checks they survive the trip to the assistive technology.

Scroll bars are left unnamed, as in every browser: they take no keyboard focus, and a
reader announces them by role and position.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.support.tools import require_tool

# Roles a person operates: each must be heard with a name.
CONTROLS = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "combo box",
    "text",
    "password text",
    "spin button",
    "slider",
    "list",
    "table",
    "page tab",
    "menu item",
    "tree",
    "entry",
}
# The roles the audit must have met at least once, so an empty or half-read tree fails.
EXPECTED_ROLES = {"push button", "check box", "radio button", "combo box", "text", "table"}
SCREENS = 26  # unlock, 6 pages, 9 dialogs, presenter, audience, kiosk x5, signposting x2, exit


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    xvfb = require_tool("xvfb-run", "a virtual X display")
    session = require_tool("dbus-run-session", "a private session bus")
    probe = subprocess.run(
        ["/usr/bin/python3", "-c", "import gi; gi.require_version('Atspi', '2.0')"],
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:
        message = "Debian's python3-gi and gir1.2-atspi-2.0 are not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    out = tmp_path_factory.mktemp("atspi") / "screens.json"
    child = subprocess.run(
        [
            xvfb,
            "-a",
            "-s",
            "-screen 0 1280x720x24",
            session,
            "--",
            sys.executable,
            "-m",
            "tests.support.atspi_driver",
            str(out),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "xcb",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "VC_DEBUG_GUI_THREAD": "",  # the driver unlocks on its own main thread
        },
    )
    assert child.returncode == 0, child.stderr[-3000:]
    return json.loads(Path(out).read_text(encoding="utf-8"))


def showing(screen: dict) -> list[dict]:
    return [node for node in screen["nodes"] if node["showing"]]


def test_every_screen_was_read_from_outside(screens: dict[str, dict]) -> None:
    assert len(screens) == SCREENS, sorted(screens)
    unread = [name for name, screen in screens.items() if not screen["nodes"]]
    assert unread == []
    roles = {node["role"] for screen in screens.values() for node in showing(screen)}
    assert roles >= EXPECTED_ROLES


def test_every_control_on_every_screen_is_heard_with_a_name(screens: dict[str, dict]) -> None:
    unnamed = [
        f"{name}: a {node['role']}"
        for name, screen in screens.items()
        for node in showing(screen)
        if (node["role"] in CONTROLS or node["focusable"])
        and node["role"] not in {"table cell", "list item"}  # named by their own text
        and not node["name"].strip()
    ]
    assert unnamed == []


def test_no_tab_stop_is_a_nameless_or_roleless_box(screens: dict[str, dict]) -> None:
    """A focusable "filler" or "panel" is a stop on Tab that says nothing of what it is;
    only the preview's page view and the audience window may take focus that way, and
    both are named for what they show."""
    allowed = {"Document preview", "Slides"}
    boxes = {
        f"{name}: {node['role']} {node['name']!r}"
        for name, screen in screens.items()
        for node in showing(screen)
        if node["focusable"]
        and node["role"] in {"filler", "panel", "unknown", "layered pane"}
        and node["name"] not in allowed
    }
    assert boxes == set()


def test_dialogs_are_heard_with_their_titles(screens: dict[str, dict]) -> None:
    for name, screen in screens.items():
        if name.startswith("dialog: "):
            title = screen["shown"]["title"]
            assert any(
                node["role"] == "dialog" and node["name"] == title for node in showing(screen)
            ), f"{name}: no dialog named {title!r}"


def test_the_kiosk_quiz_is_heard_in_its_own_words(screens: dict[str, dict]) -> None:
    for number in (1, 2):
        screen = screens[f"kiosk: question {number}"]
        question, answers = screen["shown"]["question"], screen["shown"]["answers"]
        nodes = showing(screen)
        names = [node["name"] for node in nodes]
        assert len(answers) >= 3
        assert any(node["role"] == "label" and node["name"].endswith(question) for node in nodes), (
            names
        )
        assert f"Question {number} of" in " ".join(names)
        radios = [node["name"] for node in nodes if node["role"] == "radio button"]
        # Each answer is heard as its own words (an answer may hold a colon itself).
        assert len(radios) == len(answers)
        assert all(radio.startswith(answer) for radio, answer in zip(radios, answers, strict=True))
        assert not any(re.fullmatch(r"(Question|Answer)( \d+)?", name) for name in names)


def test_messages_and_figures_are_heard_as_their_words(screens: dict[str, dict]) -> None:
    """A label named for its purpose ("Kiosk message", "Slide number") hides its words
    from a reader: the words themselves are its name, the purpose its description."""
    signed_in = screens["kiosk: signed in"]
    message = signed_in["shown"]["message"]
    assert message
    assert any(node["name"] == message for node in showing(signed_in))
    presenter = screens["presenter"]
    names = [node["name"] for node in showing(presenter)]
    assert presenter["shown"]["counter"] in names
    assert presenter["shown"]["notes"] in names
    purposes = {"Kiosk message", "Slide number", "Trainer notes", "Sync message"}
    heard = {node["name"] for screen in screens.values() for node in showing(screen)}
    assert heard & purposes == set()


def test_after_the_quick_exit_nothing_hidden_still_speaks(screens: dict[str, dict]) -> None:
    """A reader walks hidden objects too: after the quick exit no name from the register
    and no word of the app may be found anywhere in the tree, showing or not."""
    screen = screens["after quick exit"]
    register = screen["shown"]["register names"]
    assert register  # the demo register had people on it before the exit
    words = " ".join(
        f"{node['name']} {node['description']} {node['text']}" for node in screen["nodes"]
    )
    assert [name for name in register if name in words] == []
    frames = [node for node in screen["nodes"] if node["role"] == "frame" and node["showing"]]
    assert frames and all("Victim" not in node["name"] for node in frames)
