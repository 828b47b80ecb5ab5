"""``passphrase change``, ``staff add|remove|list`` and ``recovery-key create|use``.

Secrets come from the environment (VC_PASSPHRASE, VC_NEW_PASSPHRASE, VC_RECOVERY_KEY) or
are asked for on the terminal without echo; they are never arguments, which other users
of the machine could read in the process list.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from victim_champion.cli.context import CommandContext, progress, read_passphrase, read_secret
from victim_champion.core.staff_slots import SlotRole
from victim_champion.operations import staff_access

NEW_PASSPHRASE_VARIABLE = "VC_NEW_PASSPHRASE"  # noqa: S105  the variable name, not a secret
RECOVERY_KEY_VARIABLE = "VC_RECOVERY_KEY"


def _new_passphrase() -> str:
    return read_secret(NEW_PASSPHRASE_VARIABLE, "New passphrase: ", confirm=True)


def passphrase_change(context: CommandContext, options: argparse.Namespace) -> int:
    current = read_passphrase()
    progress("Setting the new passphrase (this takes a second)...")
    owner = staff_access.change_passphrase(context.profile(), current, _new_passphrase())
    context.emit(
        {"changed": True, "slot": owner.slot_id},
        f"Changed the passphrase of {owner.name}; the old one no longer opens this profile.",
    )
    return 0


def staff_add(context: CommandContext, options: argparse.Namespace) -> int:
    admin = read_passphrase()
    owner = staff_access.add_staff(
        context.profile(), admin, options.name, _new_passphrase(), admin=options.admin
    )
    role = "an administrator's" if owner.is_admin else "a staff"
    context.emit(
        {"added": owner.slot_id, "role": owner.role.value, "name": owner.name},
        f"Added {role} slot for {owner.name}.",
    )
    return 0


def staff_remove(context: CommandContext, options: argparse.Namespace) -> int:
    admin = read_passphrase()
    progress("Removing the slot and moving the records to a new key (this takes a moment)...")
    owner, dropped = staff_access.remove_staff(context.profile(), admin, options.name)
    lines = [
        f"Removed the slot for {owner.name}; that passphrase no longer opens this profile.",
        "The records now use a new key: a key exported before today opens nothing new.",
    ]
    lines += [
        f"{o.name}'s slot was too old to move to the new key: add {o.name} again."
        if o.role is not SlotRole.RECOVERY
        else "The recovery key was too old to move to the new key: make a new one."
        for o in dropped
    ]
    context.emit(
        {"removed": owner.slot_id, "rekeyed": True, "dropped": [o.slot_id for o in dropped]},
        "\n".join(lines),
    )
    return 0


def staff_list(context: CommandContext, options: argparse.Namespace) -> int:
    owners = staff_access.list_staff(context.profile(), read_passphrase())
    lines = [f"{o.role.value:<9} {o.name}" for o in owners]
    context.emit(
        [{"slot": o.slot_id, "role": o.role.value, "name": o.name} for o in owners],
        "\n".join(lines),
    )
    return 0


def recovery_create(context: CommandContext, options: argparse.Namespace) -> int:
    words = staff_access.make_recovery_key(context.profile(), read_passphrase())
    progress(
        "This recovery key is shown once. Write it down or print it, keep it locked away "
        "from the laptop, and never type it anywhere but this app."
    )
    if options.pdf:
        sheet = staff_access.save_recovery_sheet(words, options.pdf)
        progress(f"Print {sheet}, then delete the file.")
    context.emit({"recovery_key": words}, words)
    return 0


def recovery_use(context: CommandContext, options: argparse.Namespace) -> int:
    words = read_secret(RECOVERY_KEY_VARIABLE, "Recovery key: ")
    owner = staff_access.recover(context.profile(), words, options.staff, _new_passphrase())
    context.emit(
        {"recovered": owner.slot_id},
        f"Set a new passphrase for {owner.name}. That recovery key is now used up and will "
        "not work again. Make a new recovery key now with 'recovery-key create'.",
    )
    return 0


def add_commands(
    commands: argparse._SubParsersAction, command: Callable[..., argparse.ArgumentParser]
) -> None:
    """Register the commands; ``command`` is cli/main.py's way to add one."""
    passphrase = commands.add_parser("passphrase", help="change your passphrase")
    sub = passphrase.add_subparsers(dest="subcommand", metavar="COMMAND", required=True)
    command(sub, "change", passphrase_change, "set a new passphrase for your slot")

    staff = commands.add_parser("staff", help="named staff slots (administrators only)")
    sub = staff.add_subparsers(dest="subcommand", metavar="COMMAND", required=True)
    added = command(sub, "add", staff_add, "add a staff slot with its own passphrase")
    added.add_argument("name", metavar="NAME")
    added.add_argument(
        "--admin", action="store_true", help="may manage staff and read the audit log"
    )
    removed = command(sub, "remove", staff_remove, "remove a staff slot")
    removed.add_argument("name", metavar="NAME")
    command(sub, "list", staff_list, "every slot's name and role")

    recovery = commands.add_parser("recovery-key", help="a recovery key for a lost passphrase")
    sub = recovery.add_subparsers(dest="subcommand", metavar="COMMAND", required=True)
    made = command(sub, "create", recovery_create, "make a new recovery key, shown once")
    made.add_argument("--pdf", metavar="FILE.pdf", help="also write it as a page to print")
    used = command(sub, "use", recovery_use, "set a new passphrase for a slot with the key")
    used.add_argument("--staff", required=True, metavar="NAME", help="whose passphrase to set")
