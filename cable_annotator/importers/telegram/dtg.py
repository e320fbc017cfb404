"""The date-time group: ``P 262340Z JAN 77`` — precedence, day, hour, minute (UTC), month, year.

The DTG is the telegram's own time of transmission in Greenwich time, so the cable's date
comes from it rather than from an archive's catalogue date. The precedence letters are
the action's and, when a second is given (``O R``, ``PP``), the information addressees'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

from ...domain.telegram import full_year
from .cleaning import DIGIT, ocr_digits

MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1)}
PRECEDENCE_LETTERS = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE",
                      "N": "NIACT IMMEDIATE", "Y": "EMERGENCY"}

GROUP = (rf"(?P<day>{DIGIT}{{2}})(?P<hour>{DIGIT}{{2}})(?P<minute>{DIGIT}{{2}})\s?Z\s+"
         r"(?P<month>[A-Z]{3})\s+(?P<year>" + DIGIT + r"{2}|" + DIGIT + r"{4})")
DTG_LINE = re.compile(rf"^\s*(?P<prec>[ZOPRNY0]{{1,2}}(?:\s+[ZOPRNY0]{{1,2}})?)\s+{GROUP}"
                      r"(?:\s+Z[A-Z]{2}-?\d?)?\s*$",  # an operating signal after it: ZFF-4
                      re.IGNORECASE)
DTG_ANYWHERE = re.compile(rf"\b{GROUP}\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateTimeGroup:
    printed: str  # "262340Z JAN 77"
    sent: datetime  # timezone-aware, UTC
    action_precedence: str = ""
    info_precedence: str = ""

    @property
    def iso(self) -> str:
        return self.sent.strftime("%Y-%m-%dT%H:%MZ")


def parse_group(match: re.Match) -> DateTimeGroup | None:
    """The DTG of a match of GROUP (or DTG_LINE); None when it is no real date."""
    month = MONTHS.get(match["month"].upper())
    if month is None:
        return None
    digits = {k: int(ocr_digits(match[k])) for k in ("day", "hour", "minute", "year")}
    year = digits["year"] if digits["year"] > 999 else full_year(digits["year"])
    try:
        sent = datetime(year, month, digits["day"], digits["hour"] % 24, digits["minute"],
                        tzinfo=timezone.utc)
    except ValueError:
        return None
    printed = (f"{digits['day']:02d}{digits['hour']:02d}{digits['minute']:02d}Z "
               f"{match['month'].upper()} {str(year)[2:]}")
    return DateTimeGroup(printed, sent)


def parse_dtg_line(line: str) -> DateTimeGroup | None:
    """The DTG of a header line such as ``O R 292340Z JAN 74``, with its precedences."""
    match = DTG_LINE.match(line)
    if match is None:
        return None
    group = parse_group(match)
    if group is None:
        return None
    letters = [c for c in match["prec"].upper().replace("0", "O") if c.isalpha()]
    action = PRECEDENCE_LETTERS.get(letters[0], "")
    info = PRECEDENCE_LETTERS.get(letters[-1], action) if len(letters) > 1 else action
    return DateTimeGroup(group.printed, group.sent, action, info)


def find_dtg(text: str) -> DateTimeGroup | None:
    """The first date-time group anywhere in ``text`` (a PlusD field, a REF's DTG)."""
    for match in DTG_ANYWHERE.finditer(text):
        group = parse_group(match)
        if group is not None:
            return group
    return None
