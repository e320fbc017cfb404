"""An unexpected exception in the window is written down and shown, never swallowed.

Qt calls our slots from its event loop; an exception there would only be printed to a
terminal the historian never sees, and the window would go on as if the click had done
something. So every uncaught exception (of a slot, a timer, a worker thread) is logged
with its traceback to a file under platformdirs' user log folder, and the first one is
shown in a dialog naming that file — once per session, so a fault that repeats on every
poll does not bury the window in dialogs; later ones go to the status bar and the log.
Every action is saved in its own transaction, so the dialog can say that work is kept.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

import platformdirs
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

LOG_FILE_NAME = "cable-annotator.log"
_LOGGER = "cable_annotator.faults"


def log_path() -> Path:
    """Where faults are written (``~/.local/state/cable-annotator/log`` on Linux)."""
    return Path(platformdirs.user_log_dir("cable-annotator", appauthor=False)) / LOG_FILE_NAME


def _logger(path: Path) -> logging.Logger:
    logger = logging.getLogger(_LOGGER)
    logger.propagate = False
    if not any(getattr(handler, "baseFilename", None) == str(path)
               for handler in logger.handlers):
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1 << 20, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return logger


class FaultReporter(QObject):
    """Installs itself as ``sys.excepthook`` (and ``threading.excepthook``) while the
    window runs; ``uninstall`` puts the previous hooks back."""

    _reported = Signal(str)  # to show the dialog on the GUI thread, whatever thread failed

    def __init__(self, parent_widget: Callable[[], QWidget | None],
                 status: Callable[[str], None] | None = None, path: Path | None = None
                 ) -> None:
        super().__init__()
        self._parent_widget = parent_widget
        self._status = status
        self.path = path or log_path()
        self.dialog: QMessageBox | None = None
        self.faults = 0
        self._previous_hook = None
        self._previous_thread_hook = None
        self._reported.connect(self._show)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
            threading.excepthook = self._previous_thread_hook
            self._previous_hook = None

    def handle(self, kind: type[BaseException], value: BaseException,
               trace: TracebackType | None) -> None:
        """Log the exception and tell the user (the dialog the first time only)."""
        if issubclass(kind, KeyboardInterrupt) and self._previous_hook is not None:
            self._previous_hook(kind, value, trace)
            return
        self.faults += 1
        text = "".join(traceback.format_exception(kind, value, trace))
        try:
            _logger(self.path).error("Unexpected error in the window:\n%s", text)
            where = str(self.path)
        except OSError as error:
            print(text, file=sys.stderr)
            where = f"(the log {self.path} could not be written: {error.strerror})"
        self._reported.emit(f"{kind.__name__}: {value}\n\nThe details are in {where}")

    def _handle_thread(self, arguments: threading.ExceptHookArgs) -> None:
        self.handle(arguments.exc_type, arguments.exc_value, arguments.exc_traceback)

    def _show(self, summary: str) -> None:
        if self.dialog is not None:
            if self._status is not None:
                self._status(f"Another unexpected error was logged to {self.path}.")
            return
        self.dialog = QMessageBox(QMessageBox.Icon.Critical, "Cable Annotator",
                                  "Something went wrong in the window. What you had done "
                                  "before is saved; the last action may not have "
                                  "completed.\n\n" + summary, QMessageBox.StandardButton.Ok,
                                  self._parent_widget())
        self.dialog.open()  # not exec(): the event loop (and the autosave) go on
