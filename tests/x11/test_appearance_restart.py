"""View → Appearance → Dark, quit, start again: the whole window comes back dark, the
text page and the footnote column too, as painted on the X server (F7 of the new-user
walkthrough: they came back light, under the dark scheme's highlight colours)."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QGuiApplication

from cable_annotator.ui.reading.palette import DARK
from tests.ui.ui_fixtures import ARMS_RACE_QUOTE, annotate

from . import reading_geometry as geo
from .window import close_window, show_window

pytestmark = [pytest.mark.x11]

SIZE = (1600, 1000)


def painted(widget) -> QColor:
    """The colour the X server shows near the bottom right of ``widget``'s viewport (bare
    page below the text or the notes)."""
    viewport = widget.viewport()
    corner = viewport.mapToGlobal(QPoint(viewport.width() - 6, viewport.height() - 6))
    image = QGuiApplication.primaryScreen().grabWindow(0, corner.x(), corner.y(), 1, 1)
    return image.toImage().pixelColor(0, 0)


def press(xdotool: str, *keys: str) -> None:
    subprocess.run([xdotool, "key", "--clearmodifiers", "--delay", "150", *keys],
                   check=True, timeout=20)


def test_dark_chosen_by_keys_is_dark_after_a_restart(qtbot, project, tmp_path, xdotool):
    annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    folder = tmp_path / "user"
    first = show_window(qtbot, project, folder, SIZE)
    try:
        geo.settle(qtbot, first)
        press(xdotool, "alt+v", "a", "d")  # View → Appearance → Dark
        qtbot.waitUntil(lambda: first.settings.appearance == "dark", timeout=5000)
        views = geo.views_of(first)
        qtbot.waitUntil(lambda: painted(views.text) == DARK.paper, timeout=5000)
        press(xdotool, "ctrl+q")
        qtbot.waitUntil(lambda: not first.isVisible(), timeout=5000)
    finally:
        close_window(first)

    again = show_window(qtbot, project, folder, SIZE)  # the next start
    try:
        geo.settle(qtbot, again)
        assert again.appearance.actions["dark"].isChecked()
        views = geo.views_of(again)
        assert views.notes.isVisible(), "the sample's notes stand beside the text"
        qtbot.wait(200)
        for view, paper in ((views.text, DARK.paper), (views.notes, DARK.apparatus)):
            colour = painted(view)
            assert colour == paper, (
                f"{view.objectName()} is painted {colour.name()} after the restart, "
                f"not the dark page {paper.name()}")
    finally:
        close_window(again)
