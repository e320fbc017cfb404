"""The status bar shows where the reader is and the last message, both at once, and an
error's "not saved" gives way to "saved" when the next action succeeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from .ui_fixtures import ARMS_RACE_QUOTE
from .window_helpers import export_rows, open_window, select_in_text

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "frus1969-76ve11p2-d293.txt"


@pytest.fixture
def window(qtbot, project, tmp_path):
    return open_window(qtbot, project, tmp_path)


@pytest.fixture
def errors(window, monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr("cable_annotator.ui.window.main_window.QMessageBox.warning",
                        lambda _parent, _title, message: shown.append(message))
    return shown


def ink_columns(window, left: int, right: int) -> int:
    """How many pixel columns of the status bar between ``left`` and ``right`` hold text."""
    bar = window.statusBar()
    image = bar.grab().toImage()
    background = QColor(image.pixel(2, image.height() // 2)).lightness()
    columns = 0
    for x in range(max(left, 0), min(right, image.width())):
        if any(abs(QColor(image.pixel(x, y)).lightness() - background) > 60
               for y in range(image.height())):
            columns += 1
    return columns


def test_message_and_reading_position_are_visible_together(window, qtbot):
    select_in_text(window, ARMS_RACE_QUOTE)
    qtbot.waitUntil(lambda: "p. 78" in window.status_line.text())
    window._reference_activated("frus1969-76ve11p2/d299")  # a cross-reference not imported
    message = window.statusBar().currentMessage()
    assert message == "frus1969-76ve11p2/d299 is not in this project."
    line = window.status_line
    assert line.isVisible()
    qtbot.waitUntil(lambda: line.width() >= line.sizeHint().width())  # the position is whole
    room = line.geometry().left() - 8
    assert room >= window.statusBar().fontMetrics().horizontalAdvance(message)
    assert ink_columns(window, 6, room) > 100, "the message is not painted"
    assert ink_columns(window, line.geometry().left(), window.statusBar().width()) > 100


def test_message_shows_beside_the_position_in_a_narrow_window(qtbot, project, tmp_path):
    window = open_window(qtbot, project, tmp_path, width=800, height=600)
    window.statusBar().showMessage("Imported 12 documents.")
    room = window.status_line.geometry().left() - 8
    assert room >= window.statusBar().fontMetrics().horizontalAdvance("Imported 12 documents.")
    assert window.status_line.text().endswith("saved")


def test_a_refused_import_is_said_and_leaves_the_project_saved(window, qtbot, tmp_path,
                                                                errors):
    """A file refused changes nothing: the message names it, and the status line does not
    say "not saved" of work that is all there (a new user feared it was lost)."""
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with qtbot.waitSignal(window.importFinished, timeout=60000):
        window.import_paths([empty])
    assert errors and str(empty) in errors[-1]
    assert window.status_line.text().endswith("·  saved")
    with qtbot.waitSignal(window.importFinished, timeout=60000) as blocker:
        window.import_paths([SAMPLE])
    assert blocker.args[0] is not None
    assert window.status_line.text().endswith("·  saved")
    assert window.statusBar().currentMessage() == (
        "Imported 1 document, read as a FRUS page (guessed).")


def test_a_failed_export_is_said_and_leaves_the_project_saved(window, qtbot, tmp_path,
                                                              errors):
    with qtbot.waitSignal(window.exportFinished, timeout=20000):
        window.export_csv_to(tmp_path / "no-such-folder" / "out.csv")
    assert errors and "no-such-folder" in errors[-1]
    assert window.status_line.text().endswith("·  saved")
    export_rows(qtbot, window, tmp_path / "out.csv")
    assert window.status_line.text().endswith("·  saved")
    assert window.statusBar().currentMessage().startswith("Exported 0 rows to ")


def test_title_names_the_program_once(window, project):
    app = QApplication.instance()
    before = app.applicationDisplayName()
    app.setApplicationDisplayName("Cable Annotator")
    try:
        window.load_project()
        title = window.windowTitle()
        # Qt appends the display name on X11 and Windows unless the title ends with it.
        assert title == f"{project.path.name} — Cable Annotator"
        assert title.count("Cable Annotator") == 1
    finally:
        app.setApplicationDisplayName(before)


def test_a_long_message_at_800_px_ends_in_an_ellipsis_and_the_position_stays_whole(
        qtbot, project, tmp_path):
    """The trial's message at 800 px was cut mid-word ("…so that change is ke"), painted
    up to the reading position with no sign of the rest."""
    window = open_window(qtbot, project, tmp_path, width=800, height=600)
    message = ("Skipped “Add annotation”: the annotation was changed in another window "
               "after this step, so that change is kept.")
    bar = window.statusBar()
    bar.showMessage(message)
    qtbot.wait(20)
    line = window.status_line
    assert line.width() >= line.sizeHint().width(), "the reading position is cut"
    assert line.text().endswith("saved")
    metrics = bar.fontMetrics()
    room = line.geometry().left() - 8
    assert metrics.horizontalAdvance(message) > room, "the message fits: this proves nothing"
    shown = bar.shown_message()
    assert shown.endswith("…") and message.startswith(shown[:-1])
    assert bar.toolTip() == message
    end = 6 + metrics.horizontalAdvance(shown)
    assert end <= line.geometry().left()
    assert ink_columns(window, 6, end) > 100, "the message is not painted"
    ellipsis = metrics.horizontalAdvance("…")
    assert ink_columns(window, end - ellipsis, end) > 0, "no ellipsis painted"
    assert ink_columns(window, end + 2, line.geometry().left() - 1) == 0, (
        "text painted past the ellipsis: clipped, not elided")
    bar.showMessage("Imported 12 documents.")
    assert bar.toolTip() == "" and bar.shown_message() == "Imported 12 documents."


def test_paging_through_a_volume_the_status_bar_gives_each_documents_first_page(
        qtbot, project, tmp_path, shared_corpus):
    """Opened with Ctrl+PgDown, FRUS 1951 vol. VII pt. 2 doc. 105 starts on p. 1703 (as
    its margin said) but the status bar said p. 1704: the page of its first footnote,
    whose view's cursor moved last."""
    from cable_annotator.services.importing import import_files

    import_files(project, [shared_corpus / "frus-early" / "frus1951v07p2.xml"])
    window = open_window(qtbot, project, tmp_path)
    text = window.reading.cable_text()
    text.setFocus()
    wrong = []
    cables = [c for c in window.corpus.model.cable_ids() if c.startswith("frus1951v07p2/")]
    assert len(cables) > 300
    for cable_id in cables:
        window.show_cable(cable_id)
        cable = window.current_cable()
        first = cable.page_range("body", 0, 1) if cable.pages else ""
        shown = window.status_line.text().split("  ·  ")[0]
        if first and shown != f"p. {first}":
            wrong.append((cable_id, first, shown))
    assert not wrong, wrong[:10]
