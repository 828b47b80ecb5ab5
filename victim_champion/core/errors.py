"""Typed errors for the whole product, each with the one sentence a worker can act on.

This is the one module that holds user-facing wording for failures. The command line
prints ``str(error)``; the UI shows it in its own way. No message may carry personal
data: they name files, line numbers and field names, never the values in them.
"""

from __future__ import annotations


class VictimChampionError(Exception):
    """Root of every error the product raises on purpose."""

    default_message = "Something went wrong."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)

    @property
    def message(self) -> str:
        """The sentence to show to the person at the keyboard."""
        return str(self)


# ----------------------------------------------------------------- keys and profile


class WrongPassphraseError(VictimChampionError):
    """The passphrase does not open any key slot of this profile."""

    default_message = "That passphrase does not open this profile; check Caps Lock and try again."

    def __init__(self, message: str | None = None, wait_seconds: int = 0) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds  # before the next try (store/keys/attempts.py)


class TooManyAttemptsError(VictimChampionError):
    """Wrong passphrases came too fast: the next try must wait (store/keys/attempts.py)."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        unit = "second" if seconds == 1 else "seconds"
        super().__init__(f"Too many wrong passphrases: wait {seconds} {unit}, then try again.")


class StaleKeyFileError(VictimChampionError):
    """keys.json is older than the one this laptop last used (put back to revive an old
    passphrase), or its seal does not match: refused, and nothing was changed."""

    default_message = (
        "This profile's key file is older than the one this laptop last used, so it was "
        "refused and nothing was changed; contact Compass House support."
    )


class RecoveryKeyUsedError(VictimChampionError):
    """The profile has no unspent recovery key: each one works once (issue 35)."""

    default_message = (
        "That recovery key has already been used or replaced, so nothing was changed; "
        "an administrator can make a new one with 'recovery-key create'."
    )


class NotAdministratorError(VictimChampionError):
    """The action needs a passphrase from an administrator's slot."""

    default_message = (
        "Only an administrator can do that; unlock with an administrator's passphrase."
    )


class WeakPassphraseError(VictimChampionError):
    """A new passphrase is too weak to protect victims' data; the sentence says why and
    offers words that would do (content/passphrase_policy.py)."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)


class NoKeyringError(VictimChampionError):
    """The operating system offers no usable keyring (secret store)."""

    default_message = (
        "This computer has no working keyring to hold the device secret; "
        "sign in to a desktop session with a keyring (such as GNOME Keyring) and try again."
    )


class KeyringEntryMissingError(VictimChampionError):
    """The keyring is reachable but holds no device secret for this profile."""

    default_message = (
        "This computer's keyring has no device secret for this profile, so it cannot be "
        "opened here; use the laptop it was created on, or ask Compass House for recovery."
    )


class ProfileExistsError(VictimChampionError):
    """``init`` found a profile (or part of one) already in the folder."""

    default_message = (
        "A profile already exists in this folder; it was left untouched. "
        "Use --data-dir to create a new one elsewhere."
    )


class ProfileNotFoundError(VictimChampionError):
    """No profile exists in the folder."""

    default_message = (
        "There is no profile in this folder yet; run 'victim-champion init' to create one."
    )


class CorruptStoreError(VictimChampionError):
    """The encrypted database or its key file is damaged or not ours."""

    default_message = (
        "The profile's data file is damaged and was not changed; "
        "do not delete it, and contact Compass House support to recover it."
    )


class DamagedKeyFileError(CorruptStoreError):
    """keys.json cannot be read: not JSON, or a field missing or of the wrong type."""

    default_message = (
        "The profile's key file is damaged and was not changed; "
        "contact Compass House support to recover it."
    )


class KeyFileOutOfBoundsError(CorruptStoreError):
    """keys.json asks for key-protection settings outside the app's bounds: weaker than
    the security floor, or heavy enough to hang the unlock (a tampered file)."""

    default_message = (
        "The profile's key file asks for key-protection settings outside the allowed "
        "range, so it was not used and nothing was changed; contact Compass House support."
    )


class SchemaTooNewError(VictimChampionError):
    """The database was written by a newer version of the app."""

    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            f"This profile was saved by a newer version of Victim Champion (data version "
            f"{found}, this app reads up to {supported}); install the latest version to open it."
        )


class StoreLockedError(VictimChampionError):
    """An operation needed the unlocked store after it was locked."""

    default_message = "The profile is locked; unlock it with your passphrase to continue."


class DiskFullError(VictimChampionError):
    """The disk filled up during a write; the write was rolled back."""

    default_message = "The disk is full, so nothing was saved; free some space and try again."


def is_disk_full(error: BaseException) -> bool:
    """True for a full disk however it surfaced: ENOSPC/EDQUOT from the OS, or SQLite's
    "database or disk is full", anywhere in the chain of causes."""
    import errno

    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, DiskFullError):
            return True
        if isinstance(seen, OSError) and seen.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if "database or disk is full" in str(seen).casefold():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def message_for(error: BaseException, fallback: str) -> str:
    """The sentence to show for any failure: ours, a full disk however it surfaced, or
    the caller's fallback (never the exception's own text, which could quote data)."""
    if isinstance(error, VictimChampionError):
        return error.message
    if is_disk_full(error):
        return DiskFullError.default_message
    return fallback


# ----------------------------------------------------------------- records and input


class NotFoundError(VictimChampionError):
    """A record named by id does not exist."""

    def __init__(self, kind: str, record_id: str) -> None:
        super().__init__(f"No {kind} has the id {record_id}; check the id and try again.")


class InvalidInputError(VictimChampionError):
    """A value given on the command line or in a form is not acceptable."""


class UnknownDistrictError(InvalidInputError):
    """A district name that is not in the reference list."""

    def __init__(self, given: str, known: list[str]) -> None:
        super().__init__(f"'{given}' is not a district we know; use one of: {', '.join(known)}.")


class ConsentRequiredError(VictimChampionError):
    """A referral (or stored contact details) without the person's consent."""

    default_message = (
        "A referral needs the person's consent first; ask them, record it, then refer."
    )


class ReferralKeyMissingError(VictimChampionError):
    """Contact details with no referral desk key to seal them to: they are never sent bare."""

    default_message = (
        "Contact details go to the referral desk sealed with its key, which this laptop has "
        "not received yet; sync first, or refer without contact details."
    )


class ImportFileError(VictimChampionError):
    """A CSV file that cannot be read as a whole (encoding, header, size)."""


class ImportRowsError(VictimChampionError):
    """Some rows of a CSV file are bad, so (without --skip-bad) nothing was imported."""

    def __init__(self, row_errors: list[tuple[int, str]], good_rows: int) -> None:
        self.row_errors = row_errors
        self.good_rows = good_rows
        count = len(row_errors)
        rows = "row has a problem" if count == 1 else "rows have problems"
        super().__init__(
            f"{count} {rows}, so nothing was imported; fix the file, or pass --skip-bad "
            f"to import the other {good_rows}."
        )


class ResourceError(VictimChampionError):
    """Reference data shipped with the app is missing or malformed."""


# ----------------------------------------------------------------- sync with the hub


class CourseContentError(ResourceError):
    """A mistake in a course file, with the file and line where it is."""

    def __init__(self, file_name: str, line: int, problem: str) -> None:
        self.file_name = file_name
        self.line = line
        super().__init__(f"{file_name}, line {line}: {problem}.")
