"""The part of a DB-API 2 connection that plain-SQL reads use (``Project.raw_reading``).

Reads written in portable SQL run on the driver's own connection, without SQLAlchemy:
the window's first screen is read that way while SQLAlchemy is still being imported.
Only ``sqlite.py`` and ``project.py`` know which driver it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol


class Cursor(Protocol):
    def fetchone(self) -> Sequence[Any] | None: ...

    def fetchall(self) -> list[Sequence[Any]]: ...


class Connection(Protocol):
    """A connection whose ``execute`` takes named (``:name``) parameters."""

    def execute(self, sql: str, parameters: dict[str, Any] | Iterable[Any] = ...) -> Cursor: ...
