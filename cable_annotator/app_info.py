"""What the program says about itself: its release, licence, data sources and the
libraries it runs on, for ``--version``, the About dialog and bug reports.

Plain Python (no Qt), so the command line and the tests read the same facts the window
shows. Library versions come from the installed distributions' metadata, with the
module's own ``__version__`` as a fallback for a bundle that left the metadata out.
"""

from __future__ import annotations

import importlib
import platform
from dataclasses import dataclass

from . import __version__

APPLICATION = "Cable Annotator"
LICENCE = "MIT"
LICENCE_NOTE = ("Cable Annotator is free software under the MIT licence: use, copy, change "
                "and share it; it comes without warranty.")
DATA_SOURCES = (
    "Foreign Relations of the United States (FRUS), published by the Office of the "
    "Historian, U.S. Department of State, at history.state.gov. FRUS is a work of the "
    "United States Government and in the public domain in the United States "
    "(17 U.S.C. § 105).",
    "The bundled sample document is FRUS 1969–1976, vol. E–11, part 2, document 293 "
    "(Telegram 16696 from the Department of State to the Embassy in Peru).",
)


@dataclass(frozen=True)
class Library:
    """A library the program uses: its distribution name, import name and job."""

    name: str
    module: str
    purpose: str


LIBRARIES = (
    Library("PySide6-Essentials", "PySide6", "Qt 6 for Python: the window"),
    Library("SQLAlchemy", "sqlalchemy", "the project file's models and queries"),
    Library("alembic", "alembic", "upgrades of project files between releases"),
    Library("lxml", "lxml", "parsing FRUS TEI volumes"),
    Library("platformdirs", "platformdirs", "where the default project lives"),
)


def made_by() -> str:
    """The name and release written into project files and exports: 'Cable Annotator 0.1.0'."""
    return f"{APPLICATION} {__version__}"


def library_version(library: Library) -> str:
    """The installed version of ``library``, or 'not installed'."""
    from importlib import metadata  # only the About box and fault reports ask

    try:
        return metadata.version(library.name)
    except metadata.PackageNotFoundError:
        pass
    try:
        module = importlib.import_module(library.module)
    except ImportError:
        return "not installed"
    return str(getattr(module, "__version__", "unknown"))


def library_versions() -> list[tuple[Library, str]]:
    """Every library with its installed version, in the order of ``LIBRARIES``."""
    return [(library, library_version(library)) for library in LIBRARIES]


def python_version() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}"
