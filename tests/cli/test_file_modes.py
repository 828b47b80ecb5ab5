"""Files with names in them are the owner's alone: 0600 as the OS creates them, before a
byte lands, whatever the umask and whatever a crash left behind (issue 35, finding 7)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import InProcessCli, new_training_session
from tests.support.pdf_tools import pages_text
from victim_champion.store import atomic_file

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")

SWALE = ("--district", "Swale", "--need", "domestic-abuse", "--service", "davss")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """The loosest umask a laptop could have: the mode must come from the app itself."""
    old = os.umask(0)
    yield
    os.umask(old)


@pytest.fixture
def modes_as_written(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The mode of each file at the moment its first byte is written."""
    seen: list[int] = []
    real_write = os.write

    def write(fd: int, data: bytes | memoryview) -> int:
        seen.append(stat.S_IMODE(os.fstat(fd).st_mode))
        return real_write(fd, data)

    monkeypatch.setattr(atomic_file.os, "write", write)
    return seen


def test_a_certificate_is_the_owners_alone_from_its_first_byte(
    cli: InProcessCli, tmp_path: Path, modes_as_written: list[int]
) -> None:
    session_id = new_training_session(cli, "Dover", "Trainer One")
    signup = tmp_path / "s.csv"
    signup.write_text("name\nZoë Example\n", encoding="utf-8")
    cli("attendees", "import", session_id, str(signup))
    zoe = cli("attendees", "list", session_id, "--json").json()[0]["id"]
    cli("attendees", "complete", session_id, zoe)
    out = tmp_path / "certificates.pdf"
    out.write_bytes(b"an older copy, readable by all")
    out.chmod(0o644)  # replaced, not reused: the new file has its own mode
    modes_as_written.clear()
    printed = cli("print", "certificates", session_id, "--out", str(out))
    assert printed.code == 0, printed.err
    assert "Zoë Example" in " ".join(pages_text(out.read_bytes(), tmp_path))
    assert _mode(out) == 0o600
    assert modes_as_written and set(modes_as_written) == {0o600}


def test_a_sheet_with_a_name_and_its_web_page_are_the_owners_alone(
    cli: InProcessCli, tmp_path: Path, modes_as_written: list[int]
) -> None:
    sheet = tmp_path / "sheet.pdf"
    named = cli("print", "sheet", *SWALE, "--name", "Sam Example", "--out", str(sheet))
    assert named.code == 0, named.err
    assert "Sam Example" in " ".join(" ".join(pages_text(sheet.read_bytes(), tmp_path)).split())
    twin = tmp_path / "sheet.html"
    web = cli("print", "sheet", *SWALE, "--discreet", "--web-page", "--out", str(twin))
    assert web.code == 0, web.err
    assert (_mode(sheet), _mode(twin)) == (0o600, 0o600)
    assert set(modes_as_written) == {0o600}


def test_a_partial_file_left_by_a_crash_does_not_lend_its_mode(
    cli: InProcessCli, tmp_path: Path, modes_as_written: list[int]
) -> None:
    out = tmp_path / "rights.pdf"
    stale = tmp_path / ".rights.pdf.partial"
    stale.write_bytes(b"half a file from a crash")
    stale.chmod(0o666)
    assert cli("print", "handout", "rights", "--out", str(out)).code == 0
    assert _mode(out) == 0o600 and not stale.exists()
    assert set(modes_as_written) == {0o600}
