"""Prose conventions only the TEI importer needs: the title's number, editorial brackets.

The heading of a TEI document holds its printed number ("293. Telegram 16696 From …"),
which the Cable keeps apart from the title; and editors' insertions in the text ("[less
than 1 line not declassified]") are set in brackets, usually in italic, with no element
of their own. The facts both importers read from prose (kind, parties, numbers, subject,
classification, paragraph labels, telegram mentions) are in ``frus_prose``, shared with
the plain-text importer so that the two agree.
"""

from __future__ import annotations

import re

_NUMBER_PREFIX = re.compile(r"^\s*\d+[A-Za-z]?\.\s*")
_EDITORIAL = re.compile(r"\[[^\[\]\n]{1,600}\]")
_EDITORIAL_WORDS = re.compile(
    r"not declassified|^\[\s*(?:Omitted here|Here follows?|Text not|Not printed|Page \d|"
    r"Attachment|Tab [A-Z]|Enclosure|Annex|sic\b|less than)",
    re.IGNORECASE,
)


def strip_number(heading: str) -> str:
    """The editorial title without its printed number ("293. Telegram …" → "Telegram …")."""
    return _NUMBER_PREFIX.sub("", heading, count=1)


def editorial_brackets(text: str, italic: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the editors' bracketed insertions ("[less than 1 line not declassified]").

    FRUS editors set their own words in brackets, usually in italic; a bracket counts as
    editorial when its wording is one of the known formulas or is set wholly in italic.
    """
    found = []
    for match in _EDITORIAL.finditer(text):
        start, end = match.span()
        if _EDITORIAL_WORDS.search(match.group()) or _covered(start + 1, end - 1, italic):
            found.append((start, end))
    return found


def _covered(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether [start, end) (ignoring the edges' spaces) lies inside one of ``ranges``."""
    return any(lo <= start and end <= hi for lo, hi in ranges) if end > start else False
