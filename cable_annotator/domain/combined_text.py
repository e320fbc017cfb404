"""A cable as one text — the body, then its footnotes — for formats that know one text per
document (REFI-QDA's text sources, whose selections count code points into it).

The footnotes are appended after a heading, each on its own line as ``[marker] text``,
and the code-point range of every part is recorded, so an annotation in footnote 2 maps to
and from a range of the combined text exactly, and a reader of another program still sees
the editorial notes beside the telegram they belong to.
"""

from __future__ import annotations

from .cable import BODY, Cable

FOOTNOTES_HEADING = "\n\n— Footnotes —"


def combine(cable: Cable) -> tuple[str, dict[str, tuple[int, int]]]:
    """The combined text and each part's ``(start, end)`` in it (end exclusive)."""
    pieces = [cable.text]
    ranges = {BODY: (0, len(cable.text))}
    length = len(cable.text)
    if cable.footnotes:
        pieces.append(FOOTNOTES_HEADING)
        length += len(FOOTNOTES_HEADING)
    for note in cable.footnotes:
        lead = f"\n[{note.marker}] "
        pieces.append(lead + note.text)
        start = length + len(lead)
        ranges[note.part] = (start, start + len(note.text))
        length = start + len(note.text)
    return "".join(pieces), ranges


def to_combined(ranges: dict[str, tuple[int, int]], part: str, start: int,
                end: int) -> tuple[int, int]:
    """A part's offsets as offsets of the combined text (KeyError: no such part)."""
    base = ranges[part][0]
    return base + start, base + end


def from_combined(ranges: dict[str, tuple[int, int]], start: int,
                  end: int) -> tuple[str, int, int] | None:
    """The part holding ``start:end`` of the combined text, with offsets into that part;
    None when the range is not inside one part (it crosses a heading or two notes)."""
    for part, (low, high) in ranges.items():
        if low <= start < end <= high:
            return part, start - low, end - low
    return None
