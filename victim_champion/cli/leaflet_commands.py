"""``leaflets list [--json]`` and ``print leaflet --language CODE --out FILE.pdf``: the
official translated leaflets the hub signed, printed byte for byte as published."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from victim_champion.cli.context import CommandContext, progress
from victim_champion.core.leaflet_bundle import megabytes
from victim_champion.operations.official_leaflets import leaflet_pdf, leaflets_held
from victim_champion.operations.printing import save_pdf

Command = Callable[..., argparse.ArgumentParser]


def leaflets_list(context: CommandContext, options: argparse.Namespace) -> int:
    """Language, title, source, date and size of each leaflet held."""
    with context.workspace() as workspace:
        held = leaflets_held(workspace)
    lines = [
        f"{entry.language}  {entry.title}  ({entry.date}, {megabytes(entry.size)})  {entry.source}"
        for entry in held
    ]
    context.emit(
        {"leaflets": [entry.to_json() for entry in held]},
        "\n".join(lines)
        or "This laptop holds no official leaflets yet; they arrive at a sync with the hub.",
    )
    return 0


def print_leaflet(context: CommandContext, options: argparse.Namespace) -> int:
    """The official leaflet in one language, written unchanged to --out."""
    with context.workspace() as workspace:
        leaflet, data = leaflet_pdf(workspace, options.language)
    target = save_pdf(options.out, data)
    progress(f"Wrote the official {leaflet.language} leaflet ({leaflet.date}) to {target}.")
    context.emit({"out": str(target), **leaflet.to_json()}, "")
    return 0


def add_leaflet_commands(commands: Any, kinds: Any, command: Command) -> None:
    """Register ``leaflets list`` (under ``commands``) and ``print leaflet`` (under the
    print command's ``kinds``); ``command`` is cli/main.py's way to add one."""
    leaflets = commands.add_parser("leaflets", help="official translated leaflets")
    subcommands = leaflets.add_subparsers(dest="subcommand", metavar="COMMAND", required=True)
    command(subcommands, "list", leaflets_list, "the official leaflets this laptop holds")
    printed = command(kinds, "leaflet", print_leaflet, "an official leaflet, as published")
    printed.add_argument("--language", required=True, metavar="CODE", help="cy, pl, ro, ur, ...")
    printed.add_argument("--out", required=True, metavar="FILE.pdf")
