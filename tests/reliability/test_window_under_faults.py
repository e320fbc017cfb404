"""The window under faults: an exception in a slot is logged and shown once; the poll
survives a writer killed mid-transaction and a project made unreadable from outside."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, Signal

from cable_annotator.services import queries
from cable_annotator.ui.window.fault_report import FaultReporter, log_path

from ..ui.ui_fixtures import ARMS_RACE_QUOTE, SAMPLE_ID
from ..ui.window_helpers import open_window


class _Emitter(QObject):
    fired = Signal()


def _boom() -> None:
    raise ZeroDivisionError("a bug in a slot")


def test_the_log_lives_under_the_user_log_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert log_path() == tmp_path / "state" / "cable-annotator" / "log" / "cable-annotator.log"


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown_once(qtbot, project, tmp_path) -> None:
    window = open_window(qtbot, project, tmp_path)
    log = tmp_path / "logs" / "cable-annotator.log"
    reporter = FaultReporter(lambda: window, window.statusBar().showMessage, path=log)
    reporter.install()
    try:
        emitter = _Emitter()
        emitter.fired.connect(_boom)
        emitter.fired.emit()  # a slot called by a signal
        QTimer.singleShot(0, _boom)  # and one called by the event loop
        qtbot.waitUntil(lambda: reporter.faults == 2)
        qtbot.wait(50)
    finally:
        reporter.uninstall()
    assert sys.excepthook is not reporter.handle
    written = log.read_text(encoding="utf-8")
    assert written.count("ZeroDivisionError: a bug in a slot") == 2
    assert "Traceback" in written and "_boom" in written
    assert reporter.dialog is not None and reporter.dialog.isVisible()
    assert str(log) in reporter.dialog.text()
    assert "Another unexpected error" in window.statusBar().currentMessage(), \
        "the second fault does not open a second dialog"
    assert window.isVisible(), "the window goes on"


def test_the_app_installs_the_reporter(qtbot, project, monkeypatch) -> None:
    from cable_annotator.ui.window import app

    window = app.start_app(project.path)
    qtbot.addWidget(window)
    try:
        assert sys.excepthook == window.fault_reporter.handle
    finally:
        window.fault_reporter.uninstall()
        window.workspace.project.close()


KILLED_WRITER = """
import os, signal, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA cache_size=2")
connection.execute("BEGIN IMMEDIATE")
for n in range(3000):
    connection.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                       (f"junk{n}", "x" * 500))
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_poll_survives_a_writer_killed_mid_transaction(qtbot, project, tmp_path) -> None:
    window = open_window(qtbot, project, tmp_path)
    window.outside_changes.check()
    result = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(project.path)],
                            timeout=60)
    assert result.returncode == -9
    assert Path(f"{project.path}-wal").exists(), "the killed writer left its log behind"
    assert not window.outside_changes.check(), "nothing was committed"
    cli = subprocess.run([sys.executable, "-m", "cable_annotator", "--project",
                          str(project.path), "annotate", SAMPLE_ID, "--quote",
                          ARMS_RACE_QUOTE, "--theme", "Arms race"],
                         capture_output=True, text=True, timeout=120)
    assert cli.returncode == 0, cli.stderr
    assert window.outside_changes.check()
    assert window.annotations.model.rowCount() == 1
    assert queries.get_setting(project, "junk1") is None, "the uncommitted rows are gone"


ROLLBACK_KILLED_WRITER = """
import os, signal, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode=DELETE")
connection.execute("PRAGMA cache_size=2")
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE cables SET text = text || 'x', title = title || 'x'")
for n in range(3000):
    connection.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                       (f"junk{n}", "x" * 500))
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_hot_rollback_journal_is_recovered_not_refused(project, tmp_path) -> None:
    """A file of an earlier release (rollback journal) after a crash: the first open
    rolls the journal back, as SQLite does for a read-write connection."""
    title = queries.load_cable(project, SAMPLE_ID).title
    project.close()
    result = subprocess.run([sys.executable, "-c", ROLLBACK_KILLED_WRITER, str(project.path)],
                            timeout=60)
    assert result.returncode == -9
    journal = Path(f"{project.path}-journal")
    assert journal.exists() and journal.stat().st_size > 0, "a hot journal was left"
    listed = subprocess.run([sys.executable, "-m", "cable_annotator", "--project",
                             str(project.path), "list"], capture_output=True, text=True,
                            timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert title in listed.stdout and title + "x" not in listed.stdout
    assert not journal.exists() or journal.stat().st_size == 0
