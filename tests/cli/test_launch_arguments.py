"""``cable-annotator [--project PATH] [FILE…]`` beside the commands: which arguments start
the window, and bad files refused on the command line before any window appears."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cable_annotator.cli import _is_window_launch


@pytest.mark.parametrize(("argv", "window"), [
    ([], True),
    (["peru.cableproj"], True),
    (["--project", "list", "notes.txt"], True),  # a project called "list"
    (["--project", "p.cableproj"], True),
    (["--", "list"], True),  # a document called "list"
    (["./list"], True),
    (["list"], False),
    (["--project", "p.cableproj", "import", "a.txt"], False),
    (["export", "csv"], False),
    (["-h"], False),
])
def test_a_command_name_selects_the_command_else_the_window(argv, window) -> None:
    assert _is_window_launch(argv) is window


def launch(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cable_annotator", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("files", "words"), [
    (["gone.txt"], "gone.txt does not exist."),
    (["notes.pdf"], "notes.pdf is not a project or a document Cable Annotator reads "
                    "(.cableproj, .txt, .xml)."),
    (["a.cableproj", "b.cableproj"], "only one project opens at a time"),
])
def test_bad_launch_files_are_refused_before_any_window(tmp_path, files, words) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    result = launch(*(tmp_path / name for name in files))
    assert result.returncode == 1
    assert result.stderr.startswith("cable-annotator: ") and words in result.stderr
    assert not (tmp_path / "a.cableproj").exists()  # nothing was created


def test_help_shows_files_and_commands() -> None:
    result = launch("--help")
    assert result.returncode == 0
    assert "[FILE ... | COMMAND ...]" in result.stdout
    assert "import" in result.stdout and ".cableproj" in result.stdout
