"""The window rehearses the first edits after a cable opens: invisible to the reader, to
the file and to another window's poll, and the digit key still adds a real annotation."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cable_annotator.services import queries
from cable_annotator.ui.window.background.edit_rehearser import DELAY_MS

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


def test_codebook_counts_follow_keys_undo_and_redo(qtbot, project, tmp_path):
    """Counts are moved by each edit's delta, not recounted: after every step they must
    still equal a count over the store."""
    from cable_annotator.ui.codebook.codebook_model import USAGE_ROLE

    window = open_window(qtbot, project, tmp_path)
    text = window.reading.cable_text()
    model = window.codebook.model

    def shown() -> dict[int, int]:
        counts = {}
        for theme in queries.list_themes(project):
            uses = model.index_of(theme.id).data(USAGE_ROLE)
            if uses:
                counts[theme.id] = uses
        return counts

    window.reading.set_selection("body", 20, 60)
    qtbot.keyClick(text, Qt.Key.Key_1)
    qtbot.keyClick(text, Qt.Key.Key_2)
    assert shown() == queries.theme_usage(project) and sum(shown().values()) == 2
    qtbot.keyClick(text, Qt.Key.Key_1)  # toggled off again
    assert shown() == queries.theme_usage(project) and sum(shown().values()) == 1
    stack = window.workspace.undo_stack
    for _ in range(3):
        stack.undo()
        assert shown() == queries.theme_usage(project)
    assert shown() == {}
    for _ in range(3):
        stack.redo()
        assert shown() == queries.theme_usage(project)
    assert sum(shown().values()) == 1


def test_the_rehearsal_runs_off_the_gui_thread(qtbot, project, tmp_path, monkeypatch):
    """On the GUI thread it held the first scroll after a start for 20–30 ms."""
    import threading

    from cable_annotator.services import edit_rehearsal

    threads: list[int] = []
    real = edit_rehearsal.rehearse_edits

    def recording(*args) -> None:
        threads.append(threading.get_ident())
        real(*args)

    monkeypatch.setattr(edit_rehearsal, "rehearse_edits", recording)
    window = open_window(qtbot, project, tmp_path)
    qtbot.waitUntil(lambda: window._rehearser.is_done_for(project), timeout=DELAY_MS * 20)
    assert threads and threads[0] != threading.get_ident()
    project.close()  # waits for nothing now; the rehearsal left the file as it was
    assert queries.annotations_of(project, SAMPLE_ID) == []
