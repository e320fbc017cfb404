"""Open the real main window on the managed X display, at a given size."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QApplication


def show_window(qtbot, project, folder: Path, size: tuple[int, int]):
    """A shown, active MainWindow on ``project`` resized to ``size`` by the window manager.

    Not registered with ``qtbot.addWidget``: a walk's window outlives the test that opens
    it; close it with :func:`close_window`."""
    from cable_annotator.ui.window.main_window import MainWindow
    from cable_annotator.ui.window.settings import AppSettings

    folder.mkdir(parents=True, exist_ok=True)
    main = MainWindow(project, AppSettings.in_file(folder / "settings.ini"))
    main.resize(*size)
    main.show()
    qtbot.waitExposed(main, timeout=10000)
    main.raise_()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow, timeout=10000)
    return main


def wait_for_size(qtbot, main, size: tuple[int, int], timeout: int = 3000) -> str | None:
    """Resize through the window manager; a sentence when the window will not take
    ``size`` (too large a minimum size), else None."""
    main.resize(*size)
    try:
        qtbot.waitUntil(lambda: (main.width(), main.height()) == tuple(size), timeout=timeout)
    except Exception:  # pytest-qt's TimeoutError
        hint = main.minimumSizeHint()
        return (f"the window will not take {size[0]}x{size[1]}: it is {main.width()}x"
                f"{main.height()} (minimum size hint {hint.width()}x{hint.height()})")
    return None


def close_window(main) -> None:
    main.close()
    main.deleteLater()
    QApplication.processEvents()


@contextmanager
def window(qtbot, project, folder: Path, size: tuple[int, int]):
    main = show_window(qtbot, project, folder, size)
    try:
        yield main
    finally:
        close_window(main)
