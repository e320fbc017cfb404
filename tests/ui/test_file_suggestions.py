"""Export and Save As suggest files beside the project, named after it — not in the folder
the last import came from, and never an empty name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from cable_annotator.ui.jobs.import_export import ExportCsvDialog
from cable_annotator.ui.window.file_suggestions import export_suggestion, save_as_suggestion

from .window_helpers import open_window


@pytest.fixture
def window(qtbot, project, tmp_path):
    main = open_window(qtbot, project, tmp_path)
    corpus = tmp_path / "corpus" / "frus"
    corpus.mkdir(parents=True)
    main.settings.last_directory = str(corpus)  # where the last import came from
    return main


def read_modal(qtbot, kind, read):
    """Run ``read`` on the modal dialog of ``kind`` as soon as it shows, then close it."""
    seen: list = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            seen.append(read(dialog))
            dialog.reject()
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    return seen


def test_export_suggests_the_project_folder_and_name(window, project, qtbot):
    seen = read_modal(qtbot, ExportCsvDialog, lambda d: d.path_edit.text())
    window.ask_export_csv()
    assert seen == [str(project.path.parent / "test-annotations.csv")]


def test_export_suggests_the_last_export_folder(window, project, qtbot, tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    window.settings.last_export_directory = str(exports)
    seen = read_modal(qtbot, ExportCsvDialog, lambda d: d.path_edit.text())
    window.ask_export_csv()
    assert seen == [str(exports / "test-annotations.csv")]


def test_export_after_an_export_remembers_its_folder_not_the_import_one(window, qtbot,
                                                                       tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()

    def accept_elsewhere() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportCsvDialog):
            QTimer.singleShot(20, accept_elsewhere)
            return
        dialog.path_edit.setText(str(exports / "mine.csv"))
        dialog.accept()

    QTimer.singleShot(0, accept_elsewhere)
    with qtbot.waitSignal(window.exportFinished, timeout=20000):
        window.ask_export_csv()
    assert (exports / "mine.csv").exists()
    assert window.settings.last_export_directory == str(exports)
    assert window.settings.last_directory.endswith("frus")


def test_save_as_suggests_a_copy_beside_the_project(window, project, qtbot):
    def name_in(dialog: QFileDialog) -> str:
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        return str(Path(dialog.directory().absolutePath()) / field.text())

    seen = read_modal(qtbot, QFileDialog, name_in)
    window.ask_save_project_as()
    assert seen == [str(project.path.parent / "test-copy.cableproj")]


def test_suggestions_skip_taken_names_and_missing_folders(tmp_path):
    project = tmp_path / "peru-1974.cableproj"
    assert export_suggestion(project) == tmp_path / "peru-1974-annotations.csv"
    assert export_suggestion(project, str(tmp_path / "gone")) == \
        tmp_path / "peru-1974-annotations.csv"
    assert save_as_suggestion(project) == tmp_path / "peru-1974-copy.cableproj"
    (tmp_path / "peru-1974-copy.cableproj").write_bytes(b"")
    assert save_as_suggestion(project) == tmp_path / "peru-1974-copy-2.cableproj"


def test_the_default_projects_files_are_suggested_in_documents_not_its_hidden_folder(
        tmp_path, monkeypatch):
    """The default project lives in the program's data folder (hidden on Linux): a CSV
    suggested there is lost to a file manager, so Documents is suggested instead."""
    from cable_annotator.storage.project import default_project_path

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(documents))
    default = default_project_path()
    assert export_suggestion(default).parent == documents
    assert save_as_suggestion(default).parent == documents
    mine = tmp_path / "work" / "peru.cableproj"
    assert export_suggestion(mine).parent == mine.parent


def test_the_import_dialog_starts_at_home_before_any_import(tmp_path):
    """An empty setting opened the dialog in whatever folder the program was started
    from (the data folder, for the trial's reader); a folder since removed, likewise."""
    from pathlib import Path

    from .ui_fixtures import settings_file

    settings = settings_file(tmp_path)
    assert settings.last_directory == str(Path.home())
    gone = tmp_path / "gone"
    gone.mkdir()
    settings.last_directory = str(gone)
    assert settings.last_directory == str(gone)
    gone.rmdir()
    assert settings.last_directory == str(Path.home())
