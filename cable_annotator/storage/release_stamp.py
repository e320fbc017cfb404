"""Which release made a project file: written into its settings table (no schema change).

A colleague's file then says what produced it: ``created_with`` is the release that
created the file, ``written_with`` the latest release that opened it for work. The stamp
is written only when it changes (once per release), so opening a file does not touch it
otherwise and a window watching the file sees no change from another process's open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..app_info import made_by
from . import dbapi

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

CREATED_WITH = "created_with"
WRITTEN_WITH = "written_with"


def stamp_new_project(session: Session) -> None:
    """In the transaction that creates a project: this release made it."""
    from .models import SettingRow

    session.merge(SettingRow(key=CREATED_WITH, value=made_by()))
    session.merge(SettingRow(key=WRITTEN_WITH, value=made_by()))


def stamp_opened_project(engine: Engine) -> None:
    """On opening a project: record this release if another one wrote it last. A file
    that cannot be written (read-only, locked) keeps its old stamp: the stamp is a note,
    not the reader's data, and never a reason to refuse a project."""
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.orm import Session

    from .models import SettingRow

    try:
        with Session(engine) as session, session.begin():
            row = session.get(SettingRow, WRITTEN_WITH)
            if row is None or row.value != made_by():
                session.merge(SettingRow(key=WRITTEN_WITH, value=made_by()))
    except DBAPIError:
        return


def needs_stamp(connection: dbapi.Connection) -> bool:
    """Whether ``stamp_opened_project`` would write: another release wrote the file last
    (read with the standard library, so an open that needs no stamp needs no engine)."""
    row = connection.execute("SELECT value FROM settings WHERE key = ?",
                             (WRITTEN_WITH,)).fetchone()
    return row is None or row[0] != made_by()
