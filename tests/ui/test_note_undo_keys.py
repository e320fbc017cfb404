"""Ctrl+Z in the note box: the box's own typing first, then the window's history — never
an emptied box saved over the note (found in a new user's trial)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cable_annotator.services import queries

from .ui_fixtures import ARMS_RACE_QUOTE, SAMPLE_ID, annotate
from .window_helpers import open_window


def stored(project):
    return queries.annotations_of(project, SAMPLE_ID)


def test_ctrl_z_after_saving_a_note_undoes_the_save_and_erases_nothing(qtbot, project,
                                                                        tmp_path):
    annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    window = open_window(qtbot, project, tmp_path)
    window.show_cable(SAMPLE_ID)
    [annotation] = stored(project)
    window.annotations.select_annotation(annotation.id)
    editor = window.note_editor.text
    editor.setFocus()
    qtbot.keyClicks(editor, "first")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, " and more")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored(project)[0].note == "first and more"

    # typing not yet saved is undone in the box itself
    qtbot.keyClicks(editor, " draft")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "first and more"
    assert stored(project)[0].note == "first and more"

    # then Ctrl+Z is the window's: the last save undone, box and store agree
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(project)[0].note == "first"
    assert editor.toPlainText() == "first"
    window.reading.cable_text().setFocus()  # the focus-out that once saved an empty box
    assert stored(project)[0].note == "first"
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stored(project)[0].note == "first and more"
    assert editor.toPlainText() == "first and more"
