"""``REF:`` lines: which earlier telegrams this one answers or builds on.

Shapes seen in the files: ``REF: A. STATE 295719, B. LIMA 7518``, ``REFS: (A) LIMA 7518
(B) STATE 17976``, ``REF: STATE 216511, 216512`` (the post carried over), ``REF: 76 STATE
295719`` (a year named), ``REF: STATE 295719 DTG 302010Z DEC 76``, ``REF: DEPTEL 1234``
(the Department's), ``REF: OURTEL 12`` / ``YOURTEL 12`` (the sender's / the addressee's).
Airgrams (``LIMA A-123``) and paragraphs (``PARA 3``) are not telegrams and are skipped.
Each reference keeps its span in the cable text so the window can make it a link.
"""

from __future__ import annotations

import re

from ...domain.telegram import TelegramReference, full_year
from .cleaning import ocr_digits
from .dtg import find_dtg

REF_START = re.compile(r"^\s*(?:REFS?|REFTELS?|REFERENCES?|REF\s*\(S\))\b\s*[:.]?\s*", re.I)

_ITEM = re.compile(
    r"(?<![A-Z0-9])(?:(?P<yy>(?:19)?\d\d)\s+)?"
    r"(?P<post>[A-Z][A-Z']+(?:\s[A-Z]{2,}){0,2})\s+(?:NO\.?\s*)?"
    r"(?P<num>[0-9O]{1,6})(?![0-9A-Z/-])")
_MORE = re.compile(r"\s*(?:,|AND|&)\s*(?P<num>\d{1,6})(?![0-9A-Z/-])(?!\s+[A-Z]{3}\s+\d\d)")
_LABEL_BEFORE = re.compile(r"(?:^|[\s,;(])\(?(?P<label>[A-Z]|\d)\s*[.)]\s*$")
_NOT_POSTS = {"PARA", "PARAS", "PARAGRAPH", "DTG", "NOTAL", "SECTION", "AND", "OF", "ALSO",
              "SEPTEL", "PAGE", "NO", "NOS", "AIRGRAM", "MEMCON", "THE", "YOUR", "OUR",
              "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
              "DEC", "EO", "E O", "TAGS", "SUBJECT", "SUBJ", "REF", "REFS", "REFTEL"}
_OWN_TELS = {"DEPTEL": "STATE", "DEPTELS": "STATE", "STATE": "STATE", "SECSTATE": "STATE"}


def references_in(text: str, start: int, end: int, sender_post: str = "",
                  addressee_post: str = "") -> list[TelegramReference]:
    """The telegram references in ``text[start:end]`` (a REF block), with their offsets.

    ``sender_post`` and ``addressee_post`` give OURTEL and YOURTEL (EMBTEL: the
    embassy's, whichever end it is) their posts."""
    found: list[TelegramReference] = []
    block = text[start:end].upper()
    at = 0
    head = REF_START.match(block)
    if head:
        at = head.end()
    while True:
        match = _ITEM.search(block, at)
        if match is None:
            break
        post = re.sub(r"\s+", " ", match["post"]).removesuffix("'S")
        words = post.split(" ")
        if len(words[0]) == 1:  # "A STATE 1234": a label without its point
            words = words[1:]
        post = " ".join(w for w in words if w not in _NOT_POSTS)
        at = match.end()
        if not post or post in _NOT_POSTS or words[-1] in _NOT_POSTS:
            continue
        post = _own_post(post, sender_post, addressee_post)
        if post is None:
            continue
        label_match = _LABEL_BEFORE.search(block, 0, match.start())
        label = label_match["label"] if label_match and label_match.end() >= match.start() \
            else ""
        year = _named_year(match, block)
        item_start = match.start("post") if not match["yy"] else match.start()
        found.append(_reference(text, label, post, match["num"], start + item_start,
                                start + match.end(), year))
        more_at = match.end()
        while True:
            more = _MORE.match(block, more_at)
            if more is None:
                break
            found.append(_reference(text, "", post, more["num"], start + more.start("num"),
                                    start + more.end(), year))
            more_at = more.end()
        at = more_at
    return found


def _reference(text: str, label: str, post: str, number: str, begin: int, finish: int,
               year: int | None) -> TelegramReference:
    return TelegramReference(label, post, str(int(ocr_digits(number))), text[begin:finish],
                             begin, finish, year)


def _own_post(post: str, sender_post: str, addressee_post: str) -> str | None:
    if post in _OWN_TELS:
        return _OWN_TELS[post]
    if post in {"OURTEL", "OURTELS", "MYTEL"}:
        return sender_post or None
    if post in {"YOURTEL", "YOURTELS", "REFTEL"}:
        return addressee_post or None
    if post in {"EMBTEL", "EMBTELS"}:
        return (sender_post if sender_post != "STATE" else addressee_post) or None
    return post


def _named_year(match: re.Match, block: str) -> int | None:
    """A year given with the reference: before it (``76 STATE``) or a DTG right after."""
    if match["yy"]:
        value = int(match["yy"])
        return value if value > 999 else full_year(value)
    tail = block[match.end():match.end() + 40]
    window = re.split(r"[;,]|\([A-Z]\)|\b[A-Z][.)]\s", tail)[0]
    dtg = find_dtg(window)
    if dtg is not None:
        return dtg.sent.year
    year = re.match(r"\s*\((?:19)?(\d\d)\)", tail)
    return full_year(int(year[1])) if year else None
