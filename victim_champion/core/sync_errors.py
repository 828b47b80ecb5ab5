"""The sentences for failures talking to the hub: reaching it, trusting it, and what it
answered. Like core/errors.py, this is the one place their wording lives."""

from __future__ import annotations

from victim_champion.core.errors import VictimChampionError


class NotEnrolledError(VictimChampionError):
    """Sync was asked for before the laptop was enrolled with a hub."""

    default_message = (
        "This laptop is not enrolled with the Compass House hub yet; ask the hub admin for "
        "a code and run 'victim-champion enrol --hub URL --code CODE'."
    )


class HubUnreachableError(VictimChampionError):
    """No answer from the hub (no network, hub down, timeout)."""

    default_message = (
        "The hub could not be reached, so nothing was lost: your records stay on this "
        "laptop and will go at the next sync."
    )


class HubCertificateNotTrustedError(VictimChampionError):
    """The hub's TLS certificate does not check out against what this laptop trusts."""

    default_message = (
        "The hub's certificate is not trusted by this laptop, so nothing was sent; if "
        "Compass House uses its own certificate authority, enrol again with its CA file."
    )


class CaFileError(VictimChampionError):
    """A CA file given at enrolment that is not a certificate in PEM form."""

    default_message = (
        "That file is not a certificate authority in PEM form; ask Compass House IT for "
        "the CA certificate (a .pem or .crt file)."
    )


class HubNotTrustedError(VictimChampionError):
    """A page that is not the hub's at all: a Wi-Fi sign-in page or a proxy's page."""

    default_message = (
        "A Wi-Fi sign-in page or another server answered instead of the hub, so nothing "
        "was changed; sign in to the network in a web browser, then sync again."
    )


class HubSignatureError(VictimChampionError):
    """An answer in our protocol whose signature is not the pinned hub key's."""

    default_message = (
        "The answer was not signed by the hub this laptop enrolled with, so nothing was "
        "changed; check the hub address with Compass House before syncing again."
    )


class ConnectionCutError(VictimChampionError):
    """The connection dropped part-way through a request or its answer."""

    default_message = (
        "The connection dropped part-way through, so nothing was lost; sync again when "
        "the connection is steadier."
    )


class ClockSkewError(VictimChampionError):
    """The laptop's clock is too far from the hub's for a signed request to count."""

    def __init__(self, offset_seconds: float) -> None:
        self.offset_seconds = offset_seconds
        minutes = max(1, round(abs(offset_seconds) / 60))
        direction = "ahead of" if offset_seconds > 0 else "behind"
        unit = "minute" if minutes == 1 else "minutes"
        super().__init__(
            f"This laptop's clock is {minutes} {unit} {direction} the hub's, so the hub "
            "refused the sync; set the correct date and time, then sync again."
        )


class NotKnownToHubError(VictimChampionError):
    """The hub does not know this laptop's key (never enrolled there, or the hub reset)."""

    default_message = (
        "The hub does not recognise this laptop, so nothing was sent; ask the hub admin "
        "for a new code and run 'victim-champion enrol' again."
    )


class PushTooLargeError(VictimChampionError):
    """The hub refused a push as too large even after it was made smaller."""

    default_message = (
        "The hub refused the records as too large even in small batches, so they stay "
        "on this laptop; tell Compass House, who can raise the hub's limit."
    )


class HubFaultError(VictimChampionError):
    """The hub answered, signed, that it failed; the reference ties it to the hub's log."""

    def __init__(self, reference: str) -> None:
        super().__init__(
            f"The hub had a fault (reference {reference}), so nothing was lost: your records "
            "stay on this laptop; sync again later, and quote the reference if it persists."
        )


class HubRefusedError(VictimChampionError):
    """Any other signed refusal from the hub, with its own reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"The hub refused the sync ({reason}); your records stay on this laptop.")


class SyncIncompleteError(VictimChampionError):
    """A round ended with records still waiting; it is not recorded as a success."""

    def __init__(self, pending: int) -> None:
        records = "record is" if pending == 1 else "records are"
        super().__init__(
            f"The sync stopped before the end and {pending} {records} still waiting on this "
            "laptop; sync again to send the rest."
        )


class HubMissingRecordsError(VictimChampionError):
    """The hub lacks numbers this laptop used and can no longer send."""

    def __init__(self, gaps: int) -> None:
        records = "record" if gaps == 1 else "records"
        super().__init__(
            f"The hub is missing {gaps} {records} from this laptop that are no longer on it, "
            "so nothing more will be deleted here; tell Compass House before syncing again."
        )


class VerifyMismatchError(VictimChampionError):
    """After sending again, the hub still holds something other than what was sent."""

    default_message = (
        "The hub's copy still differs from this laptop's after sending again, so nothing "
        "was deleted here; sync again, and tell Compass House if this message comes back."
    )


class InsecureHubAddressError(VictimChampionError):
    """A plain-HTTP hub address that is not this machine."""

    default_message = (
        "Records are only sent over an encrypted connection; use the hub's https:// address."
    )


class UpgradeRequiredError(VictimChampionError):
    """The hub no longer accepts this app's record format."""

    default_message = (
        "The hub needs a newer version of Victim Champion; your records are kept and will "
        "go once the app is updated."
    )


class EnrolmentRefusedError(VictimChampionError):
    """The hub refused the enrolment code."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"The hub refused to enrol this laptop: {reason}; ask for a new code.")


class DeviceRevokedError(VictimChampionError):
    """The hub, in a signed answer, says this device is revoked and must wipe."""

    default_message = (
        "Compass House has revoked this laptop, so all Victim Champion data on it has been "
        "erased; contact Compass House to enrol it again."
    )


class BundleRejectedError(VictimChampionError):
    """A content bundle whose signature does not check out."""

    def __init__(self, kind: str) -> None:
        super().__init__(
            f"The {kind} update from the hub failed its signature check, so it was refused "
            "and the current one is still in use."
        )


class BundleRefusedError(VictimChampionError):
    """A signed content bundle of the wrong kind, or not newer than the one in use."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(
            f"The {kind} update from the hub was refused because {reason}, "
            "and the current one is still in use."
        )


class AnswerNotForThisRequestError(VictimChampionError):
    """A signed answer for another laptop, another request, or another time: a replay."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"An answer from the hub was refused because {reason}, so nothing in it was "
            "used; sync again, and tell Compass House if this message comes back."
        )


class RequestReplayedError(VictimChampionError):
    """The hub received this request twice (the network repeated it) and refused the copy."""

    default_message = (
        "The hub had already received this request once and refused the copy, so nothing "
        "was lost; sync again."
    )
