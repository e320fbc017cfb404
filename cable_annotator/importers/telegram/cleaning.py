"""Strip what the archive added to a telegram, keeping what was sent.

AAD and PlusD text carries the marks of the record copy: page headers (``PAGE 01 STATE
016696``) and continuation headers (``PAGE 04 ZAGREB 01569 04 OF 04 071629Z``) with the
classification banner around them, the distribution line (``------------------ 300016``),
the end-of-message mark ``NNNN`` and AAD's ``<< END OF DOCUMENT >>``, review and
declassification stamps, and section repeats of a long telegram. None of it is text a
historian quotes, so it goes, and the page turns are kept as offsets (structure).
OCR'd archive copies read ``O`` for ``0`` and ``l`` for ``1``: the patterns accept both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DIGIT = r"[0-9OoIl]"
"""A digit as OCR may have read it."""

CLASSIFICATIONS = ("TOP SECRET", "SECRET", "CONFIDENTIAL", "LIMITED OFFICIAL USE",
                   "UNCLASSIFIED", "UNCLAS", "SECRET SENSITIVE")

PAGE_HEADER = re.compile(
    rf"^\s*PAGE\s+(?P<page>{DIGIT}{{1,3}})\s+(?P<post>[A-Z][A-Z ]*?)\s+(?P<serial>{DIGIT}{{2,6}})"
    rf"(?:\s+{DIGIT}{{2}}\s+OF\s+{DIGIT}{{2}})?(?:\s+{DIGIT}{{6}}\s*Z)?\s*$", re.IGNORECASE)
DISTRIBUTION_LINE = re.compile(r"^\s*-{6,}\s*[0-9A-Z /]*$")
# The transmission envelope of later traffic (routing, format lines), not the message.
ENVELOPE = re.compile(r"^\s*(?:VZCZC\w*|[ZOPR]{2} RUE\w+(?: RUE\w+)*|DE RUE\w+ #\d+(?:/\d+)? \d+"
                      r"|ZN[YR] [A-Z]{5} ZZH|ZFF-?\d?|ZEX|#\d{3,5})\s*$")
END_MARKS = re.compile(r"^\s*(?:N{3,5}|<<\s*END OF DOCUMENT\s*>>|BT|#+)\s*$", re.IGNORECASE)
STAMPS = re.compile(
    r"^\s*(?:DECLASSIFIED(?:/RELEASED)?\b.*|Declassified/Released .*|Authority\s+NND\s*\d+.*"
    r"|By\s+\S+\s+NARA,?\s+Date\s+.*|NARA\s+Date\s+.*|ADP\s*\d+|MICROFILMED BY .*"
    r"|DECLASSIFIED BY .*|Review(?:ed)? (?:Date|Action):.*|SYSTEMATIC REVIEW .*"
    r"|Released in full|Declassified and Released|E\.?O\.? 12958 AS AMENDED.*)\s*$",
    re.IGNORECASE)


# Every line-dropping pattern in one alternation: one match a line instead of four.
_DROPPED = re.compile("|".join(
    f"(?{'i' if pattern.flags & re.IGNORECASE else ''}:{pattern.pattern})"
    for pattern in (END_MARKS, STAMPS, DISTRIBUTION_LINE, ENVELOPE)))


@dataclass
class CleanLines:
    """The telegram's own lines, and the page each one stands on (``1``, ``2``…)."""

    lines: list[str]
    pages: list[str]
    banner: str = ""  # the first classification banner, dropped from the lines
    page_post: str = ""  # the post and serial of the first page header ("STATE", "16696"):
    page_serial: str = ""  # the number when a copy lacks its classification-and-number line


def ocr_digits(text: str) -> str:
    """``O16696`` → ``016696``: letters OCR reads for digits, inside a number."""
    return text.translate(str.maketrans("OoIl", "0011"))


# Only words OCR may have garbled: a digit beside a letter, a lower-case l, or O/I/l after
# a dash ("ISO-OO"). Clean capitals never match, so a clean telegram costs one search a line.
_TOKEN = re.compile(r"[A-Za-z0-9]*(?:[0-9][A-Za-z]|[A-Za-z][0-9]|l)[A-Za-z0-9]*"
                    r"|(?<=-)[OoIl]+\b")
_SUSPECT = re.compile(r"[0-9][A-Za-z]|[A-Za-z][0-9]|l|-[OoI]")
_LETTER = re.compile(r"[A-Za-z]")
_LOWER = re.compile(r"[a-km-z]")
_ORDINAL = re.compile(r"^\d+(?:ST|ND|RD|TH|S)$")
_TRUE_LETTERS = re.compile(r"[A-HJ-NP-Za-km-np-z]")  # every letter but O, o, I, l


def mostly_capitals(text: str) -> bool:
    """A telegram is sent in capitals: a lower-case letter other than ``l`` is rare in it,
    while OCR reads many a ``1`` or ``I`` as ``l``."""
    letters = len(_LETTER.findall(text))
    lower = len(_LOWER.findall(text))
    return letters > 0 and lower / letters < 0.02


def repair_ocr(line: str) -> str:
    """Undo OCR's digit-letter confusions, word by word, in a telegram set in capitals.

    A word of digits (``OOO6O``, ``1516l0Z``, ``8O11``) takes digits for ``O``/``l``/``I``;
    a word of letters (``C0NFIDENTIAL``, ``PRIORlTY``, ``EMB0FF``) takes letters for
    ``0``, ``l`` and a ``1`` between letters. Ordinals (``1ST``) and a capital ``I`` or
    ``O`` on its own (a pronoun, a precedence letter) are left alone."""
    if not _SUSPECT.search(line):
        return line

    def fix(match: re.Match) -> str:
        word = match.group()
        if _ORDINAL.match(word):
            return word
        body = word[:-1] if word.endswith("Z") and len(word) > 1 else word  # a DTG's Z
        letters = len(_TRUE_LETTERS.findall(body))
        digits = sum(1 for c in word if c.isdigit())
        if digits and digits > letters:
            return word.translate(_TO_DIGITS)
        if not digits and not letters:  # only O, o, I and l: "ISO-OO", "NEA-lO", "l."
            after_dash = line[max(0, match.start() - 1):match.start()] == "-"
            numbered = set(word) == {"l"} and line[match.end():match.end() + 1] in (".", ")")
            return word.translate(_TO_DIGITS) if after_dash or numbered \
                else word.replace("l", "I")
        if letters:
            fixed = word.replace("0", "O").replace("l", "I")
            return re.sub(r"(?<=[A-Z])1(?=[A-Z])", "I", fixed)
        return word
    return _TOKEN.sub(fix, line)


_TO_DIGITS = str.maketrans("OolI", "0011")


def normalise_classification(text: str) -> str:
    """``S E C R E T`` → ``SECRET``; ``L I M I T E D  O F F I C I A L  U S E`` → words."""
    words = re.split(r"\s{2,}", text.strip())
    joined = " ".join(w.replace(" ", "") if re.fullmatch(r"(?:\w )+\w", w) else w
                      for w in words)
    return re.sub(r"\s+", " ", joined).upper()


def full_classification(text: str) -> str:
    """The classification spelled out: ``UNCLAS`` (the header's short form) → ``UNCLASSIFIED``."""
    value = normalise_classification(text)
    return "UNCLASSIFIED" if value == "UNCLAS" else value


_MAX_BANNER = len("L I M I T E D  O F F I C I A L  U S E") + 8


def is_banner(line: str) -> bool:
    """A line holding only a classification (``SECRET``, ``C O N F I D E N T I A L``)."""
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_BANNER or stripped[0] not in "TSCLUtsclu":
        return False
    text = normalise_classification(line)
    return bool(text) and text in CLASSIFICATIONS


def clean_lines(text: str) -> CleanLines:
    """The lines of ``text`` without archive marks, with the page of each kept line."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    raw = raw.replace("\t", "    ").lstrip("\ufeff")
    lines = [line.rstrip() for line in raw.split("\n")]
    if mostly_capitals(raw):
        lines = [repair_ocr(line) for line in lines]
    kept: list[str] = []
    pages: list[str] = []
    page = "1"
    banner = page_post = page_serial = ""
    skip_blank = False
    seen_header = False
    for index, line in enumerate(lines):
        if not banner and is_banner(line):
            banner = full_classification(line)
        header = PAGE_HEADER.match(line)
        if header:
            if not page_post:
                page_post = re.sub(r"\s+", " ", header["post"].strip().upper())
                page_serial = str(int(ocr_digits(header["serial"])))
            printed = int(ocr_digits(header["page"]))
            # A later section of a long telegram starts again at PAGE 01: count on.
            page = str(printed if printed > int(page) or not seen_header else int(page) + 1)
            seen_header = True
            _drop_banner_before(kept, pages)
            while kept and not kept[-1].strip():  # the page turn is no paragraph break
                kept.pop()
                pages.pop()
            skip_blank = True
            continue
        if skip_blank and not line.strip():
            continue
        skip_blank = False
        if _DROPPED.match(line):
            continue
        if is_banner(line) and _next_is_page_header(lines, index):
            continue
        kept.append(line)
        pages.append(page)
    _drop_trailing_banner(kept, pages)
    return CleanLines(kept, pages, banner, page_post, page_serial)


def _next_is_page_header(lines: list[str], index: int) -> bool:
    for line in lines[index + 1:index + 4]:
        if line.strip():
            return bool(PAGE_HEADER.match(line))
    return False


def _drop_banner_before(kept: list[str], pages: list[str]) -> None:
    """The classification printed at the foot of a page, just above the next header."""
    at = len(kept) - 1
    while at >= 0 and not kept[at].strip():
        at -= 1
    if at >= 0 and is_banner(kept[at]) and at >= len(kept) - 4:
        del kept[at:]
        del pages[at:]


def _drop_trailing_banner(kept: list[str], pages: list[str]) -> None:
    while kept and not kept[-1].strip():
        kept.pop()
        pages.pop()
    if kept and is_banner(kept[-1]):
        kept.pop()
        pages.pop()
    while kept and not kept[-1].strip():
        kept.pop()
        pages.pop()
    while kept and not kept[0].strip():
        kept.pop(0)
        pages.pop(0)
