"""Files given at launch — ``cable-annotator FILE…``, the desktop's "Open With", or a later
launch handed over through the local socket — opened the way a desktop program does.

On macOS the Finder does not pass files as arguments but sends the running application
a file-open event (``QFileOpenEvent``), which goes the same way. A ``.cableproj`` opens
that project; documents (what the importers read: FRUS plain text,
TEI volumes) are imported into the open project, asking their volume as the Import
dialog does. ``sort_launch_files`` is plain Python so the command line can refuse a bad
argument before any window appears.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent

from ...storage.project import PROJECT_SUFFIX
from ..jobs.import_export import IMPORTABLE_SUFFIXES


class LaunchError(ValueError):
    """A launch argument that is neither a project nor a document; names the file."""


@dataclass
class LaunchFiles:
    """The project (if one was named) and the documents to import, in argument order."""

    project: Path | None = None
    documents: list[Path] = field(default_factory=list)


def sort_launch_files(paths: list[Path], project: Path | None = None) -> LaunchFiles:
    """Sort launch arguments into a project and documents; raises LaunchError (naming the
    file) for a missing file, a folder, an unknown kind or a second project."""
    sorted_files = LaunchFiles(project=Path(project).expanduser() if project else None)
    for path in map(Path, paths):
        path = path.expanduser()
        suffix = path.suffix.lower()
        if suffix == PROJECT_SUFFIX:
            if sorted_files.project is not None and not _same_file(sorted_files.project, path):
                raise LaunchError(f"{path}: only one project opens at a time "
                                  f"(already opening {sorted_files.project}).")
            sorted_files.project = path  # a new project file is created, as --project does
            continue
        if path.is_dir():
            raise LaunchError(f"{path} is a folder; give the documents in it.")
        if not path.exists():
            raise LaunchError(f"{path} does not exist.")
        if suffix not in IMPORTABLE_SUFFIXES:
            kinds = ", ".join((PROJECT_SUFFIX, *IMPORTABLE_SUFFIXES))
            raise LaunchError(f"{path} is not a project or a document Cable Annotator "
                              f"reads ({kinds}).")
        sorted_files.documents.append(path)
    return sorted_files


def _same_file(first: Path, second: Path) -> bool:
    return first.expanduser().resolve() == second.expanduser().resolve()


class LaunchFileHandler(QObject):
    """Opens launch files in the window; documents wait while an import or export runs."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window
        self._waiting: list[Path] = []
        window.importFinished.connect(self._import_waiting)
        window.exportFinished.connect(self._import_waiting)

    def open(self, paths: list[Path]) -> None:
        """Bring the window forward and open ``paths`` in it (a later launch's files)."""
        window = self._window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()
        try:
            files = sort_launch_files(paths)
        except LaunchError as error:
            window._show_refusal(str(error))  # nothing changed, nothing unsaved
            return
        switching = files.project is not None and not _same_file(files.project,
                                                                   window.project.path)
        if switching and not window.open_project_path(files.project, create=True):
            return
        self._waiting.extend(files.documents)
        self._import_waiting()

    def _import_waiting(self, *_outcome) -> None:
        if not self._waiting or self._window._job is not None:
            return
        documents, self._waiting = self._waiting, []
        self._window.import_asking_volume(documents, show_imported=True)  # to be read


class FileOpenEvents(QObject):
    """Hands the application's file-open events (macOS: a document double-clicked in the
    Finder, or dropped on the Dock icon) to the window's ``LaunchFileHandler``."""

    def __init__(self, handler: LaunchFileHandler) -> None:
        super().__init__(handler)
        self._handler = handler

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            name = event.file()
            if name:
                self._handler.open([Path(name)])
                return True
        return super().eventFilter(watched, event)
