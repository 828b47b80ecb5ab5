"""Why the app locked, said on the unlock screen, and carried across the hand-over to a
fresh process (ui/guards/fresh_process.py) inside the resume mode: "unlock:idle-600".

A reason is a short token, never personal data: "idle-<seconds>", "button", "system",
"quick-exit", or "" (started, or locked for no reason worth saying).
"""

from __future__ import annotations

BUTTON = "button"
SYSTEM = "system"
QUICK_EXIT = "quick-exit"
_IDLE = "idle-"
_SENTENCES = {
    BUTTON: "Locked with the Lock button.",
    SYSTEM: "Locked because the computer was locked or went to sleep.",
    QUICK_EXIT: "Locked by the quick exit.",
}


def idle(seconds: float) -> str:
    """The reason for an idle lock after ``seconds`` without use."""
    return f"{_IDLE}{round(seconds)}"


def sentence(reason: str) -> str:
    """What the unlock screen says about ``reason`` ("" for none, or one not known)."""
    if reason.startswith(_IDLE):
        try:
            seconds = int(reason.removeprefix(_IDLE))
        except ValueError:
            return ""
        # Imported here: the catalogue is read only to say this, not on the way to the
        # unlock screen's first paint at start-up.
        from victim_champion.content.message_catalogue import messages

        minutes = max(1, round(seconds / 60))
        return messages().plural("unlock.reason_idle", minutes)
    return _SENTENCES.get(reason, "")


def resume_mode(screen: str, reason: str) -> str:
    """The hand-over's mode: the screen, and the reason after a colon if there is one."""
    return f"{screen}:{reason}" if reason else screen


def split_mode(mode: str | None) -> tuple[str | None, str]:
    """(screen, reason) from a resume mode; a reason not known is dropped."""
    if mode is None:
        return None, ""
    screen, _, reason = mode.partition(":")
    return screen, reason if sentence(reason) else ""
