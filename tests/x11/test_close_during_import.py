"""Ctrl+Q during an import, pressed for real with the progress dialog active: the window
asks, and the question stands on top of the progress dialog in the window manager's
stacking order (the trial: Ctrl+Q did nothing; the window's X put the question behind)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from tests.ui.window_helpers import numbered_documents

from .window import window

pytestmark = [pytest.mark.x11]





def stacking() -> list[int]:
    """The managed windows, bottom to top, as the window manager stacks them."""
    xprop = shutil.which("xprop")
    assert xprop, "xprop is missing (apt-get install x11-utils)"
    out = subprocess.run([xprop, "-root", "_NET_CLIENT_LIST_STACKING"], check=True,
                         capture_output=True, text=True, timeout=10).stdout
    return [int(word.strip(","), 16) for word in out.split("#", 1)[1].split()]


def top_level_id(widget) -> int:
    """The X window the window manager knows for ``widget`` (its frame's client)."""
    return int(widget.window().winId())


def test_ctrl_q_in_the_progress_dialog_asks_on_top_of_it(qtbot, project, tmp_path, xdotool):
    with window(qtbot, project, tmp_path / "settings", (1600, 1000)) as main:
        main.import_paths(numbered_documents(tmp_path / "docs", 1500))  # lasts past 400 ms
        progress = main.findChild(QProgressDialog)
        qtbot.waitUntil(progress.isVisible, timeout=10000)
        progress.raise_()
        progress.activateWindow()
        qtbot.waitUntil(progress.isActiveWindow, timeout=5000)
        seen: list[tuple[str, object, list[int], int]] = []

        def look() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox) and box.isVisible() and box.isActiveWindow():
                QApplication.processEvents()
                seen.append((box.text(), box.parentWidget(), stacking(), top_level_id(box)))
                next(b for b in box.buttons() if b.text() == "Keep Working").click()
            else:
                QTimer.singleShot(20, look)

        QTimer.singleShot(0, look)
        subprocess.run([xdotool, "key", "--clearmodifiers", "ctrl+q"], check=True, timeout=10)
        qtbot.waitUntil(lambda: bool(seen), timeout=8000)
        [(text, parent, order, box_id)] = seen
        assert "still running" in text
        assert parent is progress
        progress_id = top_level_id(progress)
        if progress_id in order and box_id in order:
            assert order.index(box_id) > order.index(progress_id), \
                "the question is stacked below the progress dialog"
        assert order and order[-1] == box_id, "the question is not on top"
        assert main.isVisible(), "Keep Working keeps the window"
        with qtbot.waitSignal(main.importFinished, timeout=60000):
            progress.cancel()
