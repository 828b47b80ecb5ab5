"""A register corrected on the laptop is corrected at the hub too: a renamed person, a
person removed, "Completed" taken back, and a deleted session, each synced to the real hub
on 127.0.0.1 and read back as the hub's report reads it. A removed name is gone from the
hub's database, not hidden."""

from __future__ import annotations

from sqlalchemy import create_engine, select

from tests.hub.conftest import Laptop
from tests.support.hub_process import HubProcess
from victim_champion.core.attendees import AttendeeDetails
from victim_champion.core.errors import InvalidInputError
from victim_champion.hub.reports.fact_reader import read_report_facts
from victim_champion.hub.storage.tables import envelopes
from victim_champion.store.repositories.certificate_issuer import CertificateIssuer
from victim_champion.store.repositories.register_corrections import (
    HAS_CERTIFICATE,
    SESSION_HAS_CERTIFICATES,
    RegisterCorrections,
)


def _hub_payloads(hub: HubProcess) -> str:
    engine = create_engine(hub.db_url)
    try:
        with engine.connect() as connection:
            return "\n".join(connection.execute(select(envelopes.c.payload)).scalars())
    finally:
        engine.dispose()


def _counts(hub: HubProcess) -> tuple[int, int, int]:
    """(sessions, attendees, completed) as the hub's report counts them."""
    engine = create_engine(hub.db_url)
    try:
        facts = read_report_facts(engine)
    finally:
        engine.dispose()
    return (
        len(facts.sessions),
        len(facts.attendees),
        sum(a.completed for a in facts.attendees),
    )


def test_corrections_reach_the_hub_and_a_removed_name_leaves_it(
    hub: HubProcess, laptop: Laptop
) -> None:
    session = laptop.add_session_with(people=3)
    ids = [a.id for a in laptop.records.register(session)]
    laptop.records.complete(session, ids)
    assert laptop.client().run_once().rejected == 0
    assert _counts(hub) == (1, 3, 3)
    assert "Person 1" in _hub_payloads(hub)

    corrections = RegisterCorrections(laptop.store)
    corrections.edit_attendee(session, ids[0], AttendeeDetails("Persona Corrected"))
    corrections.remove_attendee(session, ids[1])
    assert corrections.undo_completion(session, [ids[2]]) == [ids[2]]
    summary = laptop.client().run_once()
    assert summary.rejected == 0 and summary.accepted == 3

    assert _counts(hub) == (1, 2, 1)  # one removed; of the two left, one still completed
    held = _hub_payloads(hub)
    assert "Persona Corrected" in held and "Person 1" not in held
    register = {a.id: a for a in laptop.records.register(session)}
    assert set(register) == {ids[0], ids[2]}
    assert register[ids[0]].name == "Persona Corrected"
    assert register[ids[2]].completed_at is None


def test_a_deleted_session_leaves_the_hub_with_everything_in_it(
    hub: HubProcess, laptop: Laptop
) -> None:
    kept = laptop.add_session_with(people=0)
    doomed = laptop.add_session_with(people=2)
    laptop.client().run_once()  # one session reaches the hub before it is deleted...
    RegisterCorrections(laptop.store).delete_session(doomed)
    assert [s.id for s in laptop.records.sessions()] == [kept]
    assert laptop.client().run_once().rejected == 0
    assert _counts(hub) == (1, 0, 0)
    held = _hub_payloads(hub)
    assert "Person 0" not in held and "Person 1" not in held


def test_an_unsent_deletion_sends_nothing_personal(hub: HubProcess, laptop: Laptop) -> None:
    doomed = laptop.add_session_with(people=2)  # ...and one never does
    RegisterCorrections(laptop.store).delete_session(doomed)
    laptop.client().run_once()
    assert "Person 0" not in _hub_payloads(hub)
    assert _counts(hub) == (0, 0, 0)


def test_a_printed_certificate_is_the_line_corrections_do_not_cross(
    hub: HubProcess, laptop: Laptop
) -> None:
    session = laptop.add_session_with(people=2)
    ids = [a.id for a in laptop.records.register(session)]
    laptop.records.complete(session, ids[:1])
    CertificateIssuer(laptop.store).issue_for_session(session, "Victim Champion", {})
    corrections = RegisterCorrections(laptop.store)
    for attempt, sentence in (
        (lambda: corrections.remove_attendee(session, ids[0]), HAS_CERTIFICATE),
        (lambda: corrections.undo_completion(session, ids[:1]), HAS_CERTIFICATE),
        (lambda: corrections.delete_session(session), SESSION_HAS_CERTIFICATES),
    ):
        try:
            attempt()
        except InvalidInputError as refused:
            assert refused.message == sentence
        else:
            raise AssertionError("a correction crossed a printed certificate")
    corrections.remove_attendee(session, ids[1])  # nobody else is held back
    assert [a.id for a in laptop.records.register(session)] == ids[:1]
