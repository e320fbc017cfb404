"""A second project object in the process must not cost the first its locks.

POSIX drops every lock a process holds on a file when it closes any descriptor of that
file. Reading a project's header with a plain open() while the window had the same file
open (the window's import job opens its own project object) let the command line, on
closing, take itself for the file's last user and delete the write-ahead log: the window
then saw no further outside change, a new connection found the file "malformed", and the
window's later commits went to a deleted log.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from cable_annotator.services import queries
from cable_annotator.services.importing import import_files
from cable_annotator.storage.project import Project

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "frus1969-76ve11p2-d293.txt"
OLD_PAGE = REPO / "tests" / "fixtures" / "text" / "eras" / "frus1861-d72.txt"
TELEGRAM = REPO / "tests" / "fixtures" / "telegrams" / "1974STATE016696.txt"


def _cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cable_annotator", "--project", str(project),
                           *args], capture_output=True, text=True, timeout=120)


def test_a_second_project_object_keeps_the_first_ones_view_and_the_log(tmp_path) -> None:
    path = tmp_path / "shared.cableproj"
    assert _cli(path, "import", str(SAMPLE)).returncode == 0
    window = Project.open(path)
    try:
        assert window.changed_elsewhere() is False  # starts watching
        job = Project.open(path)  # as the window's background import does
        import_files(job, [OLD_PAGE])
        job.close()
        assert window.changed_elsewhere() is True
        outside = _cli(path, "import", str(TELEGRAM))
        assert outside.returncode == 0, outside.stderr
        assert window.changed_elsewhere() is True  # the outside import is seen
        with sqlite3.connect(path) as fresh:  # and the file is whole for anyone
            assert fresh.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert fresh.execute("SELECT count(*) FROM cables").fetchone()[0] == 3
        assert len(queries.list_cables(window)) == 3
    finally:
        window.close()
    with Project.open(path) as again:
        assert len(queries.list_cables(again)) == 3


def test_a_file_that_is_no_database_is_refused_by_sqlite_itself(tmp_path) -> None:
    path = tmp_path / "letter.cableproj"
    path.write_bytes(b"Dear colleague, here are my notes.\n" * 200)
    before = path.read_bytes()
    result = _cli(path, "list")
    assert result.returncode != 0
    assert "is not a Cable Annotator project (it is not an SQLite database)" in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.cableproj"]
