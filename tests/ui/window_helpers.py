"""Driving the main window as a reader would: select text in the cable, press keys."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit

from .ui_fixtures import settings_file


def open_window(qtbot, project, tmp_path: Path, width: int = 1600, height: int = 1000):
    """A shown, active main window on ``project`` with settings in ``tmp_path``."""
    from cable_annotator.ui.window.main_window import MainWindow

    main = MainWindow(project, settings_file(tmp_path))
    qtbot.addWidget(main)
    main.resize(width, height)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    return main


def cable_text(main) -> QTextEdit:
    text = main.findChild(QTextEdit, "cableText")
    assert text is not None, "the reading pane has no QTextEdit named cableText"
    return text


def select_in_text(main, quote: str) -> QTextEdit:
    """Select the first occurrence of ``quote`` in cableText (document.find is UTF-16 aware)."""
    text = cable_text(main)
    cursor = text.document().find(quote)
    assert not cursor.isNull(), f"{quote!r} is not shown in the cable text"
    selection = QTextCursor(text.document())
    selection.setPosition(cursor.selectionStart())
    selection.setPosition(cursor.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    text.setTextCursor(selection)
    text.setFocus()
    return text


def export_rows(qtbot, main, path: Path, **options) -> list[dict[str, str]]:
    with qtbot.waitSignal(main.exportFinished, timeout=20000) as blocker:
        assert main.export_csv_to(path, **options)
    assert blocker.args[0] is not None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def wait_for_links(qtbot, main) -> None:
    """Wait until the open cable's references are worked out (in the worker thread)."""
    qtbot.waitUntil(lambda: not main.links_pending(), timeout=10_000)


SAMPLE_PAGE = Path(__file__).resolve().parents[2] / "resources" / "frus1969-76ve11p2-d293.txt"


def numbered_documents(folder: Path, count: int) -> list[Path]:
    """``count`` FRUS text files in ``folder`` (made here), copies of the sample numbered
    from 400 and named after their volume, so no volume question is asked."""
    text = SAMPLE_PAGE.read_text(encoding="utf-8")
    folder.mkdir()
    paths = []
    for number in range(400, 400 + count):
        path = folder / f"frus1969-76ve11p2-d{number}.txt"
        path.write_text(text.replace("293. Telegram", f"{number}. Telegram", 1), encoding="utf-8")
        paths.append(path)
    return paths
