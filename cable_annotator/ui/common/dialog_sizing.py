"""Dialogs wide enough for their title and their words.

A window manager draws a dialog's title in its title bar beside the window's icon and its
buttons, and cuts it when the dialog is narrow: a dialog sized to its widgets alone (a
short form, a wrapped hint) showed "Prefere…". ``fit_title`` gives a dialog at least
the width of its title as the title bar shows it, and ``READABLE_WIDTH`` for its text.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

TITLE_BAR_EXTRA = 170
"""Pixels a title bar spends beside the title: the icon, minimise, maximise and close
buttons and their padding (openbox's default theme uses about 150)."""
TITLE_FONT_SCALE = 1.15
"""Title bars set the title in a bold font, often larger than the application's."""
READABLE_WIDTH = 380
"""The narrowest a dialog with a sentence of explanation in it should be."""


def title_width(title: str) -> int:
    """The width a title bar needs to show ``title`` whole (icon and buttons included)."""
    font = QFont(QApplication.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * TITLE_FONT_SCALE)
    return QFontMetrics(font).horizontalAdvance(title) + TITLE_BAR_EXTRA


def fit_title(dialog: QWidget, readable: int = READABLE_WIDTH) -> None:
    """At least as wide as the title bar needs, and ``readable`` pixels."""
    wanted = max(title_width(dialog.windowTitle()), readable)
    dialog.setMinimumWidth(max(dialog.minimumWidth(), wanted))
