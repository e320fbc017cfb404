"""The telegram's text as blocks: header lines kept as sent, numbered paragraphs unwrapped.

A raw telegram is hard-wrapped at about 69 columns; the reader wants paragraphs. Lines are
joined into a paragraph until a blank line or a paragraph number (``1.``, ``2.``,
``(3)``, lettered ``A.``). A paragraph's printed number becomes the label of its block,
so a quote is cited by paragraph as in FRUS. Text between ``QUOTE`` and ``UNQUOTE`` is
repeated traffic: its blocks are marked ``quote`` and take the number of the paragraph
that quotes it (the quoted telegram's own numbers are not this one's). The signature (the
last line, a name such as ``KISSINGER``) is its own block. Page turns of the record copy
are kept as offsets of the composed text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...domain.cable import Block, PageBreak
from .cleaning import normalise_classification
from .header import NUMBER_LINE

_NUMBERED = re.compile(r"^\s*(?:(?P<num>\d{1,2})\s?\.|\((?P<paren>\d{1,2})\))\s+")
_LETTERED = re.compile(r"^\s*(?:(?P<letter>[A-Z])\.|\((?P<pletter>[A-Z])\))\s+")
# A signer's name: capitals as sent (KISSINGER, HABIB ACTING), or as a typed copy gives it.
_SIGNATURE = re.compile(r"^[A-Z][A-Z'.-]+(?:\s[A-Z][A-Z'.-]*){0,2}$"
                        r"|^[A-Z][a-z'-]+(?:\s[A-Z][a-z'.-]+){0,2}$")
_NOT_SIGNATURES = {"UNQUOTE", "END FYI", "END QUOTE", "BT", "END SUMMARY", "END TEXT",
                   "GDS", "NNNN"}
_SECTION_MARK = re.compile(r"^\s*\(?(?:SECTION|SECT)\s+\d+\s+OF\s+\d+\)?\s*$", re.I)
_QUOTE = re.compile(r"\bQUOTE\b")
_UNQUOTE = re.compile(r"\b(?:UNQUOTE|END QUOTE)\b")


@dataclass
class ComposedText:
    """Text being assembled, with its blocks and page turns."""

    parts: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    pages: list[PageBreak] = field(default_factory=list)
    length: int = 0

    def add(self, text: str, kind: str, label: str = "", page: str = "") -> Block:
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        if page and (not self.pages or self.pages[-1].label != page):
            self.pages.append(PageBreak(page, self.length))
        block = Block(kind, self.length, self.length + len(text), label)
        self.parts.append(text)
        self.length += len(text)
        self.blocks.append(block)
        return block

    def add_lines(self, lines: list[tuple[str, str]], kind: str, label: str = "") -> Block:
        """Join wrapped lines into one block, marking a page turn inside it."""
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        start = self.length
        for index, (line, page) in enumerate(lines):
            piece = line.strip() if index == 0 else " " + line.strip()
            at = self.length + (0 if index == 0 else 1)
            if page and (not self.pages or self.pages[-1].label != page):
                self.pages.append(PageBreak(page, at))
            self.parts.append(piece)
            self.length += len(piece)
        block = Block(kind, start, self.length, label)
        self.blocks.append(block)
        return block

    @property
    def text(self) -> str:
        return "".join(self.parts)


def paragraphs_of(lines: list[str], pages: list[str]) -> list[list[tuple[str, str]]]:
    """Group body lines into paragraphs (lists of (line, page))."""
    groups: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line, page in zip(lines, pages, strict=True):
        if not line.strip() or _SECTION_MARK.match(line) or _is_repeated_number_line(line):
            if current:
                groups.append(current)
                current = []
            continue
        starts = _NUMBERED.match(line) or _LETTERED.match(line)
        if starts and current:
            groups.append(current)
            current = []
        current.append((line, page))
    if current:
        groups.append(current)
    return groups


def _is_repeated_number_line(line: str) -> bool:
    """``C O N F I D E N T I A L SECTION 02 OF 02 LIMA 7518`` heading a later section."""
    match = NUMBER_LINE.match(line.upper())
    return bool(match and normalise_classification(match["class"]) and match["section"])


def add_body(composed: ComposedText, lines: list[str], pages: list[str]) -> str:
    """Append the body paragraphs; returns the signature ('' when none is found)."""
    groups = paragraphs_of(lines, pages)
    signature_group = None
    if groups:
        last = groups[-1][-1][0].strip()
        ends_sentence = len(groups[-1]) == 1 or groups[-1][-2][0].rstrip().endswith(
            (".", ":", '"', ")", "UNQUOTE"))
        if _SIGNATURE.match(last) and last not in _NOT_SIGNATURES and len(last) <= 30 \
                and ends_sentence:
            signature_group = [groups[-1].pop()]
            if not groups[-1]:
                groups.pop()
    label = ""
    in_quote = False
    for group in groups:
        first = group[0][0]
        joined = " ".join(line.strip() for line, _ in group)
        numbered = _NUMBERED.match(first)
        kind = "quote" if in_quote else "paragraph"
        if numbered and not in_quote:
            label = numbered["num"] or numbered["paren"]
        if not in_quote and not numbered and re.match(r"^\s*QUOTE\b", joined):
            kind = "quote"  # a numbered paragraph opening a quote stays this telegram's
        composed.add_lines(group, kind, label if (numbered or in_quote or label) else "")
        quotes = len(_QUOTE.findall(joined.replace("UNQUOTE", "")))
        unquotes = len(_UNQUOTE.findall(joined))
        if quotes > unquotes:
            in_quote = True
        elif unquotes > quotes:
            in_quote = False
    if signature_group is None:
        return ""
    line, page = signature_group[0]
    composed.add(line.strip(), "signature", "", page)
    return line.strip()
