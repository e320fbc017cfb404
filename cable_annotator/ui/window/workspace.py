"""The open project, its undo stack and the stream of change records the views follow.

Views never reload wholesale after an edit: every mutation returns a ``Change`` from the
services, the workspace broadcasts it, and each view refreshes only what it names. Keeping
this apart from the window lets the codebook and annotation controllers share it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack


class Workspace(QObject):
    """Holds the current project; emits ``changed(Change)`` after every stored mutation."""

    changed = Signal(object)
    projectChanged = Signal()
    errorOccurred = Signal(str)
    noticeOccurred = Signal(str)  # something skipped on purpose: nothing was lost
    refused = Signal(str)  # a request refused (a bad name, an empty quote): nothing changed

    def __init__(self, project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)

    def replace_project(self, project, keep_history: bool = False) -> None:
        """Switch to another project: its history is not ours, so the undo stack is cleared
        — unless ``keep_history``: a copy just made by Save As holds exactly what the
        history was made on (the commands act on ``self.project``, the copy from now)."""
        old = self.project
        if not keep_history:
            self.undo_stack.clear()
        self.project = project
        if old is not None and old is not project:
            old.close()
        self.projectChanged.emit()

    def broadcast(self, change) -> None:
        self.changed.emit(change)

    def report(self, message: str) -> None:
        self.errorOccurred.emit(message)

    def refuse(self, message: str) -> None:
        """Tell the reader a request was refused; the project is as it was (saved)."""
        self.refused.emit(message)

    def inform(self, message: str) -> None:
        """Tell the reader something was refused to keep their data (not an error)."""
        self.noticeOccurred.emit(message)
