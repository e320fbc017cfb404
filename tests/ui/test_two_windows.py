"""Two windows on one project file: an undo in one never destroys what the other wrote.

Each window has its own undo history. Undoing "Add annotation" in the first window once
deleted the annotation although the second had just written a note on it; now the undo
is skipped with a message, the note stays, and the first window's history goes on.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cable_annotator.services import queries
from cable_annotator.storage.project import Project

from .ui_fixtures import ARMS_RACE_QUOTE, SAMPLE_ID
from .window_helpers import open_window, select_in_text

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def notices(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr("cable_annotator.ui.window.main_window.QMessageBox.information",
                        lambda _parent, _title, message: shown.append(message))
    return shown


@pytest.fixture
def second_project(project):
    other = Project.open(project.path, create=False)
    yield other
    other.close()


def open_second(qtbot, second_project, tmp_path):
    folder = tmp_path / "second"
    folder.mkdir(exist_ok=True)
    return open_window(qtbot, second_project, folder)


def write_note(qtbot, window, annotation_id: str, note: str) -> None:
    """Select the annotation's card and type its note, as a reader does."""
    window.annotations.select_annotation(annotation_id)
    assert window.note_editor.annotation_id() == annotation_id
    editor = window.note_editor.text
    editor.setFocus()
    qtbot.keyClicks(editor, note)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)


def test_undo_of_add_skips_an_annotation_noted_in_another_window(qtbot, project, tmp_path,
                                                                  second_project, notices):
    first = open_window(qtbot, project, tmp_path)
    text = select_in_text(first, ARMS_RACE_QUOTE)
    qtbot.keyClick(text, Qt.Key.Key_1)
    [made] = queries.annotations_of(project, SAMPLE_ID)

    second = open_second(qtbot, second_project, tmp_path)
    write_note(qtbot, second, made.id, "Kissinger's worry")
    assert queries.annotations_of(project, SAMPLE_ID)[0].note == "Kissinger's worry"

    first.activateWindow()  # keys go to the active window's shortcuts
    qtbot.waitUntil(first.isActiveWindow)
    qtbot.keyClick(first.reading.cable_text(), Qt.Key.Key_Z, CTRL)
    [kept] = queries.annotations_of(project, SAMPLE_ID)
    assert kept.id == made.id and kept.note == "Kissinger's worry"
    assert len(notices) == 1
    assert "This annotation was changed elsewhere; undo skipped" in notices[0]
    assert "changed elsewhere" in first.statusBar().currentMessage()
    assert not first.status_line.text().endswith("not saved"), "nothing was lost"
    assert first.workspace.undo_stack.count() == 0, "the skipped step is dropped"

    qtbot.keyClick(first.reading.cable_text(), Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)  # noqa: E501
    assert queries.annotations_of(project, SAMPLE_ID)[0].note == "Kissinger's worry"


def test_undo_of_a_note_skips_when_the_other_window_changed_it(qtbot, project, tmp_path,
                                                                second_project, notices):
    first = open_window(qtbot, project, tmp_path)
    text = select_in_text(first, ARMS_RACE_QUOTE)
    qtbot.keyClick(text, Qt.Key.Key_1)
    [made] = queries.annotations_of(project, SAMPLE_ID)
    write_note(qtbot, first, made.id, "first thoughts")

    second = open_second(qtbot, second_project, tmp_path)
    second.annotation_actions.toggle_theme(
        queries.annotations_of(second_project, SAMPLE_ID)[0],
        queries.find_theme(second_project, "Fisheries").id)

    first.actions.undo.trigger()  # would write back "no note, Arms race only"
    [kept] = queries.annotations_of(project, SAMPLE_ID)
    assert kept.note == "first thoughts"
    assert len(kept.theme_ids) == 2
    assert notices and "undo skipped" in notices[0]


def test_undo_and_redo_still_work_without_the_other_window_interfering(qtbot, project,
                                                                       tmp_path,
                                                                       second_project,
                                                                       notices):
    second = open_second(qtbot, second_project, tmp_path)
    first = open_window(qtbot, project, tmp_path)  # the active one
    text = select_in_text(first, ARMS_RACE_QUOTE)
    qtbot.keyClick(text, Qt.Key.Key_1)
    [made] = queries.annotations_of(project, SAMPLE_ID)
    write_note(qtbot, first, made.id, "mine")
    second.actions.undo.trigger()  # the second window's history is empty: nothing happens
    for _ in range(2):
        first.actions.undo.trigger()
    assert queries.annotations_of(project, SAMPLE_ID) == []
    for _ in range(2):
        first.actions.redo.trigger()
    assert [a.note for a in queries.annotations_of(project, SAMPLE_ID)] == ["mine"]
    assert notices == []


def test_redo_of_delete_skips_an_annotation_re_noted_elsewhere(qtbot, project, tmp_path,
                                                                second_project, notices):
    first = open_window(qtbot, project, tmp_path)
    text = select_in_text(first, ARMS_RACE_QUOTE)
    qtbot.keyClick(text, Qt.Key.Key_1)
    [made] = queries.annotations_of(project, SAMPLE_ID)
    first.annotation_actions.delete(made.id)
    first.actions.undo.trigger()  # back again
    second = open_second(qtbot, second_project, tmp_path)
    write_note(qtbot, second, made.id, "keep me")
    first.actions.redo.trigger()  # would delete it again
    assert [a.note for a in queries.annotations_of(project, SAMPLE_ID)] == ["keep me"]
    assert notices and "redo skipped" in notices[0]
