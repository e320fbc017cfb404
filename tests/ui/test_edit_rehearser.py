"""The window rehearses the first edits after a cable opens: invisible to the reader, to
the file and to another window's poll, and the digit key still adds a real annotation."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cable_annotator.services import queries
from cable_annotator.ui.window.edit_rehearser import DELAY_MS

from .ui_fixtures import SAMPLE_ID
from .window_helpers import open_window


def test_rehearsal_after_open_changes_nothing_and_edits_still_work(qtbot, project, tmp_path):
    window = open_window(qtbot, project, tmp_path)
    window.outside_changes.check()  # start watching the file
    qtbot.waitUntil(lambda: window._rehearser.is_done_for(project), timeout=DELAY_MS * 20)
    assert queries.annotations_of(project, SAMPLE_ID) == []
    assert window.annotations.model.rowCount() == 0
    assert not window.workspace.undo_stack.canUndo()
    assert not window.outside_changes.check(), "a rehearsal is not an outside change"

    window.reading.set_selection("body", 20, 60)
    qtbot.keyClick(window.reading.cable_text(), Qt.Key.Key_1)
    stored = queries.annotations_of(project, SAMPLE_ID)
    assert len(stored) == 1 and stored[0].start == 20  # (the end snaps to a word)
    assert window.annotations.model.rowCount() == 1
    assert not window.outside_changes.check()
