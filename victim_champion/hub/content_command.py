"""``victim-champion-hub content ...``: the content desk from the hub's command line.

    content import FILE.md                   the researched services (KENT-SERVICES.md)
    content list [--json]                    services and routes, with each route's state
    content confirm ROUTE_ID --by NAME       NAME confirmed the route's text today
    content withdraw ROUTE_ID --reason TEXT  never sent to laptops again
    content changes                          what publishing would change for laptops
    content publish [--key-file FILE]        sign and publish the next directory edition

Every change is in the hub's audit log with the actor "cli".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from victim_champion.hub.api import bundles
from victim_champion.hub.editorial import desk, edition, shipped_seed
from victim_champion.hub.editorial.change_log import COMMAND_LINE
from victim_champion.hub.editorial.entries import ContentError
from victim_champion.hub.storage.engine import HUB_DB_VARIABLE
from victim_champion.hub.storage.signing_keys import (
    KEY_FILE_VARIABLE,
    key_file_for,
    load_or_create_hub_key,
)

EngineFor = Callable[[argparse.Namespace], Engine]


def _say(text: object) -> None:
    sys.stdout.write(f"{text}\n")


def _today() -> Any:
    return datetime.now(UTC).date()


def import_file(options: argparse.Namespace, engine: Engine) -> int:
    from victim_champion.hub.editorial.research_import import import_research

    path = Path(options.file)
    if not path.is_file():
        sys.stderr.write(f"Not imported: {path} does not exist.\n")
        return 1
    summary = import_research(engine, path.read_text("utf-8"), COMMAND_LINE)
    sentence = getattr(summary, "sentence", None)
    _say(sentence() if callable(sentence) else summary)
    return 0


def listing(options: argparse.Namespace, engine: Engine) -> int:
    services, routes = desk.list_services(engine), desk.list_routes(engine)
    linked = desk.service_route_ids(engine)
    if options.json:
        _say(
            json.dumps(
                {
                    "services": [
                        {**asdict(s), "routes": list(linked.get(s.id, ()))} for s in services
                    ],
                    "routes": [asdict(r) for r in routes],
                },
                indent=2,
                default=str,
                ensure_ascii=False,
            )
        )
        return 0
    if not services and not routes:
        _say("The content desk is empty; run 'content import FILE.md' to start.")
        return 0
    _say(f"Services ({len(services)}):")
    for service in services:
        own = ", ".join(linked.get(service.id, ())) or "none"
        _say(f"  {service.id:36} {service.name}  [routes: {own}]")
    _say(f"Routes ({len(routes)}):")
    for route in routes:
        hours = route.hours or "hours not known"
        _say(
            f"  {route.id:36} {route.state:11} {route.kind:9} checked {route.checked}  "
            f"{route.contact} ({hours})"
        )
    return 0


def confirm(options: argparse.Namespace, engine: Engine) -> int:
    route = desk.confirm_route(engine, options.route_id, COMMAND_LINE, _today(), by=options.by)
    _say(f"Confirmed route '{route.id}' for {route.confirmed_by}, checked {route.checked}.")
    return 0


def withdraw(options: argparse.Namespace, engine: Engine) -> int:
    route = desk.withdraw_route(engine, options.route_id, COMMAND_LINE, options.reason)
    _say(f"Withdrew route '{route.id}'; the next directory edition leaves it out.")
    return 0


def changes(options: argparse.Namespace, engine: Engine) -> int:
    found = edition.changes(engine)
    held = edition.current_edition(engine)
    if not found:
        _say(f"Nothing changes against edition {held}, which laptops have now.")
        return 0
    _say(f"Against edition {held}, which laptops have now:")
    for sentence in found:
        _say(f"- {sentence}")
    return 0


def publish(options: argparse.Namespace, engine: Engine) -> int:
    refused = edition.refusals(engine)
    if refused:
        sys.stderr.write("Not published. Put these right first:\n")
        sys.stderr.writelines(f"- {sentence}\n" for sentence in refused)
        return 1
    key = load_or_create_hub_key(engine, key_file_for(engine, options.key_file))
    try:
        done = edition.publish_directory(
            engine, key, COMMAND_LINE, _today(), publish=bundles.publish
        )
    except bundles.BundleError as error:
        sys.stderr.write(f"Not published: {error}.\n")
        return 1
    _say(
        f"Published directory edition {done}, signed by the hub; laptops receive it at "
        "their next sync."
    )
    return 0


def add_content_commands(parser: argparse.ArgumentParser, engine_for: EngineFor) -> None:
    """The ``content`` command's subcommands, each with its own --db."""
    actions = parser.add_subparsers(dest="content_action", metavar="ACTION", required=True)

    def action(name: str, handler: Callable[..., int], help_text: str) -> Any:
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument("--db", help=f"database URL (or {HUB_DB_VARIABLE})")

        def run(options: argparse.Namespace) -> int:
            try:
                engine = engine_for(options)
                if shipped_seed.seed_from_shipped(engine, COMMAND_LINE):
                    sys.stderr.write(
                        "The content desk was empty: it now holds the shipped directory.\n"
                    )
                return handler(options, engine)
            except ContentError as error:
                sys.stderr.write(f"{error}\n")
                return 1

        sub.set_defaults(handler=run)
        return sub

    action("import", import_file, "import the researched services (KENT-SERVICES.md)").add_argument(
        "file", metavar="FILE.md"
    )
    action("list", listing, "services and routes, with each route's state").add_argument(
        "--json", action="store_true"
    )
    confirming = action("confirm", confirm, "confirm a route's text as published")
    confirming.add_argument("route_id")
    confirming.add_argument("--by", required=True, help="who confirmed it, e.g. 'A. Editor'")
    withdrawing = action("withdraw", withdraw, "withdraw a route: never sent to laptops again")
    withdrawing.add_argument("route_id")
    withdrawing.add_argument("--reason", required=True, help="why, for the audit log")
    action("changes", changes, "what publishing would change for laptops")
    action("publish", publish, "sign and publish the next directory edition").add_argument(
        "--key-file", help=f"the hub's signing key (or {KEY_FILE_VARIABLE})"
    )
