"""The main window's import and export: file dialogs, drag and drop, the volume question,
and running each job on a worker thread with a cancellable progress dialog.

A mixin of ``MainWindow``; it reports through the window's ``importFinished`` and
``exportFinished`` signals and refreshes the views when a job ends.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMessageBox

from ...importers.errors import ImportFailed
from ...services.text_formats import PLAIN_TEXT, TEXT_FORMATS
from ..common.deferred_import import deferred
from ..jobs.import_export import (
    BackgroundJob,
    ExportCsvDialog,
    ask_import_paths,
    ask_stop_job,
    ask_volume,
    describe_partial_import,
    guess_of_files,
    import_with_volume,
    importable,
    needing_volume,
)
from .file_suggestions import export_suggestion
from .text_import import DROPPED, dropped_text
from .window_exchange import EXCHANGE_SUFFIXES

exporting = deferred("cable_annotator.services.exporting")
importing = deferred("cable_annotator.services.importing")


def _exchange(paths: list[Path]) -> list[Path]:
    """The REFI-QDA and W3C Web Annotation files among dropped ones."""
    return [path for path in paths if path.suffix.lower() in EXCHANGE_SUFFIXES]


class ImportExportMixin:
    def ask_import(self) -> None:
        paths = ask_import_paths(self, self.settings.last_directory)
        if paths:
            self.settings.last_directory = str(paths[0].parent)
            self.import_asking_volume(paths)

    def ask_import_verbatim(self) -> None:
        """File > Import as Plain Text: the chosen text files are kept as they are, with no
        volume question (a text that is no FRUS page belongs to no volume)."""
        paths = [path for path in ask_import_paths(self, self.settings.last_directory)
                 if path.suffix.lower() == ".txt"]
        if paths:
            self.settings.last_directory = str(paths[0].parent)
            self.import_paths(paths, None, PLAIN_TEXT)

    def import_asking_volume(self, paths: list[Path], show_imported: bool = False) -> bool:
        """Import, first asking the volume of plain-text documents whose names lack one.
        REFI-QDA and W3C files go to their own import (``ExchangeMixin``).
        ``show_imported``: open the first imported document even when one is open (a
        document handed over from the desktop, to be read)."""
        exchange = [Path(p) for p in paths if Path(p).suffix.lower() in EXCHANGE_SUFFIXES]
        for path in exchange:
            self.import_exchange_file(path)
        paths = [p for p in paths if Path(p) not in exchange]
        if not paths:
            return bool(exchange)
        try:  # before anything reads them (the guess below opens the files)
            importing.refuse_own_files(self.project, [Path(p) for p in paths])
        except ImportFailed as error:
            self._show_refusal(str(error))  # nothing was read or changed
            return False
        choice = None
        unnamed = needing_volume([Path(path) for path in paths])
        problems = importing.unreadable_text_files(unnamed)
        if problems:  # said before the volume question, and the rest imported as asked
            refused = {Path(problem.path) for problem in problems}
            paths = [p for p in paths if Path(p) not in refused]
            unnamed = [p for p in unnamed if p not in refused]
            kept = (f"\n\nThe other {len(paths)} file{'s' * (len(paths) != 1)} will be "
                    "imported." if paths else "")
            self._show_refusal("\n".join(str(problem) for problem in problems) + kept)
            if not paths:
                return False
        if unnamed:
            choice = ask_volume(self, len(unnamed), guess_of_files(unnamed),
                                [path.name for path in unnamed], self.settings)
            if choice is None:
                return False
        return self.import_paths(paths, choice.volume or None if choice else None,
                                 choice.as_format if choice else None, show_imported)

    def import_paths(self, paths: list[Path], volume: str | None = None,
                     as_format: str | None = None, show_imported: bool = False) -> bool:
        """Import files in a worker thread; ``importFinished`` reports the outcome.
        ``volume`` is given to plain-text documents whose file names carry none;
        ``as_format`` (``frus``/``text``, None: guess) says how to read plain text;
        ``show_imported`` as for ``import_asking_volume``."""
        paths = [Path(path) for path in paths]
        if self._job is not None:
            self.statusBar().showMessage("Another import or export is still running.", 4000)
            return False
        names = ", ".join(path.name for path in paths[:3]) + ("…" if len(paths) > 3 else "")

        def job(project, progress, cancelled):
            return import_with_volume(project, paths, volume, progress, cancelled, as_format)

        self._start_job(f"Importing {names}…", job,
                        lambda report: self._import_done(report, show_imported),
                        self.importFinished)
        return True

    def _import_done(self, report, show_imported: bool = False) -> None:
        """Show what an import changed. The document being read stays on screen, at its
        place, and the corpus filter stays as typed (importing volumes, or a volume
        again, took the reader away to the first document imported and cleared the
        filter); the first imported document is opened when none was (the empty state),
        or when ``show_imported`` (a pasted page, a document handed from the desktop)."""
        self.outside_changes.forget()  # the worker's writes are ours, shown below
        self._cables.clear()
        current = self._cable.id if self._cable else None
        place = self.reading.reading_place() if current is not None else None
        self._reload_corpus()
        self._reload_themes()
        imported = [summary.id for summary in report.cables]
        still_here = current is not None and current in self.corpus.model.cable_ids()
        if imported and (show_imported or not still_here):
            if not self.corpus.shows(imported[0]):
                self.corpus.filter_box.clear()  # what was just imported must be in view
            if imported[0] == current:
                self._cable = None  # re-imported: text and anchors may have moved
            self.show_cable(imported[0])
        elif current in imported:  # re-imported: text and anchors may have moved
            self._cable = None
            self.show_cable(current)
            if place is not None:
                self._return_to((current, *place))
        count = len(imported)
        orphans = (f" {report.orphaned_annotations} annotation(s) could not be placed."
                   if report.orphaned_annotations else "")
        approximate = getattr(report, "approximate_annotations", 0)
        if approximate:
            orphans += f" {approximate} placed on changed wording (quote kept as highlighted)."
        if report.cancelled:  # some files are in, some not: say which
            message = describe_partial_import(report) + orphans
            self.statusBar().showMessage(message, 20000)
            if self.isVisible():
                QMessageBox.information(self, "Cable Annotator", message)
        else:
            self.statusBar().showMessage(
                f"Imported {count} document{'s' * (count != 1)}"
                + _readings_said(report)
                + (f"; {report.orphaned_annotations} annotation(s) could not be placed"
                   if report.orphaned_annotations else "")
                + (f"; {approximate} placed on changed wording" if approximate else "")
                + "".join(f"; {warning.split(': ', 1)[-1]}" for warning in report.warnings)
                + ".", 12000)
        self.importFinished.emit(report)

    def stop_job_for_close(self) -> bool:
        """Before the window closes: False to keep it open (the reader keeps working),
        True once no job runs — a running one is cancelled and waited for, if confirmed."""
        job = self._job
        if job is None:
            return True
        if job.is_done():  # its end is being reported: nothing to cancel
            return True
        if not ask_stop_job(self, job):
            return False
        if self._job is job and not job.is_done():  # it may have ended meanwhile
            job.cancel()
            job.wait()
        return True

    def ask_export_csv(self) -> None:
        suggested = export_suggestion(self.project.path, self.settings.last_export_directory)
        dialog = ExportCsvDialog(suggested, self)
        if dialog.exec():
            path, long, excel = dialog.choice()
            self.settings.last_export_directory = str(path.parent)
            self.export_csv_to(path, long=long, excel=excel)

    def export_csv_to(self, path: Path, long: bool = False, excel: bool = False) -> bool:
        """Write the CSV in a worker thread; ``exportFinished`` reports the row count."""
        if self._job is not None:
            self.statusBar().showMessage("Another import or export is still running.", 4000)
            return False
        self.note_editor.commit()

        def job(project, _progress, _cancelled):
            return exporting.export_csv(project, path, long=long, excel=excel)

        def done(rows: int) -> None:
            self.statusBar().showMessage(f"Exported {rows} rows to {path}.", 8000)
            self.exportFinished.emit(rows)

        self._start_job(f"Exporting to {path.name}…", job, done, self.exportFinished)
        return True

    def _start_job(self, label: str, job, on_success, finished_signal) -> None:
        background = BackgroundJob(self, label, self.project.path, job)

        def done(outcome: str, payload) -> None:
            if self._job is background:
                self._job = None
            background.deleteLater()
            if outcome == "succeeded":
                self.status_line.set_state("saved")  # an earlier error is behind us
                on_success(payload)
                return
            if outcome == "failed":
                # The open project is as it was (a failed file leaves no trace): no
                # "not saved" that would make the reader fear for their work.
                self._show_refusal(payload)
            else:
                self.statusBar().showMessage("Cancelled.", 4000)
            finished_signal.emit(None)

        background.done.connect(done)
        # Ctrl+Q in the progress dialog acts as in the window (it asks, as the window's X
        # does): a window's shortcut reaches only the windows its action is added to.
        background.progress_dialog().addAction(self.actions.quit)
        self._job = background
        background.start()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if importable(paths) or _exchange(paths) or dropped_text(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        files = importable(paths) + _exchange(paths)
        text = dropped_text(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.import_asking_volume(files)
        elif text:  # a selection dragged from the browser: the document's text itself
            event.acceptProposedAction()
            self.import_text_asking_volume(text, DROPPED)


def _readings_said(report) -> str:
    """How the plain texts were read, for the status line: ", read as a FRUS page (…)"."""
    if len(report.readings) == 1:
        return ", " + report.readings[0].describe(why=False)
    if not report.readings:
        return ""
    formats = sorted({TEXT_FORMATS[reading.format] for reading in report.readings})
    guessed = " (guessed)" if any(reading.guessed for reading in report.readings) else ""
    return ", read as " + " and ".join(formats) + guessed
