"""What every command shares: the profile folder, the passphrase, and output rules."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from victim_champion.core.errors import InvalidInputError
from victim_champion.operations.training import Training
from victim_champion.operations.workspace import ProfileGate, Workspace, let_go_of_expired

PASSPHRASE_VARIABLE = "VC_PASSPHRASE"  # noqa: S105  the variable name, not a secret
DATA_DIR_VARIABLE = "VC_DATA_DIR"


def default_data_dir() -> Path:
    """The profile folder when neither --data-dir nor VC_DATA_DIR is given."""
    return Path(platformdirs.user_data_dir("victim-champion", appauthor=False))


@dataclass
class CommandContext:
    """Options common to all commands."""

    data_dir: Path
    as_json: bool = False

    @classmethod
    def from_options(cls, data_dir: str | None, as_json: bool) -> CommandContext:
        """Resolve --data-dir, then VC_DATA_DIR, then the platform default."""
        chosen = data_dir or os.environ.get(DATA_DIR_VARIABLE)
        return cls(Path(chosen).expanduser() if chosen else default_data_dir(), as_json)

    def profile(self) -> ProfileGate:
        """The profile in the chosen folder (not yet unlocked)."""
        return ProfileGate.at(self.data_dir)

    @contextmanager
    def workspace(self) -> Iterator[Workspace]:
        """Unlock the profile with the passphrase, let go of what is past the retention
        window (as the app does at every unlock), and lock it again afterwards."""
        workspace = self.profile().unlock(read_passphrase())
        try:
            warning = let_go_of_expired(workspace).warning
            if warning:
                progress(warning)
            yield workspace
        finally:
            workspace.close()

    open_store = workspace

    @contextmanager
    def training(self) -> Iterator[Training]:
        """Sessions and registers of the unlocked profile."""
        with self.workspace() as workspace:
            yield Training(workspace)

    def emit(self, document: object, human: str) -> None:
        """Print one JSON document (with --json) or the human-readable text."""
        if self.as_json:
            print(json.dumps(document, ensure_ascii=False, indent=2))
        elif human:
            print(human)


def read_passphrase(*, confirm: bool = False) -> str:
    """VC_PASSPHRASE if set; otherwise ask on the terminal without echo."""
    from_environment = os.environ.get(PASSPHRASE_VARIABLE)
    if from_environment is not None:
        return from_environment
    if not sys.stdin.isatty():
        raise InvalidInputError(
            f"No passphrase was given; set {PASSPHRASE_VARIABLE} or run this in a terminal."
        )
    first = getpass.getpass("Staff passphrase: ")
    if confirm and getpass.getpass("Type it again: ") != first:
        raise InvalidInputError("The two passphrases did not match; nothing was created.")
    return first


def read_secret(variable: str, prompt: str, *, confirm: bool = False) -> str:
    """A secret from its environment variable, or asked for twice without echo."""
    given = os.environ.get(variable)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise InvalidInputError(f"Nothing was given; set {variable} or run this in a terminal.")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != first:
        raise InvalidInputError("The two did not match; nothing was changed.")
    return first


def progress(message: str) -> None:
    """A progress or status line for people, on stderr so --json stdout stays clean."""
    print(message, file=sys.stderr)
