"""File menu entries for exchange formats: export a REFI-QDA project (.qdpx) or codebook
(.qdc) and W3C Web Annotations (.jsonld), and import any of them. A mixin of MainWindow.

These run on the GUI thread: the sample project exports in a few milliseconds and a whole
volume's annotations in well under a second; the CSV export keeps its background job.
"""

from __future__ import annotations

from pathlib import Path

from ...importers.errors import ImportFailed
from ...services.exporting import ExportFailed
from ...storage.errors import ProjectError
from ..desktop.file_dialogs import open_file_name, save_file_name
from .file_suggestions import readers_folder

_FORMATS = {
    "qdpx": ("REFI-QDA project (*.qdpx)", "-annotations.qdpx"),
    "qdc": ("REFI-QDA codebook (*.qdc)", "-codebook.qdc"),
    "jsonld": ("W3C Web Annotations (*.jsonld)", "-annotations.jsonld"),
}
EXCHANGE_SUFFIXES = frozenset({".qdpx", ".qdc", ".jsonld"})
IMPORT_FILTER = ("Projects and annotations of other programs (*.qdpx *.qdc *.jsonld);;"
                 "REFI-QDA project (*.qdpx);;REFI-QDA codebook (*.qdc);;"
                 "W3C Web Annotations (*.jsonld)")


class ExchangeMixin:
    def ask_export_format(self, kind: str) -> None:
        file_filter, ending = _FORMATS[kind]
        folder = Path(self.settings.last_export_directory or readers_folder(self.project.path))
        if not folder.is_dir():
            folder = readers_folder(self.project.path)
        name = save_file_name(
            self, "Export", str(folder / f"{self.project.path.stem}{ending}"), file_filter)
        if name:
            path = Path(name)
            if path.suffix.lower() != f".{kind}":
                path = path.with_name(path.name + f".{kind}")
            self.settings.last_export_directory = str(path.parent)
            self.export_format_to(kind, path)

    def export_format_to(self, kind: str, path: Path) -> str | None:
        """Write ``path`` in ``kind`` (qdpx, qdc, jsonld); returns the message shown."""
        from ...services import refi_qda, web_annotation

        self.note_editor.commit()
        try:
            if kind == "jsonld":
                count = web_annotation.export_jsonld(self.project, path)
                message = f"Exported {count} annotation(s) to {path}."
            else:
                writer = refi_qda.export_qdpx if kind == "qdpx" else refi_qda.export_qdc
                message = f"Exported {writer(self.project, path).summary()}"
        except (ExportFailed, ProjectError) as error:
            self._show_refusal(str(error))  # the project is as it was
            return None
        self.statusBar().showMessage(message, 10000)
        return message

    def ask_import_exchange(self) -> None:
        name = open_file_name(self, "Import from another program",
                              self.settings.last_directory, IMPORT_FILTER)
        if name:
            self.settings.last_directory = str(Path(name).parent)
            self.import_exchange_file(Path(name))

    def import_exchange_file(self, path: Path):
        """Import a .qdpx, .qdc or .jsonld file; returns its report (None on failure)."""
        from ...services import refi_qda, web_annotation

        self.note_editor.commit()
        try:
            if path.suffix.lower() in (".jsonld", ".json"):
                report = web_annotation.import_jsonld(self.project, path)
            else:
                report = refi_qda.import_refi(self.project, path)
        except (ImportFailed, ProjectError) as error:
            self._show_refusal(str(error))  # all or nothing: nothing was imported
            return None
        self.reload_after_outside_change()
        self.statusBar().showMessage(f"Imported {report.summary()}", 12000)
        return report
