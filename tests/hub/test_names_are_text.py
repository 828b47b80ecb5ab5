"""A bad name costs no good certificate (issue 35, item 5), on SQLite and PostgreSQL.

A laptop from before the check let "Nul\\x00Byte" and "Ev\\u202eil" onto a register, and
one print run made one "certificates issued" envelope for them and "Good Person". The
real hub (over 127.0.0.1) refuses each bad record alone, naming it and the character,
keeps the envelope, and the good certificate verifies. Every number stays accounted for.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.hub.conftest import Laptop, make_laptop
from tests.support.hub_process import HubProcess, start_hub
from victim_champion.core.attendees import AttendeeDetails
from victim_champion.core.certificates import Certificate, format_code
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.identifiers import new_id
from victim_champion.core.sessions import Session, SessionKind
from victim_champion.store.repositories import record_repository
from victim_champion.store.repositories.certificate_issuer import CertificateIssuer

COURSE = "Victim Champion training 2026.1"
VALID = f"valid: {COURSE} on 2026-12-03"
NOT_THERE = "no certificate with this code"


@pytest.fixture
def hub(hub_db_url: str) -> Iterator[HubProcess]:
    running = start_hub(hub_db_url)
    yield running
    running.stop()


@pytest.fixture
def laptop(tmp_path: Path, hub: HubProcess) -> Iterator[Laptop]:
    made = make_laptop(tmp_path / "laptop", hub)
    yield made
    made.store.close()


def print_run(laptop: Laptop, names: list[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A register with these names, let in as a laptop before the check did, all completed,
    and one print run: the certificates' codes, in register order."""
    with monkeypatch.context() as old_laptop:
        old_laptop.setattr(record_repository, "problems_with", lambda _details: [])
        session = laptop.records.create_session(
            Session(new_id(), SessionKind.TRAINING, "Basics", "Hall", "thanet", date(2026, 12, 3))
        )
        laptop.records.add_attendees(session.id, [AttendeeDetails(name) for name in names])
    people = [person.id for person in laptop.records.register(session.id)]
    laptop.records.complete(session.id, people)
    issued: list[Certificate] = CertificateIssuer(laptop.store).issue_for_session(
        session.id, COURSE, {"thanet": "Thanet"}
    )
    return [format_code(certificate.code) for certificate in issued]


def test_a_bad_name_costs_no_good_certificate(
    hub: HubProcess, laptop: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    good, nul, override = print_run(
        laptop, ["Good Person", "Nul\x00Byte", "Ev\u202eil"], monkeypatch
    )
    summary = laptop.client().run_once()
    assert summary.pending == 0 and summary.rejected == 0  # the envelope itself is kept
    assert hub.admin("verify", good) == VALID
    assert NOT_THERE in hub.admin("verify", nul)
    assert NOT_THERE in hub.admin("verify", override)
    status, body = hub.get(f"/v1/certificates/{good}")
    assert status == 200 and b'"valid":true' in body.replace(b" ", b"")
    # Each refused record has its own reason, naming the record, the field and the
    # character as U+XXXX, never the character itself.
    # The register's envelope carried the same names: its two records are left out too.
    register, printing = (reason for _, reason in summary.rejected_reasons)
    assert "record 2: an attendee record's name holds U+0000 (a control character)" in register
    assert "record 3: an attendee record's name holds U+202E" in register
    reason = printing
    assert "record 2: a certificate record's name holds U+0000 (a control character)" in reason
    assert "record 3: a certificate record's name holds U+202E (a text-direction control)" in (
        reason
    )
    assert "\x00" not in reason and "\u202e" not in reason and "Byte" not in reason
    stats = hub.stats()
    assert stats["missing"] == 0 and stats["refused"] == 0
    assert stats["envelopes"] == laptop.outbox_count()


def test_an_envelope_of_only_bad_records_is_refused_with_the_reason_and_counted(
    hub: HubProcess, laptop: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    [bad] = print_run(laptop, ["Ev\u202eil"], monkeypatch)
    [good] = print_run(laptop, ["Good Person"], monkeypatch)
    summary = laptop.client().run_once()
    assert summary.rejected == 2 and summary.pending == 0  # its register and its print run
    [(_, register), (_, reason)] = summary.rejected_reasons
    assert register.startswith("an attendee record's name holds U+202E")
    assert reason.startswith("a certificate record's name holds U+202E")
    assert hub.admin("verify", good) == VALID
    assert NOT_THERE in hub.admin("verify", bad)
    stats = hub.stats()
    assert stats["missing"] == 0 and stats["refused"] == 2  # the numbers are accounted for
    assert stats["envelopes"] == laptop.outbox_count() - 2


def test_a_laptop_now_refuses_the_bad_name_before_it_is_kept(
    hub: HubProcess, laptop: Laptop
) -> None:
    session = laptop.records.create_session(
        Session(new_id(), SessionKind.TRAINING, "Basics", "Hall", "thanet", date(2026, 12, 3))
    )
    with pytest.raises(InvalidInputError, match=r"The name holds U\+0000 \(a control"):
        laptop.records.add_attendees(session.id, [AttendeeDetails("Nul\x00Byte")])
    assert laptop.records.register(session.id) == []
