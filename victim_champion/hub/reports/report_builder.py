"""``victim-champion-hub report``: a published month, quarterly data set or six-monthly
audit, across all devices, with small numbers suppressed, written as PDF or CSV.

The figures are the period's frozen published version (hub/reports/publication.py): the
first report of a period publishes it, later ones read the same copy. The suppression
rules are the framework's own and cannot be changed per report, because two copies of a
period suppressed differently could be subtracted."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from victim_champion.content.report_labels import report_words
from victim_champion.core.errors import InvalidInputError
from victim_champion.core.report_csv import report_csv
from victim_champion.core.report_facts import ReportPeriod
from victim_champion.documents.report_document import build_report_pdf
from victim_champion.hub.reports.publication import published, republish, stored


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
        if options.republish:
            report, made = republish(engine, period, date.today())
            if not made:
                print(f"Nothing could change safely, so {report.edition}", file=sys.stderr)
        elif options.version is not None:
            found = stored(engine, period, options.version)
            if found is None:
                raise InvalidInputError(
                    f"Version {options.version} of {period.label} has not been published."
                )
            report = found
        else:
            report = published(engine, period, date.today())
    except InvalidInputError as error:
        print(str(error), file=sys.stderr)
        return 2
    data = (
        build_report_pdf(report)
        if suffix == ".pdf"
        else report_csv(report, report_words()).encode()
    )
    try:
        write_atomically(out, data)
    except OSError:
        print(
            f"Could not write {out.name}: the disk may be full or read-only; nothing was written.",
            file=sys.stderr,
        )
        return 1
    print(f"Wrote the {report.title.lower()} for {period.label} to {out}. {report.edition}")
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--out", required=True, metavar="FILE.pdf|FILE.csv")
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--republish",
        action="store_true",
        help="publish a new version with late records and erasures, where that is safe",
    )
    which.add_argument("--version", type=int, help="an earlier published version")
