"""A certificate printed on a laptop is verifiable at the hub once synced: genuine only when
its code, name, course, date and signature all match; a forged one never reaches it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from tests.hub.conftest import Laptop, make_laptop
from tests.hub.test_strict_intake import push_with_one_bad, queue
from tests.support.hub_process import HubProcess, free_port, sqlite_url
from victim_champion.core.certificates import (
    Certificate,
    format_code,
    new_verification_code,
    signature_text,
)
from victim_champion.core.wire_kinds import EnvelopeKind
from victim_champion.core.wire_records import CertificateRecord
from victim_champion.store.repositories.certificate_issuer import CertificateIssuer


def issued(laptop: Laptop) -> Certificate:
    session_id = laptop.add_session_with(people=2)
    register = laptop.records.register(session_id)
    laptop.records.complete(session_id, [register[0].id])
    [certificate] = CertificateIssuer(laptop.store).issue_for_session(
        session_id, "Victim Champion training 2026.1", {"thanet": "Thanet"}
    )
    return certificate


def qr_path(certificate: Certificate, **changed: str) -> str:
    """What scanning the QR code asks the hub for (optionally with a printed field altered)."""
    url = urlsplit(
        certificate.verify_url("https://hub.example/verify", signature_text(certificate.signature))
    )
    query = url.query
    for key, value in changed.items():
        query = "&".join(
            f"{key}={quote(value)}" if part.startswith(f"{key}=") else part
            for part in query.split("&")
        )
    return f"/verify/{format_code(certificate.code)}?{query}"


def test_a_certificate_is_genuine_only_when_everything_printed_matches(
    hub: HubProcess, laptop: Laptop
) -> None:
    certificate = issued(laptop)
    code = format_code(certificate.code)
    assert "no certificate with this code" in hub.admin("verify", code)
    laptop.client().run_once()
    assert hub.admin("verify", code) == "valid: Victim Champion training 2026.1 on 2026-12-03"
    status, page = hub.get(qr_path(certificate))
    assert status == 200 and b"This certificate is genuine" in page
    assert certificate.name.encode() not in page  # the page never reveals the name
    forged = {
        "n": (("n", "Someone Else"), b"name on the certificate does NOT match"),
        "c": (("c", "Victim Champion training 1999.1"), b"course on the certificate does NOT"),
        "d": (("d", "2026-12-04"), b"date on the certificate does NOT match"),
        "s": (("s", "A" * 86), b"signature on the certificate does NOT match"),
    }
    for (key, value), says in forged.values():
        status, page = hub.get(qr_path(certificate, **{key: value}))
        assert status == 404 and b"genuine" not in page and says in page, key
    status, page = hub.get(f"/verify/{code}?n={quote(certificate.name)}")  # no signature
    assert status == 404 and b"code alone does not prove" in page
    status, page = hub.get(f"/verify/{code}")
    assert status == 404 and b"code alone does not prove" in page
    status, page = hub.get("/verify/1234-5678-9012")
    assert status == 404 and b"cannot confirm" in page


def test_a_certificate_whose_signature_does_not_match_is_refused_at_push(
    hub: HubProcess, laptop: Laptop
) -> None:
    certificate = issued(laptop)
    record = CertificateRecord(
        new_verification_code(),
        certificate.attendee_id,
        certificate.session_id,
        "A Forged Name",  # signed for another name
        certificate.course,
        date(2026, 12, 3),
        certificate.key_id,
        signature_text(certificate.signature),
    )
    bad = queue(laptop, EnvelopeKind.CERTIFICATES_ISSUED, [record.to_wire()])
    reason = push_with_one_bad(laptop, bad)
    assert "signature does not match its code, name, course and date" in reason
    other_key = replace(record, key_id="0" * 16).to_wire()
    bad = queue(laptop, EnvelopeKind.CERTIFICATES_ISSUED, [other_key])
    summary = laptop.client().run_once()
    assert (bad, "the certificate names another device's key") in summary.rejected_reasons


def test_device_keys_are_published_so_a_certificate_can_be_checked_offline(
    hub: HubProcess, laptop: Laptop
) -> None:
    import base64
    import json

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    certificate = issued(laptop)
    laptop.client().run_once()
    status, body = hub.get("/v1/keys")
    assert status == 200
    [key] = json.loads(body)["keys"]
    assert key["key_id"] == certificate.key_id and key["revoked"] is False
    assert key["valid_to"] is None and key["valid_from"]
    assert set(key) == {"key_id", "public_key", "valid_from", "valid_to", "revoked"}
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(key["public_key"]))
    public.verify(certificate.signature, certificate.message())  # raises if it does not hold


def test_certificate_look_ups_are_limited_per_address(hub: HubProcess) -> None:
    from victim_champion.hub.api.lookup_limits import LOOKUPS_PER_WINDOW

    for _ in range(LOOKUPS_PER_WINDOW):
        status, _ = hub.get("/v1/certificates/1234-5678-9012")
        assert status == 200
    status, body = hub.get("/v1/certificates/1234-5678-9012")
    assert status == 429 and b"Too many certificate checks" in body
    status, page = hub.get("/verify/1234-5678-9012")
    assert status == 429 and b"Too many certificate checks" in page


def printed(held: Laptop) -> bytes:
    """Certificates printed through the laptop's own front door, for one completer."""
    from victim_champion.operations.printing import print_certificates
    from victim_champion.operations.workspace import ProfileGate, Workspace

    session_id = held.add_session_with(people=1)
    held.records.complete(session_id, [held.records.register(session_id)[0].id])
    workspace = Workspace(held.store, ProfileGate(held.profile))
    return print_certificates(workspace, session_id, course_name="Basics 2026.1").pdf


def test_the_qr_code_opens_the_enrolled_hubs_page_and_there_is_none_before_enrolment(
    hub: HubProcess, laptop: Laptop, tmp_path: Path
) -> None:
    from tests.support.pdf_tools import pdf_text, qr_codes

    offline = make_laptop(tmp_path / "not-enrolled", None)
    try:
        pdf = printed(offline)
        assert qr_codes(pdf, tmp_path, 1) == []
        assert "Give this number to Compass House" in " ".join(pdf_text(pdf, tmp_path).split())
    finally:
        offline.store.close()
    pdf = printed(laptop)
    laptop.client().run_once()
    [url] = qr_codes(pdf, tmp_path, 1)
    assert url.startswith(f"{hub.url}/verify/")
    status, page = hub.get(url.removeprefix(hub.url))  # what the phone that scans it sees
    assert status == 200 and b"This certificate is genuine" in page


def test_the_qr_code_uses_the_public_address_the_hub_gives_at_enrolment(tmp_path: Path) -> None:
    """Laptops enrol on an internal address; the public checks at the one Compass House
    names with ``serve --public-url``."""
    from tests.support.pdf_tools import qr_codes

    public = "https://verify.compass.example"
    hub = HubProcess(sqlite_url(tmp_path), free_port(), args=("--public-url", public)).start()
    held = make_laptop(tmp_path / "laptop", hub)
    try:
        assert held.local.enrolment() is not None
        pdf = printed(held)
        held.client().run_once()
        [url] = qr_codes(pdf, tmp_path, 1)
        assert url.startswith(f"{public}/verify/")
        status, page = hub.get(url.removeprefix(public))  # the same hub behind that name
        assert status == 200 and b"This certificate is genuine" in page
    finally:
        held.store.close()
        hub.stop()


@pytest.mark.parametrize("address", ["http://verify.example", "javascript:alert(1)"])
def test_a_public_address_that_is_not_https_is_refused_before_serving(
    address: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from victim_champion.hub.command_line import main

    db = sqlite_url(tmp_path)
    assert main(["serve", "--db", db, "--public-url", address]) == 2
    assert "https://" in capsys.readouterr().err
