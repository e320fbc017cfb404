"""Exporting a project's annotations (CSV now; other formats join here)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from .. import file_safety
from ..exporters.csv_export import AnnotatedCable, write_csv
from ..storage.project import Project
from .queries import all_annotations, list_themes, load_cable, load_volume, text_order


class ExportFailed(Exception):
    """The export could not be written; the message names the file."""


def annotated_cables(project: Project) -> Iterator[AnnotatedCable]:
    """Every annotated cable of the project, in corpus order, with its annotations."""
    by_cable: dict[str, list] = {}
    for annotation in all_annotations(project):
        by_cable.setdefault(annotation.cable_id, []).append(annotation)
    volumes: dict[str, object] = {}
    for cable_id in sorted(by_cable):
        cable = load_cable(project, cable_id)
        if cable.volume not in volumes:
            volumes[cable.volume] = load_volume(project, cable.volume)
        annotations = sorted(by_cable[cable_id], key=text_order)
        yield AnnotatedCable(cable, volumes[cable.volume], annotations)


def export_csv(project: Project, destination: Path | str | TextIO, long: bool = False,
               excel: bool = False) -> int:
    """Write the project's annotations as CSV; returns the number of rows.

    A path is written atomically (to a temporary file, then renamed), so a failed or
    killed export never leaves half a file in place of a good one; temporary files a
    killed export left behind are removed by the next one. A destination that is not a
    regular file (a device, a pipe, a symbolic link) is refused and left as it is.
    """
    themes = list_themes(project)
    if not isinstance(destination, (str, Path)):
        return write_csv(destination, annotated_cables(project), themes, long, excel)
    path = Path(destination).expanduser()
    return write_text_atomically(
        path, "", lambda handle: write_csv(handle, annotated_cables(project), themes, long,
                                           excel))


def write_text_atomically(path: Path, newline: str, write: Callable[[TextIO], int]) -> int:
    """Run ``write`` on a UTF-8 text handle whose file replaces ``path`` only when it is
    complete (see ``file_safety.atomic_binary_write``); returns what ``write`` returns.
    Every export goes through here, so each fails with the same clear ExportFailed."""
    try:
        with file_safety.atomic_binary_write(path) as raw:
            handle = io.TextIOWrapper(raw, encoding="utf-8", newline=newline)
            count = write(handle)
            handle.flush()
            handle.detach()
    except file_safety.NotARegularFile as error:
        raise ExportFailed(f"Could not write {path}: {error}; it was left untouched.") from None
    except OSError as error:
        raise ExportFailed(f"Could not write {path}: {error.strerror or error}.") from error
    return count


def stdout_writer() -> TextIO:
    """Standard output as a UTF-8 text stream without newline translation (for CSV)."""
    sys.stdout.flush()
    return open(sys.stdout.fileno(), "w", encoding="utf-8", newline="", closefd=False)
