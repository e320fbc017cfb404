"""A note written in another window (or on the command line) while this window has the
same annotation selected: shown here at once, and never silently overwritten.

Found in a trial with two windows on one project: the second window's note box stayed
empty under a card showing the first window's note, and what was typed there replaced
that note without a word.
"""

from __future__ import annotations

import pytest

from cable_annotator.services import annotating, queries
from cable_annotator.storage.project import Project

from .ui_fixtures import ARMS_RACE_QUOTE, annotate
from .window_helpers import open_window


@pytest.fixture
def two_windows(qtbot, project, tmp_path):
    """This window with the annotation selected, and the other window's own Project."""
    annotation = annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    window = open_window(qtbot, project, tmp_path)
    window.outside_changes.check()
    window.annotations.select_annotation(annotation.id)
    assert window.note_editor.annotation_id() == annotation.id
    other = Project.open(project.path)
    yield window, other, annotation
    other.close()


def stored_note(project, annotation_id: str) -> str:
    return queries.annotations_by_id(project, {annotation_id})[0].note


def test_a_note_written_elsewhere_shows_in_the_open_note_box(two_windows):
    window, other, annotation = two_windows
    annotating.update_annotation(other, annotation.id, note="Written in window A")
    assert window.outside_changes.check()
    assert window.note_editor.annotation_id() == annotation.id
    assert window.note_editor.text.toPlainText() == "Written in window A"
    assert window.annotations.current_annotation_id() == annotation.id


def test_typing_over_a_note_changed_elsewhere_keeps_both(two_windows, qtbot, monkeypatch):
    """The reader typed in this window while the other window saved a different note:
    saving asks, and neither text is lost whichever way the reader answers."""
    window, other, annotation = two_windows
    window.note_editor.text.setFocus()
    window.note_editor.text.setPlainText("Typed in window B")
    annotating.update_annotation(other, annotation.id, note="Written in window A")
    window.outside_changes.check()
    # The unsaved typing is not thrown away by the refresh.
    assert window.note_editor.text.toPlainText() == "Typed in window B"
    asked = []
    monkeypatch.setattr(window.note_conflicts, "ask", lambda theirs, mine: asked.append(
        (theirs, mine)) or "both")
    window.note_editor.commit()
    assert asked == [("Written in window A", "Typed in window B")]
    note = stored_note(window.project, annotation.id)
    assert "Written in window A" in note and "Typed in window B" in note
    assert window.note_editor.text.toPlainText() == note


@pytest.mark.parametrize(("choice", "kept"), [
    ("mine", "Typed in window B"), ("theirs", "Written in window A"),
])
def test_the_reader_can_keep_one_note_and_undo_puts_back_the_other(two_windows, monkeypatch,
                                                                   choice, kept):
    """Saved before this window even polled: the note it was written over tells it."""
    window, other, annotation = two_windows
    window.note_editor.text.setPlainText("Typed in window B")
    annotating.update_annotation(other, annotation.id, note="Written in window A")
    monkeypatch.setattr(window.note_conflicts, "ask", lambda theirs, mine: choice)
    window.note_editor.commit()
    assert stored_note(window.project, annotation.id) == kept
    assert window.note_editor.text.toPlainText() == kept
    if choice == "mine":  # one undo step, back to the other window's note
        window.workspace.undo_stack.undo()
        assert stored_note(window.project, annotation.id) == "Written in window A"


def test_a_note_written_over_the_one_stored_saves_without_asking(two_windows, monkeypatch):
    window, _other, annotation = two_windows
    monkeypatch.setattr(window.note_conflicts, "ask", lambda *a: pytest.fail("asked"))
    window.note_editor.text.setPlainText("First thoughts")
    window.note_editor.commit()
    window.note_editor.text.setPlainText("Second thoughts")
    window.note_editor.commit()
    assert stored_note(window.project, annotation.id) == "Second thoughts"


def test_the_question_offers_both_by_default_and_shows_both_texts(two_windows, qtbot):
    """The real dialog: both texts are in it, and Enter keeps both (nothing is lost)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    window, other, annotation = two_windows
    window.note_editor.text.setPlainText("Typed in window B")
    annotating.update_annotation(other, annotation.id, note="Written in window A")
    seen = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen["text"] = box.informativeText()
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["default"] = box.defaultButton().text()
        box.defaultButton().click()

    QTimer.singleShot(20, answer)
    window.note_editor.commit()
    assert "Written in window A" in seen["text"] and "Typed in window B" in seen["text"]
    assert seen["default"] == "Keep Both"
    assert set(seen["buttons"]) == {"Keep Both", "Keep Mine", "Keep the Other"}
    assert stored_note(window.project, annotation.id) == (
        "Written in window A\n\nTyped in window B")


def test_join_notes_keeps_every_word_once():
    from cable_annotator.ui.annotations.note_conflicts import join_notes

    assert join_notes("A said this.", "B said that.") == "A said this.\n\nB said that."
    assert join_notes("", "Only mine") == "Only mine"
    assert join_notes("Same words", "Same words") == "Same words"
