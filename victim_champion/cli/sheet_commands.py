"""Handlers for ``print sheet`` and ``directory needs``: the person's own sheet exactly as
the desk prints it (the discreet card included), and the needs a worker can tick.

``print sheet`` needs no passphrase: it reads only the public directory and keeps nothing
(the name is printed only when given, and is never logged). With VC_PASSPHRASE it prints
from the directory this laptop last had from Compass House, as the desk does
(cli/laptop_directory.py). The desk makes the discreet
card its default whenever a need in DISCREET_NEEDS is ticked; a command line has no one
to ask, so here the card is printed only with ``--discreet``, and a plain sheet for such a
need says so on stderr.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from victim_champion.cli.context import CommandContext, progress
from victim_champion.cli.directory_commands import checked_groups, resolve_needs
from victim_champion.cli.laptop_directory import use_laptop_directory
from victim_champion.content.directory_loader import current_directory, load_needs
from victim_champion.content.district_loader import load_districts
from victim_champion.core.directory import DISCREET_NEEDS
from victim_champion.core.errors import InvalidInputError
from victim_champion.operations import printing
from victim_champion.operations.languages import DEFAULT_LANGUAGE, choose_language
from victim_champion.operations.printing import HandoutOptions, save_pdf


def _services(given: list[str]) -> list[str]:
    known = {s.id for s in current_directory().services}
    for service_id in given:
        if service_id not in known:
            raise InvalidInputError(
                f"There is no service '{service_id}'; 'directory search --json' lists the ids."
            )
    return given


def print_sheet(context: CommandContext, options: argparse.Namespace) -> int:
    """``print sheet --district D --need N... [--service ID...] [--route ID...]
    [--group lgbt|men] [--discreet] [--large-print] [--name NAME] [--language L] --out F``."""
    use_laptop_directory(context)
    district = load_districts().resolve(options.district)
    needs = sorted(resolve_needs(options.need or []))
    services, groups = _services(options.service or []), checked_groups(options.group or [])
    routes = options.route or []
    if routes and not options.discreet:
        raise InvalidInputError("--route chooses routes for the discreet card; add --discreet.")
    chosen = HandoutOptions(
        district=district.id,
        large_print=options.large_print,
        discreet=options.discreet,
        language=choose_language(options.language),
    )
    name = options.name or ""
    if options.web_page:
        from victim_champion.operations.web_pages import sheet_web_page_for

        page = sheet_web_page_for(
            district.id, needs, services, name=name, options=chosen, route_ids=routes, groups=groups
        )
        data = page.encode("utf-8")
    else:
        data = printing.print_signposting_sheet(
            district.id, needs, services, name=name, options=chosen, route_ids=routes, groups=groups
        )
    target = save_pdf(options.out, data)
    what = "discreet card" if options.discreet else "sheet"
    progress(f"Wrote the {what} to {target}.")
    if not options.discreet and DISCREET_NEEDS & set(needs):
        progress("The desk would print the discreet card for these needs; add --discreet.")
    context.emit({"out": str(target), "discreet": options.discreet}, "")
    return 0


def directory_needs(context: CommandContext, options: argparse.Namespace) -> int:
    """``directory needs [--json]``: the needs a worker can tick, in the desk's order."""
    needs = load_needs()
    document = [
        {
            "id": n.id,
            "label": n.label,
            "discreet_label": n.discreet_label or None,
            "discreet_by_default": n.id in DISCREET_NEEDS,
        }
        for n in needs
    ]
    width = max(len(n.id) for n in needs)
    context.emit(document, "\n".join(f"{n.id:<{width}}  {n.label}" for n in needs))
    return 0


Command = Callable[..., argparse.ArgumentParser]


def add_print_sheet(kinds: argparse._SubParsersAction, command: Command) -> None:
    """Register ``print sheet``; ``command`` is cli/main.py's way to add one."""
    sheet = command(kinds, "sheet", print_sheet, "the person's own sheet, as the desk prints it")
    sheet.add_argument("--district", required=True, help="a Kent district, or Medway")
    sheet.add_argument("--need", action="append", required=True, help="a need id (repeatable)")
    sheet.add_argument("--service", action="append", metavar="ID", help="a chosen service")
    sheet.add_argument(
        "--route",
        action="append",
        metavar="ID",
        help="a route chosen with the person for the discreet card (repeatable)",
    )
    sheet.add_argument(
        "--group", action="append", metavar="lgbt|men", help="what the person said they are"
    )
    sheet.add_argument(
        "--discreet",
        action="store_true",
        help="the one-page card that names no service or subject (the desk's default for "
        "domestic abuse, sexual violence, stalking, honour-based abuse or exploitation; "
        "here only with this flag)",
    )
    sheet.add_argument("--large-print", action="store_true", help="body text 16 pt or more")
    sheet.add_argument("--name", help="print the person's name (only if they asked)")
    sheet.add_argument(
        "--web-page", action="store_true", help="write the accessible twin (HTML) instead"
    )
    sheet.add_argument("--out", required=True, metavar="FILE.pdf")
    sheet.add_argument(
        "--language",
        default=DEFAULT_LANGUAGE,
        metavar="L",
        help="en-GB (default), qps-ploc or qps-deva",
    )


def add_directory_needs(directory: argparse._SubParsersAction, command: Command) -> None:
    """Register ``directory needs``."""
    command(directory, "needs", directory_needs, "the needs a worker can tick, with their ids")
