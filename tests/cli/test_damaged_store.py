"""Support staff on the command line: a damaged profile gets one sentence, nothing else."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.cli.conftest import run_cli
from victim_champion.core.errors import CorruptStoreError, KeyFileOutOfBoundsError

PAGE = 4096
DAMAGED = CorruptStoreError.default_message


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("page", ["first", "last"])
def test_a_damaged_page_is_one_sentence_and_the_file_is_left_as_it_was(
    cli_env: dict[str, str], page: str
) -> None:
    assert run_cli(cli_env, "init").code == 0
    folder = Path(cli_env["VC_DATA_DIR"])
    database = folder / "store.db"
    last_page = database.stat().st_size // PAGE - 1
    # Byte 300 is past page 1's plaintext salt; the last page is never read at unlock.
    flip_byte(database, (0 if page == "first" else last_page) * PAGE + 300)
    before = digest(database)

    listed = run_cli(cli_env, "session", "list")

    assert listed.code == 1
    # One sentence, the damaged-file one: no "unexpected error", no SQLCipher log lines.
    assert listed.err.strip() == DAMAGED
    assert listed.out == ""
    assert digest(database) == before
    assert sorted(p.name for p in folder.iterdir()) == ["keys.json", "store.db"]


def test_the_same_damage_with_a_wrong_passphrase_is_still_a_wrong_passphrase(
    cli_env: dict[str, str],
) -> None:
    assert run_cli(cli_env, "init").code == 0
    database = Path(cli_env["VC_DATA_DIR"]) / "store.db"
    flip_byte(database, (database.stat().st_size // PAGE - 1) * PAGE + 300)
    wrong = dict(cli_env, VC_PASSPHRASE="not the passphrase at all")

    listed = run_cli(wrong, "session", "list")

    assert listed.code == 1
    assert "passphrase does not open this profile" in listed.err
    assert "damaged" not in listed.err


def test_a_key_file_asking_for_a_terabyte_is_one_sentence_not_a_hang(
    cli_env: dict[str, str],
) -> None:
    assert run_cli(cli_env, "init").code == 0
    keys = Path(cli_env["VC_DATA_DIR"]) / "keys.json"
    document = json.loads(keys.read_text())
    document["slots"][0]["kdf"]["memory_kib"] = 2**30
    keys.write_text(json.dumps(document))
    before = digest(keys)

    listed = run_cli(cli_env, "session", "list", timeout=60)

    assert listed.code == 1  # a refusal, not 70 ("unexpected")
    assert listed.err.strip() == KeyFileOutOfBoundsError.default_message
    assert digest(keys) == before
