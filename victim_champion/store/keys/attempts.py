"""One count of wrong passphrases for every way in: the desktop's unlock screen, every
command that unlocks, and leaving the kiosk. It lives in the OS keyring beside the device
secret, so a restart does not reset it, and changing it needs the same access as reading
the device secret itself.

The first ``FREE_ATTEMPTS`` mistakes cost nothing (a cold hand in a village hall);
after that each wrong passphrase doubles the wait, 1 s, 2 s, 4 s ... up to 60 s. A clock
set back never makes the wait longer than the longest.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable

from victim_champion.core.errors import TooManyAttemptsError
from victim_champion.store.keys.device_secret import DeviceSecretStore, attempts_note

FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 60.0


def wait_after(failures: int) -> float:
    """The wait imposed after ``failures`` wrong passphrases in a row."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(2.0 ** (failures - FREE_ATTEMPTS), MAX_WAIT_SECONDS)


class Attempts:
    """The wrong-passphrase count of one profile."""

    def __init__(
        self,
        secrets: DeviceSecretStore,
        profile_id: str,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._secrets = secrets
        self._name = attempts_note(profile_id)
        self._clock = clock

    def _read(self) -> tuple[int, float]:
        raw = self._secrets.note(self._name)
        try:
            document = json.loads(raw) if raw else {}
            failures, last = int(document.get("failures", 0)), float(document.get("last", 0))
        except (ValueError, TypeError, AttributeError):
            # Unreadable counts as the most cautious state, never as none.
            return FREE_ATTEMPTS + 6, self._clock()
        return max(failures, 0), last

    def wait_seconds(self) -> int:
        """Whole seconds until the next try is allowed (0: now)."""
        failures, last = self._read()
        delay = wait_after(failures)
        remaining = min(last + delay - self._clock(), delay)
        return max(0, math.ceil(remaining))

    def check(self) -> None:
        """Raise TooManyAttemptsError if a try now is too soon."""
        seconds = self.wait_seconds()
        if seconds > 0:
            raise TooManyAttemptsError(seconds)

    def failed(self) -> int:
        """Count one wrong passphrase; returns the wait it now imposes, in seconds."""
        failures, _ = self._read()
        failures += 1
        payload = {"failures": failures, "last": self._clock()}
        self._secrets.set_note(self._name, json.dumps(payload))
        return math.ceil(wait_after(failures))

    def succeeded(self) -> None:
        """A right passphrase clears the count."""
        if self._read()[0]:
            self._secrets.set_note(self._name, json.dumps({"failures": 0, "last": 0}))
