"""Official translated leaflets (issue 34, item 4): published at the real hub on 127.0.0.1,
signed into the leaflets bundle, pulled by a laptop at its sync, and printed from the
laptop byte for byte as uploaded. The fixture PDFs are made here with reportlab; the real
leaflets are Compass House's to upload."""

from __future__ import annotations

import base64
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from tests.cli.conftest import InProcessCli
from tests.support.hub_process import HubProcess
from victim_champion.core.leaflet_bundle import MAX_LEAFLET_BYTES, MAX_TOTAL_BYTES
from victim_champion.sync.transport import MAX_RESPONSE_BYTES

SOURCE = "https://www.gov.uk/government/publications/the-code-of-practice-for-victims-of-crime"


def fixture_pdf(path: Path, words: str, size: int = 0) -> Path:
    """A real one-page PDF; with ``size``, about that many bytes (an image of noise)."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, words)
    if size:
        side = int((size * 0.8 / 3) ** 0.5)  # reportlab writes images in ASCII85: 5 for 4
        noise = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
        page.drawImage(ImageReader(noise), 72, 72, 200, 200)
    page.showPage()
    page.save()
    path.write_bytes(buffer.getvalue())
    return path


def publish(hub: HubProcess, path: Path, language: str, title: str = "Victims' Code leaflet"):
    """``victim-champion-hub publish leaflet``, as Compass House runs it."""
    return subprocess.run(
        [
            *(sys.executable, "-m", "victim_champion.hub.command_line", "publish", "leaflet"),
            *(str(path), "--language", language, "--title", title, "--source", SOURCE),
            *("--date", "2026-11-20", "--db", hub.db_url),
        ],
        env=hub.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_leaflet_published_at_the_hub_prints_unchanged_from_a_laptop_after_sync(
    cli: InProcessCli, hub: HubProcess, tmp_path: Path
) -> None:
    welsh = fixture_pdf(tmp_path / "welsh.pdf", "Taflen swyddogol (fixture)")
    assert cli("init").code == 0
    assert cli("enrol", "--hub", hub.url, "--code", hub.enrol_code()).code == 0
    assert cli("sync").code == 0
    none_yet = cli("print", "leaflet", "--language", "cy", "--out", str(tmp_path / "x.pdf"))
    assert (
        none_yet.code == 1 and "no official leaflets yet; sync with the hub first" in none_yet.err
    )
    assert cli("leaflets", "list", "--json").json() == {"leaflets": []}

    done = publish(hub, welsh, "cy", "Cod Dioddefwyr")
    assert done.returncode == 0 and "version 1" in done.stdout, done.stderr
    database = sqlite3.connect(hub.db_url.removeprefix("sqlite:///"))
    lines = database.execute("SELECT actor, action, subject FROM audit_log").fetchall()
    database.close()
    assert lines == [("cli", "publish-leaflet", "leaflets 1: cy")]  # in the same transaction
    polish = fixture_pdf(tmp_path / "polish.pdf", "Ulotka (fixture)")
    assert publish(hub, polish, "PL").returncode == 0
    assert cli("sync").code == 0

    out = tmp_path / "printed.pdf"
    printed = cli("print", "leaflet", "--language", "cy", "--out", str(out))
    assert printed.code == 0, printed.err
    assert out.read_bytes() == welsh.read_bytes()
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True)
    assert "Taflen swyddogol" in text.stdout
    listed = cli("leaflets", "list", "--json").json()["leaflets"]
    assert [(e["language"], e["title"], e["source"], e["date"], e["size"]) for e in listed] == [
        ("cy", "Cod Dioddefwyr", SOURCE, "2026-11-20", welsh.stat().st_size),
        ("pl", "Victims' Code leaflet", SOURCE, "2026-11-20", polish.stat().st_size),
    ]
    human = cli("leaflets", "list")
    assert "cy  Cod Dioddefwyr  (2026-11-20" in human.out and SOURCE in human.out
    missing = cli("print", "leaflet", "--language", "ro", "--out", str(tmp_path / "ro.pdf"))
    assert missing.code == 1 and "There is no official leaflet in 'ro'" in missing.err
    assert missing.err.count("\n") == 1 and not (tmp_path / "ro.pdf").exists()

    # Publishing again in a language replaces that leaflet, and says so.
    newer = fixture_pdf(tmp_path / "welsh-2.pdf", "Taflen newydd (fixture)")
    again = publish(hub, newer, "cy", "Cod Dioddefwyr")
    assert again.returncode == 0 and "It replaces the leaflet published before" in again.stdout
    assert cli("sync").code == 0
    assert cli("print", "leaflet", "--language", "cy", "--out", str(out)).code == 0
    assert out.read_bytes() == newer.read_bytes()
    assert len(cli("leaflets", "list", "--json").json()["leaflets"]) == 2


def test_the_hub_refuses_what_is_not_a_pdf_and_what_is_too_big_in_one_sentence(
    hub: HubProcess, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.pdf"
    notes.write_text("Not a PDF at all")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(fixture_pdf(tmp_path / "whole.pdf", "x").read_bytes()[:-200])
    large = tmp_path / "large.pdf"
    large.write_bytes(b"%PDF-1.4\n" + b"0" * MAX_LEAFLET_BYTES)
    cases = [
        (notes, "cy", "the file is not a PDF"),
        (cut, "cy", "the PDF is cut short or damaged"),
        (large, "cy", "a leaflet may be at most 5.0 MB"),
        (tmp_path / "whole.pdf", "Welsh!", "is not a language code"),
    ]
    for path, language, reason in cases:
        refused = publish(hub, path, language)
        assert refused.returncode == 1 and reason in refused.stderr, refused.stderr
        assert refused.stderr.startswith("Not published: ") and refused.stderr.count("\n") == 1
    course = subprocess.run(
        [
            *(sys.executable, "-m", "victim_champion.hub.command_line", "publish", "course"),
            *(str(tmp_path), "--language", "cy", "--db", hub.db_url),
        ],
        env=hub.env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert course.returncode == 1
    assert course.stderr == "Not published: --language is only for publish leaflet.\n"
    database = sqlite3.connect(hub.db_url.removeprefix("sqlite:///"))
    assert database.execute("SELECT count(*) FROM bundles").fetchone() == (0,)
    database.close()


def test_the_fullest_bundle_reaches_a_laptop_and_one_more_is_refused(
    cli: InProcessCli, hub: HubProcess, tmp_path: Path
) -> None:
    """The largest bundle the limits allow is one answer the laptop accepts."""
    assert MAX_TOTAL_BYTES * 4 // 3 + 512 * 1024 < MAX_RESPONSE_BYTES
    sizes = {"ur": 4_900_000, "ro": 4_900_000, "pa": 1_500_000}
    made = {code: fixture_pdf(tmp_path / f"{code}.pdf", code, size) for code, size in sizes.items()}
    assert all(p.stat().st_size <= MAX_LEAFLET_BYTES for p in made.values())
    assert sum(p.stat().st_size for p in made.values()) > MAX_TOTAL_BYTES - 1024 * 1024
    for code, path in made.items():
        assert publish(hub, path, code).returncode == 0
    over = publish(hub, fixture_pdf(tmp_path / "so.pdf", "so", 700_000), "so")
    assert over.returncode == 1 and "the bundle may hold at most 11.0 MB" in over.stderr
    assert cli("init").code == 0
    assert cli("enrol", "--hub", hub.url, "--code", hub.enrol_code()).code == 0
    assert cli("sync").code == 0
    for code, path in made.items():
        out = tmp_path / f"printed-{code}.pdf"
        assert cli("print", "leaflet", "--language", code, "--out", str(out)).code == 0
        assert out.read_bytes() == path.read_bytes()


def test_a_leaflets_bundle_changed_at_the_hub_is_refused_by_the_laptop(
    cli: InProcessCli, hub: HubProcess, tmp_path: Path
) -> None:
    """Someone with the hub's database swaps a PDF: the signature no longer checks out with
    the key the laptop pinned, so the laptop refuses it and keeps what it had."""
    welsh = fixture_pdf(tmp_path / "welsh.pdf", "Taflen (fixture)")
    assert publish(hub, welsh, "cy").returncode == 0
    assert cli("init").code == 0
    assert cli("enrol", "--hub", hub.url, "--code", hub.enrol_code()).code == 0
    assert cli("sync").code == 0
    assert publish(hub, fixture_pdf(tmp_path / "pl.pdf", "Ulotka"), "pl").returncode == 0
    database = sqlite3.connect(hub.db_url.removeprefix("sqlite:///"))
    content = database.execute("SELECT content FROM bundles WHERE version = '2'").fetchone()[0]
    document = json.loads(content)
    forged = fixture_pdf(tmp_path / "forged.pdf", "Call 0000 for help")
    document["files"]["cy.pdf"] = base64.b64encode(forged.read_bytes()).decode()
    database.execute("UPDATE bundles SET content = ? WHERE version = '2'", (json.dumps(document),))
    database.commit()
    database.close()
    refused = cli("sync")
    assert refused.code == 1 and "failed its signature check" in refused.err
    out = tmp_path / "out.pdf"
    assert cli("print", "leaflet", "--language", "cy", "--out", str(out)).code == 0
    assert out.read_bytes() == welsh.read_bytes()
    assert [e["language"] for e in cli("leaflets", "list", "--json").json()["leaflets"]] == ["cy"]


def test_a_leaflet_uploaded_from_the_dashboard_prints_unchanged_from_a_laptop_after_sync(
    cli: InProcessCli, hub: HubProcess, tmp_path: Path
) -> None:
    """The same journey from the content desk's upload page instead of the command line
    (imported here: that module takes its fixture PDF from this one)."""
    from tests.hub.test_leaflet_upload import upload
    from tests.support.dashboard_client import create_account, log_in

    create_account(hub, "carol.content", "compass-house-content")
    romanian = fixture_pdf(tmp_path / "ro.pdf", "Brosura oficiala (fixture)").read_bytes()
    answer = upload(hub, log_in(hub, "carol.content"), romanian, language="ro", title="Codul")
    assert answer.status == 303, answer.body
    assert cli("init").code == 0
    assert cli("enrol", "--hub", hub.url, "--code", hub.enrol_code()).code == 0
    assert cli("sync").code == 0
    out = tmp_path / "printed.pdf"
    printed = cli("print", "leaflet", "--language", "ro", "--out", str(out))
    assert printed.code == 0, printed.err
    assert out.read_bytes() == romanian
    [listed] = cli("leaflets", "list", "--json").json()["leaflets"]
    assert (listed["language"], listed["title"], listed["source"], listed["date"]) == (
        "ro",
        "Codul",
        SOURCE,
        "2026-11-20",
    )
