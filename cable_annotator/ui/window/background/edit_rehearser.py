"""Rehearsing the first edits shortly after a cable opens (see
:mod:`cable_annotator.services.edit_rehearsal`): once per project, a quarter of a second
after the first cable is shown, when the reader is reading and not yet pressing keys."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

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

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rehearsed: Project | None = None
        self._pending: tuple[Project, str, list[int]] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._rehearse)

    def cable_shown(self, project: Project, cable_id: str, theme_ids: list[int]) -> None:
        if project is self._rehearsed:
            return
        self._pending = (project, cable_id, list(theme_ids))
        self._timer.start()

    def is_done_for(self, project: Project) -> bool:
        return project is self._rehearsed

    def _rehearse(self) -> None:
        if self._pending is None:
            return
        if not warm_up.finished():  # its imports are the warm-up's: not on this thread
            self._timer.start()
            return
        project, cable_id, theme_ids = self._pending
        self._pending = None
        try:
            edit_rehearsal.rehearse_edits(project, cable_id, theme_ids)
        except (ProjectError, AnnotationError) as error:
            _log.debug("edit rehearsal skipped for %s: %s", project.path, error)
            return
        self._rehearsed = project
