"""The real-window suite: the whole MainWindow on a real X server, with a window manager.

pytest-xvfb starts Xvfb for the session (and sets DISPLAY) before Qt starts; the
``x11_desktop`` fixture below starts openbox on that display, so windows are managed,
focused and resized as on a desktop, and stops it at the end. Qt must run on its xcb
platform (``QT_QPA_PLATFORM=xcb``), which is why these tests run in their own pytest
process: ``QT_QPA_PLATFORM=xcb python -m pytest -m x11`` (see README, "Set-up").

Every missing piece (Xvfb, openbox, xdotool, the xcb platform, the shared corpus) makes
the tests fail with a sentence saying what to install, never skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from .corpus_project import build_annotated_project

X11_HELP = ("the real-window tests need Xvfb, openbox and xdotool from Debian "
            "(apt-get install xvfb openbox xdotool) and run apart on Qt's xcb platform: "
            "QT_QPA_PLATFORM=xcb python -m pytest -m x11 (see README, 'Set-up')")


def _fail(message: str) -> None:
    pytest.fail(f"{message}; {X11_HELP}.", pytrace=False)


@pytest.fixture(scope="session")
def x11_display(xvfb) -> str:
    """The DISPLAY of the Xvfb that pytest-xvfb started for this session."""
    if shutil.which("Xvfb") is None:
        _fail("Xvfb is not installed")
    if xvfb is None or xvfb.display is None:
        _fail("pytest-xvfb did not start Xvfb (was --no-xvfb given, or pytest-xvfb not "
              "installed?)")
    display = os.environ.get("DISPLAY", "")
    if display != f":{xvfb.display}":
        _fail(f"DISPLAY is {display!r}, not the session's Xvfb :{xvfb.display}")
    return display


@pytest.fixture(scope="session")
def x11_desktop(x11_display: str, tmp_path_factory: pytest.TempPathFactory):
    """openbox managing the session's Xvfb display, for the whole session."""
    if shutil.which("openbox") is None:
        _fail("openbox (the window manager) is not installed")
    folder = tmp_path_factory.mktemp("openbox")
    ready = folder / "ready"
    log = (folder / "openbox.log").open("wb")
    # --startup runs once openbox manages the screen: the window manager is ready then.
    process = subprocess.Popen(
        ["openbox", "--sm-disable", "--startup", f"touch {ready}"],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "DISPLAY": x11_display},
    )
    deadline = time.monotonic() + 20
    while not ready.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log.close()
            _fail(f"openbox did not start on {x11_display}: "
                  f"{(folder / 'openbox.log').read_text(errors='replace')[-400:]}")
        time.sleep(0.05)
    yield x11_display
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


@pytest.fixture(autouse=True)
def _on_xcb(request):
    """Every x11 test runs on the managed display, with Qt on the xcb platform."""
    request.getfixturevalue("x11_desktop")
    from PySide6.QtWidgets import QApplication

    request.getfixturevalue("qapp")
    platform = QApplication.platformName()
    if platform != "xcb":
        _fail(f"Qt runs on the {platform!r} platform, not xcb")


@pytest.fixture(scope="session")
def xdotool(x11_desktop) -> str:
    path = shutil.which("xdotool")
    if path is None:
        _fail("xdotool is not installed")
    return path


@pytest.fixture(scope="module")
def annotated_project(shared_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    """One project per module: vols. 1964–68 XXVIII and 1961–63 XII imported, every
    document of XXVIII annotated (a body phrase each, a footnote passage in many)."""
    project = build_annotated_project(shared_corpus, tmp_path_factory.mktemp("x11-project"))
    yield project
    project.close()
