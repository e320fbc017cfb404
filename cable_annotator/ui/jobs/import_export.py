"""Importing and exporting off the GUI thread, with a cancellable progress dialog.

A job runs in a QThread on its OWN Project opened on the same file: SQLite connections
must not cross threads, and the window's connection stays free for reading meanwhile.
Errors come back as one sentence naming the file (ImportFailed, ExportFailed,
ProjectError all say which file and why).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...importers.errors import ImportCancelled
from ...services.text_formats import TEXT_FORMATS
from ...storage.project import Project
from ..common.deferred_import import deferred
from ..common.dialog_sizing import fit_title
from ..desktop.file_dialogs import open_file_names, save_file_name
from .text_import_dialog import TextImportChoice, ask_text_import

if TYPE_CHECKING:
    from ...services.importing import ImportReport

importing = deferred("cable_annotator.services.importing")

IMPORT_FILTER = ("FRUS documents and telegrams (*.txt *.xml);;Plain text and telegrams (*.txt);;"
                 "TEI volumes (*.xml)")
IMPORTABLE_SUFFIXES = (".txt", ".xml")

Job = Callable[[Project, Callable[[int, int], None], Callable[[], bool]], object]


class _Worker(QObject):
    """Runs one job in the worker thread; reports through queued signals."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, project_path: Path, job: Job) -> None:
        super().__init__()
        self._project_path = project_path
        self._job = job
        self._cancel_requested = False

    def request_cancel(self) -> None:
        self._cancel_requested = True  # read by the job between files / documents

    @Slot()
    def run(self) -> None:
        try:
            project = Project.open(self._project_path, create=False)
        except Exception as error:
            self.failed.emit(str(error))
            return
        try:
            result = self._job(project, self.progressed.emit, lambda: self._cancel_requested)
        except ImportCancelled:
            self.cancelled.emit()
        except Exception as error:
            self.failed.emit(str(error) or error.__class__.__name__)
        else:
            self.succeeded.emit(result)
        finally:
            project.close()


class BackgroundJob(QObject):
    """One job with its thread and progress dialog.

    ``done(outcome, payload)`` is emitted once, after the thread has stopped, with
    outcome ``"succeeded"`` (payload: the job's result), ``"failed"`` (payload: the
    message) or ``"cancelled"``; by then the job may be dropped and another started.
    """

    done = Signal(str, object)

    def __init__(self, parent: QWidget, label: str, project_path: Path, job: Job) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._worker = _Worker(project_path, job)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._progress = QProgressDialog(label, "Cancel", 0, 0, parent)
        self._progress.setWindowTitle("Cable Annotator")
        fit_title(self._progress)
        # Not modal: Qt drops a close request to a window a modal dialog blocks, so closing
        # the window during an import did nothing; the window asks instead (closeEvent).
        # Edits meanwhile are safe: the worker writes each file in one short transaction.
        self._progress.setWindowModality(Qt.WindowModality.NonModal)
        self._progress.setMinimumDuration(400)
        self._progress.setAutoClose(False)
        self._progress.setAutoReset(False)
        # Bound methods of this main-thread object, so Qt queues the worker's signals to the
        # GUI thread (a lambda would run in the worker thread). Cancel is a plain flag set
        # from here: the worker's own event loop is busy running the job.
        self._progress.canceled.connect(self.cancel)
        self._done = False
        self._worker.progressed.connect(self._show_progress)
        self._worker.succeeded.connect(self._succeeded)
        self._worker.failed.connect(self._failed)
        self._worker.cancelled.connect(self._cancelled)

    def start(self) -> None:
        self._thread.start()

    def label(self) -> str:
        return self._progress.labelText()

    def progress_dialog(self) -> QProgressDialog:
        """The job's progress dialog (closed and deleted once the job is done)."""
        return self._progress

    def is_done(self) -> bool:
        return self._done


    def cancel(self) -> None:
        self._worker.request_cancel()

    def wait(self, milliseconds: int = 30000) -> bool:
        """Block until the job's thread ends (after ``cancel``: the current file at most).

        The thread is told to quit once the job returns: its end is otherwise asked for by
        ``_finish`` on the GUI thread, which cannot run while we block here — closing the
        window during an import once hung for the whole timeout."""
        self._thread.quit()
        return self._thread.wait(milliseconds)

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._finish("succeeded", result)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._finish("failed", message)

    @Slot()
    def _cancelled(self) -> None:
        self._finish("cancelled", None)

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        self._progress.setMaximum(max(total, 0))
        self._progress.setValue(min(done, total) if total else 0)

    def _finish(self, outcome: str, payload: object) -> None:
        assert QThread.currentThread() is not self._thread, "job finished off the GUI thread"
        self._done = True
        self._progress.close()
        self._progress.deleteLater()
        self._thread.quit()
        self._thread.wait()
        self._worker.deleteLater()
        self.done.emit(outcome, payload)


def ask_stop_job(window: QWidget, job: BackgroundJob) -> bool:
    """Whether the window may close while ``job`` runs: True once the reader chose to
    cancel it (the caller cancels), or to close after it ended; False to keep working.

    The question stands on top of the progress dialog, its parent (parented to the window,
    it opened behind the dialog). If the job ends while it is asked, the question goes and
    comes back, said of the finished job — no stale "is still running"."""
    label = job.label().rstrip("…")
    progress = job.progress_dialog()
    parent = progress if progress.isVisible() else window
    box = QMessageBox(QMessageBox.Icon.Question, "Cable Annotator", f"{label} is still running.",
                      parent=parent)
    box.setInformativeText("Files already imported stay in the project; the file being "
                           "read is left out whole.")
    kind = "Export" if label.startswith("Export") else "Import"
    stop = box.addButton(f"Cancel {kind} and Close", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep Working", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    ended = []

    def job_ended(*_args) -> None:
        if box.isVisible():
            ended.append(True)
            box.done(-1)  # leave exec(): asked again below, of a finished job
        # Out from under the progress dialog, which is deleted now.
        box.setParent(window, box.windowFlags())

    def say_finished() -> None:
        finished = label.replace("Importing", "The import of", 1).replace(
            "Exporting", "The export", 1)
        box.setText(f"{finished} has finished.")
        box.setInformativeText("Everything it read is in the project; nothing needs "
                               "cancelling.")
        stop.setText("Close")

    job.done.connect(job_ended)
    try:
        while True:
            if not isValid(job) or job.is_done():  # it ended before the question showed
                say_finished()
            box.exec()
            if box.clickedButton() is not None or not ended:
                break
            ended.clear()
            say_finished()
    finally:
        if isValid(job):  # a finished job is deleted once its end has been reported
            job.done.disconnect(job_ended)
    return box.clickedButton() is stop


def describe_partial_import(report: ImportReport) -> str:
    """What a cancelled multi-file import did and did not import, in one message."""
    count = len(report.cables)
    done = ", ".join(Path(s).name for s in report.imported_sources)
    left = ", ".join(Path(s).name for s in report.not_imported)
    return (f"Import cancelled: {count} document{'s' * (count != 1)} imported from {done}; "
            f"not imported: {left}.")


def importable(paths: list[Path]) -> list[Path]:
    """The files among ``paths`` the importers read (dropped folders are skipped)."""
    return [path for path in paths if path.suffix.lower() in IMPORTABLE_SUFFIXES]


def ask_import_paths(parent: QWidget, directory: str) -> list[Path]:
    files = open_file_names(parent, "Import documents", directory, IMPORT_FILTER)
    return [Path(name) for name in files]


def needing_volume(paths: list[Path]) -> list[Path]:
    """Plain-text documents whose file name does not say which volume they come from
    (a raw telegram needs none: its MRN is its id)."""
    return [path for path in paths
            if path.suffix.lower() == ".txt" and importing.volume_from_filename(path) is None
            and not importing.looks_like_telegram_file(path)]


def ask_volume(parent: QWidget, count: int, guess: str = "",
               names: list[str] | None = None, settings=None) -> TextImportChoice | None:
    """Volume id and format for ``count`` plain-text documents; None if cancelled. With
    ``settings`` (AppSettings), the volume given last time is offered, and a new one kept."""
    offered = settings.last_text_volume if settings is not None else ""
    choice = ask_text_import(parent, count, guess, names, offered)
    if choice is not None and settings is not None and choice.volume:
        settings.last_text_volume = choice.volume
    return choice


def guess_of_files(paths: list[Path]) -> str:
    """What the importer takes these plain-text files for, when it takes them all for the
    same ("a FRUS page"); empty when they differ or cannot be read."""
    readings = [importing.guess_file_format(path) for path in paths]
    formats = {reading.format for reading in readings if reading is not None}
    if len(formats) != 1 or None in readings:
        return ""
    return TEXT_FORMATS[formats.pop()]


def import_with_volume(project: Project, paths: list[Path], volume: str | None, progress,
                       cancelled, as_format: str | None = None) -> ImportReport:
    """Import ``paths``; ``volume`` goes to the plain-text ones whose names carry none.

    Each file is all or nothing. A cancel after some files were stored returns what was
    imported with ``cancelled`` set and the rest in ``not_imported`` — the reader must be
    told that the first files are in (a cancel used to keep them without a word); a
    cancel before any file raises ImportCancelled as before."""
    unnamed = set(needing_volume(paths)) if volume else set()
    total = importing.ImportReport()
    for number, path in enumerate(paths):
        try:
            if number and cancelled():
                raise ImportCancelled()
            report = importing.import_files(
                project, [path], volume=volume if path in unnamed else None,
                progress=progress, cancelled=cancelled,
                as_format=as_format if path.suffix.lower() == ".txt" else None)
        except ImportCancelled:
            if not total.imported_sources:
                raise
            total.cancelled = True
            total.not_imported = [str(p) for p in paths[number:]]
            return total
        total.imported_sources.append(str(path))
        total.cables.extend(report.cables)
        total.added += report.added
        total.updated += report.updated
        total.moved_annotations += report.moved_annotations
        total.approximate_annotations += report.approximate_annotations
        total.orphaned_annotations += report.orphaned_annotations
        total.readings.extend(report.readings)
        total.warnings.extend(report.warnings)
    return total


class ExportCsvDialog(QDialog):
    """Where to write the CSV, and in which shape (wide or long, Excel BOM or not)."""

    def __init__(self, suggested: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export annotations to CSV")
        self.path_edit = QLineEdit(str(suggested), self)
        self.path_edit.setAccessibleName("File to write")
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        self.long_box = QCheckBox("One row per theme (long format, for R and pandas)", self)
        self.excel_box = QCheckBox("For Excel (UTF-8 with byte-order mark)", self)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Write every annotation of the project, with quote, page, "
                                "paragraph, document, date, themes, note and citation, to:",
                                self, wordWrap=True))
        layout.addLayout(row)
        layout.addWidget(self.long_box)
        layout.addWidget(self.excel_box)
        layout.addWidget(buttons)
        fit_title(self, readable=560)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        name = save_file_name(self, "Export annotations", self.path_edit.text(),
                              "CSV files (*.csv)")
        if name:
            self.path_edit.setText(name if name.lower().endswith(".csv") else f"{name}.csv")
            self._confirmed = self.choice()[0]  # the file dialog asked about replacing it

    def accept(self) -> None:
        """Export, unless the file typed exists and the reader does not want it replaced
        (a spreadsheet of theirs under that name would be lost)."""
        path = self.choice()[0]
        if path.exists() and path != getattr(self, "_confirmed", None):
            answer = QMessageBox.question(
                self, "Replace the file?",
                f"{path} already exists. Replace it with the exported annotations?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().accept()

    def choice(self) -> tuple[Path, bool, bool]:
        return Path(self.path_edit.text()).expanduser(), self.long_box.isChecked(), \
            self.excel_box.isChecked()
