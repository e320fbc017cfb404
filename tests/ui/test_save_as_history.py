"""Save As goes on in the copy with the history: Undo reaches the steps made before it,
and undoes them in the copy, not in the original."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cable_annotator.services import queries

from .ui_fixtures import SAMPLE_ID
from .window_helpers import cable_text, open_window, select_in_text


def test_undo_after_save_as_undoes_in_the_copy(qtbot, project, tmp_path):
    window = open_window(qtbot, project, tmp_path)
    select_in_text(window, "fisheries dispute")
    qtbot.keyClick(cable_text(window), Qt.Key.Key_4)
    [made] = queries.annotations_of(project, SAMPLE_ID)
    copy_path = tmp_path / "copy.cableproj"
    assert window.save_project_as(copy_path)
    assert window.project.path == copy_path
    assert "Saved a copy as" in window.statusBar().currentMessage()
    stack = window.workspace.undo_stack
    assert stack.canUndo()
    stack.undo()
    assert queries.annotations_of(window.project, SAMPLE_ID) == []
    assert window.annotations.model.rowCount() == 0
    stack.redo()
    assert [a.id for a in queries.annotations_of(window.project, SAMPLE_ID)] == [made.id]
    window.open_project_path(project.path)  # another project: its own history
    assert not window.workspace.undo_stack.canUndo()
    assert [a.id for a in queries.annotations_of(window.project, SAMPLE_ID)] == [made.id]
