"""A certificate printed on a laptop is verifiable at the hub once synced, by code."""

from __future__ import annotations

from urllib.parse import quote

from tests.hub.conftest import Laptop
from tests.support.hub_process import HubProcess
from victim_champion.core.certificates import format_code
from victim_champion.store.repositories.certificate_issuer import CertificateIssuer


def test_a_synced_certificate_verifies_by_code_and_by_page(hub: HubProcess, laptop: Laptop) -> None:
    session_id = laptop.add_session_with(people=2)
    register = laptop.records.register(session_id)
    laptop.records.complete(session_id, [register[0].id])
    [certificate] = CertificateIssuer(laptop.store).issue_for_session(
        session_id, "Victim Champion training 2026.1", {"thanet": "Thanet"}
    )
    code = format_code(certificate.code)
    assert "no certificate with this code" in hub.admin("verify", code)
    laptop.client().run_once()
    assert hub.admin("verify", code) == "valid: Victim Champion training 2026.1 on 2026-12-03"
    status, page = hub.get(f"/verify/{code}?n={quote(certificate.name)}")
    assert status == 200
    assert b"This certificate is genuine" in page and b"matches our record" in page
    assert certificate.name.encode() not in page  # the page never reveals the name
    status, page = hub.get(f"/verify/{code}?n=Someone%20Else")
    assert b"does NOT match" in page
    status, page = hub.get("/verify/1234-5678-9012")
    assert status == 404 and b"cannot confirm" in page
