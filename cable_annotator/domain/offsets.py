"""Conversion between Python code-point offsets and Qt's UTF-16 offsets.

Python and REFI-QDA index code points; Qt counts UTF-16 code units, so every character
outside the Basic Multilingual Plane shifts Qt's positions by one. Only the UI converts,
through these functions, and only at its boundary.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class Utf16Map:
    """Maps offsets of one text between code points and UTF-16 units in O(log n)."""

    def __init__(self, text: str) -> None:
        # Code-point indices of characters that take two UTF-16 units.
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # UTF-16 index just after each astral character's first unit.
        self._astral_utf16 = [i + n for n, i in enumerate(self._astral)]
        self.length = len(text)

    def to_utf16(self, offset: int) -> int:
        """UTF-16 offset of the code-point ``offset``."""
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def from_utf16(self, offset: int) -> int:
        """Code-point offset of the UTF-16 ``offset`` (inside a surrogate pair: rounded down)."""
        if not self._astral:
            return offset
        before = bisect_right(self._astral_utf16, offset - 1)
        return offset - before
