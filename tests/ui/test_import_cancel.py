"""Closing the window or the progress dialog during an import: the window asks, and a
cancelled multi-file import says which files are in the project and which are not."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from cable_annotator.services import queries

from .window_helpers import numbered_documents, open_window

VOLUME = "frus1969-76ve11p2"


@pytest.fixture
def window(qtbot, project, tmp_path):
    return open_window(qtbot, project, tmp_path)


@pytest.fixture
def notices(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr("cable_annotator.ui.window.window_import_export.QMessageBox.information",
                        lambda _parent, _title, message: shown.append(message))
    return shown


def documents(tmp_path: Path, count: int) -> list[Path]:
    return numbered_documents(tmp_path / "docs", count)


def answer_question(button_text: str) -> list[str]:
    """Click ``button_text`` in the next question box; returns its text once seen."""
    seen: list[str] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            next(b for b in box.buttons() if b.text() == button_text).click()
        else:
            QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)
    return seen


def stored_ids(project) -> set[str]:
    return {summary.id for summary in queries.list_cables(project)}


def test_closing_the_progress_dialog_reports_what_was_and_was_not_imported(
        window, project, qtbot, tmp_path, notices):
    paths = documents(tmp_path, 25)
    window.import_paths(paths)
    progress = window.findChild(QProgressDialog)
    qtbot.waitUntil(lambda: len(stored_ids(project)) >= 2, timeout=30000)
    with qtbot.waitSignal(window.importFinished, timeout=60000) as blocker:
        progress.close()  # Alt+F4 on the dialog: a cancel
    report = blocker.args[0]
    assert report is not None and report.cancelled
    assert report.imported_sources and report.not_imported
    assert report.imported_sources + report.not_imported == [str(p) for p in paths]
    imported = {f"{VOLUME}/d{Path(s).stem.rsplit('-d', 1)[1]}" for s in report.imported_sources}
    assert stored_ids(project) - {f"{VOLUME}/d293"} == imported, "whole files, as reported"
    assert len(notices) == 1 and notices[0].startswith("Import cancelled: ")
    assert Path(report.not_imported[-1]).name in notices[0]
    assert "not imported:" in window.statusBar().currentMessage()


def test_closing_the_window_during_an_import_asks(window, project, qtbot, tmp_path):
    paths = documents(tmp_path, 25)
    window.import_paths(paths)
    seen = answer_question("Keep Working")
    assert not window.close()
    assert seen and "still running" in seen[0]
    assert window.isVisible() and window._job is not None
    seen = answer_question("Cancel Import and Close")
    assert window.close()
    assert not window.isVisible()
    qtbot.waitUntil(lambda: window._job is None, timeout=30000)
    assert len(stored_ids(project)) < len(paths) + 1, "the import was cancelled"


def test_closing_after_the_import_asks_nothing(window, project, qtbot, tmp_path):
    with qtbot.waitSignal(window.importFinished, timeout=60000):
        window.import_paths(documents(tmp_path, 2))
    assert window.close()


def wait_for_progress(qtbot, window) -> QProgressDialog:
    progress = window.findChild(QProgressDialog)
    assert progress is not None
    qtbot.waitUntil(progress.isVisible, timeout=10000)  # shown after its 400 ms
    return progress


def test_closing_during_an_import_asks_on_top_of_the_progress_dialog(window, project, qtbot,
                                                                    tmp_path):
    """The window's X opened the question behind the progress dialog: it is the dialog's
    own now, and Quit is reachable from the dialog (Ctrl+Q with real keys: tests/x11)."""
    # Enough documents that the import is still running when its dialog shows (after
    # 400 ms): with the corpus read in plain SQL each file imports faster, and 300 of them
    # once finished first on a busy machine.
    window.import_paths(documents(tmp_path, 1500))
    progress = wait_for_progress(qtbot, window)
    assert window.actions.quit in progress.actions()
    asked: list[tuple[str, object]] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append((box.text(), box.parentWidget()))
            next(b for b in box.buttons() if b.text() == "Keep Working").click()
        else:
            QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)
    assert not window.close()
    [(text, parent)] = asked
    assert "still running" in text
    assert parent is progress, "the question must stand on the progress dialog"
    assert window.isVisible()
    with qtbot.waitSignal(window.importFinished, timeout=60000):
        progress.cancel()


def test_a_question_asked_as_the_import_ends_says_it_has_ended(window, project, qtbot,
                                                               tmp_path):
    """The import ended while "…is still running" was asked: the question then says the
    import has finished, and offers to close, not to cancel."""
    paths = documents(tmp_path, 1500)  # still running after the 400 ms of the progress delay
    window.import_paths(paths)
    wait_for_progress(qtbot, window)
    texts: list[str] = []
    buttons: list[list[str]] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            if not texts or texts[-1] != box.text():
                texts.append(box.text())
                buttons.append([b.text() for b in box.buttons()])
            ended = window._job is None
            if "has finished" in box.text() or (ended and time.monotonic() > ended_at(2.0)):
                next(b for b in box.buttons() if b.text() == "Keep Working").click()
                return
        QTimer.singleShot(10, look)

    deadline: list[float] = []

    def ended_at(grace: float) -> float:
        """When the job's end was first seen, plus ``grace``: a stale question is answered
        then, so the test fails instead of waiting for ever."""
        if not deadline:
            deadline.append(time.monotonic() + grace)
        return deadline[0]

    QTimer.singleShot(0, look)
    assert not window.close()  # asked, and the reader keeps working in the end
    assert "still running" in texts[0]
    assert texts[-1].endswith("has finished.") and "still running" not in texts[-1]
    assert "Close" in buttons[-1] and "Cancel Import and Close" not in buttons[-1]
    assert window.isVisible() and window._job is None
    assert len(stored_ids(project)) == len(paths) + 1, "nothing was cancelled"
    assert window.close(), "nothing runs now: closing asks nothing"
