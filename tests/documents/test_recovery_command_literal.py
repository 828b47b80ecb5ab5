"""The recovery key sheet tells the person a command to run. A command must print exactly
as it is typed, so it is a field of its sentence (recovery.use's {command}) that no
language, real or pseudo, rewrites; and it is a command the real parser accepts."""

from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path

import pytest

from tests.support.pdf_tools import flowing_text
from victim_champion.cli.main import build_parser
from victim_champion.content.message_catalogue import available_languages, messages
from victim_champion.documents.recovery_sheet import RECOVERY_COMMAND, build_recovery_sheet

WORDS = "apple river stone cloud maple tiger ocean lemon piano candle forest bridge"


@pytest.mark.parametrize("language", available_languages())
def test_the_command_prints_as_typed_in_every_language(language: str, tmp_path: Path) -> None:
    pdf = build_recovery_sheet(WORDS, date(2026, 12, 7), language)
    text = flowing_text(pdf, tmp_path)
    assert f'"{RECOVERY_COMMAND}"' in text, text
    # The sentence around it is still the language's own.
    around = messages(language).text("recovery.use", command="\0").split("\0")
    assert all(" ".join(part.split()) in text for part in around if part.strip()), around


def test_the_command_is_a_field_the_catalogue_leaves_alone() -> None:
    for language in available_languages():
        assert "{command}" in messages(language).template("recovery.use"), language


def test_the_printed_command_is_one_the_app_runs() -> None:
    """Typed as printed (with a staff name for NAME), the real parser reads it as
    ``recovery-key use --staff``."""
    program, *arguments = shlex.split(RECOVERY_COMMAND.replace("NAME", "Administrator"))
    assert program == build_parser().prog
    options = build_parser().parse_args(arguments)
    assert (options.command, options.subcommand) == ("recovery-key", "use")
    assert options.staff == "Administrator"
