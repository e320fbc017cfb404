"""Is this text a raw telegram? A guess for the import dispatcher, from the first lines.

A FRUS page begins with a numbered heading ("293. Telegram 16696 From …") and never has
a date-time group on a line of its own, ``FM``/``TO`` address lines, a ``PAGE 01`` header
or ``TAGS:``; a telegram has several of these. Two independent signs are required, so a
FRUS document that quotes one ``TAGS:`` line is not mistaken for a telegram.
"""

from __future__ import annotations

import re

from .aad_fields import looks_labelled
from .cleaning import PAGE_HEADER
from .dtg import DTG_LINE
from .header import NUMBER_LINE

_SIGNS = (
    ("page", PAGE_HEADER),
    ("dtg", DTG_LINE),
    ("from", re.compile(r"^\s*FM\s+[A-Z]", re.I)),
    ("to", re.compile(r"^\s*TO\s+(?:[A-Z]{5}/)?(?:AMEMBASSY|AMCONSUL|SECSTATE|USMISSION|USUN|"
                      r"USDEL|USNATO|USINT|AMCONGEN|[A-Z]+ WASHDC)\b", re.I)),
    ("tags", re.compile(r"^\s*TAGS\s*:?\s*[A-Z]{2,4}\s*,", re.I)),
    ("eo", re.compile(r"^\s*E\.?\s?[O0]\.?\s*1[12]\d{3}\b", re.I)),
    ("number", NUMBER_LINE),
    ("end", re.compile(r"^\s*NNNN\s*$")),
)
_FRUS_HEADING = re.compile(r"^\s*\d+\.\s+(?:Telegram|Memorandum|Letter|Editorial Note)\b")


def looks_like_telegram(text: str) -> bool:
    """True for raw telegram text or AAD/PlusD records (two or more telegram signs)."""
    head = text.lstrip("\ufeff")[:20000]
    if looks_labelled(head):
        return True
    first = next((line for line in head.splitlines() if line.strip()), "")
    if _FRUS_HEADING.match(first):
        return False
    lines = head.splitlines()[:200]
    seen = {name for name, pattern in _SIGNS for line in lines
            if pattern.match(line if name == "end" else line.upper())}
    return len(seen) >= 2
