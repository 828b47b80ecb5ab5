"""A new Victims' Code reaches a laptop in a signed course bundle alone (issue 33, item 7).

The real hub on 127.0.0.1 signs a course built from the shipped files with a new Code
edition ("2027": a new in-force date and one right said differently). A laptop profile
syncs it through the command line, and its course list, rights handout (read back with
pdftotext), discreet copy and web page carry the new edition, with no change to the app.
A course whose course.toml and Code editions disagree is refused twice: by the hub before
signing, and by the laptop if a signed one reaches it anyway; the laptop keeps 2027.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import InProcessCli
from tests.conftest import REPO
from tests.support.hub_process import HubProcess
from tests.support.pdf_tools import flowing_text
from victim_champion.content.course_on_laptop import forget_adopted_course

SHIPPED = REPO / "resources" / "course"
NEW_SUMMARY = (
    "When you report, you get a written note within five working days that says what "
    "happens next and what support there is."
)


@pytest.fixture(autouse=True)
def _shipped_course_afterwards() -> Iterator[None]:
    """The course adopted here must not outlive the test (the process is shared)."""
    yield
    forget_adopted_course()


def _course(
    folder: Path, version: str, course_edition: str, code_edition: str, summary: str
) -> Path:
    """The shipped course, copied, with a new version and Code edition, a new in-force
    date, and right 3 said differently."""
    shutil.copytree(SHIPPED, folder)
    manifest = folder / "course.toml"
    text = manifest.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^version = ".*"$', f'version = "{version}"', text)
    text = re.sub(r'(?m)^code_edition = ".*"$', f'code_edition = "{course_edition}"', text)
    manifest.write_text(text, encoding="utf-8")
    code_file = folder / "victims_code.toml"
    code = code_file.read_text(encoding="utf-8")
    old_summary = tomllib.loads(code)["rights"][2]["summary"]
    code = re.sub(r'(?m)^edition = ".*"$', f'edition = "{code_edition}"', code)
    code = re.sub(r'(?m)^in_force = ".*"$', 'in_force = "2027-04-01"', code)
    code_file.write_text(code.replace(old_summary, summary), encoding="utf-8")
    return folder


def _rights(cli: InProcessCli, tmp_path: Path, *options: str) -> str:
    out = tmp_path / "rights.pdf"
    written = cli("print", "handout", "rights", *options, "--out", str(out))
    assert written.code == 0, written.err
    if "--web-page" in options:
        return " ".join(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8")).split())
    return flowing_text(out.read_bytes(), tmp_path)


def test_a_new_code_edition_arrives_in_a_signed_course_bundle_alone(
    cli: InProcessCli, hub: HubProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped_code = tomllib.loads((SHIPPED / "victims_code.toml").read_text(encoding="utf-8"))
    old_summary = shipped_code["rights"][2]["summary"]
    assert cli("init").code == 0
    assert cli("enrol", "--hub", hub.url, "--code", hub.enrol_code()).code == 0
    before = _rights(cli, tmp_path)
    assert "2020 edition" in before and old_summary in before

    new = _course(tmp_path / "course-2027", "2027.1", "2027", "2027", NEW_SUMMARY)
    assert "Published course version 2027.1" in hub.admin("publish", "course", str(new))
    assert cli("sync").code == 0

    listed = cli("course", "list", "--json").json()
    assert (listed["version"], listed["code_edition"]) == ("2027.1", "2027")
    assert "(Victims' Code 2027)" in cli("course", "list").out
    for options in ((), ("--discreet",), ("--large-print",), ("--web-page",)):
        text = _rights(cli, tmp_path, *options)
        assert "2027 edition" in text and "1 April 2027" in text, options
        assert NEW_SUMMARY in text and old_summary not in text, options
        assert "2020 edition" not in text, options

    # Editions that disagree: the hub will not sign it, naming the file and line ...
    odd = _course(tmp_path / "course-odd", "2027.2", "2027", "2028", "Right 3, said oddly.")
    refused = _publish(hub, odd)
    assert refused.returncode == 1 and not refused.stdout
    line = next(
        n
        for n, text in enumerate((odd / "victims_code.toml").read_text().splitlines(), 1)
        if text.startswith("edition =")
    )
    assert (
        f"Not published: victims_code.toml, line {line}: its edition is '2028' but "
        "course.toml's code_edition is '2027'; change both together." in refused.stderr
    )
    # ... and a laptop refuses one signed anyway (by a hub from before this check). The
    # course is left aside and said so, but the sync itself succeeds: records, referrals
    # and a wipe are never held up by a course.
    _sign_unchecked(hub, odd, "2027.2")
    synced = cli("sync")
    assert synced.code == 0, synced.err
    assert (
        "The course update from the hub was refused because victims_code.toml, line "
        f"{line}: its edition is '2028'" in synced.err
    )
    assert "the current one is still in use" in synced.err
    assert cli("course", "list", "--json").json()["code_edition"] == "2027"
    kept = _rights(cli, tmp_path)
    assert "2027 edition" in kept and NEW_SUMMARY in kept and "said oddly" not in kept

    # Without the passphrase the profile cannot be read: the installed course, said so.
    monkeypatch.delenv("VC_PASSPHRASE")
    out = tmp_path / "installed.pdf"
    installed = cli("print", "handout", "rights", "--out", str(out))
    assert installed.code == 0 and "set VC_PASSPHRASE" in installed.err
    assert "2020 edition" in flowing_text(out.read_bytes(), tmp_path)


def _publish(hub: HubProcess, folder: Path) -> subprocess.CompletedProcess[str]:
    """`victim-champion-hub publish course FOLDER`, with what it says on stderr."""
    command = [sys.executable, "-m", "victim_champion.hub.command_line", "publish", "course"]
    return subprocess.run(
        [*command, str(folder), "--db", hub.db_url],
        env=hub.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _sign_unchecked(hub: HubProcess, folder: Path, version: str) -> None:
    """What a hub without the course check would have signed and announced."""
    from victim_champion.hub.api import bundles
    from victim_champion.hub.storage.engine import make_engine
    from victim_champion.hub.storage.signing_keys import key_file_for, load_or_create_hub_key

    files = {
        p.relative_to(folder).as_posix(): p.read_text("utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
    engine = make_engine(hub.db_url)
    try:
        key = load_or_create_hub_key(engine, key_file_for(engine))
        document = {"kind": "course", "version": version, "files": files}
        assert bundles.publish(engine, key, document) == version
    finally:
        engine.dispose()
