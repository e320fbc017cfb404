"""The body of a copied page joined into one raw text, a block per line.

The importer cuts page labels and footnote markers out of this raw text and maps every
offset across the cuts; the readers of a note list search the same text for markers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .markers import PAGE_ONLY_LINE, page_label_cuts


@dataclass
class BodyText:
    """The body as assembled from its lines, before page labels and markers are cut.

    Assembling the first lines of a text gives a prefix of assembling them all: the
    apparatus readers weigh candidate starts of the notes on one assembly."""

    raw: str = ""
    blocks: list[tuple[int, int]] = field(default_factory=list)
    block_lines: list[int] = field(default_factory=list)
    line_pages: list[tuple[str, int]] = field(default_factory=list)


def assemble_body(lines: list[str]) -> BodyText:
    """Join the body lines into one raw text, a block per line.

    Blocks are separated as in the copy: a blank line between paragraphs becomes
    ``\\n\\n``, adjacent lines (list items, participants) stay ``\\n`` apart. A line that
    holds only page labels is dropped; its pages begin at the next block.
    """
    body = BodyText()
    pieces: list[str] = []
    length = 0
    pending_pages: list[str] = []
    gap = ""
    for number, line in enumerate(lines):
        if not line.strip():
            gap = "\n\n" if body.blocks else ""
            continue
        if PAGE_ONLY_LINE.match(line):
            pending_pages.extend(label.label for label in page_label_cuts(line.strip()))
            gap = gap or ("\n" if body.blocks else "")
            continue
        if body.blocks:
            pieces.append(gap or "\n")
            length += len(pieces[-1])
        start = length
        pieces.append(line.strip())
        length += len(pieces[-1])
        body.blocks.append((start, length))
        body.block_lines.append(number)
        body.line_pages.extend((label, start) for label in pending_pages)
        pending_pages = []
        gap = ""
    body.raw = "".join(pieces)
    body.line_pages.extend((label, length) for label in pending_pages)
    return body
