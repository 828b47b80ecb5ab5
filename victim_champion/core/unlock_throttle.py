"""Increasing delay after wrong passphrases: 1 s, 2 s, 4 s ... up to 60 s."""

from __future__ import annotations

FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 60.0


class UnlockThrottle:
    """Tracks wrong attempts and says when the next attempt is allowed."""

    def __init__(self) -> None:
        self.failures = 0
        self._not_before = 0.0

    def record_failure(self, at: float) -> float:
        """Note a wrong passphrase at monotonic time ``at``; returns the delay imposed."""
        self.failures += 1
        delay = min(FIRST_DELAY_SECONDS * 2 ** (self.failures - 1), MAX_DELAY_SECONDS)
        self._not_before = at + delay
        return delay

    def record_success(self) -> None:
        """A right passphrase clears the count."""
        self.failures = 0
        self._not_before = 0.0

    def wait_seconds(self, at: float) -> float:
        """How long until the next attempt is allowed (0 when it is allowed now)."""
        return max(0.0, self._not_before - at)
