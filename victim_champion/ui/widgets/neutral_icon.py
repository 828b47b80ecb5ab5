"""A plain page icon drawn at run time, for the decoy: no hint of the app."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap


def neutral_icon() -> QIcon:
    """A generic white page with grey lines, like any notes program."""
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#6b7280"), 2))
    painter.setBrush(QColor("#ffffff"))
    painter.drawRoundedRect(QRectF(12, 6, 40, 52), 4, 4)
    for y in (20, 28, 36, 44):
        painter.drawLine(20, y, 44, y)
    painter.end()
    return QIcon(pixmap)


def app_icon() -> QIcon:
    """The app's own icon: a navy shield-like badge with a white tick (drawn, no file)."""
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#123a5e"))
    painter.drawRoundedRect(QRectF(8, 6, 48, 52), 10, 10)
    painter.setPen(QPen(QColor("#ffffff"), 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(20, 33, 29, 42)
    painter.drawLine(29, 42, 45, 22)
    painter.end()
    return QIcon(pixmap)
