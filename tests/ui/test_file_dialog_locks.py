"""A file dialog listing the project's folder must not cost the window its SQLite locks.

POSIX locks belong to the process: Qt's dialog, sniffing what ``-wal`` and ``-shm`` are,
opened and closed them, dropping every lock the window held. The next command-line run
then took itself for the last user, deleted the log the window still wrote into, and work
shown as saved was lost. The window's dialogs name files from their names alone.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from cable_annotator.ui.desktop.file_dialogs import NameOnlyIconProvider

from .ui_fixtures import SAMPLE_ID
from .window_helpers import open_window, select_in_text

REPO = Path(__file__).resolve().parents[2]


def _cli(project_path: Path, *args: str) -> str:
    return subprocess.run([sys.executable, "-m", "cable_annotator", "--project",
                           str(project_path), *args], check=True, capture_output=True,
                          text=True, timeout=120, cwd=REPO).stdout


def _browse(qtbot, open_dialog, folder: Path) -> list[str]:
    """Open a window dialog, go to ``folder`` as the reader would, let it list (and type)
    every file there in detail view, then cancel it; returns the files of the folder."""
    listed: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look)
            return
        assert isinstance(dialog.iconProvider(), NameOnlyIconProvider)
        dialog.setDirectory(str(folder))
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.setNameFilter("All files (*)")
        end = time.monotonic() + 1.5  # the folder is listed in Qt's gatherer thread
        while time.monotonic() < end:
            QApplication.processEvents()
        listed.extend(sorted(p.name for p in Path(dialog.directory().absolutePath()).iterdir()))
        dialog.reject()

    QTimer.singleShot(0, look)
    open_dialog()
    return listed


def test_browsing_the_project_folder_keeps_the_windows_locks(qtbot, project, tmp_path):
    window = open_window(qtbot, project, tmp_path)
    wal = Path(f"{project.path}-wal")
    assert wal.exists(), "the window's project is in WAL mode"
    listed = _browse(qtbot, window.ask_open_project, project.path.parent)
    assert wal.name in listed
    _cli(project.path, "list")  # another program opens and closes the project
    assert wal.exists() and Path(f"{project.path}-shm").exists(), \
        "the log the window writes into was deleted"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    text = select_in_text(window, "an arms race could ensue")
    qtbot.keyClick(text, Qt.Key.Key_1)
    assert window.annotations.model.rowCount() == 1
    assert window.status_line.text().endswith("saved")
    # what the window shows as saved is in the file for everyone else
    assert f"{SAMPLE_ID}\t" in _cli(project.path, "list")
    assert "\t1 annotation(s)" in _cli(project.path, "list")
    assert wal.exists()


def test_no_window_code_opens_a_file_dialog_of_its_own():
    """Every dialog goes through ui.desktop.file_dialogs (a static QFileDialog.get… or
    a native dialog would sniff file contents again)."""
    package = REPO / "cable_annotator"
    offenders = []
    for source in package.rglob("*.py"):
        if source.name == "file_dialogs.py":
            continue
        text = source.read_text(encoding="utf-8")
        if "QFileDialog" in text:
            offenders.append(str(source.relative_to(REPO)))
    assert offenders == []


def test_the_projects_own_files_are_refused_before_they_are_read(qtbot, project, tmp_path,
                                                                  monkeypatch):
    """Importing the project file or its log into itself (a slip in the dialog, a drop)
    is refused with the file named, before anything opens it: the locks stay."""
    from cable_annotator.importers.errors import ImportFailed
    from cable_annotator.services.importing import import_files

    window = open_window(qtbot, project, tmp_path)
    shown = []
    monkeypatch.setattr(window, "_show_error", shown.append)
    wal = Path(f"{project.path}-wal")
    for own in (project.path, wal, Path(f"{project.path}-shm")):
        assert not window.import_asking_volume([own])
        assert str(own) in shown[-1] and "this project's own file" in shown[-1]
        try:
            import_files(project, [own])
        except ImportFailed as error:
            assert str(own) in str(error)
        else:
            raise AssertionError(f"{own} was imported into its own project")
    assert window._job is None, "no import was started"
    _cli(project.path, "list")
    assert wal.exists(), "the window kept its locks"
