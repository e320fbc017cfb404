"""The rest of a Markdown copy made plain: headings, emphasis, links and escapes.

A page saved through a Markdown converter writes its title as a heading ("# 293.
Telegram …"), italics and bold as "*…*" and "**…**", page labels as links
("[[Page 781]](https://history.state.gov/…#pg_781)") and escapes brackets ("\\[Page
781\\]"). None of that is the document's: it is taken off before the page is read, so
the title is the document's title and no asterisk is taken for a note marker. Its
footnotes (``[^1]``) are read by ``markdown_notes``; markers and back-links written as
links ("Peru[1](#fn:1)", "[↩](#fnref:1)") become the site's "Peru1" and "↩". Only a text
that shows it is Markdown (footnote definitions, a heading opening it, links) is touched.
"""

from __future__ import annotations

import re

from .markdown_notes import DEFINITION

_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$", re.MULTILINE)
# "[text](https://…)" → "text" (a page label's link keeps its label: "[[Page 781]](…)").
_LINK = re.compile(r"\[((?:\[[^\]\n]*\]|[^\[\]\n])*)\]\((?:https?://|/|#)[^)\s]*\)")
# "**bold**", "__bold__", "*italic*", "_italic_": the marks around words, on one line.
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]*?\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])([^\n*_]*?[^\s*_])\1(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


_OPENING_LINES = 6
"""How far down a heading may stand: the older pages put a file number or an archive
line above their title ("701.48a11/19" / "# The British Ambassador (Howard) to …")."""
_ESCAPED_BRACKET = re.compile(r"\\[\[\]]")


def looks_like_markdown(lines: list[str]) -> bool:
    """Whether the text is a Markdown copy: it defines footnotes ("[^1]: …"), one of its
    first lines is a heading ("# 293. Telegram …"), it links its markers and back-links
    ("Peru[1](#fn:1)", "[↩](#fnref:1)"), or it escapes brackets ("I have \\[etc.\\]")."""
    opening = [line for line in lines if line.strip()][:_OPENING_LINES]
    return any(_HEADING.match(line) for line in opening) or any(
        (line.lstrip().startswith("[^") and DEFINITION.match(line)) or _LINK.search(line)
        or _ESCAPED_BRACKET.search(line) for line in lines)


def plain_from_markdown(text: str) -> str:
    """``text`` without Markdown's own marks when it is a Markdown copy, else unchanged."""
    if not looks_like_markdown(text.split("\n")):
        return text
    text = _HEADING.sub("", text)
    text = _CLOSING_HASHES.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\2", text)
    return _ESCAPE.sub(r"\1", text)
