"""A cable and the structure laid over its canonical text.

The canonical text is what a reader sees and highlights: heading, paragraphs, lists,
signature — never footnote markers or ``[Page N]`` labels. Everything else (paragraph
numbers, page turns, footnote markers, cross-references, emphasis) is kept as offsets
into that text, so that annotations anchored by offset never shift when the apparatus is
drawn differently. Offsets count Unicode code points (Python ``str`` indices), end
exclusive.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .telegram import Telegram

BODY = "body"
"""The part name of a cable's main text."""


def footnote_part(key: str) -> str:
    """Return the part name under which the text of footnote ``key`` is annotated."""
    return f"footnote {key}"


def footnote_key_of(part: str) -> str | None:
    """Return the footnote key of a part name such as ``footnote 1``, or None for the body."""
    if part.startswith("footnote "):
        return part[len("footnote ") :]
    return None


@dataclass(frozen=True)
class Block:
    """A run of text shown as one block: a paragraph, heading, list item, table row….

    ``label`` is the printed paragraph number (``"4"`` for a paragraph that begins
    ``4.``) or a list label; empty when the block has none.
    """

    kind: str
    start: int
    end: int
    label: str = ""


@dataclass(frozen=True)
class PageBreak:
    """The printed page ``label`` begins at ``offset`` of the text."""

    label: str
    offset: int


@dataclass(frozen=True)
class CrossReference:
    """A span of text that refers to another document, footnote, telegram or page.

    ``target`` is a cable id (``frus1969-76ve11p2/d299``) when the reference could be
    resolved to a document, otherwise a normalised description (``telegram 193548``,
    ``frus1964-68v27/pg_12``).
    """

    target: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Span:
    """A styled span: ``italic``, ``bold``, ``underline``, ``smallcaps``,
    ``superscript`` or ``editorial`` (an editor's bracketed insertion such as
    ``[less than 1 line not declassified]``)."""

    style: str
    start: int
    end: int


@dataclass
class Footnote:
    """An editorial note: its printed marker, its kind and its own annotatable text.

    ``key`` is unique within the cable (it equals ``marker`` unless the source repeats a
    marker); ``offset`` is the position of the marker in the body text.
    ``kind`` is ``source`` (the source note, often with Summary and Source paragraphs),
    ``summary`` or ``editorial``.
    """

    key: str
    marker: str
    kind: str
    text: str
    offset: int
    blocks: list[Block] = field(default_factory=list)
    references: list[CrossReference] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    pages: list[PageBreak] = field(default_factory=list)
    """Page turns inside the note's own text (rare: a long source note split across
    pages); offsets into ``text``. Empty for almost every note."""

    @property
    def part(self) -> str:
        return footnote_part(self.key)


@dataclass
class Cable:
    """One document of a collection: a telegram, memorandum, letter, editorial note…."""

    id: str
    volume: str
    number: str
    title: str
    text: str
    kind: str = "document"
    date: str | None = None
    subject: str = ""
    sender: str = ""
    recipient: str = ""
    place: str = ""
    classification: str = ""
    chapter: str = ""
    compilation: str = ""
    telegram_number: str = ""
    signature: str = ""
    blocks: list[Block] = field(default_factory=list)
    pages: list[PageBreak] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    references: list[CrossReference] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    file_number: str = ""
    """The archive file a document was printed from ("861.00/2020"), as volumes of
    1861–1950s state it in a line above the title."""
    warnings: list[str] = field(default_factory=list, compare=False)
    """What an importer could not recover (notes missing from a copy), for its report;
    not stored."""
    telegram: Telegram | None = None
    """The header of a raw State Department telegram (AAD, PlusD); None for FRUS text."""
    _block_starts: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    """Start offsets of each part's blocks and of the pages, for bisecting; rebuilt when
    the lists are replaced or change length."""

    def footnote(self, key: str) -> Footnote | None:
        """Return the footnote with ``key``, or None."""
        for note in self.footnotes:
            if note.key == key:
                return note
        return None

    def part_text(self, part: str) -> str:
        """Return the text of ``part`` (``body`` or ``footnote KEY``).

        Raises KeyError when the cable has no such part.
        """
        if part == BODY:
            return self.text
        key = footnote_key_of(part)
        note = self.footnote(key) if key is not None else None
        if note is None:
            raise KeyError(f"cable {self.id} has no part {part!r}")
        return note.text

    def parts(self) -> list[str]:
        """All annotatable parts: the body, then each footnote in order."""
        return [BODY] + [note.part for note in self.footnotes]

    def page_at(self, offset: int) -> str:
        """The printed page on which the body character at ``offset`` lies ('' if unknown)."""
        if not self.pages:
            return ""
        cached = self._block_starts.get("\0pages")
        if cached is None or cached[0] is not self.pages or len(cached[1]) != len(self.pages):
            cached = (self.pages, [page.offset for page in self.pages])
            self._block_starts["\0pages"] = cached
        index = bisect_right(cached[1], offset) - 1
        return self.pages[max(index, 0)].label

    def page_range(self, part: str, start: int, end: int) -> str:
        """The printed page(s) of a passage: ``780`` or ``780–781`` when it crosses a turn.

        A footnote is printed on the page of its marker, so a footnote passage takes
        that page.
        """
        if part != BODY:
            key = footnote_key_of(part)
            note = self.footnote(key) if key is not None else None
            if note is None:
                return ""
            return self.page_at(note.offset)
        first = self.page_at(start)
        last = self.page_at(max(start, end - 1))
        if first == last:
            return first
        return f"{first}–{last}"

    def blocks_of(self, part: str) -> list[Block]:
        if part == BODY:
            return self.blocks
        key = footnote_key_of(part)
        note = self.footnote(key) if key is not None else None
        return note.blocks if note is not None else []

    def paragraph_at(self, part: str, offset: int) -> str:
        """The printed paragraph number of the block holding ``offset`` ('' if none)."""
        blocks = self.blocks_of(part)
        cached = self._block_starts.get(part)
        if cached is None or cached[0] is not blocks or len(cached[1]) != len(blocks):
            cached = (blocks, [block.start for block in blocks])
            self._block_starts[part] = cached
        index = bisect_right(cached[1], offset) - 1
        if index < 0:
            return ""
        block = blocks[index]
        if block.start <= offset < block.end or offset == block.end == block.start:
            return block.label
        return ""

    def paragraph_range(self, part: str, start: int, end: int) -> str:
        """The printed paragraph number(s) of a passage: ``4`` or ``4–5``."""
        first = self.paragraph_at(part, start)
        last = self.paragraph_at(part, max(start, end - 1))
        if first == last or not last:
            return first
        if not first:
            return last
        return f"{first}–{last}"
