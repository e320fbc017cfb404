"""Telegram series a page names, to tell a footnote marker glued to a telegram's number.

A marker glued to a number ("Embtel 7711" where 1 is the note) cannot be told from the
number by its shape. What tells is the rest of the page: a telegram series it names more
than once ("Gocus 553", "Gocus 574") whose numbers have three digits makes "(Gocus 5551)"
Gocus 555 and note 1. :class:`TelegramSeries` reads the series of a text once and scores
a place by how surely its number names a telegram of one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SURE_REFERENCE = 3
"""A reference word or series, and a number that has the series' digits without the
marker (:meth:`TelegramSeries.reference_score`): a marker glued to it is as safe as one
glued to an impossible day."""

# Words after which a number names a telegram or document ("Deptel 692", "telegram
# No. 77", "CA-715"): where a note about that telegram is most often attached.
_REFERENCE_WORD = re.compile(
    r"(?:\b(?:[A-Za-z]*tels?|telegrams?|[Aa]irgrams?|No\.|Nos\.|[A-Z]{1,3}-)\s*)(?:\d+\s*)?$"
)
# A word and the number after it ("Gocus 555", "Usgoc 353", "Deptel 1035"): a telegram
# series when the text names it before numbers more than once.
_SERIES_NUMBER = re.compile(r"\b([A-Z][A-Za-z]{2,9})[’']?s?\s+(?:No\.\s*)?(\d{1,6})\b")
_SERIES_BEFORE = re.compile(r"([A-Z][A-Za-z]{2,9})[’']?s?\s+(?:No\.\s*)?$")
_MONTHS = frozenset([
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec",
])


def _usual(lengths: list[int]) -> int:
    """The commonest digit count of a series' numbers."""
    return max(set(lengths), key=lengths.count)


class TelegramSeries:
    """The series a text names and the digit counts of their numbers ("Gocus": [3, 3, 4]).

    Months (a day follows them) and the words of ``own_numbers``, which number their own
    things ("Box 50", "Document 12"), are no series."""

    def __init__(self, raw: str, own_numbers: Iterable[str] = ()) -> None:
        self.raw = raw
        excluded = {word.lower() for word in own_numbers}
        self.lengths: dict[str, list[int]] = {}
        for match in _SERIES_NUMBER.finditer(raw):
            if match[1] not in _MONTHS and match[1].lower() not in excluded:
                self.lengths.setdefault(match[1], []).append(len(match[2]))

    def reference_score(self, position: int) -> int:
        """How surely the number the marker at ``position`` is glued to names a telegram
        ("Deptel 7711", "(Gocus 5551)"), where a note on it is most often attached: 2
        after a reference word, 1 after a word the text numbers more than once, plus 2
        when, without the marker, the number has the digits the series' others have."""
        raw = self.raw
        number_start = position
        while number_start > 0 and raw[number_start - 1].isdigit():
            number_start -= 1
        before = raw[max(0, number_start - 25):number_start]
        word = _SERIES_BEFORE.search(before)
        lengths = self.lengths.get(word[1], []) if word else []
        score = 2 if _REFERENCE_WORD.search(before) else 1 if len(lengths) > 1 else 0
        if score and lengths:
            digits = position - number_start
            marker = next((n for n in range(1, 4)
                           if not raw[position + n:position + n + 1].isdigit()), 1)
            # The others of the series: its numbers less this one (with its marker).
            others = list(lengths)
            if digits + marker in others:
                others.remove(digits + marker)
            if others and _usual(others) == digits:
                score += 2
        return score

    def tails(self) -> dict[int, int]:
        """The digits a telegram number has beyond its series' others ("Gocus 5551"
        among "Gocus 553" gives 1), each with where it first stands: the markers such
        numbers may carry, to number a page's markers from."""
        tails: dict[int, int] = {}
        for match in _SERIES_NUMBER.finditer(self.raw):
            lengths = self.lengths.get(match[1], [])
            if len(lengths) < 2:
                continue
            digits = match[2]
            others = list(lengths)
            others.remove(len(digits))
            usual = _usual(others)
            if 1 <= len(digits) - usual <= 3:
                tails.setdefault(int(digits[usual:]), match.start(2) + usual)
        return tails
