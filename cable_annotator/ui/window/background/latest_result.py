"""Work the reader asked for, done off the GUI thread, of which only the latest counts.

A search as the reader types, the reference links of the cable just opened: each takes tens
of milliseconds of SQL and Python over the whole project, enough to make a scroll or the
next key stutter on the GUI thread. ``LatestResult`` runs one such function at a time in a
worker thread (each with its own SQLite connection from the project's pool; only reads) and
hands its result back to the GUI thread as a queued signal — only when no newer request
was made meanwhile, so a slow old answer never overwrites a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    """Lives in the GUI thread: a worker's result reaches it as a queued signal."""

    finished = Signal(int, object)  # generation, the result or the exception raised


class _Job(QRunnable):
    def __init__(self, relay: _Relay, generation: int, work: Callable[[], object]) -> None:
        super().__init__()
        self._relay, self._generation, self._work = relay, generation, work

    def run(self) -> None:  # in the pool's thread
        try:
            result = self._work()
        except Exception as error:  # the project closed meanwhile, a damaged row…
            result = error
        with suppress(RuntimeError):  # the window closed while this ran: nobody waits
            self._relay.finished.emit(self._generation, result)


class LatestResult(QObject):
    """Runs requested work in one worker thread; delivers only the latest request's result
    (or the exception it raised) to its ``deliver`` callback, on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._running = 0
        self._deliver: Callable[[object], None] | None = None
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    def request(self, work: Callable[[], object], deliver: Callable[[object], None]) -> None:
        """Run ``work`` in the worker; ``deliver(result)`` unless a newer request or a
        ``cancel`` came first."""
        self._generation += 1
        self._deliver = deliver
        self._running += 1
        self._pool.start(_Job(self._relay, self._generation, work))

    def cancel(self) -> None:
        """Drop whatever is still being worked out (the answer is no longer wanted)."""
        self._generation += 1
        self._deliver = None

    def is_busy(self) -> bool:
        """Whether a requested result has not been delivered (or dropped) yet."""
        return self._running > 0

    def wait(self, milliseconds: int = 10_000) -> bool:
        """Block until the worker is idle (closing, tests); True when it is."""
        return self._pool.waitForDone(milliseconds)

    def _finished(self, generation: int, result: object) -> None:
        self._running -= 1
        if generation != self._generation or self._deliver is None:
            return
        deliver, self._deliver = self._deliver, None
        deliver(result)
