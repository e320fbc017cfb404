"""Import a whole FRUS TEI volume (one file from HistoryAtState/frus) as cables.

This is the entry point other layers call; the work is split over small modules:
``parse`` (hardened parsing, clear errors), ``volume`` (header and front matter),
``document`` (one document div → Cable) with ``text`` (offset-exact text
building), ``meta`` (title number, editorial brackets) and ``frus_prose`` (kind,
classification… read from prose, shared with the plain-text importer).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lxml import etree

from ...collector import collector_paused
from ...domain.cable import Cable
from ...domain.volume import Volume
from ..errors import ImportCancelled, ImportFailed
from .document import (
    DocumentReader,
    VolumeContext,
    document_note_markers,
    footnote_keys,
    note_target,
)
from .parse import TEI, looks_like_tei, parse_tei_bytes, read_bytes
from .volume import division_titles, read_volume, volume_id_of

__all__ = ["looks_like_tei", "read_tei_volume"]

_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_DOCUMENT = "document"


def read_tei_volume(
    path: str | Path,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Volume, list[Cable]]:
    """Read a FRUS TEI volume: the Volume and one Cable per ``div[@type="document"]``.

    ``progress(done, total)`` is called after each document so a dialog can show how far
    the import is; when ``cancelled()`` turns true, ImportCancelled is raised and nothing
    is returned. Bad input raises ImportFailed naming the file, the line and the problem.
    """
    path = Path(path)
    with collector_paused():  # 50,000 lasting objects, no cycles
        return _read(path, progress, cancelled)


def _read(
    path: Path,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> tuple[Volume, list[Cable]]:
    """read_tei_volume, with the garbage collector already paused."""
    root = parse_tei_bytes(path, read_bytes(path))
    volume_id = volume_id_of(root, path)
    volume = read_volume(root, volume_id)
    documents, start_pages = _documents_and_start_pages(root)
    if not documents:
        raise ImportFailed(path, 'it contains no document divisions (div type="document")')
    note_keys = [_note_keys(div) for div in documents]
    context = VolumeContext(volume_id, _note_targets(volume_id, documents, note_keys))
    reader = DocumentReader(context)
    cables: list[Cable] = []
    titles: dict[object, tuple[str, str]] = {}
    total = len(documents)
    for done, div in enumerate(documents, 1):
        if cancelled is not None and cancelled():
            raise ImportCancelled(str(path))
        chapter, compilation = _titles_for(div, titles)
        cables.append(reader.read(div, start_pages[done - 1], chapter, compilation,
                                  note_keys[done - 1]))
        if progress is not None:
            progress(done, total)
    return volume, cables


def _documents_and_start_pages(root: etree._Element) -> tuple[list, list[str]]:
    """Document divs in order, each with the page it starts on.

    A document starts on the page of the last ``pb`` before it in document order, which
    may sit between documents or inside the previous one.
    """
    documents: list[etree._Element] = []
    start_pages: list[str] = []
    last_page = ""
    for element in root.iter(TEI + "pb", TEI + "div"):
        if element.tag == TEI + "pb":
            last_page = element.get("n") or last_page
        elif element.get("type") == _DOCUMENT:
            documents.append(element)
            start_pages.append(last_page)
    return documents, start_pages


def _note_keys(div: etree._Element) -> list[tuple[etree._Element, str]]:
    """A document's footnotes with their keys, found once for both the targets and the reader."""
    notes = document_note_markers(div)
    keys = footnote_keys([marker for _, marker in notes])
    return [(note, key) for (note, _), key in zip(notes, keys, strict=True)]


def _note_targets(volume_id: str, documents: list[etree._Element],
                  note_keys: list[list[tuple[etree._Element, str]]]) -> dict[str, str]:
    """Footnote xml:ids mapped to how a cross-reference names them (``…/d21#footnote 2``)."""
    targets: dict[str, str] = {}
    for div, notes in zip(documents, note_keys, strict=True):
        doc_id = div.get(_XML_ID) or f"d{div.get('n', '')}"
        for note, key in notes:
            note_id = note.get(_XML_ID)
            if note_id:
                targets[note_id] = note_target(volume_id, doc_id, key)
    return targets


def _titles_for(div: etree._Element, cache: dict[object, tuple[str, str]]) -> tuple[str, str]:
    """Chapter and compilation titles, computed once per parent division."""
    parent = div.getparent()
    key = parent.get(_XML_ID) if parent is not None else None
    if key is None:
        return division_titles(div)
    if key not in cache:
        cache[key] = division_titles(div)
    return cache[key]
