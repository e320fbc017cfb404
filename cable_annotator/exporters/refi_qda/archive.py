"""The bytes of ``.qdpx`` (a ZIP of ``project.qde`` and a flat ``sources/`` folder) and
``.qdc`` (the codebook alone) files, written to a handle; the services write the file
atomically around them, as every export is (``file_safety``)."""

from __future__ import annotations

import zipfile
from typing import BinaryIO

from lxml import etree

from ...domain import refi_qda as ids
from ...domain.annotation import Theme
from .project_xml import ProjectXml, codebook_element


def document_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_qdpx(handle: BinaryIO, project: ProjectXml) -> None:
    """The archive: ``project.qde`` first, then each source as ``sources/<GUID>.txt``."""
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", document_bytes(project.root))
        for name, text in project.sources.items():
            archive.writestr(f"sources/{name}", text.encode("utf-8"))


def write_qdc(handle: BinaryIO, themes: list[Theme], origin: str) -> None:
    """The codebook document (namespace urn:QDA-XML:codebook:1.0)."""
    book = codebook_element(themes, ids.CODEBOOK_NAMESPACE)
    book.set("origin", origin)
    handle.write(document_bytes(book))
