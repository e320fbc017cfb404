"""Noticing that someone else changed the open project file.

The command line, an import worker or a second window may write to the same project while
this window shows it. SQLite tells us cheaply (``Project.changed_elsewhere``); we ask every
two seconds and whenever the window is activated, and the window then refreshes its views
without losing the reader's place.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

from ....storage.errors import ProjectError

POLL_MS = 2000


class OutsideChangeWatcher(QObject):
    """Calls ``on_change`` when the project behind ``project_of()`` was changed elsewhere."""

    def __init__(self, window: QObject, project_of: Callable, on_change: Callable[[], None],
                 on_error: Callable[[str], None] | None = None,
                 own_job_running: Callable[[], bool] = lambda: False) -> None:
        super().__init__(window)
        self._project_of = project_of
        # While the window's own import or merge writes, its commits are not "outside":
        # the poll waits, and the job's end shows them (``forget``, then a reload).
        self._own_job_running = own_job_running
        self._on_change = on_change
        self._on_error = on_error
        self._last_error: str | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        window.installEventFilter(self)

    def check(self) -> bool:
        """Refresh now if needed; True when something had changed.

        A project the other program left unreadable (a damaged row it wrote) is reported
        once, not on every poll; the poll goes on, and reports again if it changes."""
        if self._own_job_running():
            return False
        try:
            if not self._project_of().changed_elsewhere():
                return False
            self._on_change()
        except ProjectError as error:
            message = str(error)
            if message != self._last_error and self._on_error is not None:
                self._last_error = message
                self._on_error(f"The project was changed outside this window, and the "
                               f"change cannot be shown: {message}")
            return True
        self._last_error = None
        return True

    def forget(self) -> None:
        """Take the current state as known (after the window's own background job)."""
        self._project_of().changed_elsewhere()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.WindowActivate:
            self.check()
        return False
