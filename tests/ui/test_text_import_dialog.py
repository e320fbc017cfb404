"""The import question for plain text: the volume, and what to read the text as.

A real dialog on the offscreen platform: the reader sees the importer's guess in the
first choice and may overrule it; the window then imports the files as chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from cable_annotator.services import queries
from cable_annotator.ui.jobs.text_import_dialog import (
    TextImportChoice,
    TextImportDialog,
    ask_text_import,
)

from .window_helpers import open_window

ERAS = Path(__file__).resolve().parents[1] / "fixtures" / "text" / "eras"


def test_the_dialog_offers_the_guess_and_every_reader(qtbot) -> None:
    dialog = TextImportDialog(None, 2, "a FRUS page")
    qtbot.addWidget(dialog)
    box = dialog.format_box
    assert [box.itemText(i) for i in range(box.count())] == [
        "Guess from the text (a FRUS page)", "A FRUS page", "Plain text (kept verbatim)",
        "Raw State Department telegrams"]
    assert dialog.choice() == TextImportChoice("", None)
    dialog.volume_edit.setText(" frus1861 ")
    box.setCurrentIndex(2)
    assert dialog.choice() == TextImportChoice("frus1861", "text")
    box.setCurrentIndex(3)
    assert dialog.choice() == TextImportChoice("frus1861", "telegram")


def test_accepting_returns_the_choice_and_cancelling_none(qtbot) -> None:
    def answer(accept: bool, index: int) -> None:
        dialog = next(widget for widget in QApplication.topLevelWidgets()
                      if isinstance(widget, TextImportDialog) and widget.isVisible())
        dialog.format_box.setCurrentIndex(index)
        dialog.accept() if accept else dialog.reject()

    QTimer.singleShot(0, lambda: answer(True, 1))
    assert ask_text_import(None, 1) == TextImportChoice("", "frus")
    QTimer.singleShot(0, lambda: answer(False, 2))
    assert ask_text_import(None, 1) is None


def test_the_window_imports_a_text_as_chosen(qtbot, project, tmp_path, monkeypatch) -> None:
    """A page of 1861 named without its address: the reader says "plain text", and the
    window keeps it verbatim and says how it was read."""
    window = open_window(qtbot, project, tmp_path)
    page = tmp_path / "adams.txt"
    page.write_text((ERAS / "frus1861-d72.txt").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr("cable_annotator.ui.window.window_import_export.ask_volume",
                        lambda *_: TextImportChoice("", "text"))
    with qtbot.waitSignal(window.importFinished, timeout=60000) as finished:
        assert window.import_asking_volume([page])
    report = finished.args[0]
    assert [(r.format, r.guessed) for r in report.readings] == [("text", False)]
    cable = queries.load_cable(project, report.cables[0].id)
    assert cable.kind == "text" and cable.text == page.read_text(encoding="utf-8")
    assert window.statusBar().currentMessage() == (
        "Imported 1 document, read as plain text (kept verbatim) (as asked).")


def test_file_menu_imports_named_pages_as_plain_text(qtbot, project, tmp_path,
                                                     monkeypatch) -> None:
    """File > Import as Plain Text keeps a file verbatim even when its name says which
    page it is (the guess would read it as one), and asks no volume."""
    window = open_window(qtbot, project, tmp_path)
    page = tmp_path / "frus1861-d72.txt"
    page.write_text((ERAS / "frus1861-d72.txt").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr("cable_annotator.ui.window.window_import_export.ask_import_paths",
                        lambda _parent, _folder: [page])
    monkeypatch.setattr("cable_annotator.ui.window.window_import_export.ask_volume",
                        lambda *_: pytest.fail("a plain text needs no volume"))
    menu = next(action.menu() for action in window.menuBar().actions()
                if action.text() == "&File")
    verbatim = next(action for action in menu.actions() if "Plain &Text" in action.text())
    with qtbot.waitSignal(window.importFinished, timeout=60000) as finished:
        verbatim.trigger()
    cable = queries.load_cable(project, finished.args[0].cables[0].id)
    assert cable.kind == "text" and cable.text == page.read_text(encoding="utf-8")
    assert "read as plain text (kept verbatim) (as asked)" in window.statusBar().currentMessage()


def test_the_question_names_the_files_and_shows_the_importers_guess(
        qtbot, project, tmp_path) -> None:
    """Before a file import the reader sees which file is meant and what the importer
    takes it for: an oral history is guessed as plain text, not asked for as FRUS."""
    window = open_window(qtbot, project, tmp_path)
    talk = tmp_path / "oral_history.txt"
    talk.write_text("Interview with a retired ambassador, 1989.\n\nQ: When did you arrive "
                    "in Lima?\n\nA: In the spring of 1973.\n", encoding="utf-8")
    seen: dict[str, str] = {}

    def answer() -> None:
        dialog = next(widget for widget in QApplication.topLevelWidgets()
                      if isinstance(widget, TextImportDialog) and widget.isVisible())
        seen["title"] = dialog.windowTitle()
        seen["intro"] = dialog.findChildren(QLabel)[0].text()
        seen["guess"] = dialog.format_box.itemText(0)
        dialog.accept()

    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(window.importFinished, timeout=60000) as finished:
        assert window.import_asking_volume([talk])
    assert seen["title"] == "Import Text"
    assert seen["intro"].startswith("Importing oral_history.txt.")
    assert seen["guess"] == "Guess from the text (plain text (kept verbatim))"
    cable = queries.load_cable(project, finished.args[0].cables[0].id)
    assert cable.kind == "text" and cable.text == talk.read_text(encoding="utf-8")
