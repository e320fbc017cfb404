"""SIGKILL a working session at random moments: nothing committed is ever lost, and the
project always opens again — from the command line and in the window.

A warmed-up "zygote" process forks each worker (see ``workload.py``), which adds, edits
and deletes annotations, re-imports a whole FRUS volume, exports CSV and saves a copy
(Save As) on one project, logging each change after its commit. After every kill: the
project opens (``Project.open`` as the command line does; the real command line and the
window every tenth kill), passes ``PRAGMA integrity_check``, and every logged change is
there with its last committed state. CI runs 50 kills; ``-m soak`` runs 1,000.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cable_annotator.file_safety import PARTIAL_MARKER
from cable_annotator.services.importing import import_files
from cable_annotator.storage.project import Project

from ..conftest import SAMPLE_TEXT, SAMPLE_VOLUME
from .change_log import CommittedState

WORKLOAD = Path(__file__).with_name("workload.py")
VOLUME = "frus1969-76ve09p1.xml"  # 128 documents, 1.1 MB: an import takes about a second


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cable_annotator", *args],
                          capture_output=True, text=True, timeout=120)


class Zygote:
    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, str(WORKLOAD), "zygote"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, bufsize=1)
        assert self.process.stdout.readline().strip() == "ZYGOTE"

    def fork(self, project: Path, log: Path, seed: int, volume: Path, export: Path) -> int:
        self.process.stdin.write(f"go {project} {log} {seed} {volume} {export}\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()


def _wait_ready(log: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists():
            text = log.read_text(encoding="utf-8")
            if "CRASHED" in text:
                pytest.fail(f"the worker failed before it was killed: {text}")
            if "READY" in text:
                return
        time.sleep(0.005)
    pytest.fail("the worker did not start")


def _integrity(path: Path) -> str:
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def _window_opens(qtbot, path: Path, tmp_path: Path) -> None:
    from cable_annotator.ui.window.main_window import MainWindow

    from ..ui.ui_fixtures import settings_file

    project = Project.open(path, create=False)
    window = MainWindow(project, settings_file(tmp_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.current_cable() is not None
    window.close()
    project.close()


def run_kills(kills: int, folder: Path, shared_corpus: Path, qtbot, seed: int) -> dict:
    rng = random.Random(seed)
    path = folder / "crash.cableproj"
    with Project.open(path) as project:
        import_files(project, [SAMPLE_TEXT], volume=SAMPLE_VOLUME)
    volume = shared_corpus / "frus" / VOLUME
    export = folder / "export.csv"
    state = CommittedState()
    figures = {"kills": 0, "checked_changes": 0, "interrupted_actions": 0,
               "stale_partials_seen": 0, "imports_begun": 0, "imports_cut": 0,
               "cli_opens": 0, "window_opens": 0}
    zygote = Zygote()
    try:
        for kill in range(kills):
            log = folder / f"run-{kill}.log"
            pid = zygote.fork(path, log, rng.randrange(1 << 30), volume, export)
            _wait_ready(log)
            time.sleep(rng.uniform(0.0, 0.4))
            os.kill(pid, signal.SIGKILL)
            figures["kills"] += 1
            time.sleep(0.01)  # let the kernel finish tearing the process down
            pending = state.replay(log)
            figures["interrupted_actions"] += pending is not None
            text = log.read_text(encoding="utf-8")
            figures["imports_begun"] += text.count("BEGIN import")
            figures["imports_cut"] += text.count("BEGIN import") - text.count("DONE import")
            figures["stale_partials_seen"] += sum(PARTIAL_MARKER in name
                                                  for name in os.listdir(folder))
            with Project.open(path, create=False):  # recovers, checks, opens
                pass
            assert _integrity(path) == "ok", f"after kill {kill}"
            problems = state.check(path, pending)
            assert not problems, f"after kill {kill}: {problems[:5]}"
            if kill % 10 == 9:
                listed = _cli("--project", str(path), "list")
                assert listed.returncode == 0, listed.stderr
                figures["cli_opens"] += 1
                if qtbot is not None:
                    _window_opens(qtbot, path, folder)
                    figures["window_opens"] += 1
    finally:
        zygote.close()
    exported = _cli("--project", str(path), "export", "csv", "-o", str(export))
    assert exported.returncode == 0, exported.stderr
    leftovers = [name for name in os.listdir(folder) if PARTIAL_MARKER in name
                 or name.endswith(("-journal", "-wal", "-shm"))]
    assert leftovers == [], "stale temporary files are cleaned up by the next export"
    copy = folder / "copy.cableproj"
    if copy.exists():  # a Save As that completed is a whole project
        with Project.open(copy, create=False):
            pass
        assert _integrity(copy) == "ok"
    figures["checked_changes"] = state.changes_checked
    return figures


@pytest.mark.shared
def test_fifty_kills_lose_nothing_and_the_project_always_opens(qtbot, tmp_path,
                                                               shared_corpus) -> None:
    figures = run_kills(50, tmp_path, shared_corpus, qtbot, seed=9)
    print("crash safety:", figures)
    assert figures["kills"] == 50
    assert figures["checked_changes"] > 100, "the workers did real work between kills"
    assert figures["window_opens"] == 5
    assert figures["imports_cut"] >= 1, "some kills landed in the middle of an import"


@pytest.mark.soak
@pytest.mark.shared
def test_soak_a_thousand_kills(qtbot, tmp_path, shared_corpus) -> None:
    kills = int(os.environ.get("SOAK_KILLS", "1000"))
    figures = run_kills(kills, tmp_path, shared_corpus, qtbot, seed=int(time.time()))
    print("crash safety soak:", figures)
    assert figures["kills"] == kills
