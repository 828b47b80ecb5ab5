"""Cells a spreadsheet will not run: CSV injection ("formula injection") neutralised.

Excel, LibreOffice and Google Sheets treat a cell that begins with ``=``, ``+``, ``-`` or
``@`` as a formula, and a leading tab or carriage return can hide such a start. A label
that came from a device (a service id pushed to the hub, say ``=HYPERLINK(...)``) would
otherwise run when a partner opens the report. Such a cell gets a single quote in front,
which spreadsheets show as text.

Every cell is treated the same, numbers included. A figure in our CSVs is a count, which
is never negative, or a suppression mark ("<5", "[c]"), so a cell that starts with ``-``
is never a legitimate number here and quoting it costs nothing. Letting "numbers" through
instead would have to decide what a number is, and ``-1+1|cmd`` style payloads live in
exactly that gap.

``SafeCsvWriter`` is the one way the project writes CSV; use it for any new export.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """The cell as text a spreadsheet shows and never evaluates."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


class SafeCsvWriter:
    """A ``csv.writer`` (``\\n`` line ends) that neutralises every cell it writes."""

    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, cells: Iterable[str]) -> None:
        """Write one row, each cell neutralised."""
        self._writer.writerow([neutralised(cell) for cell in cells])
