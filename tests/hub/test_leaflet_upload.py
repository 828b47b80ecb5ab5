"""Official leaflets uploaded from the dashboard (issue 34, item 4), against the real hub on
127.0.0.1: a Compass House content editor uploads a fixture PDF and the signed leaflets
bundle holds it byte for byte, with the audit line; other accounts get 403; a file too big,
or not a PDF, is refused in one sentence and nothing is published."""

from __future__ import annotations

import base64
import html
import http.client
import json
import re
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine

from tests.cli.test_leaflets import SOURCE, fixture_pdf
from tests.support.dashboard_client import Answer, create_account, fetch, log_in
from tests.support.hub_process import HubProcess
from victim_champion.core.leaflet_bundle import MAX_LEAFLET_BYTES, MAX_TITLE
from victim_champion.hub.api.body_limits import LEAFLET_UPLOAD_LIMIT
from victim_champion.hub.api.leaflet_publishing import LeafletDesk
from victim_champion.hub.editorial import change_log as audit
from victim_champion.hub.storage.engine import make_engine, upgrade
from victim_champion.hub.storage.signing_keys import key_file_for, load_or_create_hub_key
from victim_champion.sync.shared.protocol import canonical_json
from victim_champion.sync.shared.signatures import verify

PAGE = "/dashboard/content/leaflets"
EDITOR = "carol.content"


def upload(
    hub: HubProcess, cookie: str, pdf: bytes | None, name: str = "leaflet.pdf", **fields: str
) -> Answer:
    """The upload form as a browser posts it: multipart, from the dashboard's own origin."""
    boundary = uuid.uuid4().hex
    values = {"language": "cy", "title": "Cod Dioddefwyr", "source": SOURCE, "date": "2026-11-20"}
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in {**values, **fields}.items()
    ]
    if pdf is not None:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n".encode()
            + pdf
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    connection = http.client.HTTPConnection("127.0.0.1", hub.port, timeout=60)
    headers = {
        "Cookie": cookie,
        "Origin": hub.url,
        "Content-Type": f"multipart/form-data; boundary={boundary}",
    }
    try:
        connection.request("POST", PAGE, body=body, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read().decode())
    finally:
        connection.close()


def sized_pdf(words: str, size: int) -> bytes:
    """A real one-page PDF of exactly ``size`` bytes (a comment in its content stream)."""

    def build(padding: int) -> bytes:
        text = f"BT /F1 14 Tf 72 720 Td ({words}) Tj ET\n%{'x' * padding}\n".encode()
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(text) + text + b"endstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        out, offsets = b"%PDF-1.4\n", []
        for number, body in enumerate(objects, 1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 6\n0000000000 65535 f \n"
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
        return out

    padding = size
    for _ in range(5):  # the padding's digits change the length a little: settle it
        data = build(padding)
        if len(data) == size:
            return data
        padding -= len(data) - size
    raise AssertionError(f"no PDF of exactly {size} bytes")


def bundle_rows(hub: HubProcess) -> list[tuple[str, str, str]]:
    database = sqlite3.connect(hub.db_url.removeprefix("sqlite:///"))
    try:
        return database.execute(
            "SELECT version, content, signature FROM bundles WHERE kind = 'leaflets' ORDER BY id"
        ).fetchall()
    finally:
        database.close()


def audit_lines(hub: HubProcess) -> list[tuple[str, str, str, str]]:
    database = sqlite3.connect(hub.db_url.removeprefix("sqlite:///"))
    try:
        return database.execute(
            "SELECT actor, action, subject, detail FROM audit_log ORDER BY id"
        ).fetchall()
    finally:
        database.close()


def error_sentences(page: str) -> list[str]:
    return [html.unescape(found) for found in re.findall(r"<p class='error'[^>]*>(.*?)</p>", page)]


def test_a_content_editor_uploads_a_leaflet_and_the_signed_bundle_holds_it_unchanged(
    hub: HubProcess, tmp_path: Path
) -> None:
    create_account(hub, EDITOR, "compass-house-content")
    cookie = log_in(hub, EDITOR)
    empty = fetch(hub, "GET", PAGE, cookie)
    assert empty.status == 200 and "No leaflets yet" in empty.body
    assert "script-src 'none'" in empty.headers["Content-Security-Policy"]
    assert "<script" not in empty.body and "enctype='multipart/form-data'" in empty.body
    assert "The bundle holds 0 leaflets, 0.0 KB of 11.0 MB" in empty.body

    welsh = fixture_pdf(tmp_path / "welsh.pdf", "Taflen swyddogol (fixture)").read_bytes()
    done = upload(hub, cookie, welsh)
    assert done.status == 303 and done.headers["Location"] == f"{PAGE}?published=cy"
    shown = fetch(hub, "GET", f"{PAGE}?published=cy", cookie).body
    assert "Published the cy leaflet, signed by the hub" in shown
    assert "<th scope='row'>cy</th><td>Cod Dioddefwyr</td>" in shown
    kilobytes = f"{len(welsh) / 1024:.1f} KB"  # a small fixture is not "0.0 MB"
    assert f"<td>2026-11-20</td><td>{kilobytes}</td>" in shown and SOURCE in shown
    assert f"The bundle holds 1 leaflet, {kilobytes} of 11.0 MB" in shown

    [(version, content, signature)] = bundle_rows(hub)
    document = json.loads(content)
    assert version == "1" and base64.b64decode(document["files"]["cy.pdf"]) == welsh
    engine = create_engine(hub.db_url)
    key = load_or_create_hub_key(engine, key_file_for(engine))
    engine.dispose()
    assert verify(key.public_key, base64.b64decode(signature), canonical_json(document))
    [(actor, action, subject, detail)] = audit_lines(hub)
    assert (actor, action, subject) == (EDITOR, "publish-leaflet", "leaflets 1: cy")
    assert SOURCE in detail and f"{len(welsh)} bytes" in detail

    # The largest leaflet allowed, with every field at its longest, fits the body limit.
    largest = sized_pdf("Ulotka (fixture)", MAX_LEAFLET_BYTES)
    assert len(largest) == MAX_LEAFLET_BYTES
    long = {"title": "T" * MAX_TITLE, "source": "https://example.org/" + "a" * 470}
    assert upload(hub, cookie, largest, language="pl", **long).status == 303
    listed = fetch(hub, "GET", PAGE, cookie).body
    assert (
        "<td>5.0 MB</td>" in listed and "The bundle holds 2 leaflets, 5.0 MB of 11.0 MB" in listed
    )
    [_, (_, content, _)] = bundle_rows(hub)
    assert base64.b64decode(json.loads(content)["files"]["pl.pdf"]) == largest
    assert base64.b64decode(json.loads(content)["files"]["cy.pdf"]) == welsh


def test_uploads_that_are_refused_say_why_in_one_sentence_and_publish_nothing(
    hub: HubProcess, tmp_path: Path
) -> None:
    create_account(hub, EDITOR, "compass-house-content")
    cookie = log_in(hub, EDITOR)
    pdf = fixture_pdf(tmp_path / "whole.pdf", "Taflen (fixture)").read_bytes()
    just_over = sized_pdf("Too big", MAX_LEAFLET_BYTES + 1)
    cases = [
        (b"Not a PDF at all", {}, "Not published: the file is not a PDF (it does not start "),
        (just_over, {}, "a leaflet may be at most 5.0 MB"),
        (pdf, {"language": "Welsh!"}, "is not a language code"),
        (pdf, {"source": "http://example.org/x"}, "starting https://"),
        (pdf, {"date": "20/11/2026"}, "give the leaflet's date as YYYY-MM-DD"),
        (None, {}, "Not published: choose the leaflet's PDF file."),
    ]
    for data, fields, reason in cases:
        refused = upload(hub, cookie, data, **fields)
        assert refused.status == 400, refused.body
        [sentence] = error_sentences(refused.body)
        assert reason in sentence and sentence.startswith("Not published: ")
        assert sentence.count(". ") == 0 and sentence.endswith(".")
        if "language" not in fields:  # the fields typed are kept for another try
            assert "value='Cod Dioddefwyr'" in refused.body

    # Past the body limit: refused before it is read, in one sentence.
    far_over = b"%PDF-1.4\n" + b"0" * LEAFLET_UPLOAD_LIMIT
    refused = upload(hub, cookie, far_over)
    assert refused.status == 413
    assert refused.body == (
        "Not published: the file is larger than a leaflet may be (5.0 MB at most)."
    )
    assert bundle_rows(hub) == [] and audit_lines(hub) == []


def test_only_content_editors_see_or_post_the_leaflets_page(
    hub: HubProcess, tmp_path: Path
) -> None:
    create_account(hub, "olive", "opcc")
    opcc = log_in(hub, "olive")
    pdf = fixture_pdf(tmp_path / "welsh.pdf", "Taflen (fixture)").read_bytes()
    page = fetch(hub, "GET", PAGE, opcc)
    assert page.status == 403 and "for Compass House content editors only" in page.body
    assert "<input" not in page.body.split("</header>")[1]  # no form, no leaflets
    assert upload(hub, opcc, pdf).status == 403
    assert upload(hub, "", pdf).status == 403
    anonymous = fetch(hub, "GET", PAGE)
    assert anonymous.status == 303 and anonymous.headers["Location"] == "/dashboard/login"

    create_account(hub, EDITOR, "compass-house-content")
    editor = log_in(hub, EDITOR)
    foreign = upload(hub, editor, pdf, name="x.pdf")
    assert foreign.status == 303  # from the dashboard's own origin: published
    connection = http.client.HTTPConnection("127.0.0.1", hub.port, timeout=30)
    connection.request(
        "POST",
        PAGE,
        body=b"",
        headers={"Cookie": editor, "Origin": "https://elsewhere.example", "Content-Length": "0"},
    )
    answer = connection.getresponse()
    assert answer.status == 403 and "only be sent from the dashboard" in answer.read().decode()
    connection.close()
    assert len(bundle_rows(hub)) == 1
    assert [line[0] for line in audit_lines(hub)] == [EDITOR]


def test_the_audit_line_and_the_bundle_are_written_together_or_not_at_all(
    hub_db_url: str, tmp_path: Path
) -> None:
    """On SQLite and PostgreSQL: a publication whose audit line cannot be written leaves no
    bundle behind, and one that succeeds has exactly its line."""
    engine = make_engine(hub_db_url)
    upgrade(engine)
    desk = LeafletDesk(engine, load_or_create_hub_key(engine, tmp_path / "hub.key"))
    pdf = fixture_pdf(tmp_path / "cy.pdf", "Taflen (fixture)").read_bytes()
    fields = ("cy", "Cod Dioddefwyr", SOURCE, "2026-11-20")

    def failing(connection: Connection, *line: str) -> None:
        audit.record(connection, *line)
        raise RuntimeError("the audit log is full")

    try:
        with pytest.raises(RuntimeError):
            desk.publish(pdf, fields, EDITOR, failing)
        assert desk.held() == [] and audit.entries(engine) == []
        done = desk.publish(pdf, fields, EDITOR, audit.record)
        assert done.version == "1" and [leaflet.language for leaflet in desk.held()] == ["cy"]
        [line] = audit.entries(engine)
        assert (line.actor, line.action, line.subject) == (
            EDITOR,
            "publish-leaflet",
            "leaflets 1: cy",
        )
    finally:
        engine.dispose()
