"""Colours, type and focus styling: calm, legible, and at least 4.5:1 contrast everywhere.

The colour pairs are listed in TEXT_PAIRS so a test can check every one of them.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from victim_champion.content.reference_files import resource_path

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
BORDER = "#687385"  # field, table and check box edges: 4.8:1 on white, 4.4:1 on the window
SELECTION = NAVY  # a chosen row stands out 11.7:1 from the others, with white text on it
ON_SELECTION = ON_NAVY

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
    (ERROR, CANVAS, "error messages on the window background"),
    (SUCCESS, PAPER, "confirmations"),
    (SUCCESS, CANVAS, "confirmations on the window background"),
    (ON_SELECTION, SELECTION, "selected rows"),
)

# (colour, the colour beside it, where) for every edge or mark that tells a control's
# shape or state: WCAG 1.4.11 asks for 3:1.
NON_TEXT_PAIRS: tuple[tuple[str, str, str], ...] = (
    (BORDER, PAPER, "field and check box edges"),
    (BORDER, CANVAS, "field edges on the window background"),
    (SELECTION, PAPER, "the selected row against the others"),
    (NAVY, PAPER, "button edges and a ticked box"),
    (NAVY, CANVAS, "button edges on the window background"),
    (INK, PAPER, "the focus edge of a field"),
    (ON_NAVY, NAVY, "the tick in a ticked box"),
)

BASE_POINT_SIZE = 11
TICK = resource_path("icons", "tick.png").as_posix()  # white, drawn on the navy box

# widget-animation-duration 0 on the main window's central widget: QMainWindow otherwise
# lays it out through a 0 ms geometry animation, whose private timer object passed through
# the app's Python event filters before the first paint, and wrapping it cost ~20 ms of
# start-up (tests/ui/test_warm_up.py, benchmarks/startup.py).
STYLESHEET = f"""
QWidget {{ color: {INK}; }}
QMainWindow > QWidget {{ widget-animation-duration: 0; }}
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
    selection-color: {ON_SELECTION};
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
QCheckBox:focus, QRadioButton:focus {{ background: {FOCUS}; }}
QAbstractItemView::indicator {{
    width: 16px; height: 16px; border: 2px solid {BORDER}; background: {PAPER};
}}
QAbstractItemView::indicator:checked {{
    background: {NAVY}; border-color: {ON_NAVY}; image: url({TICK});
}}
QCheckBox::indicator, QRadioButton::indicator {{
    width: 16px; height: 16px; border: 2px solid {BORDER}; background: {PAPER};
}}
QRadioButton::indicator {{ border-radius: 10px; }}
QCheckBox::indicator:checked {{ background: {NAVY}; border-color: {NAVY}; image: url({TICK}); }}
QRadioButton::indicator:checked {{
    background: {PAPER}; border: 6px solid {NAVY}; width: 8px; height: 8px;
}}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{ border-color: {MUTED_INK}; }}
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
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(ON_SELECTION))
    app.setPalette(palette)
    app.setStyleSheet(STYLESHEET)
