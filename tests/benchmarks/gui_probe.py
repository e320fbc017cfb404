"""Clocks for GUI benchmarks: "until painted" without fixed sleeps, and GUI-thread stalls.

``PaintProbe`` watches a top-level window. Qt paints a window when the window receives
``QEvent.UpdateRequest``: every dirty widget gets its paint event inside that one call and
the backing store is flushed at its end. The probe handles that event itself (so it can
stop the clock when the call returns) and stops the clock at the end of the first update in
which each watched viewport painted and its condition held (the annotation list showing
cards, the text showing the cable). The event loop runs normally meanwhile: posted layout
work, timers and background slices that Qt runs before the paint are counted, as a user
waits for them too; work that runs after the paint is not.

``Heartbeat`` is a 1 ms precise timer: the longest gap between two ticks is the longest
task the GUI thread ran without returning to the event loop.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class PaintProbe(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self._watched: dict[QWidget, tuple[str, Callable[[], bool]]] = {}
        self._needed: set[str] = set()
        self._seen: set[str] = set()
        self._armed = False
        self._in_update = False
        self._loop: QEventLoop | None = None
        self.done_at: float | None = None
        window.installEventFilter(self)

    def watch(self, name: str, viewport: QWidget, condition: Callable[[], bool] = lambda: True
              ) -> None:
        self._watched[viewport] = (name, condition)
        viewport.installEventFilter(self)

    def arm(self, *names: str) -> None:
        """Start waiting for a paint of each named viewport (call before the action)."""
        self._needed = set(names) or {name for name, _ in self._watched.values()}
        self._seen = set()
        self.done_at = None
        self._armed = True

    def wait(self, timeout: float = 20.0) -> float | None:
        """Run the event loop until painted; returns the perf_counter() of the end of the
        painting update, or None on timeout."""
        if self.done_at is None:
            self._loop = QEventLoop()
            QTimer.singleShot(int(timeout * 1000), self._loop.quit)
            self._loop.exec()
            self._loop = None
        self._armed = False
        return self.done_at

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if not self._armed or self.done_at is not None:
            return False
        kind = event.type()
        if kind == QEvent.Type.Paint and obj in self._watched:
            name, condition = self._watched[obj]
            if name in self._needed and condition():
                self._seen.add(name)
                if not self._in_update and self._seen >= self._needed:
                    # painted outside an update request (a repaint() call): count the
                    # paint's start and let the loop return.
                    self._finish(time.perf_counter())
            return False
        if kind == QEvent.Type.UpdateRequest and obj is self.window and not self._in_update:
            self._in_update = True
            try:
                obj.event(event)  # paints every dirty widget and flushes, now
            finally:
                self._in_update = False
            if self._seen >= self._needed:
                self._finish(time.perf_counter())
            return True
        return False

    def _finish(self, at: float) -> None:
        self.done_at = at
        if self._loop is not None:
            self._loop.quit()


class Heartbeat(QObject):
    """Ticks every millisecond; ``gaps`` holds (time, ms since the previous tick)."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[tuple[float, float]] = []
        self._last = 0.0

    def start(self) -> None:
        self.gaps = []
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now, (now - self._last) * 1000))
        self._last = now

    def longest(self) -> float:
        return max((gap for _, gap in self.gaps), default=0.0)

    def over(self, limit_ms: float) -> int:
        return sum(1 for _, gap in self.gaps if gap > limit_ms)


def run_for(seconds: float) -> None:
    """Run the event loop for ``seconds`` (the work being observed runs meanwhile)."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def settle(quiet_ms: float = 300, stall_ms: float = 4, cap: float = 30.0) -> float:
    """Run the event loop until the GUI thread has had no task longer than ``stall_ms``
    for ``quiet_ms`` (background layout or highlighting finished); returns the seconds
    that took. Not a fixed sleep: it ends as soon as the thread is idle."""
    beat = Heartbeat()
    start = time.perf_counter()
    beat.start()
    loop = QEventLoop()
    last_busy = [start]

    def check() -> None:
        now = time.perf_counter()
        for at, gap in reversed(beat.gaps):
            if gap > stall_ms:
                last_busy[0] = max(last_busy[0], at)
                break
        if (now - last_busy[0]) * 1000 >= quiet_ms or now - start > cap:
            loop.quit()

    checker = QTimer()
    checker.setInterval(50)
    checker.timeout.connect(check)
    checker.start()
    loop.exec()
    checker.stop()
    beat.stop()
    QApplication.processEvents()
    return last_busy[0] - start
