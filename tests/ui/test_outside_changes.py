"""The window follows changes another program makes to the open project."""

from __future__ import annotations

import subprocess
import sys

from cable_annotator.services import queries

from .ui_fixtures import ARMS_RACE_QUOTE, SAMPLE_ID, annotate
from .window_helpers import open_window


def cli(project, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "cable_annotator", "--project", str(project.path),
                    *args], check=True, capture_output=True, timeout=120)


def test_annotation_made_on_the_command_line_appears_in_the_open_window(qtbot, project,
                                                                        tmp_path):
    own = annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    window = open_window(qtbot, project, tmp_path)
    window.outside_changes.check()  # start watching
    scroll = window.reading.cable_text().verticalScrollBar()
    scroll.setValue(scroll.maximum() // 2)
    position = scroll.value()
    cli(project, "annotate", SAMPLE_ID, "--quote", "fisheries dispute", "--theme", "Fisheries")
    assert window.outside_changes.check()
    stored = queries.annotations_of(project, SAMPLE_ID)
    assert len(stored) == 2
    outside = next(a for a in stored if a.id != own.id)
    assert window.reading.annotations_at("body", outside.start + 2) == [outside.id]
    assert window.annotations.model.rowCount() == 2
    assert window.corpus.model.cable_ids() == [SAMPLE_ID]
    assert scroll.value() == position, "the reader keeps their place"
    assert "outside this window" in window.statusBar().currentMessage()
    assert not window.outside_changes.check(), "reported once"


def test_own_edits_do_not_count_as_outside_changes(qtbot, project, tmp_path):
    window = open_window(qtbot, project, tmp_path)
    window.outside_changes.check()
    annotate(project, ARMS_RACE_QUOTE, ["Arms race"])  # through the same Project object
    assert not window.outside_changes.check()


def test_a_cable_imported_elsewhere_joins_the_corpus(qtbot, project, tmp_path):
    window = open_window(qtbot, project, tmp_path)
    window.outside_changes.check()
    other = tmp_path / "frus1969-76ve11p2-d294.txt"
    sample = window.current_cable()
    other.write_text("294. Telegram 1 From the Embassy in Peru to the Department of State\n\n"
                     "1. The Ambassador saw Velasco today.\n\nBelcher\n", encoding="utf-8")
    cli(project, "import", str(other))
    assert window.outside_changes.check()
    assert window.corpus.model.cable_ids() == [SAMPLE_ID, "frus1969-76ve11p2/d294"]
    assert window.current_cable().id == sample.id


def test_reading_elsewhere_and_exporting_are_not_outside_changes(qtbot, project, tmp_path):
    """A command-line run that only reads, and the window's own export worker, open and
    close the project: neither is a change (closing once reset the log, which looked like
    one and hid the export's message under "changes made outside this window")."""
    from .window_helpers import export_rows

    annotate(project, ARMS_RACE_QUOTE, ["Arms race"])
    window = open_window(qtbot, project, tmp_path)
    window.outside_changes.check()
    cli(project, "list")
    cli(project, "export", "csv", "-o", str(tmp_path / "cli.csv"))
    assert not window.outside_changes.check()
    rows = export_rows(qtbot, window, tmp_path / "window.csv")
    assert len(rows) == 1
    message = window.statusBar().currentMessage()
    assert not window.outside_changes.check()
    assert window.statusBar().currentMessage() == message
    assert "outside this window" not in message


def test_the_windows_own_import_is_not_announced_as_an_outside_change(qtbot, project,
                                                                      tmp_path, shared_corpus):
    """The worker of the window's own import writes through a connection of its own; the
    poll said "Updated with changes made outside this window" while the progress dialog
    showed (a new user's walkthrough). It waits for the job; the job's end shows all."""
    window = open_window(qtbot, project, tmp_path)
    window.outside_changes.check()
    announced: list[str] = []
    window.statusBar().messageChanged.connect(announced.append)
    polled: list[bool] = []
    finished = []
    window.importFinished.connect(finished.append)
    window.import_paths([shared_corpus / "frus" / "frus1964-68v28.xml"])
    while not finished:
        polled.append(window.outside_changes.check())  # as the 2 s timer would
        qtbot.wait(20)
    assert finished[0] is not None, "the import succeeded"
    assert not any(polled)
    assert not window.outside_changes.check(), "its writes are known as the window's own"
    assert not any("outside this window" in message for message in announced), announced
    assert len(window.corpus.model.cable_ids()) > 300
