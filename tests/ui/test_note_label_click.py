"""Clicking a note's number in the apparatus brings its marker in the text into view (a
new user's trial at 1024x700: only a focus frame appeared, the text stayed put)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from .test_main_window_mouse import first_link, point_of
from .window_helpers import cable_text, open_window


def _marker_visible(text, position: int) -> bool:
    cursor = QTextCursor(text.document())
    cursor.setPosition(position)
    rect = text.cursorRect(cursor)
    return rect.top() >= 0 and rect.bottom() <= text.viewport().height()


def test_clicking_a_notes_number_scrolls_the_text_to_its_marker(qtbot, project, tmp_path):
    window = open_window(qtbot, project, tmp_path, width=1024, height=700)
    text = cable_text(window)
    marker = first_link(text, "note:")
    assert marker is not None
    bar = text.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5000)
    bar.setValue(bar.maximum())
    qtbot.wait(50)
    assert not _marker_visible(text, marker), "the marker starts out of view"
    notes = window.reading.footnote_pane().view
    label = first_link(notes, "note:")
    assert label is not None, "the note's number is a link"
    qtbot.mouseClick(notes.viewport(), Qt.MouseButton.LeftButton, pos=point_of(notes, label))
    qtbot.waitUntil(lambda: _marker_visible(text, marker), timeout=3000)
