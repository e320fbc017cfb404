"""What the first edit needs, imported in the background once the window has painted.

The first screen is read without SQLAlchemy (``services.queries`` reads in plain SQL), so
the window appears in about half the time. The first annotation, theme change, search or
import does need SQLAlchemy and the services that write — a third of a second and more to
import, which the reader would feel on the first key. So right after the first paint a
daemon thread imports them and makes the project's engine, while the reader reads; the
edit rehearsal (``edit_rehearser``) waits for it. Should the reader act sooner, the import
system makes the GUI thread wait for the module being imported, never import it twice.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

MODULES = (
    "sqlalchemy.orm",
    "sqlalchemy.dialects.sqlite",
    "cable_annotator.storage.models",
    "cable_annotator.storage.fulltext",
    "cable_annotator.services.annotating",
    "cable_annotator.services.codebook",
    "cable_annotator.services.edit_rehearsal",
    "cable_annotator.services.search",
    "cable_annotator.services.importing",
)
"""In dependency order: each import mostly finds the modules before it loaded."""

_log = logging.getLogger(__name__)
_thread: threading.Thread | None = None


def finished() -> bool:
    """True once the warm-up is over (or was never started: nothing to wait for)."""
    return _thread is None or not _thread.is_alive()


def start(engine_of: Callable[[], object]) -> None:
    """Import ``MODULES`` and call ``engine_of`` (the project's engine) in a daemon thread,
    the first time it is asked."""
    global _thread
    if _thread is not None:  # once per process: what it imports stays imported
        return
    _thread = threading.Thread(target=_run, args=(engine_of,), name="warm-up", daemon=True)
    _thread.start()


def _run(engine_of: Callable[[], object]) -> None:
    try:
        for name in MODULES:
            importlib.import_module(name)
        engine_of()
    except Exception:  # noqa: BLE001 - the first use imports it again and reports
        _log.debug("warm-up stopped", exc_info=True)


class AfterFirstPaint(QObject):
    """Starts the warm-up once ``widget`` has painted (the text the reader sees first),
    from the event loop's next turn, so it never delays that paint."""

    FALLBACK_MS = 1500
    """Started anyway after this long: a window that opens on its empty state (no
    document yet) never paints the text."""

    def __init__(self, widget: QObject, engine_of: Callable[[], object]) -> None:
        super().__init__(widget)
        self._widget, self._engine_of = widget, engine_of
        widget.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, lambda: start(self._engine_of))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: start(self._engine_of))
        return False
