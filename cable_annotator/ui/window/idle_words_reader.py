"""Reading the words of the open cable's annotations while the reader does nothing.

The window opens a cable with its annotations' outlines only
(:mod:`cable_annotator.services.deferred_annotations`); the cards on screen read their own
words when painted. This reads the rest in small slices from a zero-interval timer, so that
each slice is one short task between the user's events (a slice of 1,024 annotations is a
few milliseconds) and the next outside-change check or export finds them complete.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from ...collector import collector_paused
from ...services.deferred_annotations import DeferredWords
from ...storage.errors import ProjectError


class IdleWordsReader(QObject):
    """Completes one :class:`DeferredWords` at a time in idle slices."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: DeferredWords | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._read_slice)

    def read(self, words: DeferredWords) -> None:
        """Complete ``words`` from now on (those of the previous cable are left as they are:
        what is still unread there is read when asked for)."""
        self._words = words
        self._timer.start()

    def is_reading(self) -> bool:
        return self._timer.isActive()

    def _read_slice(self) -> None:
        words = self._words
        try:
            with collector_paused():
                done = words is None or words.read_some()
        except ProjectError:
            done = True  # the project went away; a card asking later says so itself
        if done:
            self._timer.stop()
            self._words = None
