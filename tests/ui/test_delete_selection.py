"""After a delete nothing is selected, so a second Delete cannot take another annotation."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cable_annotator.services import queries

from .ui_fixtures import ARMS_RACE_QUOTE, SAMPLE_ID, annotate
from .window_helpers import cable_text, open_window, select_in_text


def test_second_delete_after_clicking_a_highlight_removes_nothing_more(qtbot, project,
                                                                       tmp_path) -> None:
    first = annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    second = annotate(project, "fisheries dispute", ["Fisheries"])
    window = open_window(qtbot, project, tmp_path)
    window.annotations.select_annotation(first.id)
    text = cable_text(window)
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_Delete)
    assert [a.id for a in queries.annotations_of(project, SAMPLE_ID)] == [second.id]
    assert window.annotations.current_annotation_id() is None
    assert window.note_editor.annotation_id() is None
    qtbot.keyClick(text, Qt.Key.Key_Delete)
    assert [a.id for a in queries.annotations_of(project, SAMPLE_ID)] == [second.id]


def test_toggling_the_last_theme_off_selects_no_neighbour(qtbot, project, tmp_path) -> None:
    other = annotate(project, "fisheries dispute", ["Fisheries"])
    window = open_window(qtbot, project, tmp_path)
    text = select_in_text(window, ARMS_RACE_QUOTE)
    qtbot.keyClick(text, Qt.Key.Key_1)
    assert len(queries.annotations_of(project, SAMPLE_ID)) == 2
    text = select_in_text(window, ARMS_RACE_QUOTE)
    qtbot.keyClick(text, Qt.Key.Key_1)  # the same theme again: off, and the passage is gone
    assert [a.id for a in queries.annotations_of(project, SAMPLE_ID)] == [other.id]
    assert window.annotations.current_annotation_id() is None


def test_undoing_a_delete_selects_the_annotation_brought_back(qtbot, project, tmp_path) -> None:
    first = annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    annotate(project, "fisheries dispute", ["Fisheries"])
    window = open_window(qtbot, project, tmp_path)
    window.annotations.select_annotation(first.id)
    window.delete_current_annotation()
    assert window.annotations.current_annotation_id() is None
    window.actions.undo.trigger()
    assert window.annotations.current_annotation_id() == first.id
    assert window.note_editor.annotation_id() == first.id


def test_undo_and_redo_say_what_they_did_and_end_the_deletes_message(qtbot, project,
                                                                      tmp_path) -> None:
    """"Annotation deleted; Ctrl+Z brings it back." stayed in the status bar over the
    annotation Ctrl+Z had brought back (a new user's walkthrough)."""
    first = annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    window = open_window(qtbot, project, tmp_path)
    window.annotations.select_annotation(first.id)
    window.delete_current_annotation()
    assert "Annotation deleted" in window.statusBar().currentMessage()
    window.actions.undo.trigger()
    assert window.statusBar().currentMessage().startswith("Undone: ")
    assert "Ctrl+Z brings it back" not in window.statusBar().currentMessage()
    assert [a.id for a in queries.annotations_of(project, SAMPLE_ID)] == [first.id]
    window.actions.redo.trigger()
    assert window.statusBar().currentMessage().startswith("Redone: ")
    assert queries.annotations_of(project, SAMPLE_ID) == []
