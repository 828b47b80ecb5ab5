"""Item models for sessions and registers; both can be emptied in one call on lock."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from victim_champion.core.attendees import Attendee
from victim_champion.core.sessions import Session

Row = TypeVar("Row")
_ATTENDANCE = {"present": "Present", "late": "Late", "left-early": "Left early"}
Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel, Generic[Row]):
    """A read-only table of records with named columns."""

    def __init__(self, columns: Sequence[tuple[str, Callable[[Row], str]]]) -> None:
        super().__init__()
        self._columns = list(columns)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        """Forget every row (on lock and quick exit)."""
        self.set_rows([])

    def row_at(self, row: int) -> Row:
        """The record shown in ``row``."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        return self._columns[index.column()][1](self._rows[index.row()])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0]
        return None


def session_model(district_name: Callable[[str], str]) -> RecordTableModel[Session]:
    """Sessions: date, kind, district, title, venue."""
    return RecordTableModel[Session](
        [
            ("Date", lambda s: s.date.strftime("%a %d %b %Y")),
            ("Kind", lambda s: "Training" if s.kind.value == "training" else "Drop-in"),
            ("District", lambda s: district_name(s.district_id)),
            ("Title", lambda s: s.title),
            ("Venue", lambda s: s.venue),
        ]
    )


def register_model() -> RecordTableModel[Attendee]:
    """A register: name, organisation, role, completion."""
    return RecordTableModel[Attendee](
        [
            ("Name", lambda a: a.name),
            ("Organisation", lambda a: a.details.organisation),
            ("Role", lambda a: a.details.role),
            ("Attendance", lambda a: _ATTENDANCE.get(a.attendance or "", "")),
            ("Completed", lambda a: "Yes" if a.completed_at else ""),
        ]
    )
