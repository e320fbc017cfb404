"""The program as the desktop starts it, on a real X server with a window manager: the
window carries our icon for the taskbar (``_NET_WM_ICON``, every size) and the class the
desktop entry names (``StartupWMClass``), a second launch
with a document reaches the open window, which imports it, and the window closes cleanly
on SIGTERM (a logout)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cable_annotator.resources_access import ICON_SIZES
from cable_annotator.ui.desktop.single_instance import hand_over
from tests.conftest import REPO_ROOT, SAMPLE_ID, SAMPLE_TEXT

pytestmark = pytest.mark.x11
DESKTOP = REPO_ROOT / "packaging" / "org.cableannotator.CableAnnotator.desktop"


def launch(*args: str | Path) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    return subprocess.Popen([sys.executable, "-m", "cable_annotator", *map(str, args)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def window_of(process: subprocess.Popen, xdotool: str) -> str:
    """The X window id of ``process``'s main window, once it is mapped."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        found = subprocess.run([xdotool, "search", "--onlyvisible", "--pid", str(process.pid),
                                "--name", "Cable Annotator"], capture_output=True, text=True)
        if found.stdout.strip():
            return found.stdout.split()[0]
        time.sleep(0.2)
    raise AssertionError("the window never appeared")


def cables_in(project: Path) -> list[str]:
    listing = subprocess.run([sys.executable, "-m", "cable_annotator", "--project",
                              str(project), "list", "--json"],
                             capture_output=True, text=True, check=True)
    return [cable["id"] for cable in json.loads(listing.stdout)]


def test_desktop_launch_icon_second_launch_and_logout(tmp_path, xdotool):
    if shutil.which("xprop") is None:
        pytest.fail("xprop is missing: apt-get install x11-utils (see README, 'Set-up')",
                    pytrace=False)
    from cable_annotator.storage.project import Project

    project = tmp_path / "peru.cableproj"
    Project.open(project).close()  # (a launch on a missing path asks before making one)
    first = launch(project)
    try:
        window = window_of(first, xdotool)
        icon = subprocess.run(["xprop", "-id", window, "_NET_WM_ICON"], capture_output=True,
                              text=True, check=True).stdout
        sizes = {int(width) for width, height in re.findall(r"Icon \((\d+) x (\d+)\)", icon)
                 if width == height}
        assert sizes >= {16, 32, 48}, icon[:200]
        assert sizes <= set(ICON_SIZES)
        # On X11 the taskbar finds the menu entry (its name and icon) by the window's
        # class, which the desktop entry names as StartupWMClass.
        wm_class = subprocess.run(["xprop", "-id", window, "WM_CLASS"], capture_output=True,
                                  text=True, check=True).stdout
        startup_class = next(line.split("=", 1)[1] for line in DESKTOP.read_text(
            encoding="utf-8").splitlines() if line.startswith("StartupWMClass="))
        assert wm_class.strip().endswith(f'"{startup_class}"'), wm_class
        second = launch(project, SAMPLE_TEXT)  # a document double-clicked in the files
        _out, err = second.communicate(timeout=60)
        assert second.returncode == 0, err
        deadline = time.monotonic() + 60
        while SAMPLE_ID not in cables_in(project):
            assert time.monotonic() < deadline, "the open window did not import the document"
            time.sleep(0.5)
        title = subprocess.run([xdotool, "getwindowname", window], capture_output=True,
                               text=True, check=True).stdout
        assert "peru.cableproj" in title
        assert hand_over(project, [])  # still the one window, answering
    except BaseException:
        first.kill()
        first.communicate()
        raise
    first.terminate()
    _out, err = first.communicate(timeout=30)
    assert first.returncode == 0, err
