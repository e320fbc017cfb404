"""The one error importers raise for bad input, so callers can report it in one sentence."""

from __future__ import annotations

from pathlib import Path


class ImportFailed(Exception):
    """A file could not be imported. ``str()`` names the file, the line if known, and why."""

    def __init__(self, path: str | Path, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {problem}")


class ImportCancelled(Exception):
    """The user cancelled a long import; nothing was stored."""
