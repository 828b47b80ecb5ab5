"""The quick exit's key rules, as pure state machines: Shift three times (GOV.UK's
"Exit this page") and Escape.

Three Shift presses, each within 5 s of the one before, trigger the exit. Any other key
resets the count. Key auto-repeat (holding Shift) is not a press.

Beside it, what Escape does (``EscapeRule``): it closes what is open and transient first,
and two Escapes within a second are the quick exit from anywhere.
"""

from __future__ import annotations

from enum import Enum

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


# ---------------------------------------------------------------------------- Escape

ESCAPE_WINDOW_SECONDS = 1.0


class EscapeAction(Enum):
    """What one Escape press does."""

    QUICK_EXIT = "quick exit"
    LET_THROUGH = "let through"  # Qt closes the drop-down, menu or dialog (or ends the show)
    IGNORE = "ignore"  # swallowed: nothing happens (an attendee at the kiosk)


class EscapeRule:
    """Escape first closes what is open and transient; otherwise it is the quick exit.

    * At the kiosk an attendee's Escape does nothing (only the staff passphrase leaves it;
      Shift x3 and the Quick exit button still work). A drop-down open there still closes.
    * In the presenter view or on the audience screen, Escape ends the show.
    * Two Escapes within ``ESCAPE_WINDOW_SECONDS`` are the quick exit from anywhere
      (a drop-down, a menu, the print dialog...), so the exit is never more than two
      presses away. The first of the two may be the one that closed the drop-down.
    * With nothing transient open, one Escape is the quick exit, as before.
    """

    def __init__(self) -> None:
        self._armed_at: float | None = None

    def pressed(
        self, at: float, *, in_kiosk: bool, ends_show: bool, transient_open: bool
    ) -> EscapeAction:
        """Decide what an Escape pressed at monotonic time ``at`` (seconds) does."""
        if in_kiosk:
            self._armed_at = None
            return EscapeAction.LET_THROUGH if transient_open else EscapeAction.IGNORE
        if ends_show:
            self._armed_at = None
            return EscapeAction.LET_THROUGH
        armed, self._armed_at = self._armed_at, None
        if armed is not None and 0 <= at - armed <= ESCAPE_WINDOW_SECONDS:
            return EscapeAction.QUICK_EXIT
        if transient_open:
            self._armed_at = at  # a second Escape within the window is the quick exit
            return EscapeAction.LET_THROUGH
        return EscapeAction.QUICK_EXIT
