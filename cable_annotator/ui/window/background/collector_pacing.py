"""Python's cycle collector kept off the reader's keys.

Opening a long annotated cable leaves 100,000 and more live Python objects (annotations,
their layers and painted segments, the Qt wrappers). Python's cycle collector walks all of
them whenever its older generations fill up — measured on the peer workload's 20,000
annotations: 13–20 ms on the GUI thread at a moment nobody chose, in the middle of a
scroll, an add or an undo. Nearly all of these objects live as long as the cable is open
and hold no cycles (120 documents opened one after another left no cyclic garbage at all),
so after each open they are moved out of the collector's sight with ``gc.freeze()``: the
collections that still run only walk what was made since. Frozen objects are still freed
by their reference counts as usual; only cycles among them would wait, so the whole heap
is collected — thawed, collected, frozen again — when the window loses the reader's
attention (another application is active), where a pause of tens of milliseconds is
felt by nobody, and at every ``FULL_EVERY``-th open, which then takes that much longer
(a reader paging through a volume in one sitting never looks away). During the open
itself the collector is paused (``cable_annotator.collector``); this paces it after.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication

FULL_EVERY = 20
"""Opens between two collections of the whole heap while the reader never looks away."""


class CollectorPacing(QObject):
    """Freezes the heap after each open; collects all of it when the application goes
    inactive, or every ``FULL_EVERY`` opens."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._opens_since_full = 0
        application = QGuiApplication.instance()
        if application is not None:
            application.applicationStateChanged.connect(self._state_changed)

    def after_open(self) -> None:
        """A cable was just shown: what it made stays, out of the collector's walks."""
        self._opens_since_full += 1
        if self._opens_since_full >= FULL_EVERY:
            self.collect_everything()
        else:
            gc.freeze()

    def collect_everything(self) -> int:
        """Thaw, collect every generation, freeze again; returns what was collected."""
        self._opens_since_full = 0
        gc.unfreeze()
        try:
            return gc.collect()
        finally:
            gc.freeze()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive and self._opens_since_full:
            self.collect_everything()
