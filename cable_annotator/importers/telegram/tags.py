"""TAGS decoded: ``TAGS: PFOR, MASS, PE, UR`` → foreign relations, military assistance and
sales, Peru, Soviet Union.

The table is data (``resources/telegram_tags.json``), read once. A person tag comes in
parentheses (``(KISSINGER, HENRY A)``) with its comma inside; an unknown code is kept
with kind ``unknown`` rather than dropped, so nothing the telegram said is lost.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from ...domain.telegram import Tag

TAG_TABLE = "telegram_tags.json"
_KINDS = ("subject", "program", "country", "organization")


@lru_cache(maxsize=1)
def tag_table() -> dict[str, dict[str, str]]:
    """``{"subject": {"PFOR": "Foreign policy and relations", …}, "country": {…}, …}``."""
    text = resources.files("cable_annotator.resources").joinpath(TAG_TABLE).read_text("utf-8")
    data = json.loads(text)
    return {kind: data.get(kind, {}) for kind in _KINDS}


def split_tags(line: str) -> list[str]:
    """The codes of a TAGS line, keeping ``(SURNAME, GIVEN)`` person tags whole."""
    line = re.sub(r"^\s*TAGS\s*:?\s*", "", line.strip(), flags=re.IGNORECASE)
    codes, depth, current = [], 0, []
    for char in line:
        if char == "(":
            if depth == 0 and "".join(current).strip():  # "OVIP (MIKI, TAKEO)"
                codes.append("".join(current))
                current = []
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char in ",;" and depth == 0:
            codes.append("".join(current))
            current = []
        else:
            current.append(char)
    codes.append("".join(current))
    return [re.sub(r"\s+", " ", code).strip(" .") for code in codes if code.strip(" .")]


def decode_tag(code: str) -> Tag:
    """One code with its meaning and kind; OCR's ``0`` in a letter tag is read as ``O``."""
    if code.startswith("(") or ("," in code and not code.isupper()):
        name = code.strip("() ")
        return Tag(name, name.title(), "person")
    code = code.upper()
    table = tag_table()
    candidates = [code, code.replace("0", "O")]
    for candidate in candidates:
        for kind in _KINDS:
            meaning = table[kind].get(candidate)
            if meaning:
                return Tag(candidate, meaning, kind)
    if re.fullmatch(r"[A-Z]+, [A-Z. ]+", code):
        return Tag(code, code.title(), "person")
    return Tag(code, "", "unknown")


def decode_tags(line: str) -> list[Tag]:
    return [decode_tag(code) for code in split_tags(line)]
