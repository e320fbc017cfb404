"""The file names the window suggests in its Save dialogs, worked out from the project.

Export once suggested a file in the last *import* folder (the shared corpus, say), and
Save As suggested no name at all. A reader expects their own work beside their project:
``peru-1974-annotations.csv`` next to ``peru-1974.cableproj`` (or where they last
exported), and ``peru-1974-copy.cableproj`` for a copy.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

from ...storage.project import PROJECT_SUFFIX, default_project_path


def readers_folder(project_path: Path) -> Path:
    """Where the reader's own files go beside this project: its folder — unless it is the
    default project, kept in the program's hidden data folder, when that is the
    Documents folder (a CSV in ``~/.local/share/cable-annotator`` is lost to a file
    manager)."""
    try:
        hidden = project_path.resolve().parent == default_project_path().resolve().parent
    except OSError:
        hidden = False
    if hidden:
        documents = Path(platformdirs.user_documents_dir())
        return documents if documents.is_dir() else Path.home()
    return project_path.parent


def export_suggestion(project_path: Path, last_export_directory: str = "") -> Path:
    """The CSV to suggest: named after the project, in the last export folder if it still
    exists, else beside the project (see ``readers_folder``)."""
    folder = Path(last_export_directory) if last_export_directory else None
    if folder is None or not folder.is_dir():
        folder = readers_folder(project_path)
    return folder / f"{project_path.stem}-annotations.csv"


def save_as_suggestion(project_path: Path) -> Path:
    """``<project>-copy.cableproj`` beside the project, numbered when that name is taken."""
    folder, stem = readers_folder(project_path), project_path.stem
    candidate = folder / f"{stem}-copy{PROJECT_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-copy-{number}{PROJECT_SUFFIX}"
        number += 1
    return candidate
