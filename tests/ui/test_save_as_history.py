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


def test_save_as_keeps_the_document_and_the_place_read_in_it(qtbot, project, tmp_path,
                                                             shared_corpus):
    """F6: at the end of a long document, Save Project As reopened the same document at
    its top. The copy opens on the document and at the line that were on screen."""
    from cable_annotator.services.importing import import_files

    import_files(project, [shared_corpus / "frus" / "frus1969-76ve09p1.xml"])
    window = open_window(qtbot, project, tmp_path, 1024, 700)
    window.show_cable("frus1969-76ve09p1/d21")
    text = cable_text(window)
    qtbot.waitUntil(lambda: not window.reading.is_laying_out(), timeout=10_000)
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.reading.is_laying_out(), timeout=10_000)
    qtbot.wait(50)
    bar = text.verticalScrollBar()
    assert bar.value() > 1000, "d21 is long: its end is far below its top"
    place = window.reading.reading_place()

    assert window.save_project_as(tmp_path / "copy.cableproj")
    assert window.current_cable().id == "frus1969-76ve09p1/d21"
    qtbot.waitUntil(lambda: window.reading.reading_place() == place, timeout=5_000)
    assert bar.value() > 1000
    assert window.settings.reading_place(window.project.path)[0] == "frus1969-76ve09p1/d21"


def test_save_as_is_not_taken_for_a_change_made_elsewhere(qtbot, project, tmp_path,
                                                          shared_corpus):
    """A second after Save As the status bar said "Updated with changes made outside this
    window": the copy is saved with a rollback journal, and the engine, made only at the
    first write, switched it to the write-ahead log after the watcher's first reading."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from cable_annotator.services.importing import import_files

    import_files(project, [shared_corpus / "frus" / "frus1977-80v21.xml"])
    window = open_window(qtbot, project, tmp_path)
    for key in (Qt.Key.Key_1, Qt.Key.Key_4):
        window.reading.set_selection("body", 20, 60)
        qtbot.keyClick(cable_text(window), key)
    assert window.save_project_as(tmp_path / "copy.cableproj")
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))  # the dialog closed
    seen = set()
    for _ in range(12):
        qtbot.wait(250)
        window.outside_changes.check()
        seen.add(window.statusBar().currentMessage())
    assert not [m for m in seen if "outside" in m], seen
    assert any(m.startswith("Saved a copy as") for m in seen)
