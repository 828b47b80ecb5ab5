"""Re-keying the store when a staff member is removed, on a 100k-record store. Run:
python -m benchmarks.staff_rekey

The store is a real profile, created and tuned as ``init`` does, filled as in
benchmarks/integrity.py (100,000 signposting records, each with its audit event and
outbox envelope). Measured in this one run, each the median of three:

* a plain copy of the store file (the baseline: the re-key copies the file once, then
  rewrites every page under the new key, and fsyncs twice);
* unlock as the app does it (Argon2id, then the page check of every page);
* the re-key alone (``Profile.rekey_without``: copy, ``PRAGMA rekey``, the audit event,
  keys.json resealed, the swap), with a fresh staff slot to remove each time;
* ``staff remove`` as the command runs it: the administrator's key slot (Argon2id), then
  the re-key (the baseline here is the app's whole unlock, with its page check).

Goal: removing a staff member takes a few seconds at most on a full laptop store.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.figures import Figure, median_seconds, print_table
from benchmarks.integrity import RECORDS, fill
from tests.support.keyrings import MemoryKeyring
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.keys.key_slots import KdfParams, fresh_salt
from victim_champion.store.profile import Profile

REPEATS = 3
PASSPHRASE = "lantern teapot orchard velvet"  # benchmark only
LEAVER = "staff:Leaver"
LEAVER_PASSPHRASE = "harbour maple quill sixteen"


def _add_leaver(profile: Profile) -> None:
    admin = profile.unlock_key(PASSPHRASE)
    profile.set_slot(admin, LEAVER, LEAVER_PASSPHRASE, kdf=KdfParams(salt=fresh_salt()))


def figures() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        profile = Profile(Path(folder) / "profile", DeviceSecretStore(MemoryKeyring()))
        profile.create(PASSPHRASE)  # tuned for this machine, as init does
        store = profile.open(PASSPHRASE)
        try:
            store.owner.run(fill)
        finally:
            store.close()
        database = profile.paths.database
        megabytes = database.stat().st_size / 1e6
        copy = Path(folder) / "copy.db"

        def plain_copy() -> None:
            shutil.copyfile(database, copy)
            copy.unlink()

        def unlock() -> None:
            profile.open(PASSPHRASE).close()

        rekey_alone, remove = [], []
        for _ in range(REPEATS):
            _add_leaver(profile)
            admin = profile.unlock_key(PASSPHRASE)
            started = time.perf_counter()
            profile.rekey_without(admin, LEAVER)
            rekey_alone.append(time.perf_counter() - started)
            _add_leaver(profile)
            started = time.perf_counter()
            profile.rekey_without(profile.unlock_key(PASSPHRASE), LEAVER)
            remove.append(time.perf_counter() - started)
        copy_time = median_seconds(plain_copy, repeats=REPEATS)
        unlock_time = median_seconds(unlock, repeats=REPEATS)
        store = profile.open(PASSPHRASE)  # every record is still there, under the new key
        try:
            counted = store.owner.run(
                lambda c: c.execute("SELECT count(*) FROM signposting").fetchone()[0]
            )
        finally:
            store.close()
        assert counted == RECORDS

    size = f"{RECORDS // 1000}k records, {megabytes:.0f} MB"
    rekey_median = sorted(rekey_alone)[REPEATS // 2]
    remove_median = sorted(remove)[REPEATS // 2]
    return [
        Figure(f"plain copy of the store file ({size})", copy_time, "s", "-"),
        Figure(
            "re-key alone (copy, PRAGMA rekey, swap)",
            rekey_median,
            "s",
            "<= 5 s",
            copy_time,
            "plain copy",
        ),
        Figure("unlock with page check", unlock_time, "s", "0.3-1.0 s"),
        Figure(
            "staff remove: admin key slot + re-key",
            remove_median,
            "s",
            "<= 5 s",
            unlock_time,
            "unlock",
        ),
    ]


def main() -> None:
    print_table("Re-key on staff removal (benchmarks/staff_rekey.py)", figures())


if __name__ == "__main__":
    main()
