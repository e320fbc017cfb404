"""File dialogs that never open a file to see what it is.

SQLite coordinates the window, the command line and a colleague's second window through
POSIX advisory locks on the project file and its ``-wal`` and ``-shm``. Such locks belong to
the process, and closing *any* descriptor the process holds on one of those files drops
all of them. Qt's file dialog, listing a folder, asks the MIME database what each file is,
and for a name it cannot place (``-wal``, ``-shm``, and ``.cableproj`` where our MIME type
is not installed) it reads the file's first bytes — opening and closing it. The window then
held no lock: the next ``cable-annotator`` run took itself for the last user, folded the log
into the file and deleted it while the window went on writing into the deleted log, and
annotations shown as saved were lost. The platform's native dialog (GTK's, in this
process) sniffs contents the same way.

So every file dialog of the window is Qt's own, with an icon provider that names and
draws files from their names alone. Use these functions, never ``QFileDialog.get…``
(a test checks the source).
"""

from __future__ import annotations

from PySide6.QtCore import QFileInfo, QMimeDatabase
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from a file's name (its extension), never its contents."""

    def __init__(self) -> None:
        super().__init__()
        self._mime = QMimeDatabase()

    def _type_of(self, info: QFileInfo):
        return self._mime.mimeTypeForFile(info, QMimeDatabase.MatchMode.MatchExtension)

    def icon(self, what):  # noqa: D102 - QFileIconProvider.icon(IconType | QFileInfo)
        if not isinstance(what, QFileInfo) or not what.isFile():
            return super().icon(what)  # folders, drives, the computer: no file is read
        mime = self._type_of(what)
        return QIcon.fromTheme(mime.iconName(), QIcon.fromTheme(
            mime.genericIconName(), super().icon(QFileIconProvider.IconType.File)))

    def type(self, info: QFileInfo) -> str:  # noqa: A003 - Qt's name
        if not info.isFile():
            return super().type(info)
        mime = self._type_of(info)
        return mime.comment() or mime.name()


def _dialog(parent: QWidget | None, caption: str, directory: str, name_filter: str,
            mode: QFileDialog.FileMode, accept: QFileDialog.AcceptMode) -> QFileDialog:
    dialog = QFileDialog(parent, caption, directory, name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    provider = NameOnlyIconProvider()
    dialog.setIconProvider(provider)
    dialog._name_only_icons = provider  # the dialog does not own it: keep it alive
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    try:
        return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    finally:
        dialog.deleteLater()


def open_file_name(parent: QWidget | None, caption: str, directory: str = "",
                   name_filter: str = "") -> str:
    """One existing file the reader picks ('' when cancelled)."""
    chosen = _run(_dialog(parent, caption, directory, name_filter,
                          QFileDialog.FileMode.ExistingFile, QFileDialog.AcceptMode.AcceptOpen))
    return chosen[0] if chosen else ""


def open_file_names(parent: QWidget | None, caption: str, directory: str = "",
                    name_filter: str = "") -> list[str]:
    """Existing files the reader picks (none when cancelled)."""
    return _run(_dialog(parent, caption, directory, name_filter,
                        QFileDialog.FileMode.ExistingFiles, QFileDialog.AcceptMode.AcceptOpen))


def save_file_name(parent: QWidget | None, caption: str, directory: str = "",
                   name_filter: str = "") -> str:
    """A file name to write, which may exist ('' when cancelled). ``directory`` may end in
    a suggested file name. The dialog asks before an existing file is chosen."""
    chosen = _run(_dialog(parent, caption, directory, name_filter,
                          QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave))
    return chosen[0] if chosen else ""
