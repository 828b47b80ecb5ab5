"""Compass House in production: two hub processes (one of them with two workers) on one
PostgreSQL, behind Debian's nginx with TLS from an internal certificate authority that
only laptops given its CA file at enrolment trust. The hub's signing key stays pinned."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hub.conftest import make_laptop
from tests.support.hub_process import HubProcess, free_port
from tests.support.nginx_front import NginxFront
from tests.support.throwaway_ca import issue
from victim_champion.core.sync_errors import CaFileError, HubCertificateNotTrustedError
from victim_champion.operations.hub_sync import ca_from_file
from victim_champion.sync.client import SyncClient, enrol


@pytest.fixture
def compass_house(
    postgres_url: str, tmp_path: Path
) -> Iterator[tuple[NginxFront, list[HubProcess]]]:
    first = HubProcess(postgres_url, free_port(), args=("--workers", "2")).start()
    second = HubProcess(postgres_url, free_port()).start()  # after: the first migrated
    front = NginxFront(tmp_path / "nginx", issue(tmp_path / "ca"), [first.port, second.port])
    front.start()
    yield front, [first, second]
    front.stop()
    second.stop()
    first.stop()


def test_laptops_sync_through_nginx_to_two_hubs_on_one_database(
    compass_house: tuple[NginxFront, list[HubProcess]], tmp_path: Path
) -> None:
    front, hubs = compass_house
    ca_pem = ca_from_file(front.issued.ca_file)
    laptops = [make_laptop(tmp_path / f"laptop-{i}", None) for i in range(4)]
    try:
        for index, laptop in enumerate(laptops):
            enrolment = enrol(
                laptop.local, front.url, hubs[index % 2].enrol_code(f"L{index}"), ca_pem
            )
            assert enrolment.hub_url == front.url and enrolment.ca_pem == ca_pem
        for round_ in range(3):
            for laptop in laptops:
                laptop.add_session_with(2 + round_)
                summary = SyncClient(laptop.local).run_once()
                assert summary.rejected == 0 and summary.pending == 0
        stats = hubs[0].stats()
        assert stats["missing"] == 0 and stats["duplicates"] == 0 and stats["envelopes"] > 0
        assert hubs[1].stats() == stats  # one database, whichever host asks
        answered = [
            {json.loads(line)["pid"] for line in hub.log_lines() if '"route":"/v1/round"' in line}
            for hub in hubs
        ]
        assert all(answered), "nginx sent laptops to both hosts"
        status, body = hubs[1].get("/readyz")
        assert status == 200 and body == b"ready\n"
    finally:
        for laptop in laptops:
            laptop.store.close()


def test_a_laptop_without_the_ca_is_told_the_certificate_is_not_trusted(
    compass_house: tuple[NginxFront, list[HubProcess]], tmp_path: Path
) -> None:
    front, hubs = compass_house
    laptop = make_laptop(tmp_path / "laptop", None)
    try:
        with pytest.raises(HubCertificateNotTrustedError) as raised:
            enrol(laptop.local, front.url, hubs[0].enrol_code("no CA"))
        assert "enrol again with its CA file" in raised.value.message
        assert laptop.local.enrolment() is None
        # Another authority's certificate is no better than none.
        other = issue(tmp_path / "other-ca")
        with pytest.raises(HubCertificateNotTrustedError):
            enrol(
                laptop.local, front.url, hubs[0].enrol_code("wrong CA"), ca_from_file(other.ca_file)
            )
    finally:
        laptop.store.close()


def test_a_file_that_is_not_a_ca_is_refused_before_anything_is_sent(tmp_path: Path) -> None:
    for content in (
        b"",
        b"hello",
        b"-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n",
        b"\xff\xfe",
    ):
        bad = tmp_path / "ca.pem"
        bad.write_bytes(content)
        with pytest.raises(CaFileError) as raised:
            ca_from_file(bad)
        assert raised.value.message.startswith("That file is not a certificate authority")
    with pytest.raises(CaFileError):
        ca_from_file(tmp_path / "missing.pem")
