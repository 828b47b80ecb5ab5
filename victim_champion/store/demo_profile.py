"""The demo profile: a throwaway folder, an in-process keyring and synthetic records.

Every name here is invented for the demo. Nothing of it reaches the real OS keyring,
and the folder is deleted when the app closes.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from victim_champion.content.course_loader import load_course
from victim_champion.core.attendees import AttendeeDetails
from victim_champion.core.identifiers import new_id
from victim_champion.core.sessions import Session, SessionKind
from victim_champion.core.training_day import Feedback, QuizPhase
from victim_champion.store.demo_keyring import DemoOnlyKeyring
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.keys.key_slots import KdfParams, fresh_salt
from victim_champion.store.profile import Profile
from victim_champion.store.repositories.certificate_issuer import CertificateIssuer
from victim_champion.store.repositories.record_repository import Records
from victim_champion.store.repositories.training_day_repository import TrainingDay
from victim_champion.store.schema.open_store import OpenStore

DEMO_PASSPHRASE = "demo village hall"  # noqa: S105  shown on screen: protects synthetic data

DEMO_ATTENDEES = (
    AttendeeDetails(
        "Ada Demo-Marsh",
        "ada.demo@example.org",
        "",
        "Parish council",
        "Councillor",
        consent_contact=True,
    ),
    AttendeeDetails("Ben Sample-Orchard", "", "", "Library Friends", "Volunteer"),
    AttendeeDetails(
        "Cleo Fictional", "cleo.fictional@example.org", "", "", "Neighbour", consent_contact=True
    ),
    AttendeeDetails("Dev Placeholder", "", "", "Community centre", "Caretaker"),
    AttendeeDetails("Elin Madeup-Rowe", "", "", "Residents' association", "Secretary"),
)
# Earlier courses, so the Reports page has figures to show: invented first names, one
# made-up surname each, nobody's contact details.
_PAST_FIRST_NAMES: tuple[str, ...] = ("Fay", "Gus", "Hana", "Ivo", "Jude", "Kit", "Lena", "Milo")
_PAST_FIRST_NAMES += ("Nia", "Oren", "Pia", "Quin", "Rhys", "Suki", "Theo")
_PAST_SURNAMES: tuple[str, ...] = ("Ash", "Beech", "Cedar", "Elm", "Fir", "Hazel", "Holly")
_PAST_SURNAMES += ("Larch", "Lime", "Maple", "Oak", "Pine", "Rowan", "Willow", "Yew")
DEMO_PAST_ATTENDEES = tuple(
    AttendeeDetails(f"{first} Example-{surname}", organisation="Community group")
    for first, surname in zip(_PAST_FIRST_NAMES, _PAST_SURNAMES, strict=True)
)
# (district, days ago, attendees, completed) for the earlier courses.
_PAST_COURSES = (("maidstone", 24, 8, 7), ("canterbury", 45, 7, 6))
_PAST_DROP_INS = (("ashford", 30), ("dover", 61), ("thanet", 95), ("medway", 130))


@dataclass
class DemoProfile:
    """A demo profile and the folder to remove when done."""

    profile: Profile
    folder: Path

    def discard(self) -> None:
        """Delete the demo folder (it held only synthetic data)."""
        shutil.rmtree(self.folder, ignore_errors=True)


def create_demo_profile(today: date) -> DemoProfile:
    """Make a fresh demo profile with a few sessions and registers of invented people."""
    folder = Path(tempfile.mkdtemp(prefix="vc-demo-"))
    profile = Profile(folder / "profile", DeviceSecretStore(DemoOnlyKeyring()))
    # The floor parameters: the demo opens quickly and protects nothing real.
    profile.create(DEMO_PASSPHRASE, kdf=KdfParams(salt=fresh_salt()))
    store = profile.open(DEMO_PASSPHRASE)
    try:
        records = Records(store)
        sessions = [
            Session(
                new_id(),
                SessionKind.TRAINING,
                "Victim Champion: your rights and the Code",
                "St Mary's Village Hall",
                "tunbridge-wells",
                today + timedelta(days=3),
                ("Trainer One",),
            ),
            Session(
                new_id(),
                SessionKind.TRAINING,
                "Victim Champion refresher",
                "Margate Library",
                "thanet",
                today - timedelta(days=10),
                ("Trainer Two",),
            ),
            Session(
                new_id(),
                SessionKind.DROP_IN,
                "Compass Point desk",
                "Sheerness Gateway",
                "swale",
                today - timedelta(days=2),
            ),
        ]
        created = [records.create_session(s) for s in sessions]
        records.add_attendees(created[0].id, DEMO_ATTENDEES[:3])
        done = records.add_attendees(created[1].id, DEMO_ATTENDEES[3:])
        records.complete(created[1].id, done[:1])
        _add_history(store, records, today)
    finally:
        store.close()
    return DemoProfile(profile, folder)


def _demo_marks(modules: list[str], right: int, person: int) -> dict[str, bool]:
    """Synthetic per-module marks: ``right`` modules answered right, in a rotation that
    differs from person to person."""
    return {m: (i - person) % len(modules) < right for i, m in enumerate(modules)}


def _add_history(store: OpenStore, records: Records, today: date) -> None:
    """Earlier courses (with knowledge checks, feedback and certificates) and drop-ins."""
    day = TrainingDay(store)
    modules = [module.id for module in load_course().modules]
    people = iter(DEMO_PAST_ATTENDEES)
    for index, (district, days_ago, count, completed) in enumerate(_PAST_COURSES):
        session = records.create_session(
            Session(
                new_id(),
                SessionKind.TRAINING,
                "Victim Champion: your rights and the Code",
                "Demo Community Centre",
                district,
                today - timedelta(days=days_ago),
                ("Trainer One",),
            )
        )
        ids = records.add_attendees(session.id, [next(people) for _ in range(count)])
        records.complete(session.id, ids[:completed])
        for person in range(count):
            marks = _demo_marks(modules, 3 + (person + index) % 3, person)
            day.submit_quiz(session.id, QuizPhase.PRE, sum(marks.values()), len(modules), marks)
        for person in range(completed):
            marks = _demo_marks(modules, len(modules), person)
            # Restorative justice lands for only half the room, as the per-module gain shows.
            marks[modules[5]] = person % 2 == 0
            day.submit_quiz(session.id, QuizPhase.POST, sum(marks.values()), len(modules), marks)
            rating = 5 if (person + index) % 3 else 4
            day.submit_feedback(session.id, Feedback(rating, 5, rating, rating))
        CertificateIssuer(store).issue_for_session(
            session.id, "Victim Champion", {district: district.title()}
        )
    for district, days_ago in _PAST_DROP_INS:
        records.create_session(
            Session(
                new_id(),
                SessionKind.DROP_IN,
                "Compass Point desk",
                "Demo Library",
                district,
                today - timedelta(days=days_ago),
            )
        )
