"""The issue's subtraction attack, run on every view of a real hub: published months,
quarter and half-year as CSV, the PDF, and the dashboard for three agencies, before and
after a "forget me" and a late sync, and across versions.

The person to protect: seen in Thanet on 30 September, named domestic abuse and sexual
violence, referred to the ISVA, declined.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.hub.conftest import Laptop, desk_sealer, make_laptop
from tests.support.dashboard_client import create_account, fetch, log_in, page_figures
from tests.support.differencing import (
    Figures,
    Key,
    Published,
    Shares,
    derivable_hidden,
    read_figures,
    read_shares,
    share_leaks,
    version_differences,
)
from tests.support.hub_process import HubProcess, sqlite_url, start_hub
from tests.support.pdf_tools import pdf_text
from victim_champion.core.consent import ConsentPurpose
from victim_champion.store.repositories.signposting_records import SignpostingRecords

MONTHS = [("2026-04-01", "2026-04-30"), ("2026-05-01", "2026-05-31")]
MONTHS += [("2026-06-01", "2026-06-30"), ("2026-07-01", "2026-07-31")]
MONTHS += [("2026-08-01", "2026-08-31"), ("2026-09-01", "2026-09-30")]
QUARTER, HALF = ("2026-07-01", "2026-09-30"), ("2026-04-01", "2026-09-30")
PERIODS = [*MONTHS, QUARTER, HALF]
ISVA = "Independent Sexual Violence Advisors (ISVAs)"
AGENCY_LOGINS = {"olive": "opcc", "vic": "victim-support", "cora": "commissioned"}


@dataclass
class Attacked:
    hub: HubProcess
    worker: Laptop
    target: str
    folder: Path


def _records(laptop: Laptop, month: int, day: int) -> SignpostingRecords:
    moment = datetime(2026, month, day, 11, tzinfo=UTC)
    return SignpostingRecords(laptop.store, clock=functools.partial(lambda m: m, moment))


def _seed(laptop: Laptop, seal: Callable[[bytes], str]) -> tuple[str, str]:
    """Q3 2026 at the Compass Points; returns the target's record and referral ids."""
    plan = [
        (7, "thanet", 7, ["practical-help"], "victim-support-kent"),
        (7, "swale", 6, ["domestic-abuse"], "isva"),
        (8, "thanet", 8, ["domestic-abuse"], "isva"),
        (8, "swale", 2, ["practical-help"], "isva"),
        (9, "thanet", 10, ["domestic-abuse"], "isva"),
        (9, "swale", 6, ["sexual-violence"], "isva"),
    ]
    for month, district, people, needs, service in plan:
        records = _records(laptop, month, 9)
        for _ in range(people):
            record = records.record(district, needs, [service], reported=True)
            if month == 9:
                consent = records.give_consent(record, ConsentPurpose.REFERRAL)
                records.refer(record, service, consent.id, seal=seal)
    records = _records(laptop, 9, 30)
    target = records.record(
        "thanet", ["domestic-abuse", "sexual-violence"], ["isva"], reported=True
    )
    consent = records.give_consent(target, ConsentPurpose.REFERRAL)
    return target, records.refer(target, "isva", consent.id, seal=seal)


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Attacked]:
    folder = tmp_path_factory.mktemp("published")
    hub = start_hub(sqlite_url(folder))
    worker = make_laptop(folder / "worker", hub, "Worker")
    try:
        seal, _ = desk_sealer(hub, worker, folder)
        target, referral = _seed(worker, seal)
        worker.client().run_once()
        hub.admin("referral-outcome", referral, "--outcome", "declined")
        for username, agency_id in AGENCY_LOGINS.items():
            create_account(hub, username, agency_id)
        yield Attacked(hub, worker, target, folder)
    finally:
        worker.store.close()
        hub.stop()


def run_report(hub: HubProcess, period: tuple[str, str], out: Path, *extra: str) -> None:
    """The hub's own ``report`` command, run in this process (on the hub's database)."""
    from victim_champion.hub.command_line import main

    arguments = ["report", "--from", period[0], "--to", period[1], "--out", str(out), *extra]
    assert main([*arguments, "--db", hub.db_url]) == 0


def csv_figures(hub: HubProcess, period: tuple[str, str], out: Path, *extra: str) -> Figures:
    run_report(hub, period, out, *extra)
    return read_figures(out.read_text())


def every_view(attacked: Attacked, name: str) -> dict[tuple[str, str], Figures]:
    """Each period's published CSV, checked against every agency's dashboard page."""
    found = {}
    cookies = {username: log_in(attacked.hub, username) for username in AGENCY_LOGINS}
    for period in PERIODS:
        figures = csv_figures(attacked.hub, period, attacked.folder / f"{name}-{period[0]}.csv")
        for username, cookie in cookies.items():
            page = fetch(attacked.hub, "GET", f"/dashboard?from={period[0]}&to={period[1]}", cookie)
            assert page.status == 200
            shown = page_figures(page.body)
            assert shown, f"{username} sees no tables for {period}"
            for key, text in shown.items():
                if key[2] not in ("Share of people signposted", "Average score", "Rated 4 or 5"):
                    assert figures[key] == text, (username, period, key)
        found[period] = figures
    return found


def months_of(period: tuple[str, str]) -> tuple[str, ...]:
    first, last = period[0][:7], period[1][:7]
    return tuple(m for m in (f"2026-{n:02d}" for n in range(1, 13)) if first <= m <= last)


def attack(views: dict[tuple[str, str], Figures]) -> list[tuple[tuple[str, ...], Key]]:
    return derivable_hidden([Published(months_of(p), f) for p, f in views.items()])


def test_no_view_nested_period_agency_or_version_gives_the_person_away(
    attacked: Attacked,
) -> None:
    before = every_view(attacked, "before")
    assert attack(before) == []
    september = before[MONTHS[-1]]
    assert september[("signposting-by-district", "Thanet", "2026-09")] == "11"
    assert september[("referrals", ISVA, "Declined")] == "<5"  # the person, hidden

    # The PDF is the same frozen copy: its edition and Thanet's September line.
    pdf = attacked.folder / "q3.pdf"
    run_report(attacked.hub, QUARTER, pdf)
    text = pdf_text(pdf.read_bytes(), attacked.folder)
    assert "Version 1, published" in text

    # The person asks to be forgotten, and a laptop that was away syncs one more.
    SignpostingRecords(attacked.worker.store).forget(attacked.target)
    attacked.worker.client().run_once()
    late = make_laptop(attacked.folder / "late", attacked.hub, "Late")
    try:
        _records(late, 9, 29).record("thanet", ["domestic-abuse"], [], reported=True)
        late.client().run_once()
    finally:
        late.store.close()
    assert every_view(attacked, "after") == before  # frozen: nothing a partner saw moves

    # Republishing on purpose: changes of one or two people are held back.
    out = attacked.folder / "q3-republished.csv"
    republished = csv_figures(attacked.hub, QUARTER, out, "--republish")
    assert version_differences(before[QUARTER], republished) == []
    september_v2 = csv_figures(attacked.hub, MONTHS[-1], attacked.folder / "s.csv")
    assert version_differences(september, september_v2) == []
    held_back = ("needs", "Support after sexual violence", "People who named it")
    assert september[held_back] == september_v2[held_back] == "7"
    latest = {**before, QUARTER: republished, MONTHS[-1]: september_v2}
    assert attack(latest) == []
    assert attack({**before, ("2026-09-01", "2026-09-30"): september_v2}) == []

    # Shares too (issue 35): each is taken of a total its own version publishes.
    def seen(name: str) -> tuple[Figures, Shares]:
        text = (attacked.folder / name).read_text()
        return read_figures(text), read_shares(text)

    assert share_leaks([seen("before-2026-09-01.csv"), seen("s.csv")]) == []
    assert share_leaks([seen("before-2026-07-01.csv"), seen("q3-republished.csv")]) == []
