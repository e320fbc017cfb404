"""Two real processes: a second launch hands its files to the window already open on the
project (over QLocalServer) and exits; the window imports them. A window that died leaves
a stale socket that the next launch clears; a window sent SIGTERM closes cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalServer

from cable_annotator.ui.desktop.single_instance import hand_over, socket_name
from tests.conftest import SAMPLE_ID

START_TIMEOUT = 60.0


def launch(*args: str | Path) -> subprocess.Popen:
    """``cable-annotator ARGS`` as a desktop would start it (offscreen here)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-m", "cable_annotator", *map(str, args)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def new_project(path: Path) -> Path:
    """An empty project file at ``path``, as the window makes one once the reader says
    yes to starting one there (a launch on a missing path asks first)."""
    from cable_annotator.storage.project import Project

    Project.open(path).close()
    return path


def wait_for_window(project: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not hand_over(project, [], timeout_ms=500):
        assert process.poll() is None, f"the window exited: {process.communicate()}"
        assert time.monotonic() < deadline, "the window never listened"
        time.sleep(0.2)


def cables_in(project: Path) -> list[str]:
    listing = subprocess.run([sys.executable, "-m", "cable_annotator", "--project",
                              str(project), "list", "--json"],
                             capture_output=True, text=True, check=True)
    return [cable["id"] for cable in json.loads(listing.stdout)]


def crash(process: subprocess.Popen, project: Path | None = None) -> None:
    """End a window as a crash would (its socket stays behind); with ``project``, clear
    that socket too, so the test leaves nothing in the temporary folder."""
    process.kill()
    process.communicate(timeout=30)  # reaps it and closes its pipes
    if project is not None:
        QLocalServer.removeServer(socket_name(project))


def close(process: subprocess.Popen) -> None:
    """End a window as a logout does (SIGTERM): it closes as by its close button."""
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err


def test_a_second_launch_hands_its_document_to_the_open_window(qapp, tmp_path, sample_copy):
    project = new_project(tmp_path / "peru.cableproj")
    first = launch(project)  # a project file named on the command line
    try:
        wait_for_window(project, first)
        second = launch(project, sample_copy)
        out, err = second.communicate(timeout=60)
        assert second.returncode == 0, err
        deadline = time.monotonic() + 60
        while SAMPLE_ID not in cables_in(project):  # the first window imports it
            assert time.monotonic() < deadline, "the handed-over document was not imported"
            time.sleep(0.5)
        assert first.poll() is None  # still open, one window on the project
    finally:
        crash(first)
    # The first window died without closing its socket; the next launch takes over.
    third = launch(project)
    try:
        wait_for_window(project, third)
    except BaseException:
        crash(third, project)
        raise
    close(third)
    socket_file = Path(QDir.tempPath()) / socket_name(project)
    assert not socket_file.exists(), "a closed window left its socket behind"


def test_a_launch_on_another_project_opens_its_own_window(qapp, tmp_path):
    first_project = new_project(tmp_path / "a.cableproj")
    other_project = new_project(tmp_path / "b.cableproj")
    first = launch(first_project)
    try:
        wait_for_window(first_project, first)
        other = launch("--project", other_project)
        try:
            wait_for_window(other_project, other)  # listening on its own project
            assert other.poll() is None and first.poll() is None
        finally:
            crash(other, other_project)
    finally:
        crash(first, first_project)
