"""The lines that open a copied FRUS page, one small rule per shape.

A page of a 1961–1992 volume opens with its numbered heading, "293. Telegram 16696 From
the Department of State to the Embassy in Peru". Volumes of 1861 to the 1950s print no
document number (it is only in the address, ``…/frus1861/d72``) and open instead with
lines such as these, before or after an unnumbered title ("Mr. Adams to Mr. Seward,"):

* a file number: ``File No. 763.72119/987``, ``124.61/263: Telegram``, ``711.00/1-1553``;
* an archive line: ``Eisenhower Library, Eisenhower papers, Whitman file``;
* a despatch number ``No. 320.`` (or ``No. 32.]``), ``[Extract]``, a classification
  (``top secret``), ``[Telegram]``, ``[Received April 13, 5.43 p.m.]`` or, in the
  19th century, ``(Received August 11, 1869.)``.

Each rule is a name and a pattern in :data:`OPENING_RULES`; a new shape is one more rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..frus_prose import FILE_NUMBER_LINE as _FILE_NUMBER
from ..frus_prose import kind_of

# The document heading: printed number (perhaps "12a"), a period, the editorial title.
# FRUS prints a space after the period, but one volume has "11.Memorandum".
NUMBERED_HEADING = re.compile(
    r"^\s*(?P<number>\d{1,4}[A-Za-z]?)\.\s*(?P<title>[A-Z\[“\"‘'].*?)\s*$"
)

# "Eisenhower Library, Whitman File", "S/P Files: Lot 64 D 563", "Truman Papers": where
# the document is kept, named without the " to " or " by " of a title.
_ARCHIVE = re.compile(
    r"^(?=.{3,160}$)(?!.* (?:to|by|of Conversation) )"
    r"(?!(?:Memorand|Letter|Telegram|Note|Minutes|Report|Paper|Editorial|Record)\w*\b)"
    r"(?!.*\. [a-z])(?=[A-Z]).*\b(?:Library|Papers|papers|Files?|files?|Archives|Memoranda|"
    r"Series|Lot \d+)\b.*$"
)
_MARKING = (
    r"(?:top secret|secret|confidential|restricted|strictly confidential|eyes only|"
    r"personal and confidential|personal|priority|niact|(?:us )?urgent|limited distribution|"
    r"security information|official use only|operational immediate|most immediate|"
    r"for the (?:president|secretary)|noforn|nodis|exdis)"
)
# "secret", "top secret priority", "Secret; Niact", "[confidential]".
_CLASSIFICATION = re.compile(
    rf"^\[?{_MARKING}(?:\s*[;,—–-]?\s*{_MARKING})*\.?\]?$", re.IGNORECASE
)
# A file number as some pages print it: with the editors' correction in brackets
# ("501.BC Indonesia/1–1449 [1–449]: Telegram") or a semicolon for the colon.
# The decimal file numbers of the 1930s–40s may end in a fraction, the document's place
# among those of one number ("711.94/2344 7/25"), and a copy may space the decimals
# ("794A. 5 MAP/9–1451: Telegram"); the files of the Second World War name it, with
# its year ("740.0011 European War 1939/12771: Telegram").
FILE_NUMBER_VARIANT = re.compile(
    r"^(?P<file>\d{3}[\dA-Za-z.–-]*(?: \d[\w.]*)?(?: [A-Z][\w.]*| \([A-Z][\w .]*\)| \d{4}(?=/))*"
    r"(?:/[\w.–\-]+)+"
    r"(?: \d{1,3}/\d{1,3})?)"
    r"(?:(?: \[[^\]]{1,20}\])?\s*[:;]\s*(?P<kind>[A-Za-z][\w ]{1,40}?)\.?)?$"
)
OPENING_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("file number", _FILE_NUMBER),
    ("file number", FILE_NUMBER_VARIANT),
    ("despatch number", re.compile(r"^No\.\s*\d{1,5}[A-Za-z]?\.?\]?$")),
    ("extract", re.compile(r"^\[(?:Extracts?|Excerpts?)\.?\]$|^(?:Extracts?|Excerpts?)\.?$",
                           re.IGNORECASE)),
    ("telegram tag", re.compile(
        r"^\[(?:Circular |Paraphrase of )?(?:Telegram|Radiogram|Cablegram)[^\]]{0,80}\]$",
        re.IGNORECASE)),
    ("received", re.compile(
        r"^\[(?:Received|Sent)\b[^\]]{0,120}\]$|^\((?:Received|Sent)\b[^)]{0,120}\)\.?$")),
    ("classification", _CLASSIFICATION),
    ("archive", _ARCHIVE),
]
"""Shapes of the lines around an unnumbered title, most specific first."""

# Rules whose lines may stand after the title (and the dateline) as well as before it.
_AFTER_TITLE = {"despatch number", "extract", "telegram tag", "received", "classification"}
# How many lines before the title may be opening lines.
_OPENING_WINDOW = 8
_TITLE_LIMIT = 300


def opening_kind(line: str, after_title: bool = False) -> str:
    """The name of the opening rule ``line`` fits, or "" when it is not an opening line."""
    line = line.strip()
    if len(line) > 200:
        return ""
    for name, pattern in OPENING_RULES:
        if (not after_title or name in _AFTER_TITLE) and pattern.match(line):
            return name
    return ""


@dataclass(frozen=True)
class Opening:
    """Where the page's heading stands and what it says.

    ``heading`` is the line index of the title (None when the copy has none);
    ``number`` the printed document number ("" for an unnumbered title); ``before``
    the opening lines above the title with their rule names.
    """

    heading: int | None
    number: str
    title: str
    before: list[tuple[int, str]]


def plausible_numbered_title(title: str) -> bool:
    """A title names a document; a numbered sentence ("1. You should…") does not."""
    if len(title) > 400:
        return False
    if kind_of(title) != "document" or " From " in title:
        return True
    bare = title.rstrip("0123456789 ")
    return not (bare.endswith((".", ":", ";", ",")) and len(bare.split()) > 12)


# Words a title does not end with: a copy that broke the heading over two lines ("…,
# by the" / "Counselor of the Department of State (MacArthur)") goes on below.
_DANGLING = re.compile(r"\b(?:the|of|by|to|and|in|for|at|on|with|from)$")


_NAME_ALONE = re.compile(r"^(?:Mr|Mrs|Sir|General|Count|Baron|Señor|Prince)\.? [A-Z][\w'’-]+$")


def join_broken_title(lines: list[str], heading: int) -> list[str]:
    """``lines`` with the title at ``heading`` and its continuation made one line, when
    the title's line ends in a word no title ends with and the next line goes on with
    more words (neither blank, a page label nor a dateline's "Berlin, …")."""
    line = lines[heading].rstrip()
    if heading + 1 >= len(lines):
        return lines
    following = lines[heading + 1].strip()
    # …or the title's line is a name alone and the next goes on "to …" ("Mr. Evarts" /
    # "to Mr. Seward.", as a garbled copy of an 1880 page breaks it).
    addressed_on = bool(_NAME_ALONE.match(line.strip())) and following.startswith("to ")
    if not (_DANGLING.search(line) or addressed_on):
        return lines
    if not following or len(line) + len(following) > _TITLE_LIMIT or opening_kind(following) \
            or following.startswith("[") or not following[0].isalpha():
        return lines
    return lines[:heading] + [f"{line} {following}"] + lines[heading + 2:]


def unnumbered_title(line: str) -> str:
    """The title an unnumbered heading line states, without its closing comma or period
    ("Mr. Adams to Mr. Seward," → "Mr. Adams to Mr. Seward")."""
    title = line.strip()
    if title.endswith((",", ":")) or (title.endswith(".") and not title.endswith(".)")
                                       and not re.search(r"\b[A-Z][a-z]?\.$", title)):
        title = title[:-1].rstrip()
    return title


def read_opening(lines: list[str], page_only: re.Pattern[str]) -> Opening:
    """Find the heading: a numbered one on the first line, else the first line after the
    opening lines (file number, archive, despatch number …), taken as the title."""
    content = [number for number, line in enumerate(lines)
               if line.strip() and not page_only.match(line)]
    if not content:
        return Opening(None, "", "", [])
    first = content[0]
    numbered = NUMBERED_HEADING.match(lines[first])
    if numbered and plausible_numbered_title(numbered["title"]) and not opening_kind(
            lines[first]):  # "501.BC Indonesia/1–349: Telegram" is a file number
        return Opening(first, numbered["number"], numbered["title"], [])
    before: list[tuple[int, str]] = []
    for number in content[:_OPENING_WINDOW]:
        kind = opening_kind(lines[number])
        if not kind:
            line = lines[number].strip()
            if len(line) > _TITLE_LIMIT:
                break  # the text itself: this copy has no title
            numbered = NUMBERED_HEADING.match(line)
            if numbered and plausible_numbered_title(numbered["title"]):
                return Opening(number, numbered["number"], numbered["title"], before)
            return Opening(number, "", unnumbered_title(line), before)
        before.append((number, kind))
    return Opening(None, "", "", before)


# What a reader who selects from the top of the site's page copies above the document:
# the volume's title, "Historical Documents", and "Document 72" (the page's number,
# which the older volumes print nowhere else).
_SITE_LINE = re.compile(
    r"^(?:Foreign Relations of the United States\b.{0,240}|Historical Documents|"
    r"Office of the Historian|Document (?P<number>\d{1,4}[A-Za-z]?))$"
)
_SITE_WINDOW = 6


def strip_site_lines(text: str) -> tuple[str, str]:
    """``text`` without the site's lines above the document, and the number a "Document
    72" line among them gives ("" when none). Only lines at the very top are taken, and
    only while each is one of the site's."""
    lines = text.split("\n")
    number = ""
    index = 0
    seen = 0
    while index < len(lines) and seen < _SITE_WINDOW:
        line = lines[index].strip()
        if line:
            site = _SITE_LINE.match(line)
            if site is None:
                break
            number = number or (site["number"] or "")
            seen += 1
        index += 1
    if not seen or index >= len(lines):
        return text, ""
    return "\n".join(lines[index:]), number
