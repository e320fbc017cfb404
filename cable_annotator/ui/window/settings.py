"""Window preferences kept between sessions (QSettings), behind named accessors.

Keys live here only, so a renamed key cannot leave a stale twin elsewhere, and tests can
point the whole window at a throwaway INI file instead of the user's real settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "CableAnnotator"
APPLICATION = "Cable Annotator"


class AppSettings:
    """Typed access to the few preferences the window remembers."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings(ORGANIZATION, APPLICATION)

    @classmethod
    def in_file(cls, path: Path) -> AppSettings:
        """Settings kept in an INI file of their own (tests, portable installs)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    def splitter_state(self, name: str) -> QByteArray | None:
        return self._bytes(f"splitters/{name}")

    def set_splitter_state(self, name: str, value: QByteArray) -> None:
        self._store.setValue(f"splitters/{name}", value)

    @property
    def last_project(self) -> Path | None:
        value = self._store.value("project/last")
        return Path(value) if value else None

    @last_project.setter
    def last_project(self, path: Path | None) -> None:
        self._store.setValue("project/last", str(path) if path else "")

    RECENT_LIMIT = 10

    @property
    def recent_projects(self) -> list[Path]:
        """Projects opened lately, the latest first (File → Open Recent)."""
        value = self._store.value("project/recent", [])
        if isinstance(value, str):  # QSettings gives a lone entry as a string
            value = [value]
        return [Path(item) for item in value or [] if item]

    def add_recent_project(self, path: Path) -> None:
        path = Path(path).resolve()
        recent = [path] + [p for p in self.recent_projects if p != path]
        self._store.setValue("project/recent", [str(p) for p in recent[:self.RECENT_LIMIT]])

    def clear_recent_projects(self) -> None:
        self._store.setValue("project/recent", [])

    def reading_place(self, project: Path) -> tuple[str, str, int] | None:
        """Where the reader left ``project``: ``(cable id, part, offset)`` of the first line
        on screen. Kept with the reader's settings, not in the project file: a project
        mailed to a colleague does not carry one's scroll position."""
        value = self._store.value(f"reading/place/{_key_of(project)}", "")
        cable_id, _, rest = (value if isinstance(value, str) else "").partition("\t")
        part, _, offset = rest.partition("\t")
        return (cable_id, part, int(offset)) if cable_id and offset.isdigit() else None

    def set_reading_place(self, project: Path, cable_id: str, part: str, offset: int) -> None:
        self._store.setValue(f"reading/place/{_key_of(project)}",
                             f"{cable_id}\t{part}\t{offset}")

    @property
    def last_text_volume(self) -> str:
        """The volume id given at the last plain-text import: a reader copies page after
        page of one volume, and typing the id each time is the chore."""
        value = self._store.value("import/last_text_volume", "")
        return value if isinstance(value, str) else ""

    @last_text_volume.setter
    def last_text_volume(self, volume: str) -> None:
        self._store.setValue("import/last_text_volume", volume)

    @property
    def snap_to_words(self) -> bool:
        value = self._store.value("reading/snap_to_words", True)
        return value in (True, "true", "1", 1)

    @snap_to_words.setter
    def snap_to_words(self, value: bool) -> None:
        self._store.setValue("reading/snap_to_words", bool(value))

    @property
    def appearance(self) -> str:
        """View → Appearance: ``system``, ``light`` or ``dark``."""
        return str(self._store.value("reading/appearance", "system") or "system")

    @appearance.setter
    def appearance(self, value: str) -> None:
        self._store.setValue("reading/appearance", value)

    @property
    def last_directory(self) -> str:
        """Where the last file was imported from; the home folder before the first import,
        or once that folder is gone (an empty value opened the dialog in whatever folder
        the program was started from: the data folder, for the trial's reader)."""
        value = str(self._store.value("files/last_directory", "") or "")
        return value if value and Path(value).is_dir() else str(Path.home())

    @last_directory.setter
    def last_directory(self, value: str) -> None:
        self._store.setValue("files/last_directory", value)

    @property
    def last_export_directory(self) -> str:
        """Where the last CSV was written: exports go together, apart from the sources."""
        return str(self._store.value("files/last_export_directory", "") or "")

    @last_export_directory.setter
    def last_export_directory(self, value: str) -> None:
        self._store.setValue("files/last_export_directory", value)

    def sync(self) -> None:
        self._store.sync()

    def panel_shown(self, name: str) -> bool | None:
        """Whether side panel ``name`` was shown when the window last closed (None: never
        recorded)."""
        value = self._store.value(f"panels/{name}")
        return None if value is None else value in (True, "true", "1", 1)

    def set_panel_shown(self, name: str, shown: bool) -> None:
        self._store.setValue(f"panels/{name}", bool(shown))


def _key_of(project: Path) -> str:
    """A settings key for a project path (QSettings keys cannot hold slashes freely)."""
    from hashlib import sha1

    return sha1(str(Path(project).resolve()).encode("utf-8")).hexdigest()[:16]
