"""Clicking a note's number in the apparatus brings the text back to its marker — in every
document of a whole volume whose notes stand lower than their markers.

Long notes push the ones after them down: at 1024×700 in vol. XII doc. 173 note 4 stood
600 px below its marker. A click on its number scrolled to the marker and then, because the
same click also asked for the note to be shown, back down to the note, leaving the marker
off screen above. The click is a real mouse click on the number.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from cable_annotator.services import queries
from cable_annotator.services.importing import import_files

from .window_helpers import open_window

VOLUME = "frus1961-63v12"


@pytest.fixture
def volume_window(qtbot, project, tmp_path, shared_corpus):
    import_files(project, [shared_corpus / "frus" / f"{VOLUME}.xml"])
    return open_window(qtbot, project, tmp_path, 1024, 700)


def label_point(view, top: float) -> QPoint | None:
    """Where the note number at document ``top`` of the notes is drawn, on screen."""
    y = int(top - view.verticalScrollBar().value()) + 8
    x = next((x for x in range(0, 100, 2) if view.anchorAt(QPoint(x, y))), None)
    return None if x is None else QPoint(x, y)


def test_every_note_number_of_a_volume_leads_back_to_its_marker(volume_window, qtbot):
    window = volume_window
    pane = window.reading
    text, notes = pane.cable_text(), pane._footnotes
    bar = text.verticalScrollBar()
    clicked = 0
    for summary in queries.list_cables(window.project):
        if not summary.id.startswith(VOLUME):
            continue
        window.show_cable(summary.id)
        end = text.document().characterCount() - 1
        qtbot.waitUntil(lambda end=end: text.layout_driver.is_laid_out(end), timeout=5000)
        qtbot.wait(10)
        if not notes.beside:
            continue
        for position, key in pane._body.markers:
            top = notes.note_top(key)
            marker_y = notes.marker_baseline(key)
            if (top is None or marker_y is None
                    or top - marker_y < text.viewport().height() * 0.6):
                continue  # the note stands about level with its marker: nothing to bring back
            bar.setValue(int(top - text.viewport().height() * 0.4))
            qtbot.wait(5)
            point = label_point(notes.view, top)
            assert point is not None, (summary.id, key, "no number drawn for the note")
            qtbot.mouseClick(notes.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
            qtbot.wait(5)
            cursor = QTextCursor(text.document())
            cursor.setPosition(position)
            rect = text.cursorRect(cursor)
            assert rect.top() >= 0 and rect.bottom() <= text.viewport().height(), (
                summary.id, key, rect.top(), "the marker is off screen after the click")
            clicked += 1
    assert clicked >= 5, "the volume should have notes far below their markers at 1024x700"
