"""Colours, type and focus styling: calm, legible, and at least 4.5:1 contrast everywhere.

The colour pairs are listed in TEXT_PAIRS so a test can check every one of them.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

INK = "#1d2430"  # body text
MUTED_INK = "#4a5566"  # secondary text; 7.4:1 on white
PAPER = "#ffffff"
CANVAS = "#f3f5f8"  # window background
NAVY = "#123a5e"  # header band and primary buttons
NAVY_DARK = "#0b2740"
ON_NAVY = "#ffffff"
EXIT_RED = "#a4262c"  # quick-exit button; 7.0:1 with white text
FOCUS = "#ffdd00"  # GOV.UK focus yellow, with INK text on it
ERROR = "#a4262c"
SUCCESS = "#1e6b34"
BORDER = "#8a94a6"
SELECTION = "#d6e4f5"

# (foreground, background, where) for every text colour the stylesheet uses.
TEXT_PAIRS: tuple[tuple[str, str, str], ...] = (
    (INK, PAPER, "body text"),
    (INK, CANVAS, "text on the window background"),
    (MUTED_INK, PAPER, "hints"),
    (MUTED_INK, CANVAS, "hints on the window background"),
    (ON_NAVY, NAVY, "header and primary buttons"),
    (ON_NAVY, NAVY_DARK, "pressed primary buttons"),
    (ON_NAVY, EXIT_RED, "quick-exit button"),
    (INK, FOCUS, "focused controls"),
    (ERROR, PAPER, "error messages"),
    (SUCCESS, PAPER, "confirmations"),
    (INK, SELECTION, "selected rows"),
)

BASE_POINT_SIZE = 11

STYLESHEET = f"""
QWidget {{ color: {INK}; }}
QMainWindow, QDialog, QStackedWidget > QWidget {{ background: {CANVAS}; }}
QLabel[role="heading"] {{ font-size: 18pt; font-weight: 600; }}
QLabel[role="subheading"] {{ font-size: 13pt; font-weight: 600; }}
QLabel[role="hint"] {{ color: {MUTED_INK}; }}
QLabel[role="error"] {{ color: {ERROR}; font-weight: 600; }}
QLabel[role="success"] {{ color: {SUCCESS}; font-weight: 600; }}
QFrame[role="card"] {{ background: {PAPER}; border: 1px solid {BORDER}; border-radius: 6px; }}
QFrame[role="header"] {{ background: {NAVY}; }}
QFrame[role="header"] QLabel {{ color: {ON_NAVY}; font-weight: 600; font-size: 13pt; }}
QLineEdit, QSpinBox, QComboBox {{
    background: {PAPER}; border: 2px solid {BORDER}; border-radius: 4px; padding: 6px;
}}
QLineEdit:focus, QSpinBox:focus, QComboBox:focus {{ border: 3px solid {INK}; }}
QPushButton {{
    background: {PAPER}; color: {INK}; border: 2px solid {NAVY}; border-radius: 4px;
    padding: 8px 16px; font-weight: 600;
}}
QPushButton[role="primary"] {{ background: {NAVY}; color: {ON_NAVY}; }}
QPushButton[role="primary"]:pressed {{ background: {NAVY_DARK}; }}
QPushButton[role="exit"] {{
    background: {EXIT_RED}; color: {ON_NAVY}; border: 2px solid {ON_NAVY};
}}
QPushButton[role="header"] {{ background: {NAVY}; color: {ON_NAVY}; border: 2px solid {ON_NAVY}; }}
QPushButton:focus, QPushButton[role="primary"]:focus, QPushButton[role="exit"]:focus,
QPushButton[role="header"]:focus {{
    background: {FOCUS}; color: {INK}; border: 3px solid {INK};
}}
QPushButton:disabled {{ color: {MUTED_INK}; border-color: {BORDER}; background: {CANVAS}; }}
QListWidget, QTableView {{
    background: {PAPER}; border: 1px solid {BORDER}; selection-background-color: {SELECTION};
    selection-color: {INK};
}}
QListWidget:focus, QTableView:focus {{ border: 3px solid {INK}; }}
QListWidget::item {{ padding: 6px; }}
QHeaderView::section {{
    background: {CANVAS}; color: {INK}; padding: 6px; border: 0; font-weight: 600;
}}
QProgressBar {{
    border: 1px solid {BORDER}; border-radius: 4px; background: {PAPER}; height: 10px;
}}
QProgressBar::chunk {{ background: {NAVY}; }}
QCheckBox:focus {{ background: {FOCUS}; }}
QDateEdit {{ background: {PAPER}; border: 2px solid {BORDER}; border-radius: 4px; padding: 6px; }}
QDateEdit:focus {{ border: 3px solid {INK}; }}
QDateEdit:disabled {{ color: {MUTED_INK}; background: {CANVAS}; }}
"""


def apply_theme(app: QApplication) -> None:
    """Set the palette, the base font size and the stylesheet for the whole app."""
    font = QFont(app.font())
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(CANVAS))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    palette.setColor(QPalette.ColorRole.Base, QColor(PAPER))
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(SELECTION))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(INK))
    app.setPalette(palette)
    app.setStyleSheet(STYLESHEET)
