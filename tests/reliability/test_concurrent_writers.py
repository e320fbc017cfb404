"""Two processes and the window write one project at once: no action fails, no write is
lost, and the window shows every outside change within its poll interval — also right
after committing something itself (the poll once swallowed outside commits then).

Two ``workload.py writer`` processes annotate and edit at full speed, the command line
runs ``annotate`` over and over in a thread, and the window (offscreen, its own 2-second
poll running) makes its own annotations every 150 ms. CI runs 12 seconds;
``WRITERS_SECONDS`` makes it longer (the issue's probe ran a minute).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from cable_annotator.services import annotating, queries

from ..ui.ui_fixtures import SAMPLE_ID
from ..ui.window_helpers import open_window
from .workload import WORKLOAD_TEXT_QUOTES, parse_writer_log

WORKLOAD = Path(__file__).with_name("workload.py")
POLL_SLACK = 0.75
"""Seconds beyond the 2 s poll interval allowed on top of the machine's own lateness."""
HEARTBEAT_MS = 100
"""A plain timer in the window's thread, to measure the machine: how late a timer fires
when nothing of ours delays it, in this run (a shared 2-core machine under another
developer's test suite starves the process for seconds at a time)."""


class Heartbeat:
    """Records, for each beat of a 100 ms timer, when it fired and how late it was."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.beats: list[tuple[float, float]] = []
        self._last = time.monotonic()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._beat)
        self._timer.start()

    def _beat(self) -> None:
        now = time.monotonic()
        self.beats.append((time.time(), max(0.0, now - self._last - HEARTBEAT_MS / 1000)))
        self._last = now

    def stop(self) -> None:
        self._timer.stop()

    def lateness(self, start: float, end: float) -> float:
        """The longest a beat was late between ``start`` and ``end`` (wall-clock times),
        counting the first beat after ``end``, which saw the end of that stretch."""
        late = [lateness for at, lateness in self.beats if start <= at <= end]
        after = next((lateness for at, lateness in self.beats if at > end), 0.0)
        return max([*late, after])


def test_two_writers_the_command_line_and_the_window(qtbot, project, tmp_path) -> None:
    seconds = float(os.environ.get("WRITERS_SECONDS", "12"))
    window = open_window(qtbot, project, tmp_path)
    window.outside_changes.check()  # start watching
    reloads: list[tuple[float, set[str]]] = []
    busy: list[tuple[float, float]] = []  # when the window was refreshing (its poll waits)
    original = window.outside_changes._on_change

    def recording_reload() -> None:
        started = time.time()
        original()
        reloads.append((started, {a.id for a in window._annotations}))
        busy.append((started, time.time()))

    window.outside_changes._on_change = recording_reload
    heartbeat = Heartbeat()
    logs = [tmp_path / f"writer-{n}.log" for n in (1, 2)]
    writers = [subprocess.Popen([sys.executable, str(WORKLOAD), "writer", str(project.path),
                                 str(log), str(seconds), str(n)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for n, log in enumerate(logs)]
    cli_results: list[subprocess.CompletedProcess] = []

    def command_line() -> None:
        deadline = time.monotonic() + seconds
        index = 0
        while time.monotonic() < deadline:
            quote = WORKLOAD_TEXT_QUOTES[index % len(WORKLOAD_TEXT_QUOTES)]
            cli_results.append(subprocess.run(
                [sys.executable, "-m", "cable_annotator", "--project", str(project.path),
                 "annotate", SAMPLE_ID, "--quote", quote, "--theme", "Arms race",
                 "--note", f"cli-{index}"], capture_output=True, text=True, timeout=120))
            index += 1

    cli_thread = threading.Thread(target=command_line)
    cli_thread.start()
    text = queries.load_cable(project, SAMPLE_ID).text
    theme = queries.list_themes(project)[0].id
    own_ids = []
    own_failures = []
    while any(writer.poll() is None for writer in writers) or cli_thread.is_alive():
        start = (len(own_ids) * 37) % (len(text) - 20)
        began = time.time()
        try:
            own_ids.append(annotating.create_annotation(
                window.project, SAMPLE_ID, "body", start, start + 12, [theme],
                note="window").annotation.id)
        except Exception as error:  # noqa: BLE001 - counted: the test demands zero
            own_failures.append(repr(error))
        busy.append((began, time.time()))  # waiting for the write lock blocks the poll too
        qtbot.wait(150)
    cli_thread.join()
    qtbot.wait(2600)  # one more poll for the last outside commits
    heartbeat.stop()
    for writer in writers:
        writer.communicate(timeout=60)

    parsed = [parse_writer_log(log) for log in logs]
    failed_cli = [r.stderr for r in cli_results if r.returncode != 0]
    assert [p.failed for p in parsed] == [0, 0], [p.errors[:3] for p in parsed]
    assert failed_cli == [] and own_failures == [], (failed_cli[:3], own_failures[:3])
    assert all(p.actions > 50 for p in parsed), "each writer wrote at full speed"

    stored = {a.id: a for a in queries.annotations_of(project, SAMPLE_ID)}
    for log in parsed:
        for annotation_id, note in log.final_notes.items():
            assert annotation_id in stored, f"lost write {annotation_id}"
            assert stored[annotation_id].note == note, f"lost edit of {annotation_id}"
    assert set(own_ids) <= set(stored)
    cli_notes = {a.note for a in stored.values() if a.note.startswith("cli-")}
    assert len(cli_notes) == len(cli_results)

    assert len(reloads) >= 2, "the window kept polling and refreshing"
    latencies = []
    overshoots = []  # latency beyond the poll interval and the machine's lateness
    for log in parsed:
        for annotation_id, committed in log.added_at.items():
            shown = [at for at, ids in reloads if at > committed and annotation_id in ids]
            assert shown, f"the window never showed {annotation_id}"
            for at, ids in reloads:
                if at > committed:
                    assert annotation_id in ids, "an outside change vanished from the window"
            # The poll comes at most one interval of free GUI-thread time after the commit:
            # its timer waits while the window refreshes or makes its own write (which
            # waits for the writers' lock), so that time is not counted.
            waited = sum(max(0.0, min(end, shown[0]) - max(start, committed))
                         for start, end in busy)
            latency = shown[0] - committed - waited
            latencies.append(latency)
            # The bound is the poll interval, plus how late a bare timer of this thread
            # fired meanwhile (the machine's floor, measured in this run), plus a little:
            # a poll that came late on a starved machine passes, a poll that came late
            # while timers were on time (a slower poll, a lost change) does not.
            floor = heartbeat.lateness(committed, shown[0])
            overshoots.append((latency - floor, latency, floor))
    worst = max(overshoots)
    assert worst[0] <= 2.0 + POLL_SLACK, (
        f"a change was shown {worst[1]:.2f} s after its commit, {worst[0]:.2f} s beyond "
        f"the machine's own timer lateness then ({worst[2]:.2f} s)")
    print(f"concurrent writers: {seconds:.0f} s, writer actions "
          f"{[p.actions for p in parsed]}, cli annotate {len(cli_results)}, window writes "
          f"{len(own_ids)}, window reloads {len(reloads)}, failed 0, lost 0, "
          f"slowest outside change shown {max(latencies):.2f} s of free GUI time after its "
          f"commit ({worst[0]:.2f} s beyond a bare timer's lateness of "
          f"{worst[2]:.2f} s; the longest lateness of the run "
          f"{max(lateness for _, lateness in heartbeat.beats):.2f} s), "
          f"longest own write (waiting for the lock) "
          f"{max(end - start for start, end in busy[-len(own_ids):]):.2f} s")


def _cli_annotate(project, quote: str, note: str) -> None:
    result = subprocess.run([sys.executable, "-m", "cable_annotator", "--project",
                             str(project.path), "annotate", SAMPLE_ID, "--quote", quote,
                             "--theme", "Fisheries", "--note", note],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_an_outside_change_just_before_an_own_commit_is_still_shown(qtbot, project,
                                                                     tmp_path) -> None:
    """The issue's case: the command line writes, then the window commits something
    itself before its poll; the poll must still report (and show) the outside change."""
    window = open_window(qtbot, project, tmp_path)
    window.outside_changes.check()
    theme = queries.list_themes(project)[0].id
    _cli_annotate(project, "fisheries dispute", "from the command line")
    annotating.create_annotation(window.project, SAMPLE_ID, "body", 0, 5, [theme])
    assert window.outside_changes.check(), "the outside change was swallowed"
    assert "from the command line" in {a.note for a in window._annotations}
    annotating.create_annotation(window.project, SAMPLE_ID, "body", 6, 9, [theme])
    assert not window.outside_changes.check(), "its own commit alone is not outside"
    annotating.create_annotation(window.project, SAMPLE_ID, "body", 10, 14, [theme])
    _cli_annotate(project, "Soviet tanks", "right after")
    assert window.outside_changes.check()
    assert "right after" in {a.note for a in window._annotations}
