"""Any plain text as a document of kind ``text``, exactly as it is.

A historian also reads texts that are not FRUS pages: an oral-history transcript, a memoir
chapter, a cable typed from an archive photo. Such a text is kept character for character
(only line ends are brought to ``\\n`` and a byte-order mark dropped, as for every text):
no heading, paragraph numbers, footnotes or page turns are read into it, so nothing is
invented and a quote is always found where the reader saw it. Its paragraphs (runs of
lines between blank lines) are marked as blocks over the unchanged text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from cable_annotator.domain.cable import Block, Cable

from ..errors import ImportFailed
from .decode import decode_text_file, normalise_newlines

TEXT_KIND = "text"
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_TITLE_LIMIT = 120


def _slug(words: str, limit: int = 60) -> str:
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_words.lower()).strip("-")
    return slug[:limit].rsplit("-", 1)[0] if len(slug) > limit else slug


def _title(text: str, name: str) -> str:
    """The first line when it is short enough to be a title, else the file's name."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if first and len(first) <= _TITLE_LIMIT:
        return first
    return name or (first[: _TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…" if first else "")


def _origin_tag(text: str, source: str, name: str) -> str:
    """Six hex digits that tell apart two texts of the same name or title: of the file's
    absolute path for a file (``source`` is its path when ``name`` is its stem), so that
    re-importing a corrected file updates the same document; of the text itself for a
    paste, so that the same paste twice is one document and two pastes are two."""
    key = "path:" + Path(source).resolve().as_posix() if name else "text:" + text
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:6]


def parse_plain_text(text: str, source: str = "<text>", volume: str | None = None,
                     name: str = "") -> Cable:
    """The text as one document of kind ``text``, its id ``text/<slug>-<tag>``.

    ``name`` (a file's stem, ``source`` then its path) gives the slug; else the title
    does. The tag (:func:`_origin_tag`) keeps two files called ``notes.txt`` in two
    folders apart, and one file the same document on every import.
    Raises ImportFailed naming ``source`` when there is no text at all."""
    text = normalise_newlines(text)
    if not text.strip():
        raise ImportFailed(source, "there is no text to import")
    title = _title(text, name)
    slug = _slug(name) or _slug(title) or "untitled"
    tag = _origin_tag(text, source, name)
    blocks = [Block("paragraph", match.start(), match.end())
              for match in _PARAGRAPH.finditer(text) if match.group().strip()]
    return Cable(id=f"{volume or 'text'}/{slug}-{tag}", volume=volume or "", number="",
                 title=title, text=text, kind=TEXT_KIND, blocks=blocks)


def read_plain_text(path: str | Path, volume: str | None = None) -> Cable:
    """Decode ``path`` and keep its text verbatim; errors name the file."""
    return parse_plain_text(decode_text_file(path), source=str(path), volume=volume,
                            name=Path(path).stem)
