"""Noticing that someone else changed the open project file.

The command line, an import worker or a second window may write to the same project while
this window shows it. SQLite tells us cheaply (``Project.changed_elsewhere``); we ask every
two seconds and whenever the window is activated, and the window then refreshes its views
without losing the reader's place.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

POLL_MS = 2000


class OutsideChangeWatcher(QObject):
    """Calls ``on_change`` when the project behind ``project_of()`` was changed elsewhere."""

    def __init__(self, window: QObject, project_of: Callable, on_change: Callable[[], None]
                 ) -> None:
        super().__init__(window)
        self._project_of = project_of
        self._on_change = on_change
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        window.installEventFilter(self)

    def check(self) -> bool:
        """Refresh now if needed; True when something had changed."""
        if self._project_of().changed_elsewhere():
            self._on_change()
            return True
        return False

    def forget(self) -> None:
        """Take the current state as known (after the window's own background job)."""
        self._project_of().changed_elsewhere()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.WindowActivate:
            self.check()
        return False
