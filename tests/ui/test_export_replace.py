"""Exporting over an existing file asks first; No keeps the reader's file untouched."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cable_annotator.ui.jobs.import_export import ExportCsvDialog

from .window_helpers import open_window


def _drive(steps: list) -> None:
    """Run each step on the modal widget of its kind as soon as it shows."""
    def look() -> None:
        if not steps:
            return
        kind, act = steps[0]
        widget = QApplication.activeModalWidget()
        QTimer.singleShot(20, look)  # first: ``act`` may open a modal of its own
        if isinstance(widget, kind):
            steps.pop(0)
            act(widget)

    QTimer.singleShot(0, look)


def test_exporting_over_a_file_asks_and_no_keeps_it(qtbot, project, tmp_path):
    window = open_window(qtbot, project, tmp_path)
    mine = tmp_path / "mine.csv"
    mine.write_text("my precious spreadsheet\n", encoding="utf-8")
    asked = []

    def answer(button):
        def act(box: QMessageBox) -> None:
            asked.append(box.text())
            box.button(button).click()
        return act

    def type_path(dialog: ExportCsvDialog) -> None:
        dialog.path_edit.setText(str(mine))
        dialog.accept()

    _drive([(ExportCsvDialog, type_path), (QMessageBox, answer(QMessageBox.StandardButton.No)),
            (ExportCsvDialog, lambda dialog: dialog.reject())])
    window.ask_export_csv()
    assert asked and str(mine) in asked[0]
    assert mine.read_text(encoding="utf-8") == "my precious spreadsheet\n"

    _drive([(ExportCsvDialog, type_path),
            (QMessageBox, answer(QMessageBox.StandardButton.Yes))])
    with qtbot.waitSignal(window.exportFinished, timeout=20000):
        window.ask_export_csv()
    assert mine.read_text(encoding="utf-8-sig").startswith("annotation_id") or \
        "quote" in mine.read_text(encoding="utf-8-sig").splitlines()[0]
