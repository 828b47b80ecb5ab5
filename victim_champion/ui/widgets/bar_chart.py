"""A horizontal bar chart drawn with QPainter, from published figures only.

Each bar carries the text that may be shown ("12", "<5", "[c]") and the value to draw,
which is None for a hidden figure: a hidden figure gets no bar at all, only its label, so
its size can never be read off the screen. The exact figures sit in a table beside every
chart; the chart's accessible description says what it shows in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from victim_champion.ui.theme import INK, MUTED_INK, NAVY, PAPER

MARGIN = 8
GAP = 8


@dataclass(frozen=True)
class Bar:
    """One row of a chart: its label, the text to print, and the length to draw (or None)."""

    label: str
    text: str
    value: float | None


class BarChart(QWidget):
    """Horizontal bars, one row each, with the figure printed at the end of the bar."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: tuple[Bar, ...] = ()
        self.maximum: float | None = None
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table beside it takes the focus
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(f"Chart: {title}")
        self.set_bars(())

    def set_bars(self, bars: Sequence[Bar], maximum: float | None = None) -> None:
        """Show these bars; ``maximum`` fixes the scale (100 for percentages)."""
        self.bars = tuple(bars)
        self.maximum = maximum
        self.setAccessibleDescription(self.summary())
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def clear(self) -> None:
        """No bars (on lock, or before the first report)."""
        self.set_bars(())

    def summary(self) -> str:
        """The chart in words, for screen readers: every non-zero figure, then the zeros."""
        if not self.bars:
            return f"{self.title}: no figures yet."
        shown = [f"{bar.label} {bar.text}" for bar in self.bars if bar.text not in ("0", "")]
        zeros = len(self.bars) - len(shown)
        words = "; ".join(shown) if shown else "all zero"
        tail = f"; {zeros} more at 0" if shown and zeros else ""
        hidden = " Hidden small numbers have no bar." if self._any_hidden() else ""
        return f"Bar chart, {self.title}: {words}{tail}.{hidden} The table has every figure."

    def _any_hidden(self) -> bool:
        return any(bar.value is None for bar in self.bars)

    # -- geometry ------------------------------------------------------------------------

    def _row_height(self) -> int:
        return max(QFontMetrics(self.font()).height() + 8, 24)

    def _label_width(self, width: int) -> int:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(bar.label) for bar in self.bars), default=0)
        return min(widest + GAP + 4, int(width * 0.45))

    def _value_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(bar.text) for bar in self.bars), default=0)
        return max(widest, metrics.horizontalAdvance("000")) + GAP

    def _bar_area(self, width: int) -> float:
        return max(width - 2 * MARGIN - self._label_width(width) - self._value_width(), 0)

    def _scale(self) -> float:
        if self.maximum is not None:
            return self.maximum
        return max((bar.value for bar in self.bars if bar.value is not None), default=0) or 1

    def bar_lengths(self, width: int | None = None) -> list[float | None]:
        """The length in pixels of every bar at this width; None where no bar is drawn."""
        area = self._bar_area(self.width() if width is None else width)
        scale = self._scale()
        return [
            None if bar.value is None else area * min(bar.value, scale) / scale for bar in self.bars
        ]

    def sizeHint(self) -> QSize:
        return QSize(480, 2 * MARGIN + max(len(self.bars), 1) * self._row_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    # -- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(PAPER))
        width, row = self.width(), self._row_height()
        label_width = self._label_width(width)
        metrics = QFontMetrics(self.font())
        left = MARGIN + label_width
        for index, (bar, length) in enumerate(zip(self.bars, self.bar_lengths(), strict=True)):
            top = MARGIN + index * row
            painter.setPen(QColor(INK))
            name = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - GAP)
            painter.drawText(
                QRectF(MARGIN, top, label_width - GAP, row),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                name,
            )
            text_left = float(left)
            if length is not None and length > 0:
                painter.fillRect(QRectF(left, top + 4, max(length, 2), row - 8), QColor(NAVY))
                text_left = left + length
            if length is None:
                painter.setPen(QColor(MUTED_INK))  # a hidden figure: its label, no bar
            painter.drawText(
                QRectF(text_left + 4, top, self._value_width() + GAP, row),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                bar.text,
            )
        painter.end()
