"""Rehearsing the first edits shortly after a cable opens (see
:mod:`cable_annotator.services.edit_rehearsal`): once per project, a quarter of a second
after the first cable is shown, in a worker thread.

The rehearsal is 20–30 ms of Python and SQL; on the GUI thread it held the first scroll
after a start for that long. In its own thread it shares the GIL with the GUI thread, which
gets it back within Python's switch interval (5 ms), and SQLAlchemy's compiled statements
and the imported modules, which are what it is for, are the whole process's. The project
waits for it before closing, and a digit pressed meanwhile waits for its write lock, at
most its length, as it would for any other writer."""

from __future__ import annotations

import logging
import threading
from contextlib import suppress

from PySide6.QtCore import QObject, QTimer, Signal

from ....services.errors import AnnotationError
from ....storage.errors import ProjectError
from ....storage.project import Project
from ...common.deferred_import import deferred
from . import warm_up

edit_rehearsal = deferred("cable_annotator.services.edit_rehearsal")

DELAY_MS = 250
"""Long enough for the page to be painted and the first idle work to start, far shorter
than a reader takes to select a passage and press a digit."""

_log = logging.getLogger(__name__)


class EditRehearser(QObject):
    """Runs one rehearsal per project; a refused one (another program writing, a cable
    without text) is tried again when the next cable is shown."""

    _finished = Signal(object, bool)  # the project, rehearsed; queued from the worker

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rehearsed: Project | None = None
        self._pending: tuple[Project, str, list[int]] | None = None
        self._worker: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._rehearse)
        self._finished.connect(self._record)

    def cable_shown(self, project: Project, cable_id: str, theme_ids: list[int]) -> None:
        if project is self._rehearsed:
            return
        self._pending = (project, cable_id, list(theme_ids))
        self._timer.start()

    def is_done_for(self, project: Project) -> bool:
        return project is self._rehearsed

    def is_running(self) -> bool:
        return self._worker is not None and self._worker.is_alive()

    def _rehearse(self) -> None:
        if self._pending is None:
            return
        if not warm_up.finished() or self.is_running():  # its imports are the warm-up's
            self._timer.start()
            return
        project, cable_id, theme_ids = self._pending
        self._pending = None
        self._worker = threading.Thread(target=self._run, args=(project, cable_id, theme_ids),
                                        name="edit-rehearsal", daemon=True)
        self._worker.start()

    def _run(self, project: Project, cable_id: str, theme_ids: list[int]) -> None:
        """In the worker thread: rehearse, then report to the GUI thread."""
        try:
            edit_rehearsal.rehearse_edits(project, cable_id, theme_ids)
            rehearsed = True
        except (ProjectError, AnnotationError, RuntimeError) as error:
            # RuntimeError: the project closed meanwhile, or a rehearsal already runs.
            _log.debug("edit rehearsal skipped for %s: %s", project.path, error)
            rehearsed = False
        with suppress(RuntimeError):  # the window closed meanwhile: nobody waits for it
            self._finished.emit(project, rehearsed)

    def _record(self, project: Project, rehearsed: bool) -> None:
        if rehearsed:
            self._rehearsed = project
