"""The file names the window suggests in its Save dialogs, worked out from the project.

Export once suggested a file in the last *import* folder (the shared corpus, say), and
Save As suggested no name at all. A reader expects their own work beside their project:
``peru-1974-annotations.csv`` next to ``peru-1974.cableproj`` (or where they last
exported), and ``peru-1974-copy.cableproj`` for a copy.
"""

from __future__ import annotations

from pathlib import Path

from ...storage.project import PROJECT_SUFFIX


def export_suggestion(project_path: Path, last_export_directory: str = "") -> Path:
    """The CSV to suggest: named after the project, in the last export folder if it still
    exists, else in the project's folder."""
    folder = Path(last_export_directory) if last_export_directory else None
    if folder is None or not folder.is_dir():
        folder = project_path.parent
    return folder / f"{project_path.stem}-annotations.csv"


def save_as_suggestion(project_path: Path) -> Path:
    """``<project>-copy.cableproj`` beside the project, numbered when that name is taken."""
    folder, stem = project_path.parent, project_path.stem
    candidate = folder / f"{stem}-copy{PROJECT_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-copy-{number}{PROJECT_SUFFIX}"
        number += 1
    return candidate
