"""Ctrl+V of a copied FRUS page and a drop of plain text import the document, asking for
its volume as a plain-text file import does; in a text field Ctrl+V still just pastes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication

from cable_annotator.services import queries
from cable_annotator.ui.jobs.text_import_dialog import TextImportChoice

from .ui_fixtures import SAMPLE_ID
from .window_helpers import open_window

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "frus1969-76ve11p2-d293.txt"
PASTED_ID = "frus1969-76ve11p2/d294"


@pytest.fixture
def window(qtbot, project, tmp_path):
    return open_window(qtbot, project, tmp_path)


@pytest.fixture
def asked(monkeypatch) -> list[int]:
    """The volume question, answered as a reader would; records each time it is asked."""
    questions: list[int] = []
    monkeypatch.setattr("cable_annotator.ui.jobs.import_export.ask_volume",
                        lambda _parent, count, guess="", *_: questions.append(count)
                        or TextImportChoice("frus1969-76ve11p2"))
    return questions


def page_294() -> str:
    return SAMPLE.read_text(encoding="utf-8").replace("293. Telegram", "294. Telegram", 1)


def test_ctrl_v_in_the_text_imports_the_copied_page(window, project, qtbot, asked):
    QGuiApplication.clipboard().setText(page_294())
    text = window.reading.cable_text()
    text.setFocus()
    with qtbot.waitSignal(window.importFinished, timeout=60000) as blocker:
        qtbot.keyClick(text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    report = blocker.args[0]
    assert [c.id for c in report.cables] == [PASTED_ID]
    assert asked == [1]
    assert PASTED_ID in {s.id for s in queries.list_cables(project)}
    assert window.current_cable().id == PASTED_ID
    assert "Peruvian Purchase of Soviet Tanks" in window.reading.cable_text().toPlainText()
    assert window.statusBar().currentMessage() == (
        "Imported 1 document, read as a FRUS page (guessed).")


def test_ctrl_v_in_the_filter_box_pastes_there(window, project, qtbot, asked):
    QGuiApplication.clipboard().setText(page_294())
    box = window.corpus.filter_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert box.text().startswith("294. Telegram")
    assert asked == [] and window._job is None
    assert [s.id for s in queries.list_cables(project)] == [SAMPLE_ID]


def test_empty_clipboard_is_explained(window, project, qtbot, asked):
    QGuiApplication.clipboard().setText("  \n")
    window.reading.cable_text().setFocus()
    qtbot.keyClick(window.reading.cable_text(), Qt.Key.Key_V,
                   Qt.KeyboardModifier.ControlModifier)
    assert asked == [] and window._job is None
    assert "holds no text" in window.statusBar().currentMessage()


def test_other_text_on_the_clipboard_imports_verbatim_as_guessed(window, project, qtbot,
                                                                  monkeypatch):
    """A text that is no FRUS page is offered with the guess shown, and kept as it is."""
    guesses = []
    monkeypatch.setattr("cable_annotator.ui.jobs.import_export.ask_volume",
                        lambda _parent, _count, guess="", *_: guesses.append(guess)
                        or TextImportChoice(""))
    text = "Interview with a retired consul\n\n\nQ: When did you arrive?\n\nA: In 1961.\n"
    QGuiApplication.clipboard().setText(text)
    window.reading.cable_text().setFocus()
    with qtbot.waitSignal(window.importFinished, timeout=60000) as finished:
        qtbot.keyClick(window.reading.cable_text(), Qt.Key.Key_V,
                       Qt.KeyboardModifier.ControlModifier)
    assert guesses == ["plain text (kept verbatim)"]
    report = finished.args[0]
    assert [reading.format for reading in report.readings] == ["text"]
    cable = queries.load_cable(project, report.cables[0].id)
    assert cable.kind == "text" and cable.text == text
    assert "read as plain text" in window.statusBar().currentMessage()


def test_dropping_plain_text_imports_it(window, project, qtbot, asked):
    data = QMimeData()
    data.setText(page_294())
    enter = QDragEnterEvent(QPointF(10, 10).toPoint(), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.importFinished, timeout=60000) as blocker:
        window.dropEvent(drop)
    assert [c.id for c in blocker.args[0].cables] == [PASTED_ID]
    assert asked == [1]


def test_cancelling_the_volume_question_imports_nothing(window, project, qtbot, monkeypatch):
    monkeypatch.setattr("cable_annotator.ui.jobs.import_export.ask_volume",
                        lambda _parent, _count, _guess="", *_: None)
    QGuiApplication.clipboard().setText(page_294())
    assert not window.paste_document()
    assert window._job is None
