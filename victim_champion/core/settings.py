"""Profile settings, declared once and typed (never read by string key elsewhere)."""

from __future__ import annotations

from dataclasses import dataclass

from victim_champion.core.errors import InvalidInputError

IDLE_LOCK_DEFAULT = 120
IDLE_LOCK_MIN = 60
IDLE_LOCK_MAX = 300


@dataclass(frozen=True)
class ProfileSettings:
    """Settings an admin can change for a profile; kept inside the encrypted store."""

    idle_lock_seconds: int = IDLE_LOCK_DEFAULT

    def __post_init__(self) -> None:
        if not IDLE_LOCK_MIN <= self.idle_lock_seconds <= IDLE_LOCK_MAX:
            raise InvalidInputError(
                f"The idle lock must be between {IDLE_LOCK_MIN} and {IDLE_LOCK_MAX} seconds."
            )
