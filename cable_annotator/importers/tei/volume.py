"""The volume around the documents: its id, titles, and front-matter persons and terms.

The persons and terms lists let the reader resolve a ``persName/@corresp`` or a
``gloss/@target`` ("#p_KHA_1", "#t_Nodis_1") to a name and an identification; ids are
looked up exactly, never parsed, because their spelling differs between volumes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ...domain.volume import Person, Term, Volume, describe_frus_id
from .parse import TEI

_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_SPACE_RUN = re.compile(r"\s+")
_SKIPPED = (TEI + "note", TEI + "pb")


def plain_text(element: etree._Element) -> str:
    """The element's text without notes, whitespace squeezed (titles, list entries)."""
    pieces: list[str] = []
    _collect(element, pieces)
    return _SPACE_RUN.sub(" ", "".join(pieces)).strip()


def _collect(element: etree._Element, pieces: list[str]) -> None:
    if element.text:
        pieces.append(element.text)
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _SKIPPED:
            _collect(child, pieces)
        if child.tail:
            pieces.append(child.tail)


def volume_id_of(root: etree._Element, path: Path) -> str:
    """``idno[@type="frus"]`` (present in every FRUS file), else the root xml:id or stem."""
    for idno in root.iterfind(f"{TEI}teiHeader//{TEI}publicationStmt/{TEI}idno"):
        if idno.get("type") == "frus" and (idno.text or "").strip():
            return idno.text.strip()
    return (root.get(_XML_ID) or path.stem).strip()


def read_volume(root: etree._Element, volume_id: str) -> Volume:
    """Title, series, label, editors, persons and terms of the volume."""
    volume = describe_frus_id(volume_id)
    titles = {t.get("type"): plain_text(t)
              for t in root.iterfind(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}titleStmt/{TEI}title")}
    volume.title = titles.get("complete") or volume.title or volume_id
    if not volume.series:
        volume.series = titles.get("series", "")
    volume.subtitle = titles.get("volume", "")
    editors = root.iterfind(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}titleStmt/{TEI}editor")
    volume.editors = ", ".join(name for name in map(plain_text, editors) if name)
    front = root.find(f"{TEI}text/{TEI}front")
    scope = front if front is not None else root
    volume.persons = [Person(i, n, d) for i, n, d in _entries(scope, TEI + "persName")]
    volume.terms = [Term(i, n, d) for i, n, d in _entries(scope, TEI + "term")]
    return volume


def _entries(scope: etree._Element, tag: str) -> Iterator[tuple[str, str, str]]:
    """(id, name, description) for each list entry defining ``tag`` with an xml:id.

    The description is the rest of the entry's item after the name ("Anderson, Robert,
    U.S. Ambassador to Morocco …" → "U.S. Ambassador to Morocco …").
    """
    seen: set[str] = set()
    for element in scope.iter(tag):
        ident = element.get(_XML_ID)
        if not ident or ident in seen:
            continue
        seen.add(ident)
        name = plain_text(element)
        item = next(element.iterancestors(TEI + "item"), None)
        description = ""
        if item is not None:
            whole = plain_text(item)
            at = whole.find(name)
            rest = whole[at + len(name):] if at >= 0 else whole
            description = rest.lstrip(" ,;:–—-").strip()
        yield ident, name, description


def division_titles(div: etree._Element) -> tuple[str, str]:
    """(chapter, compilation) titles of the divisions that hold a document.

    A subchapter is joined to its chapter ("Chapter — Subchapter") so nothing is lost.
    """
    chapters: list[str] = []
    compilation = ""
    for ancestor in div.iterancestors(TEI + "div"):
        kind = ancestor.get("type")
        head = ancestor.find(TEI + "head")
        title = plain_text(head) if head is not None else ""
        if kind in ("chapter", "subchapter") and title:
            chapters.insert(0, title)
        elif kind == "compilation" and not compilation:
            compilation = title
    return " — ".join(chapters), compilation
