"""Reading someone else's project file without touching it.

Merging a colleague's project must not change their file, yet opening a file of an older
release upgrades it in place. So the file is checked as any project is (SQLite, our
application id, not damaged, not from a newer release), copied with SQLite's backup API
into a temporary folder, and that copy is opened (and upgraded, if need be).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import sqlite as sqlite_file
from .errors import ProjectError
from .project import PROJECT_SUFFIX, Project


@contextmanager
def open_copy(path: Path | str) -> Iterator[Project]:
    """A temporary copy of the project at ``path``, open; removed afterwards."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise ProjectError(f"{path} does not exist or is not a file.")
    Project._check_existing(path)
    with tempfile.TemporaryDirectory(prefix="cable-annotator-merge-") as folder:
        copy = Path(folder) / ("other" + PROJECT_SUFFIX)
        try:
            sqlite_file.backup(path, copy)
        except (OSError, sqlite_file.DatabaseError) as error:
            raise ProjectError(f"Cannot read {path}: {error}.") from error
        try:
            project = Project.open(copy, create=False)
        except ProjectError as error:
            raise ProjectError(str(error).replace(str(copy), str(path))) from error
        try:
            yield project
        finally:
            project.close()
