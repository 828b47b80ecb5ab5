"""``victim-champion-hub report``: the quarterly data set or six-monthly audit, across all
devices, with small numbers suppressed, written as PDF or CSV."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import Engine

from victim_champion.content.report_labels import report_labels
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.report_csv import report_csv
from victim_champion.core.report_facts import ReportPeriod
from victim_champion.core.reporting import DATA_SETS, DEFAULT_RULES, Report, build_report
from victim_champion.core.suppression import SuppressionRule
from victim_champion.documents.report_document import build_report_pdf
from victim_champion.hub.reports.fact_reader import read_report_facts


def hub_report(
    engine: Engine, period: ReportPeriod, rules: Mapping[str, SuppressionRule] = DEFAULT_RULES
) -> Report:
    """The OPCC's full report for the period, from every device's records."""
    return build_report(read_report_facts(engine), period, report_labels(), rules)


def parse_rules(given: list[str]) -> dict[str, SuppressionRule]:
    """``DATA_SET=THRESHOLD`` options over the defaults, e.g. ``signposting=10``."""
    rules = dict(DEFAULT_RULES)
    for item in given:
        name, _, threshold = item.partition("=")
        if name not in DATA_SETS or not threshold.isdigit():
            raise InvalidInputError(
                f"Give --rule as DATA_SET=THRESHOLD with DATA_SET one of {', '.join(DATA_SETS)}."
            )
        try:
            rules[name] = SuppressionRule(name, threshold=int(threshold))
        except ValueError:
            raise InvalidInputError("A suppression threshold is 0 (off) or at least 3.") from None
    return rules


def write_atomically(path: Path, data: bytes) -> None:
    """The whole file or none of it: a full disk never leaves half a report."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".report-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run(options: argparse.Namespace, engine: Engine) -> int:
    out = Path(options.out)
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".csv"):
        print("Name the output FILE.pdf or FILE.csv.", file=sys.stderr)
        return 2
    if not out.parent.is_dir():
        print(
            f"The folder {out.parent} does not exist; create it or choose another.", file=sys.stderr
        )
        return 2
    try:
        period = ReportPeriod.parse(options.start, options.end).require_published()
        report = hub_report(engine, period, parse_rules(options.rule or []))
    except InvalidInputError as error:
        print(str(error), file=sys.stderr)
        return 2
    data = build_report_pdf(report) if suffix == ".pdf" else report_csv(report).encode()
    try:
        write_atomically(out, data)
    except OSError:
        print(
            f"Could not write {out.name}: the disk may be full or read-only; nothing was written.",
            file=sys.stderr,
        )
        return 1
    print(f"Wrote the {report.title.lower()} for {period.label} to {out}.")
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--out", required=True, metavar="FILE.pdf|FILE.csv")
    parser.add_argument(
        "--rule",
        action="append",
        metavar="DATA_SET=THRESHOLD",
        help=f"change one data set's suppression threshold ({', '.join(DATA_SETS)}); "
        "0 switches it off, the default for people is 5",
    )
