"""One thread owns the connection; closing locks, and leaves no -wal or -shm behind."""

from __future__ import annotations

import threading

import pytest

from tests.conftest import PASSPHRASE
from victim_champion.core.errors import StoreLockedError
from victim_champion.store.profile import Profile


def test_every_call_runs_on_the_one_owner_thread(profile: Profile) -> None:
    store = profile.open(PASSPHRASE)
    seen: set[str] = set()
    workers = [
        threading.Thread(
            target=lambda: seen.add(store.owner.run(lambda c: threading.current_thread().name))
        )
        for _ in range(5)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    store.close()
    assert len(seen) == 1
    assert seen.pop().startswith("vc-store")


def test_after_close_the_store_refuses_work_and_its_side_files_are_gone(profile: Profile) -> None:
    store = profile.open(PASSPHRASE)
    store.owner.run(lambda c: c.execute("INSERT INTO profile_meta VALUES ('k', 'v')"))
    store.close()
    store.close()  # twice is fine
    assert not store.owner.is_open
    with pytest.raises(StoreLockedError):
        store.owner.run(lambda c: None)
    names = {p.name for p in profile.paths.folder.iterdir()}
    assert names == {"store.db", "keys.json"}
