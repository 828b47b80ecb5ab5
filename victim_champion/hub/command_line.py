"""``victim-champion-hub``: run the hub and administer it (shared/design/CLI.md).

Admin commands work on the database directly, so they work while ``serve`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from victim_champion.hub.api import bundles, enrolment, exchange
from victim_champion.hub.api.certificate_lookup import lookup
from victim_champion.hub.api.referral_desk import ReferralKeyError
from victim_champion.hub.api.side_tables import erase_record
from victim_champion.hub.serving import add_serve_arguments, serve
from victim_champion.hub.storage import backups
from victim_champion.hub.storage.engine import HUB_DB_VARIABLE, database_url, make_engine, upgrade
from victim_champion.hub.storage.signing_keys import (
    KEY_FILE_VARIABLE,
    HubKeyError,
    key_file_for,
    load_or_create_hub_key,
)


def _engine(options: argparse.Namespace) -> Any:
    engine = make_engine(database_url(options.db))
    upgrade(engine)
    return engine


def _emit(options: argparse.Namespace, document: object, human: str) -> None:
    if getattr(options, "json", False):
        print(json.dumps(document, indent=2, default=str))
    else:
        print(human)


def enrol_code(options: argparse.Namespace) -> int:
    code = enrolment.new_enrolment_code(_engine(options), options.name)
    _emit(options, {"code": code, "valid_hours": 24}, code)
    return 0


def devices(options: argparse.Namespace) -> int:
    rows = enrolment.list_devices(_engine(options))
    _emit(
        options,
        [r.__dict__ for r in rows],
        "\n".join(
            f"{r.device_id}  {'REVOKED ' if r.revoked_at else ''}{r.name}  last seen "
            f"{r.last_seen_at or 'never'}"
            for r in rows
        )
        or "No devices enrolled yet.",
    )
    return 0


def revoke(options: argparse.Namespace) -> int:
    if not enrolment.revoke_device(_engine(options), options.device_id):
        print(
            "No device has that id; run 'victim-champion-hub devices' to list them.",
            file=sys.stderr,
        )
        return 1
    print(f"Revoked {options.device_id}; it will wipe its data on its next contact.")
    return 0


def verify_code(options: argparse.Namespace) -> int:
    found = lookup(_engine(options), options.code)
    _emit(
        options,
        found,
        "valid: "
        + (f"{found['course']} on {found['course_date']}" if found["valid"] else found["reason"]),
    )
    return 0 if found["valid"] else 1


def publish(options: argparse.Namespace) -> int:
    from victim_champion.hub.leaflet_command import publish_leaflet, stray_leaflet_options

    if options.kind == "leaflet":
        return publish_leaflet(options, _engine(options))
    if stray_leaflet_options(options):
        return 1
    engine = _engine(options)
    try:
        document = bundles.read_bundle(options.kind, Path(options.path))
        key = load_or_create_hub_key(engine, key_file_for(engine, options.key_file))
        version = bundles.publish(engine, key, document)
    except bundles.BundleError as error:
        print(f"Not published: {error}.", file=sys.stderr)
        return 1
    print(f"Published {options.kind} version {version}, signed by the hub.")
    return 0


def referral_outcome(options: argparse.Namespace) -> int:
    if not exchange.record_outcome(_engine(options), options.referral_id, options.outcome):
        print("No referral has that id.", file=sys.stderr)
        return 1
    print("Recorded; the laptop that made the referral receives it at its next sync.")
    return 0


def referral_key(options: argparse.Namespace) -> int:
    from victim_champion.hub.api.referral_desk import create_referral_key

    made = create_referral_key(_engine(options), Path(options.out))
    print(
        f"Made the referral desk key {made}: the private key is in {options.out} (keep it "
        "with the desk, never on the hub); laptops receive the public key at their next sync."
    )
    return 0


def opened_referrals(options: argparse.Namespace) -> int:
    from victim_champion.hub.api.referral_desk import open_referrals, read_referral_key

    listed = open_referrals(_engine(options), read_referral_key(Path(options.key)))
    lines = []
    for each in listed:
        contact = each["contact"]
        shown = (
            f"consent withdrawn {each['withdrawn_at'][:10]}: do not act on it or contact them"
            if each["withdrawn"]
            else f"contact details withdrawn {each['contact_withdrawn_at'][:10]}: do not contact"
            if each["contact_withdrawn_at"]
            else "no contact details"
            if contact is None
            else contact
            if isinstance(contact, str)
            else ", ".join(v for v in (contact["name"], contact["phone"], contact["email"]) if v)
        )
        lines.append(f"{each['referral_id']}  {each['service_id']:24} {shown}")
    _emit(options, listed, "\n".join(lines) or "No referrals yet.")
    return 0


def stats(options: argparse.Namespace) -> int:
    report = exchange.stats(_engine(options))
    _emit(
        options,
        report,
        "\n".join(
            [
                f"envelopes: {report['envelopes']} (missing {report['missing']}, "
                f"duplicates {report['duplicates']}, refused {report['refused']})"
            ]
            + [f"  {kind}: {count}" for kind, count in sorted(report["by_kind"].items())]
            + [
                # A device with a gap is named: those numbers were used and never arrived.
                f"  device {d['device_id']}: {d['missing']} missing up to number {d['max_seq']}"
                for d in report["devices"]
                if d["missing"]
            ]
        ),
    )
    return 0


def report(options: argparse.Namespace) -> int:
    from victim_champion.hub.reports import report_builder as report_command

    return report_command.run(options, _engine(options))


def dashboard_account(options: argparse.Namespace) -> int:
    from victim_champion.hub.dashboard import accounts as accounts

    try:
        agency_name = accounts.require_agency(options.agency)
        password = accounts.read_password(options.password_stdin)
        accounts.create_account(_engine(options), options.username, options.agency, password)
    except accounts.AccountError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Created a dashboard account for {agency_name}.")
    from victim_champion.hub.dashboard.second_factor import needs_second_factor

    if needs_second_factor(options.agency):
        print("It sees every table, so it can log in only after 'dashboard-totp' sets its code.")
    return 0


def dashboard_accounts(options: argparse.Namespace) -> int:
    from victim_champion.hub.dashboard import accounts as accounts

    listed = accounts.list_accounts(_engine(options))
    if options.json:
        print(json.dumps(listed, indent=2))
    elif not listed:
        print("No dashboard accounts yet; add one with 'dashboard-account'.")
    for account in [] if options.json else listed:
        print(f"{account['username']:32} {account['agency']:20} {account['created_at'][:10]}")
    return 0


def dashboard_password(options: argparse.Namespace) -> int:
    from victim_champion.hub.dashboard import accounts as accounts

    try:
        password = accounts.read_password(options.password_stdin)
        accounts.set_password(_engine(options), options.username, password)
    except accounts.AccountError as error:
        print(error, file=sys.stderr)
        return 1
    print("Password changed; that account's open sessions have ended.")
    return 0


def dashboard_totp(options: argparse.Namespace) -> int:
    from victim_champion.hub.dashboard import second_factor as second
    from victim_champion.hub.dashboard.accounts import AccountError

    try:
        made = second.enrol(_engine(options), options.username)
    except AccountError as error:
        print(error, file=sys.stderr)
        return 1
    codes = "\n".join(f"  {code}" for code in made.recovery_codes)
    print(
        f"Second step set up; any earlier one has stopped working. Add this to the person's "
        f"authenticator app (as a QR code or typed in), then let this text go:\n{made.uri}\n"
        f"Secret: {made.secret}\nRecovery codes, each works once (the hub keeps only their "
        f"hashes, so this is the only time they are shown):\n{codes}"
    )
    return 0


def dashboard_remove(options: argparse.Namespace) -> int:
    from victim_champion.hub.dashboard import accounts as accounts

    try:
        accounts.remove_account(_engine(options), options.username)
    except accounts.AccountError as error:
        print(error, file=sys.stderr)
        return 1
    print("Removed the dashboard account; its open sessions have ended.")
    return 0


def backup_database(options: argparse.Namespace) -> int:
    out = backups.backup(database_url(options.db), Path(options.out))
    print(f"Wrote a backup of the hub's database to {out}.")
    return 0


def restore_database(options: argparse.Namespace) -> int:
    restored = backups.restore(
        database_url(options.db), Path(options.file), erase=erase_record, replace=options.replace
    )
    kept = f" The data it replaced is in {restored.safety}." if restored.safety else ""
    print(f"Restored {options.file} and brought it to the newest migration.{kept}")
    print(f"Carried out again the {restored.erasures} erasures in the hub's erasure ledger.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="victim-champion-hub", description="The Compass House hub."
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, handler: Any, help_text: str, json_option: bool = False) -> Any:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--db", help=f"database URL (or {HUB_DB_VARIABLE})")
        if json_option:
            sub.add_argument("--json", action="store_true")
        sub.set_defaults(handler=handler)
        return sub

    add_serve_arguments(command("serve", serve, "run the hub"))
    command("enrol-code", enrol_code, "a one-time enrolment code", True).add_argument(
        "--name", required=True, help="the laptop's name, e.g. 'Thanet Compass Point 1'"
    )
    command("devices", devices, "list enrolled devices", True)
    command("revoke", revoke, "revoke a device").add_argument("device_id")
    command("verify", verify_code, "check a certificate code", True).add_argument("code")
    published = command("publish", publish, "sign and publish a content bundle")
    published.add_argument("kind", choices=(*bundles.KINDS, "leaflet"))
    published.add_argument("path", metavar="PATH|FILE.pdf")
    from victim_champion.hub.leaflet_command import add_leaflet_options

    add_leaflet_options(published)
    published.add_argument("--key-file", help=f"the hub's signing key (or {KEY_FILE_VARIABLE})")
    command("stats", stats, "record counts by kind", True)
    from victim_champion.hub.reports.report_builder import add_arguments

    add_arguments(command("report", report, "the performance-framework data set, suppressed"))
    account = command("dashboard-account", dashboard_account, "add a partner dashboard login")
    account.add_argument(
        "--agency", required=True, help="opcc, victim-support, ..., compass-house-content"
    )
    account.add_argument("--username", required=True)
    account.add_argument("--password-stdin", action="store_true", help="read it from stdin")
    command("dashboard-accounts", dashboard_accounts, "list partner dashboard logins", True)
    reset = command("dashboard-password", dashboard_password, "set a new dashboard password")
    reset.add_argument("--username", required=True)
    reset.add_argument("--password-stdin", action="store_true", help="read it from stdin")
    totp = command("dashboard-totp", dashboard_totp, "set up a dashboard login's second step")
    totp.add_argument("--username", required=True)
    command("dashboard-remove", dashboard_remove, "remove a dashboard login").add_argument(
        "--username", required=True
    )
    key = command("referral-key", referral_key, "the referral desk's key pair")
    key.add_argument("action", choices=("create",))
    key.add_argument("--out", required=True, help="where the desk's private key is written")
    listing = command("referrals", opened_referrals, "referrals, contacts opened", True)
    listing.add_argument("--key", required=True, help="the referral desk's private key file")
    outcome = command("referral-outcome", referral_outcome, "record what happened to a referral")
    outcome.add_argument("referral_id")
    outcome.add_argument("--outcome", required=True, help="e.g. 'contacted', 'declined'")
    command("backup", backup_database, "a consistent copy of the database").add_argument(
        "--out", required=True, help="the backup file to write (never overwritten)"
    )
    from victim_champion.hub.content_command import add_content_commands

    add_content_commands(commands.add_parser("content", help="the content desk"), _engine)
    restoring = command("restore", restore_database, "put a backup into the database")
    restoring.add_argument("file")
    restoring.add_argument(
        "--replace",
        action="store_true",
        help="replace a database that holds data (a safety backup of it is made first)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    options = build_parser().parse_args(argv)
    try:
        return int(options.handler(options))
    # One sentence a person can act on:
    except (HubKeyError, ReferralKeyError, backups.BackupError) as error:
        print(error, file=sys.stderr)
        return 1
    except Exception as error:  # one sentence; the details only with the environment flag
        if os.environ.get("VC_HUB_DEBUG"):
            raise
        print(
            f"The hub command failed: {type(error).__name__}. Set VC_HUB_DEBUG=1 for details.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
