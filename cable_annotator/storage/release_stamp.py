"""Which release made a project file: written into its settings table (no schema change).

A colleague's file then says what produced it: ``created_with`` is the release that
created the file, ``written_with`` the latest release that opened it for work. The stamp
is written only when it changes (once per release), so opening a file does not touch it
otherwise and a window watching the file sees no change from another process's open.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ..app_info import made_by
from .models import SettingRow

CREATED_WITH = "created_with"
WRITTEN_WITH = "written_with"


def stamp_new_project(session: Session) -> None:
    """In the transaction that creates a project: this release made it."""
    session.merge(SettingRow(key=CREATED_WITH, value=made_by()))
    session.merge(SettingRow(key=WRITTEN_WITH, value=made_by()))


def stamp_opened_project(engine: Engine) -> None:
    """On opening a project: record this release if another one wrote it last. A file
    that cannot be written (read-only, locked) keeps its old stamp: the stamp is a note,
    not the reader's data, and never a reason to refuse a project."""
    try:
        with Session(engine) as session, session.begin():
            row = session.get(SettingRow, WRITTEN_WITH)
            if row is None or row.value != made_by():
                session.merge(SettingRow(key=WRITTEN_WITH, value=made_by()))
    except DBAPIError:
        return
