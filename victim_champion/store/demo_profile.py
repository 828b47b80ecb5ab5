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

from victim_champion.core.attendees import AttendeeDetails
from victim_champion.core.identifiers import new_id
from victim_champion.core.sessions import Session, SessionKind
from victim_champion.store.device_secret import DeviceSecretStore
from victim_champion.store.key_slots import KdfParams, fresh_salt
from victim_champion.store.memory_keyring import MemoryKeyring
from victim_champion.store.profile import Profile
from victim_champion.store.records import Records

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
    profile = Profile(folder / "profile", DeviceSecretStore(MemoryKeyring()))
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
    finally:
        store.close()
    return DemoProfile(profile, folder)
