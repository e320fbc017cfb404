"""Separate the footnote apparatus at the end of a copied document from its body.

history.state.gov gathers a document's notes into one list after the text; copied as
plain text each note reads ``  1. Summary: …`` with further paragraphs indented deeper.
Readers' copies sometimes lose the indentation, and then a note list looks exactly like
numbered telegram paragraphs. Two tests tell them apart:

* structure: an indented note line after which every line is indented is the apparatus;
* evidence: otherwise the apparatus is the run of ``N.`` lines to the end of the text
  whose numbers best appear as footnote markers in the text before it, in ascending
  order (numbered paragraphs ``1.`` … ``10.`` fail, because ``2`` … ``10`` are not glued
  to words in the heading and the lines above them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markers import PAGE_ONLY_LINE, Cuts, find_note_markers, page_label_cuts

# The first line of a note: optional indentation, the note number, a period, the text.
NOTE_START = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>\d{1,3})\.\s+(?P<text>\S.*)$")


@dataclass
class RawNote:
    """One note as read from the apparatus: marker and paragraphs (still with page labels).

    ``paragraphs`` holds (text, follows_blank_line) pairs so the note's own layout of
    paragraphs can be kept.
    """

    marker: str
    line: int
    paragraphs: list[tuple[str, bool]] = field(default_factory=list)


def indentation(line: str) -> int:
    """Width of the leading white space, a tab counting as four columns."""
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def parse_notes(lines: list[str], first: int) -> list[RawNote]:
    """The notes of the apparatus that begins at ``lines[first]``.

    A note begins at a ``N.`` line indented no deeper than the first note; anything else
    continues the current note, a blank line separating its paragraphs.
    """
    base = indentation(lines[first])
    notes: list[RawNote] = []
    blank_before = False
    for number in range(first, len(lines)):
        line = lines[number]
        if not line.strip():
            blank_before = True
            continue
        start = NOTE_START.match(line)
        if start and indentation(line) <= base:
            notes.append(RawNote(start["marker"], number, [(start["text"].strip(), False)]))
        elif notes:
            notes[-1].paragraphs.append((line.strip(), blank_before))
        blank_before = False
    return notes


def _all_indented_after(lines: list[str], first: int) -> bool:
    return all(indentation(line) > 0 for line in lines[first:] if line.strip())


def _descents(markers: list[str]) -> int:
    """How often the numbering goes down: notes are numbered in order, so a list that
    runs "10, 1" is a paragraph followed by the apparatus."""
    numbers = [int(marker) for marker in markers]
    return sum(later < earlier for earlier, later in zip(numbers, numbers[1:], strict=False))


def _evidence_score(lines: list[str], body_start: int, first: int) -> int:
    """How well the notes from ``first`` on fit the text above them: markers found,
    minus twice those not found, minus three times each step down in numbering."""
    markers = [note.marker for note in parse_notes(lines, first)]
    raw = "\n".join(
        line.strip() for line in lines[body_start:first] if not PAGE_ONLY_LINE.match(line)
    )
    blocked = Cuts(label.cut for label in page_label_cuts(raw))
    hits = find_note_markers(raw, markers, blocked)
    found = sum(hit is not None for hit in hits)
    return found - 2 * (len(hits) - found) - 3 * _descents(markers)


def find_apparatus(lines: list[str], body_start: int) -> int | None:
    """Index of the line where the apparatus begins, or None when the text has none.

    ``body_start`` is the heading's line; notes can only follow it.
    """
    candidates = [
        number
        for number in range(body_start + 1, len(lines))
        if NOTE_START.match(lines[number])
    ]
    for number in candidates:
        if indentation(lines[number]) > 0 and _all_indented_after(lines, number):
            return number
    best, best_score = None, 0
    for number in candidates:
        # A few markers glued to numbers ("Deptel 5082") may stay hidden; numbered
        # paragraphs taken for notes leave many more unfound.
        score = _evidence_score(lines, body_start, number)
        if score > best_score:
            best, best_score = number, score
    return best
