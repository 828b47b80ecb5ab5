"""`print next-steps`: the 'Where to go next' handout through the command line, with no
passphrase, read back from the real file."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import InProcessCli
from tests.support.pdf_tools import pages_text


def test_print_next_steps_writes_one_page_to_out(cli: InProcessCli, tmp_path: Path) -> None:
    out = tmp_path / "where-next.pdf"
    printed = cli("print", "next-steps", "--out", str(out), "--json")
    assert printed.code == 0, printed.err
    assert printed.json() == {"out": str(out)}
    [page] = pages_text(out.read_bytes(), tmp_path)
    assert "Where to go next" in page and "National Stalking Helpline" in page
    missing = cli("print", "next-steps", "--out", str(tmp_path / "no" / "x.pdf"))
    assert missing.code == 1 and "does not exist" in missing.err
    unknown = cli("print", "next-steps", "--language", "xx-XX", "--out", str(out))
    assert unknown.code == 1 and unknown.err.strip()
