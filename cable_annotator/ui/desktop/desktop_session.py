"""What ties one window to the desktop: the socket later launches reach, the handler that
opens their files, and the file-open events of macOS's Finder.

Kept beside the window rather than in it: tests build a MainWindow alone, and only the
running application (``app.start_app``) joins it to the desktop.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from .launch_files import FileOpenEvents, LaunchFileHandler
from .single_instance import InstanceServer


class DesktopSession(QObject):
    """Answers later launches for the window's project (and follows it to another
    project opened in the window); hands their files, and file-open events, to it."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window
        self.files = LaunchFileHandler(window)
        self.server = InstanceServer(self)
        self.server.filesReceived.connect(self.files.open)
        self.server.listen(window.project.path)
        window.workspace.projectChanged.connect(self._follow_project)
        self._file_open_events = FileOpenEvents(self.files)
        QApplication.instance().installEventFilter(self._file_open_events)

    def open(self, paths: list[Path]) -> None:
        """Open launch files in the window (the first launch's own arguments)."""
        self.files.open(paths)

    def close(self) -> None:
        """Stop answering launches (the window is closing)."""
        QApplication.instance().removeEventFilter(self._file_open_events)
        self.server.close()

    def _follow_project(self) -> None:
        self.server.listen(self._window.project.path)
