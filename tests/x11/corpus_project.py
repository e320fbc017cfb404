"""A real project for the real-window tests: two whole FRUS volumes, one fully annotated.

Annotations are stored through the services, as an earlier session in the window (or the
command line) would have stored them: a phrase of real words in every document of
vol. XXVIII (1964–68), a second one near the end of every third document, and a passage of
a footnote in every other document that has footnotes.
"""

from __future__ import annotations

import re
from pathlib import Path

from cable_annotator.domain.cable import BODY
from cable_annotator.services import annotating, queries
from cable_annotator.services.importing import import_files
from cable_annotator.storage.project import Project

ANNOTATED_VOLUME = "frus1964-68v28"
OTHER_VOLUME = "frus1961-63v12"
VOLUME_FILES = [f"frus/{ANNOTATED_VOLUME}.xml", f"frus/{OTHER_VOLUME}.xml"]
"""Paths under the shared corpus."""
THEME_NAMES = ["Arms race", "Fisheries", "Investment disputes"]
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def phrase_at(text: str, fraction: float, words: int = 5) -> tuple[int, int] | None:
    """Offsets of ``words`` consecutive words on one line of ``text``, starting at the
    first word at or after ``fraction`` of its length (None in a text without words)."""
    found = list(_WORD.finditer(text))
    if not found:
        return None
    first = next((i for i, m in enumerate(found) if m.start() >= len(text) * fraction),
                 len(found) - 1)
    first = min(first, max(len(found) - words, 0))
    chosen = found[first:first + words]
    start = end = chosen[0].start()
    for match in chosen:
        if "\n" in text[start:match.end()]:
            break  # stay on one line
        end = match.end()
    return start, end


def build_annotated_project(corpus: Path, folder: Path, volume_files: list[str] | None = None,
                            annotated: str = ANNOTATED_VOLUME) -> Project:
    """Import the volumes (``VOLUME_FILES``, paths under ``corpus``) into a new project file
    in ``folder`` and annotate every document of ``annotated``."""
    project = Project.open(folder / "volumes.cableproj")
    import_files(project, [corpus / name for name in volume_files or VOLUME_FILES])
    themes = [queries.find_theme(project, name).id for name in THEME_NAMES]
    cable_ids = annotated_cable_ids(project, annotated)
    for number, cable_id in enumerate(cable_ids):
        cable = queries.load_cable(project, cable_id)
        spans = [(BODY, phrase_at(cable.text, 0.4))]
        if number % 3 == 0:
            spans.append((BODY, phrase_at(cable.text, 0.93, words=3)))
        if cable.footnotes and number % 2 == 0:
            note = cable.footnotes[number % len(cable.footnotes)]
            spans.append((note.part, phrase_at(note.text, 0.2, words=4)))
        for index, (part, span) in enumerate(spans):
            if span is None:
                continue
            annotating.create_annotation(
                project, cable_id, part, span[0], span[1], [themes[(number + index) % 3]],
                note=f"x11 test annotation {index + 1} of {cable_id}")
    return project


def annotated_cable_ids(project: Project, volume: str = ANNOTATED_VOLUME) -> list[str]:
    """The documents of the annotated volume, in printed order."""
    return [s.id for s in queries.list_cables(project) if s.volume == volume]
