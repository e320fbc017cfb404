"""Reading the words of the open cable's annotations while the reader does nothing.

The window opens a cable with its annotations' outlines only
(:mod:`cable_annotator.services.deferred_annotations`); the cards on screen read their own
words when painted. This reads the rest in small slices from a timer (see ``frame_budget``), so that
each slice is one short task between the user's events and the next outside-change check or
export finds them complete. How many annotations make a slice is measured, not assumed:
their words vary in length and the machine in speed (1,024 took 12–20 ms on a loaded
machine at 20,000 annotations, enough to make a scroll stutter), so each slice is sized
from the last one to take about ``SLICE_BUDGET_S``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ....collector import collector_paused
from ....services.deferred_annotations import DeferredWords
from ....storage.errors import ProjectError
from ...common.frame_budget import BREATH_MS

SLICE_BUDGET_S = 0.004
"""Work per event-loop turn: a quarter of a 60 Hz frame, beside painting and layout."""
FIRST_SLICE = 256
SLICE_RANGE = (32, 2048)
CHUNKS = 4
"""A slice is read in this many chunks, looking at the clock after each."""
WAIT_MS = 16
"""How often to look again while other background work (the layout) has the turn."""


def next_slice(count: int, elapsed_s: float) -> int:
    """The size of the next slice, after ``count`` annotations took ``elapsed_s``: moved
    halfway towards what fits the budget (so one slow slice does not swing it), growing at
    most twofold (a quick slice may have found most words already read by the cards on
    screen, and says little about the next), within ``SLICE_RANGE``."""
    fitting = count * SLICE_BUDGET_S / max(elapsed_s, 1e-5)
    low, high = SLICE_RANGE
    return int(min(max((count + fitting) / 2, low), 2 * count, high))


class IdleWordsReader(QObject):
    """Completes one :class:`DeferredWords` at a time in idle slices."""

    def __init__(self, parent: QObject | None = None,
                 yield_to: Callable[[], bool] | None = None) -> None:
        """``yield_to``: true while other background work runs (the layout of a long
        document); the reader waits for it, so that two slices never share one turn of
        the event loop and add up to a stutter."""
        super().__init__(parent)
        self._yield_to = yield_to
        self._words: DeferredWords | None = None
        self._count = FIRST_SLICE
        self._timer = QTimer(self)
        self._timer.setInterval(BREATH_MS)
        self._timer.timeout.connect(self._read_slice)

    def read(self, words: DeferredWords) -> None:
        """Complete ``words`` from now on (those of the previous cable are left as they are:
        what is still unread there is read when asked for)."""
        self._words = words
        self._timer.start()

    def is_reading(self) -> bool:
        return self._timer.isActive()

    def _read_slice(self) -> None:
        if self._yield_to is not None and self._yield_to():
            self._timer.setInterval(WAIT_MS)
            return
        self._timer.setInterval(BREATH_MS)
        words = self._words
        started = time.perf_counter()
        deadline = started + SLICE_BUDGET_S
        try:
            with collector_paused():
                done = words is None
                read = 0
                # The size is a forecast; the budget is the bound: the slice is read in
                # chunks and stops at the deadline, so a forecast that is too big (the
                # first one, or a burst of long words) overshoots by one chunk at most.
                chunk = max(self._count // CHUNKS, SLICE_RANGE[0])
                while not done and read < self._count:
                    done = words.read_some(min(chunk, self._count - read))
                    read += chunk
                    if time.perf_counter() >= deadline:
                        break
            self._count = next_slice(max(min(read, self._count), 1),
                                     time.perf_counter() - started)
        except ProjectError:
            done = True  # the project went away; a card asking later says so itself
        if done:
            self._timer.stop()
            self._words = None
