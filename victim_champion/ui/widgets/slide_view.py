"""A slide drawn large and plain: readable from the back of a village hall."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from victim_champion.core.course import Module, Slide

SLIDE_BACKGROUND = "#123a5e"
SLIDE_TEXT = "#ffffff"  # 11.6:1 on the navy


class SlideView(QWidget):
    """Shows one slide (or nothing, when blanked) at a given scale."""

    def __init__(self, scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A plain QWidget paints a style-sheet background only with WA_StyledBackground;
        # without it the app's pale window colour shows through the white text.
        self.setObjectName("slide")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"QWidget#slide {{ background: {SLIDE_BACKGROUND}; }}")
        layout = QVBoxLayout(self)
        margin = int(48 * scale)
        layout.setContentsMargins(margin, margin, margin, margin)
        self.module_title = QLabel()
        self.title = QLabel()
        self.points = QLabel()
        for widget, size, weight in (
            (self.module_title, 14, 400),
            (self.title, 32, 700),
            (self.points, 24, 400),
        ):
            widget.setWordWrap(True)
            widget.setTextFormat(Qt.TextFormat.PlainText)
            widget.setStyleSheet(
                f"color: {SLIDE_TEXT}; font-size: {int(size * scale)}pt; "
                f"font-weight: {weight}; background: transparent;"
            )
            layout.addWidget(widget)
        layout.addStretch(1)
        self.points.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def show_slide(self, module: Module, slide: Slide) -> None:
        """Draw a slide."""
        self.module_title.setText(module.title)
        self.title.setText(slide.title)
        self.points.setText("\n".join(f"\u2022  {point}" for point in slide.points))

    def blank(self) -> None:
        """Show nothing (the B key, and the quick exit)."""
        for widget in (self.module_title, self.title, self.points):
            widget.clear()
