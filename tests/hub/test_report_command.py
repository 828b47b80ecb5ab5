"""``victim-champion-hub report``: records pushed by real laptops to the real hub, the
report written by the real command, and read back from the PDF (poppler) and the CSV."""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.conftest import canary
from tests.hub.conftest import Laptop, desk_sealer, make_laptop
from tests.support.hub_process import HubProcess, sqlite_url, start_hub
from tests.support.pdf_tools import pdf_fonts, pdf_text
from victim_champion.core.attendees import AttendeeDetails
from victim_champion.core.consent import ConsentPurpose
from victim_champion.core.identifiers import new_id
from victim_champion.core.sessions import Session, SessionKind
from victim_champion.store.repositories.signposting_records import SignpostingRecords

NAME = canary("Name")


@pytest.fixture(scope="module")
def reported_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubProcess]:
    """One hub, two laptops: a trainer in Ashford and a Compass Point worker, in Q3 2026."""
    folder = tmp_path_factory.mktemp("report")
    hub = start_hub(sqlite_url(folder))
    trainer = make_laptop(folder / "trainer", hub, "Trainer")
    worker = make_laptop(folder / "worker", hub, "Worker")
    try:
        _training(trainer)
        seal, _ = desk_sealer(hub, worker, folder)
        referral = _signposting(worker, seal)
        trainer.client().run_once()
        worker.client().run_once()
        hub.admin("referral-outcome", referral, "--outcome", "contacted")
        yield hub
    finally:
        for laptop in (trainer, worker):
            laptop.store.close()
        hub.stop()


def _training(laptop: Laptop) -> None:
    held = Session(new_id(), SessionKind.TRAINING, "Basics", "Hall", "ashford", date(2026, 8, 4))
    session = laptop.records.create_session(held)
    ids = laptop.records.add_attendees(
        session.id, [AttendeeDetails(f"{NAME} {i}") for i in range(12)]
    )
    laptop.records.complete(session.id, ids[:9])
    late = Session(new_id(), SessionKind.TRAINING, "Basics", "Hall", "ashford", date(2026, 10, 2))
    outside = laptop.records.create_session(late)
    laptop.records.add_attendees(outside.id, [AttendeeDetails(f"{NAME} late")])


def _same(moment: datetime) -> datetime:
    return moment


def _signposting(laptop: Laptop, seal: Callable[[bytes], str]) -> str:
    for month, district, people in ((7, "thanet", 6), (8, "swale", 8), (9, "swale", 9)):
        on_the_day = datetime(2026, month, 14, 10, tzinfo=UTC)
        earlier = SignpostingRecords(laptop.store, clock=functools.partial(_same, on_the_day))
        for _ in range(people):
            earlier.record(district, ["practical-help"], ["victim-support-kent"], reported=True)
    records = SignpostingRecords(laptop.store, clock=lambda: datetime(2026, 8, 20, 10, tzinfo=UTC))
    for _ in range(12):
        records.record("thanet", ["feeling-safe"], ["victim-support-kent"], reported=True)
    for _ in range(3):
        records.record("dover", ["hate-crime"], ["victim-support-kent"], reported=False)
    record = records.record("dover", ["help-at-court"], ["witness-service"], reported=True)
    consent = records.give_consent(record, ConsentPurpose.REFERRAL)
    records.add_contact(record, consent.id, NAME, "", "")
    return records.refer(record, "witness-service", consent.id, seal=seal)


def run_report(hub: HubProcess, out: Path, *extra: str) -> str:
    return hub.admin(
        "report", "--from", "2026-07-01", "--to", "2026-09-30", "--out", str(out), *extra
    )


def read_csv(path: Path) -> dict[tuple[str, str, str], str]:
    rows = csv.DictReader(io.StringIO(path.read_text()))
    return {(r["table"], r["row"], r["column"]): r["value"] for r in rows}


def test_the_csv_counts_every_device_in_the_period_and_suppresses_small_numbers(
    reported_hub: HubProcess, tmp_path: Path
) -> None:
    out = tmp_path / "q3.csv"
    assert "Wrote the quarterly data set" in run_report(reported_hub, out)
    figures = read_csv(out)
    # 12 people at the August session; the October one is outside the quarter.
    assert figures[("attendees-by-district", "Ashford", "Total")] == "12"
    assert figures[("attendees-by-district", "Total", "Total")] == "12"
    assert figures[("sessions-by-district", "Ashford", "Training")] == "1"  # events: shown
    assert figures[("signposting-by-district", "Thanet", "2026-08")] == "12"
    assert figures[("signposting-by-district", "Dover", "2026-08")] == "<5"
    assert figures[("signposting-by-district", "Total", "Total")] == "39"
    # Dover's 4 = 24 - 12 - Swale's 8 unless Swale's August count (and so its total) hide.
    assert figures[("signposting-by-district", "Swale", "2026-08")] == "[c]"
    assert figures[("signposting-by-district", "Swale", "Total")] == "[c]"
    assert figures[("signposting-by-district", "Total", "2026-08")] == "24"
    assert figures[("needs", "Feeling safe now", "People who named it")] == "12"
    assert figures[("needs", "Feeling safe now", "Share of people signposted")] == "31%"
    assert figures[("needs", "Hate crime support", "People who named it")] == "<5"
    assert figures[("referrals", "Witness Service", "Contacted")] == "<5"
    assert NAME not in out.read_text()


def test_the_pdf_reads_back_with_embedded_fonts_and_no_names(
    reported_hub: HubProcess, tmp_path: Path
) -> None:
    out = tmp_path / "q3.pdf"
    run_report(reported_hub, out)
    text = pdf_text(out.read_bytes(), tmp_path)
    assert "Quarterly data set" in text
    assert "1 July 2026 to 30 September 2026" in text
    assert "People trained as Victim Champions, by district" in text
    thanet = next(
        line for line in text.splitlines() if line.strip().startswith("Thanet") and "12" in line
    )
    assert "12" in thanet
    assert "<5 means a count from 1 to 4" in text
    assert NAME not in text
    assert all(embedded for _, embedded in pdf_fonts(out.read_bytes(), tmp_path))


def test_a_six_month_period_is_the_audit_and_adds_up_its_published_months(
    reported_hub: HubProcess, tmp_path: Path
) -> None:
    out = tmp_path / "audit.csv"
    reported_hub.admin("report", "--from", "2026-04-01", "--to", "2026-09-30", "--out", str(out))
    figures = read_csv(out)
    assert figures[("signposting-by-district", "Thanet", "2026-08")] == "12"
    assert figures[("signposting-by-district", "Thanet", "Total")] == "18"
    # Dover's August "<5" is the only Dover figure, so it prints as it did in August...
    assert figures[("signposting-by-district", "Dover", "Total")] == "<5"
    # ...and Swale's total hides because August hid Swale to protect Dover.
    assert figures[("signposting-by-district", "Swale", "Total")] == "[c]"
    # the first half of the financial year: the session on 2 October is in the next half
    assert figures[("attendees-by-district", "Ashford", "Total")] == "12"
    assert figures[("edition", "Published", "Version")].startswith("Version 1, published")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-07-01", "--to", "2026-09-30", "--out", "q3.txt"], "FILE.pdf or FILE.csv"),
        (["--from", "1 July", "--to", "2026-09-30", "--out", "q3.csv"], "YYYY-MM-DD"),
        (["--from", "2026-09-30", "--to", "2026-07-01", "--out", "q3.csv"], "on or after"),
        (["--from", "2026-09-01", "--to", "2026-09-29", "--out", "s.csv"], "whole published"),
        (["--from", "2026-08-01", "--to", "2026-10-31", "--out", "s.csv"], "whole published"),
        (["--from", "2099-01-01", "--to", "2099-01-31", "--out", "q3.csv"], "day after"),
        (
            ["--from", "2026-07-01", "--to", "2026-09-30", "--out", "q3.csv", "--version", "2"],
            "not",
        ),
    ],
)
def test_bad_options_get_one_sentence_and_write_nothing(
    tmp_path: Path, args: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from victim_champion.hub.command_line import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VC_HUB_DB", sqlite_url(tmp_path))
    capture = io.StringIO()
    monkeypatch.setattr("sys.stderr", capture)
    assert main(["report", *args]) == 2
    assert message in capture.getvalue()
    [sentence] = capture.getvalue().strip().splitlines()
    assert sentence.endswith(".")
    assert not list(tmp_path.glob("q3.*"))
