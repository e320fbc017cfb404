"""Building canonical text from pretty-printed XML while keeping every offset exact.

TEI files are pretty-printed: text nodes carry line breaks and indentation that mean
"a space" at most. We normalise whitespace *as we append*, so every offset recorded along
the way (a page break, a footnote marker, the start of an italic run) already refers to the
final text and never needs shifting afterwards.

Positions that depend on what comes next (a page break between two words belongs before the
second word, not before the space) are taken as ``Anchor``s that resolve at the next
emitted character; this is also why removing a ``pb`` inside a word adds no space.
"""

from __future__ import annotations

import re

XML_SPACE = " \t\r\n"
_SPACE_RUN = re.compile(r"[ \t\r\n]+")
# Pretty-printing puts a line break and indentation between words; a pattern that starts
# with a literal lets the regex engine jump between them, several times faster than the
# general one, which is kept for the rare leftovers (tabs, a space before a line break).
_LINE_RUN = re.compile(r"\n[ \t\r\n]*")
# The space that pretty-printing leaves between an element and the punctuation around it
# ("(<persName>\n <hi>Caffery</hi>\n</persName>)", "</placeName>\n,") is not printed:
# history.state.gov reads "(Caffery)" and "Paris, January 14". A space inside one text
# node is the text's own and is kept. (Not before ".": ". . ." ellipses stand apart.)
_NO_SPACE_BEFORE = frozenset(",;:)]")
_NO_SPACE_AFTER = frozenset("([")


class Anchor:
    """An offset that is known only once the next visible character is written."""

    __slots__ = ("offset",)

    def __init__(self, offset: int | None = None) -> None:
        self.offset = offset


class TextBuilder:
    """Appends text pieces, squeezing XML whitespace, and records blocks over the result.

    Blocks nest the way TEI block elements do (a signature inside a closer, a list inside
    an item); the text between two block boundaries belongs to the innermost open block.
    Empty blocks leave no trace, so separators never pile up.
    """

    __slots__ = ("parts", "length", "separator", "space", "tabs", "waiting",
                 "block_start", "kinds", "labels", "blocks", "label")

    def __init__(self, separator: str = "\n\n", kind: str = "paragraph") -> None:
        self.parts: list[str] = []
        self.length = 0
        self.separator = separator
        self.space = False
        self.tabs = 0
        self.waiting: list[Anchor] = []
        self.block_start = -1
        self.kinds: list[str] = [kind]
        self.blocks: list[list] = []
        self.label = ""

    # -- text -------------------------------------------------------------------------

    def add(self, text: str) -> None:
        """Append a text node: runs of XML whitespace count as one space between words."""
        core = text.strip(XML_SPACE)
        if not core:
            self.space = True
            return
        if text[0] in XML_SPACE:
            self.space = True
        if "\n" in core:
            core = _LINE_RUN.sub(" ", core)
        if "  " in core or "\t" in core or "\r" in core:
            core = _SPACE_RUN.sub(" ", core)
        self._emit(core)
        if text[-1] in XML_SPACE:
            self.space = True

    def _emit(self, core: str) -> None:
        parts = self.parts
        if self.block_start < 0:
            if self.length:
                parts.append(self.separator)
                self.length += len(self.separator)
            self.block_start = self.length
            if self.tabs:
                parts.append("\t" * self.tabs)
                self.length += self.tabs
        elif self.tabs:
            parts.append("\t" * self.tabs)
            self.length += self.tabs
        elif self.space and not (core[0] in _NO_SPACE_BEFORE
                                 or parts[-1][-1] in _NO_SPACE_AFTER):
            parts.append(" ")
            self.length += 1
        self.space = False
        self.tabs = 0
        if self.waiting:
            for anchor in self.waiting:
                anchor.offset = self.length
            self.waiting.clear()
        parts.append(core)
        self.length += len(core)

    def cell_break(self, count: int = 1) -> None:
        """Separate table cells by tabs (written only if more of the row follows)."""
        self.tabs += count

    def space_break(self) -> None:
        """A line break inside a block (``lb``) reads as a space."""
        self.space = True

    # -- positions --------------------------------------------------------------------

    def anchor(self) -> Anchor:
        """The offset of the next visible character (resolved when it is written)."""
        anchor = Anchor()
        self.waiting.append(anchor)
        return anchor

    def marker(self) -> Anchor:
        """Where a footnote marker sits: right after the text written so far in this block.

        At the start of a block the marker belongs to the block's first character.
        """
        if self.block_start >= 0:
            return Anchor(self.length)
        return self.anchor()

    # -- blocks -----------------------------------------------------------------------

    def open_block(self, kind: str) -> None:
        """Start a block element: what follows goes into a new block of ``kind``."""
        self.boundary()
        self.kinds.append(kind)

    def add_block(self, kind: str, squeezed: str) -> None:
        """A whole block of ``kind`` holding only ``squeezed``: open_block, add, close_block.

        ``squeezed`` must already have its whitespace squeezed (as XPath's
        normalize-space does). Most paragraphs are plain text taken whole, so doing the
        three steps in one call is what the import spends least on per paragraph.
        """
        self.boundary()
        if squeezed:
            self.kinds.append(kind)
            self._emit(squeezed)
            self.blocks.append([kind, self.block_start, self.length, ""])
            self.block_start = -1
            self.kinds.pop()
        self.space = False
        self.tabs = 0

    def close_block(self) -> None:
        """End the innermost block element; its parent's text may continue afterwards."""
        self.boundary()
        if len(self.kinds) > 1:
            self.kinds.pop()

    def continue_block(self) -> None:
        """Let the next block element join the current block (a list label and its item)."""
        self.space = True

    def boundary(self) -> None:
        """Close the run of text written since the last boundary as one block."""
        if self.block_start >= 0:
            self.blocks.append([self.kinds[-1], self.block_start, self.length, self.label])
            self.block_start = -1
        self.label = ""
        self.space = False
        self.tabs = 0

    def finish(self) -> str:
        """Close the last block, settle unresolved anchors at the end, return the text."""
        self.boundary()
        for anchor in self.waiting:
            anchor.offset = self.length
        self.waiting.clear()
        return "".join(self.parts)
