"""What a plain-text FRUS document states in lines the TEI marks up: dateline, signature.

The TEI importer takes a document's place, date and signature from ``dateline`` and
``signed`` elements; a copy from the web has only the lines they rendered to, so these
readers recognise them by the editors' conventions: datelines such as "Washington,
January 29, 1974, 2224Z." and a closing name line such as "Kissinger". Facts that both
importers read from prose (kind, parties, numbers, subject, classification, paragraph
labels, references) are in ``frus_prose``, shared. Each reader returns None or False
rather than guessing when the convention is not met.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
# A dateline: optional place (a comma or only a space after it), then "January 29, 1974"
# (a day range is allowed) or "May 1980", then an optional time such as ", 2224Z",
# ",4:17–5:50 p.m." or ". 10–11 p.m.", ending the line.
_DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][^\d:;]{0,80}?)(?:,\s*|\s+))?"
    rf"(?P<month>{'|'.join(_MONTHS)})\s+"
    r"(?:(?P<day>\d{1,2})(?:\s*\[\d{1,2}\??\])?"
    r"(?:\s*(?:[–-]|and)\s*\d{1,2})?,\s*)?"
    r"(?P<year>\d{4})(?P<rest>(?:[,.]?\s*[^\n]{0,60})?)\.?$"
)
# The military order, "Washington, 2 January 1951.".
_DAY_FIRST = re.compile(
    r"^(?:(?P<place>[A-Z][^\d:;]{0,80}?)(?:,\s*|\s+))?"
    rf"(?P<day>\d{{1,2}})\s+(?P<month>{'|'.join(_MONTHS)})\s+(?P<year>\d{{4}})"
    r"(?P<rest>(?:[,.]?\s*[^\n]{0,60})?)\.?$"
)
# Telegrams of the older volumes may omit the year: "Hong Kong, February 8—5 p. m.".
_YEARLESS = re.compile(
    r"^(?:(?P<place>[A-Z][^\d:;]{0,80}?)(?:,\s*|\s+))?"
    rf"(?P<month>{'|'.join(_MONTHS)})\s+(?P<day>\d{{1,2}})"
    r"(?P<rest>(?:\s*[,—–-]\s*\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\. ?m\.|noon|midnight))?)\.?$"
)
_SUPPLIED_PLACE = re.compile(r"^\[\s*([^\]\d]{1,80}?)\s*,?\s*\]\s*")
# A dateline without a date: "Washington, undated." or "undated".
_UNDATED = re.compile(r"^(?:(?P<place>[A-Z][^\d]{0,80}?),\s+)?[Uu]ndated\.?$")

# A signature as the older volumes print it, closed by a period: "C. F. Adams.",
# "CHARLES FRANCIS ADAMS.".
_OLD_STYLE_NAME = re.compile(r"^(?:(?:[A-Z]\.\s?)+[A-Z][\w’'-]+|[A-Z][A-Z’'-]+(?: [A-Z.’'-]+)+)\.$")
# A signature by initials: "J.F.K.", "McG. B.", "W.P.B.".
_INITIALS = re.compile(r"^(?:[A-Z][a-zA-Z]{0,2}\.\s?){2,4}$")


@dataclass(frozen=True)
class Dateline:
    """What a dateline line states."""

    place: str
    date: str | None


def read_dateline(line: str, year: int | None = None) -> Dateline | None:
    """Place and ISO date of a dateline, or None when ``line`` is not one.

    ``year`` dates a dateline that gives none ("February 8—5 p. m."), when the volume
    covers a single year; without it such a line is still a dateline, undated."""
    if len(line) > 160:
        return None
    # "[Washington,] October 20, 1949.": the editors supply a place in brackets.
    line = line.strip()
    if line.startswith("[") and line.endswith("]") and "[" not in line[1:]:
        line = line[1:-1].strip()  # "[Paris, November 10, 1949.]": all supplied
    line = _SUPPLIED_PLACE.sub(r"\1, ", line)
    match = _DATELINE.match(line.strip()) or _DAY_FIRST.match(line.strip())
    if match and len((match["place"] or "").split()) <= 6:
        month = _MONTHS.index(match["month"]) + 1
        date = f"{int(match['year']):04d}-{month:02d}"
        if match["day"]:
            # "May 23 [24], 1949": the day as printed; the editors' correction in
            # brackets is a remark on it, as the TEI dates it.
            day = int(match["day"])
            if not 1 <= day <= 31:
                return None
            date += f"-{day:02d}"
        return Dateline((match["place"] or "").strip(" ,"), date)
    yearless = _YEARLESS.match(line.strip())
    if yearless and len((yearless["place"] or "").split()) <= 6:
        day = int(yearless["day"])
        if not 1 <= day <= 31:
            return None
        month = _MONTHS.index(yearless["month"]) + 1
        date = f"{year:04d}-{month:02d}-{day:02d}" if year else None
        return Dateline((yearless["place"] or "").strip(" ,"), date)
    undated = _UNDATED.match(line.strip())
    if undated:
        return Dateline((undated["place"] or "").strip(), None)
    return None


def looks_like_signature(line: str) -> bool:
    """True for a short name line such as "Kissinger" or "Arthur Schlesinger, jr."."""
    words = line.split()
    if not words or len(line) > 60 or len(words) > 6:
        return False
    if not line[0].isupper() or line.startswith("["):
        return False
    initials = _INITIALS.match(line) or _OLD_STYLE_NAME.match(line)
    if line[-1] in "!?:;" or (
        line.endswith(".") and not initials and not re.search(r"\b[JS]r\.$", line, re.I)
    ):
        return False
    return not any(char.isdigit() for char in line)
