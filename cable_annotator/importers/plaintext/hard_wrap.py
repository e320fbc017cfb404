"""Undo the line breaks of a hard-wrapped copy (saved HTML, a PDF's text, an e-mail).

history.state.gov shows each paragraph as one line; a copy saved through a text browser,
a PDF or a mail program breaks every paragraph at 70–80 columns. Every word is kept, but
a title broken over two lines reads as a title and a dateline, and a note's second line
as a paragraph. A greedy wrapper breaks a line only where the next word would not fit,
so a break is undone exactly where that holds: the line, a space and the first word of
the next line are wider than the wrap width. Lines that end early (a title, a dateline,
a list item, the last line of a paragraph) keep their breaks.
"""

from __future__ import annotations

import re

_NARROWEST = 50
_MID_SENTENCE = re.compile(r"[\w,;]$")
"""…and one of them must end mid-sentence (a word, a comma), as only a wrapper leaves it."""
_WIDEST = 100
_FULL_LINES = 2
"""How many lines must reach the wrap width's last 15 columns to call a copy wrapped…"""
_FULL_SHARE = 0.35
"""…and what share of the lines followed by another line they must be."""
_OWN_LINE = re.compile(
    r"^(?:[ \t]{1,4}\d{1,3}\.\s|\s*[-*•]\s|\s*\[\^[^\]]+\]:"
    r"|\s*(?:\[(?:Facsimile |Typeset )?Page [^\]]+\]\s*)+$)"
)
"""A line that is always a line of its own: a note of the list ("  1. …", indented as
the site indents notes; a note's wrapped line is indented deeper), a bullet, a Markdown
note, a line of page labels."""
_ITEM = re.compile(r"^\s*\d{1,3}\.\s")
"""A line that may start a numbered paragraph ("2. …") or continue a sentence broken
before "3.": joined only to a line that ends mid-sentence. ("(b) …" and "Subject: …"
follow the greedy rule alone: a wrapper breaks before them inside a paragraph as often.)"""
_SENTENCE_END = re.compile(r"[.:!?\"”]$")


def wrap_width(lines: list[str]) -> int | None:
    """The width the copy was wrapped at, or None when it was not hard-wrapped."""
    # A link's address is never broken: a line holding one may run past the width.
    lengths = [len(line.rstrip()) for line in lines if line.strip() and "://" not in line]
    if not lengths or max(lengths) > _WIDEST:
        return None
    width = max(lengths)
    if width < _NARROWEST:
        return None
    followed = [len(line.rstrip()) for line, after in zip(lines, lines[1:], strict=False)
                if line.strip() and after.strip() and "://" not in line]
    full = [line.rstrip() for line, after in zip(lines, lines[1:], strict=False)
            if after.strip() and width >= len(line.rstrip()) > width - 15]
    if len(full) < _FULL_LINES or len(full) < _FULL_SHARE * len(followed):
        return None
    if not any(_MID_SENTENCE.search(line) for line in full):
        return None  # every full line ends a sentence: paragraphs that happen to be short
    return width


_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December)")
_DATELINE = re.compile(
    rf"^(?:\[?[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){{0,3}},\]? )?{_MONTH} \d{{1,2}}, \d{{4}}"
    r"(?:[,—–-]\s*[\d:.–\s]*(?:[ap]\.\s?m\.|noon|midnight)?)?\.?$")


_HEADING_LINES = 6
"""How many lines a page's file number, title and dateline take at most."""


def _is_dateline(line: str, previous: str) -> bool:
    """A dateline under the title ("Washington, August 16, 1955.", "Moscow, July 30,
    1948—11 p.m.", "[Washington,] March 13, 1942.") is a line of its own: the wrapper
    broke before it only because the title above ended there, whatever its width. After
    a word (not a marker or a bracket), only a one-word place reads so: "Foreign" /
    "Minister Mitsotakis, June 23, 1980." is a subject going on."""
    if not _DATELINE.match(line.strip()):
        return False
    return not previous.rstrip()[-1:].isalpha() or " " not in line.strip().split(",")[0]


def _first_word(line: str) -> str:
    return line.strip().split(" ", 1)[0]


def unwrap(text: str) -> str:
    """``text`` with the wrapper's line breaks undone, or unchanged when not wrapped.

    A hyphen the wrapper broke at ("Soviet-" / "American") is kept and joined without a
    space; every other break becomes one space."""
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None:
        return text
    out: list[str] = []
    previous = ""  # the line above as the copy has it, before any joining
    for line in lines:
        physical = line.rstrip()
        if out and previous.strip() and line.strip() and not _OWN_LINE.match(line) and not (
                _ITEM.match(line) and _SENTENCE_END.search(previous)) and not (
                len(out) <= _HEADING_LINES and _is_dateline(line, previous)):
            word = _first_word(line)
            if len(previous) + 1 + len(word) > width or (
                    previous.endswith("-") and len(previous) + len(word) > width):
                joiner = "" if re.search(r"[^\W\d]-$", previous) else " "
                out[-1] = out[-1].rstrip() + joiner + line.strip()
                previous = physical
                continue
        out.append(line)
        previous = physical
    return "\n".join(out)
