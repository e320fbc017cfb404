"""Importing files into a project: plain-text FRUS documents and whole TEI volumes.

Each file is one transaction: a file that fails to parse or store leaves the project as it
was. Re-importing a cable updates it in place and re-anchors its annotations by quote and
context; an annotation whose passage is gone is kept and marked orphaned, never deleted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select

from .. import file_safety
from ..domain.anchoring import QuoteSelector, reanchor
from ..domain.annotation import now_utc
from ..domain.cable import Cable
from ..domain.volume import Volume, describe_volume_id
from ..importers.errors import ImportFailed
from ..storage import fulltext
from ..storage.mapping import fill_cable_row, fill_volume_row, row_values
from ..storage.models import AnnotationRow, CableRow, VolumeRow
from ..storage.project import Project
from .queries import CableSummary, cable_summaries

Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    """What an import did: the cables now in the project, and re-anchoring outcomes."""

    cables: list[CableSummary] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    moved_annotations: int = 0
    orphaned_annotations: int = 0
    imported_sources: list[str] = field(default_factory=list)  # files (or texts) stored
    not_imported: list[str] = field(default_factory=list)  # left out by a cancel
    cancelled: bool = False


_VOLUME_IN_NAME = re.compile(r"^(frus\d{4}(?:-\d{2,4})?[a-z0-9]*?)[-_.]?d\d+", re.IGNORECASE)


def volume_from_filename(path: Path) -> str | None:
    """``frus1969-76ve11p2-d293.txt`` → ``frus1969-76ve11p2``: a copied page carries no
    volume id, but readers (and our sample) name files after the history.state.gov URL."""
    match = _VOLUME_IN_NAME.match(path.stem)
    return match.group(1).lower() if match else None


FORMATS = ("frus", "tei", "telegram")
"""What ``import --as`` accepts: a FRUS plain-text page, a TEI volume, raw telegrams."""


def guess_format(path: Path) -> str:
    """The format of a file, from its contents: ``tei``, ``telegram`` or ``frus``."""
    from ..importers.frus_tei import looks_like_tei

    if looks_like_tei(path):
        return "tei"
    # -- raw State Department telegrams (issue 12): AAD/PlusD text and records --------
    from ..importers.telegram import looks_like_telegram

    try:
        with path.open("rb") as handle:
            head = handle.read(65536)  # the header and first records say enough
    except OSError:
        return "frus"  # the FRUS reader reports an unreadable file in its own words
    if looks_like_telegram(head.decode("utf-8", errors="replace")):
        return "telegram"
    return "frus"


def read_file(path: Path, volume: str | None = None, progress: Progress | None = None,
              cancelled: Callable[[], bool] | None = None,
              as_format: str | None = None) -> tuple[Volume | None, list[Cable]]:
    """Parse one file (TEI volume, plain text or raw telegrams) into domain objects,
    storing nothing; ``as_format`` (one of FORMATS) overrides the guess.

    A plain-text document takes ``volume``, else the volume its file name carries."""
    from ..importers.frus_tei import read_tei_volume
    from ..importers.frus_text import read_frus_text

    refuse_unreadable_import(path)
    kind = as_format or guess_format(path)
    if kind == "tei":
        parsed_volume, cables = read_tei_volume(path, progress=progress, cancelled=cancelled)
        return parsed_volume, cables
    if kind == "telegram":
        from ..importers.telegram import read_telegram_file

        cables = read_telegram_file(path)
        if progress is not None:
            progress(len(cables), len(cables))
        return None, cables
    cable = read_frus_text(path, volume=volume or volume_from_filename(path))
    if progress is not None:
        progress(1, 1)
    return None, [cable]


def refuse_unreadable_import(path: Path) -> None:
    """ImportFailed, before the file is opened, for what cannot be a document: nothing
    there, a folder, a device (``/dev/zero`` would fill the memory), a FIFO (would block
    forever), a socket, a link to nothing — or a file over the import size limit."""
    if not file_safety.exists_at_all(path):
        raise ImportFailed(path, "no such file")
    if path.is_dir():
        raise ImportFailed(path, "this is a folder, not a file")
    problem = file_safety.describe_non_regular(path)
    if problem:
        raise ImportFailed(path, f"{problem}, not a file to import")
    size, limit = path.stat().st_size, file_safety.import_limit()
    if size > limit:
        raise ImportFailed(path, f"it is {file_safety.format_size(size)}, larger than the "
                                 f"import limit of {file_safety.format_size(limit)} (set "
                                 f"{file_safety.IMPORT_LIMIT_VARIABLE} to allow more)")


def import_files(
    project: Project,
    paths: Iterable[Path | str],
    volume: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    as_format: str | None = None,
) -> ImportReport:
    """Import each file in its own transaction; stop at the first file that fails.

    Raises ImportFailed (naming the file) or ImportCancelled; files imported before the
    failure stay imported, the failing one leaves no trace.
    """
    report = ImportReport()
    imported_ids: list[str] = []
    for path in map(Path, paths):
        parsed_volume, cables = read_file(path, volume, progress, cancelled, as_format)
        _store(project, path, parsed_volume, cables, report)
        imported_ids.extend(cable.id for cable in cables)
    order = {cable_id: index for index, cable_id in enumerate(imported_ids)}
    report.cables = sorted(cable_summaries(project, imported_ids), key=lambda s: order[s.id])
    return report


def import_text(project: Project, text: str, source: str,
                volume: str | None = None) -> ImportReport:
    """Import one FRUS document given as text — a page copied from history.state.gov and
    pasted, or text dropped on the window — as a plain-text file of it would be.

    ``source`` names where it came from ("clipboard"), for the cable's record and for
    errors (ImportFailed names it when the text is not a FRUS document)."""
    from ..importers.frus_text import parse_frus_text
    from ..importers.telegram import looks_like_telegram, parse_telegrams

    if not text.strip():
        raise ImportFailed(source, "there is no text to import")
    limit = file_safety.import_limit()
    if len(text) > limit // 4 and len(text.encode("utf-8", "surrogatepass")) > limit:
        raise ImportFailed(source, f"the text is larger than the import limit of "
                                   f"{file_safety.format_size(limit)} (set "
                                   f"{file_safety.IMPORT_LIMIT_VARIABLE} to allow more)")
    if looks_like_telegram(text):  # a raw telegram copied from AAD or PlusD (issue 12)
        cables = parse_telegrams(text, source)
    else:
        cables = [parse_frus_text(text, volume=volume or None, source=source)]
    report = ImportReport()
    _store(project, source, None, cables, report)
    report.imported_sources.append(source)
    report.cables = cable_summaries(project, [cable.id for cable in cables])
    return report


def _store(project: Project, path: Path | str, volume: Volume | None, cables: list[Cable],
           report: ImportReport) -> None:
    stamp = now_utc()
    with project.transaction() as session:
        volume_ids = {cable.volume for cable in cables}
        for volume_id in volume_ids:
            row = session.get(VolumeRow, volume_id)
            if volume is not None and volume.id == volume_id:
                row = row or VolumeRow()
                fill_volume_row(row, volume)
                session.add(row)
            elif row is None:
                row = VolumeRow()
                fill_volume_row(row, describe_volume_id(volume_id))
                session.add(row)
        session.flush()
        existing = {
            row.id: row
            for row in session.scalars(select(CableRow).where(
                CableRow.id.in_([cable.id for cable in cables])))
        }
        new_rows = []
        for cable in cables:
            row = existing.get(cable.id) or CableRow()
            fill_cable_row(row, cable)
            row.source = str(path)
            row.imported = stamp
            if cable.id in existing:
                report.updated += 1
                _reanchor_annotations(session, cable, report)
            else:
                report.added += 1
                new_rows.append(row_values(row))
        if new_rows:
            # One multi-row INSERT: the ORM's unit of work would double the time of a
            # volume import for no benefit on rows nothing else refers to yet.
            session.execute(insert(CableRow), new_rows)
        session.flush()
        fulltext.index_cables(session, cables)


def _reanchor_annotations(session, cable: Cable, report: ImportReport) -> None:
    rows = session.scalars(select(AnnotationRow).where(AnnotationRow.cable_id == cable.id))
    for row in rows:
        try:
            text = cable.part_text(row.part)
        except KeyError:
            found = None
        else:
            selector = QuoteSelector(row.quote, row.prefix, row.suffix)
            found = reanchor(text, selector, row.start, row.end)
        if found is None:
            if not row.orphaned:
                row.orphaned = True
                report.orphaned_annotations += 1
            continue
        if (row.start, row.end) != found or row.orphaned:
            report.moved_annotations += 1
        row.start, row.end = found
        row.orphaned = False
        row.quote = text[found[0]:found[1]]
