"""Writing ``.qdpx`` (a ZIP of ``project.qde`` and a flat ``sources/`` folder) and ``.qdc``
(the codebook alone) files, each atomically: to a temporary file beside the target, made
durable, then renamed over it, so a failed export never leaves half a file."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from ...domain import refi_qda as ids
from ...domain.annotation import Theme
from .project_xml import ProjectXml, codebook_element


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Run ``write`` on a temporary file and put it in place of ``path`` when it is done.
    Raises OSError (the temporary file is removed)."""
    temporary = path.with_name(f".{path.name}.partial")
    try:
        with temporary.open("wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def document_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_qdpx(path: Path, project: ProjectXml) -> None:
    def write(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("project.qde", document_bytes(project.root))
            for name, text in project.sources.items():
                archive.writestr(f"sources/{name}", text.encode("utf-8"))

    write_atomically(path, write)


def write_qdc(path: Path, themes: list[Theme], origin: str) -> None:
    book = codebook_element(themes, ids.CODEBOOK_NAMESPACE)
    book.set("origin", origin)
    data = document_bytes(book)
    write_atomically(path, lambda handle: handle.write(data))
