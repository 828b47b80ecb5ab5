"""``victim-champion-hub publish leaflet FILE.pdf --language CODE --title T --source URL
--date YYYY-MM-DD``: an official translated leaflet, signed into the leaflets bundle."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import Engine

from victim_champion.core.leaflet_bundle import MAX_LEAFLET_BYTES, MAX_TOTAL_BYTES, megabytes
from victim_champion.hub.api import bundles
from victim_champion.hub.api.leaflet_publishing import publish_leaflet as publish
from victim_champion.hub.editorial import change_log as audit
from victim_champion.hub.storage.signing_keys import key_file_for, load_or_create_hub_key


def add_leaflet_options(parser: argparse.ArgumentParser) -> None:
    """The options ``publish leaflet`` needs (the other kinds take none of them)."""
    parser.add_argument("--language", metavar="CODE", help="leaflet: cy, pl, ro, ur, ...")
    parser.add_argument("--title", metavar="T", help="leaflet: its title as published")
    parser.add_argument("--source", metavar="URL", help="leaflet: where it is published")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="leaflet: its date")


def stray_leaflet_options(options: argparse.Namespace) -> bool:
    """True, having said so, if a course or directory was given a leaflet's options."""
    given = [name for name in ("language", "title", "source", "date") if getattr(options, name)]
    if given:
        sys.stderr.write(f"Not published: --{given[0]} is only for publish leaflet.\n")
    return bool(given)


def publish_leaflet(options: argparse.Namespace, engine: Engine) -> int:
    """Publish one leaflet; one sentence on stdout, or on stderr with exit 1."""
    missing = [
        name for name in ("language", "title", "source", "date") if not getattr(options, name)
    ]
    if missing:
        sys.stderr.write(f"Not published: give --{' and --'.join(missing)}.\n")
        return 1
    try:
        key = load_or_create_hub_key(engine, key_file_for(engine, options.key_file))
        done = publish(
            engine,
            key,
            Path(options.path),
            options.language,
            options.title,
            options.source,
            options.date,
            audit.COMMAND_LINE,
            audit.record,
        )
    except bundles.BundleError as error:
        sys.stderr.write(f"Not published: {error}.\n")
        return 1
    replaced = (
        " It replaces the leaflet published before in that language." if done.replaced else ""
    )
    sys.stdout.write(
        f"Published the {options.language.lower()} leaflet in leaflets bundle version "
        f"{done.version}, signed by the hub; laptops receive it at their next sync.{replaced} "
        f"The bundle holds {done.count} leaflets, {megabytes(done.total_bytes)} of "
        f"{megabytes(MAX_TOTAL_BYTES)} (each at most {megabytes(MAX_LEAFLET_BYTES)}).\n"
    )
    return 0
