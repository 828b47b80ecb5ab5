"""The Shift-three-times rule of GOV.UK's "Exit this page", as a pure state machine.

Three Shift presses, each within 5 s of the one before, trigger the exit. Any other key
resets the count. Key auto-repeat (holding Shift) is not a press.
"""

from __future__ import annotations

SHIFT_PRESSES = 3
SHIFT_WINDOW_SECONDS = 5.0


class TripleShiftDetector:
    """Counts Shift presses; ``shift_pressed`` returns True on the triggering press."""

    def __init__(self) -> None:
        self._count = 0
        self._last = 0.0

    def shift_pressed(self, at: float) -> bool:
        """Record a Shift press at monotonic time ``at`` (seconds)."""
        if self._count and at - self._last > SHIFT_WINDOW_SECONDS:
            self._count = 0
        self._count += 1
        self._last = at
        if self._count >= SHIFT_PRESSES:
            self._count = 0  # a fourth press starts a new count, it does not re-trigger
            return True
        return False

    def other_key_pressed(self) -> None:
        """Any key but Shift resets the count."""
        self._count = 0
