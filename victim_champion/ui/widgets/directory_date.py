"""The directory edition in use and when its lines were last checked, on the worker's
screen; and, when the laptop's directory is more than 90 days old, one plain sentence
telling the worker to sync.

Put on the Signposting and Handouts pages. It reads the edition in use
(operations.reference_data.directory) every time it is shown or refreshed, so a
sync that brings a newer signed directory shows at the next refresh. Its age is measured
from the edition's published day by ``clock`` (core/clock.py), which a test may replace.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from victim_champion.content.message_catalogue import messages
from victim_champion.core.clock import Clock, utc_now
from victim_champion.core.directory import Directory
from victim_champion.core.directory_age import STALE_AFTER_DAYS, is_stale, last_checked
from victim_champion.operations import reference_data
from victim_champion.ui.widgets.form_widgets import label, message_label


def edition_text(directory: Directory) -> str:
    """ "Services directory 2026-12, published 7 December 2026; its lines were last checked
    in November 2026." (the newest check among all its routes: the screen shows them all)"""
    words = messages()
    newest = last_checked(directory.routes)
    if newest is None:  # no routes at all: only the edition line the paper also prints
        return words.text("routes.edition_undated", edition=directory.edition)
    year, month = newest
    checked = f"{words.text(f'date.month.{month}')} {year}"
    if directory.published is None:
        key, fields = "signposting.directory_edition_undated", {}
    else:
        key, fields = (
            "signposting.directory_edition",
            {"date": words.long_date(directory.published)},
        )
    return words.text(key, edition=directory.edition, checked=checked, **fields)


def stale_text(directory: Directory, clock: Clock) -> str:
    """The sentence for the worker when the edition is too old, else ""."""
    if not is_stale(directory, clock().date()):
        return ""
    words = messages()
    if directory.published is None:
        return words.text("signposting.directory_stale_undated")
    return words.text(
        "signposting.directory_stale",
        date=words.long_date(directory.published),
        days=STALE_AFTER_DAYS,
    )


class DirectoryDate(QWidget):
    """Two lines: the edition and its date (a hint), and the warning when it is old."""

    def __init__(
        self, parent: QWidget | None = None, clock: Clock = utc_now, compact: bool = False
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        # Compact: one short line beside the desk's status line, so the footer grows by
        # nothing at 1280x720; the whole sentence is its tooltip and accessible description.
        self.compact = compact
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.edition = label("", "hint")
        self.edition.setAccessibleName("Services directory in use")
        self.stale = message_label("error")
        self.stale.setAccessibleDescription("The services directory on this laptop is old")
        self.stale.hide()
        self.edition.setWordWrap(not compact)  # compact: one line beside the status line
        column.addWidget(self.edition)
        if not compact:  # compact: the page puts the warning where a whole line fits
            column.addWidget(self.stale)
        self.refresh()

    def refresh(self, directory: Directory | None = None) -> None:
        """Show ``directory`` (by default the edition in use) and whether it is old."""
        shown = directory or reference_data.directory()
        whole = edition_text(shown)
        newest = last_checked(shown.routes)
        if self.compact and newest is not None:
            checked = f"{messages().text(f'date.month.{newest[1]}')} {newest[0]}"
            short = messages().text(
                "signposting.directory_edition_short", edition=shown.edition, checked=checked
            )
            self.edition.setText(short)
            self.edition.setToolTip(whole)
            self.edition.setAccessibleDescription(whole)
        else:
            self.edition.setText(whole)
        warning = stale_text(shown, self.clock)
        if warning != self.stale.text():
            self.stale.setText(warning)
        self.stale.setVisible(bool(warning))

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)
