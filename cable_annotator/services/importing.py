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
from ..domain.anchoring import QuoteSelector, place
from ..domain.annotation import now_utc
from ..domain.cable import Cable
from ..domain.volume import Volume, describe_volume_id
from ..importers.errors import ImportFailed
from ..storage import fulltext
from ..storage.mapping import fill_cable_row, fill_volume_row, row_values
from ..storage.models import AnnotationRow, CableRow, VolumeRow
from ..storage.project import Project
from .queries import CableSummary, cable_summaries
from .text_formats import PLAIN_TEXT, TELEGRAMS, TEXT_FORMATS

Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    """What an import did: the cables now in the project, and re-anchoring outcomes."""

    cables: list[CableSummary] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    moved_annotations: int = 0  # the same words, found elsewhere in the new text
    approximate_annotations: int = 0  # placed on slightly changed words (quote kept as is)
    orphaned_annotations: int = 0  # passage gone: kept, listed as not found
    imported_sources: list[str] = field(default_factory=list)  # files (or texts) stored
    not_imported: list[str] = field(default_factory=list)  # left out by a cancel
    cancelled: bool = False
    readings: list[TextReading] = field(default_factory=list)  # how each plain text was read
    warnings: list[str] = field(default_factory=list)  # what could not be recovered


# The page's address in a file name, at its start or after a reader's own prefix
# ("07-frus1918Russiav01-d72", "copy of frus1861-d72"). An address that goes on
# ("d710a-10", an unnumbered paper filed after document 710a) gives no number.
_VOLUME_IN_NAME = re.compile(
    r"(?:^|(?<=[^A-Za-z0-9]))"
    r"(?P<volume>frus\d{4}(?:-\d{2,4})?[a-z0-9]*?)[-_.]?"
    r"(?P<address>d(?P<number>\d+[a-z]?)(?P<filed>-\d+)?)\b",
    re.IGNORECASE,
)


# The same address written apart, as a reader types a name: "FRUS 1918 Russia v01 d72",
# "frus1895p2 d87", "FRUS-1895p2-d87".
_SPACED_ADDRESS = re.compile(
    r"(?:^|(?<=[^A-Za-z0-9]))frus[ _-]?(?P<years>\d{4}(?:-\d{2,4})?)"
    r"(?P<rest>(?:[ _-]?(?!d\d)[A-Za-z][A-Za-z0-9]*?)*?)[ _.-]*"
    r"(?P<address>d(?P<number>\d+[a-z]?)(?P<filed>-\d+)?)\b",
    re.IGNORECASE,
)
_APART = re.compile(r"[ _-]")


@dataclass(frozen=True)
class _NamedAddress:
    volume: str
    number: str | None
    address: str


def _address_in_name_of(path: Path) -> _NamedAddress | None:
    """The page's address a file name carries, written together or apart."""
    match = _VOLUME_IN_NAME.search(path.stem)
    if match:
        volume = match["volume"]
    else:
        match = _SPACED_ADDRESS.search(path.stem)
        if not match:
            return None
        volume = "frus" + match["years"] + _APART.sub("", match["rest"])
    # The id keeps its case, as the address does (frus1918Russiav01).
    volume = "frus" + (volume[4:] if any(c.isupper() for c in volume[4:]) else volume[4:].lower())
    return _NamedAddress(volume, None if match["filed"] else match["number"], match["address"])


def volume_from_filename(path: Path) -> str | None:
    """``frus1969-76ve11p2-d293.txt`` → ``frus1969-76ve11p2``: a copied page carries no
    volume id, but readers (and our sample) name files after the history.state.gov URL
    (also written apart: ``FRUS 1918 Russia v01 d72.txt``)."""
    found = _address_in_name_of(path)
    return found.volume if found else None


def number_from_filename(path: Path) -> str | None:
    """``frus1861-d72.txt`` → ``72``: the document number of a page that prints none."""
    found = _address_in_name_of(path)
    return found.number if found else None


def address_from_filename(path: Path) -> str | None:
    """``frus1945Berlinv02-d710a-10.txt`` → ``d710a-10``: the document's part of the
    page's address, its id in the volume (an unnumbered paper filed after document 710a
    has one of its own, so a second such paper does not replace the first)."""
    found = _address_in_name_of(path)
    return found.address if found else None


# -- plain-text formats -----------------------------------------------------------------

@dataclass(frozen=True)
class TextReading:
    """How one plain text was read: ``format`` (a TEXT_FORMATS key), whether that was
    guessed, and why."""

    source: str
    format: str
    guessed: bool
    reason: str

    def describe(self, why: bool = True) -> str:
        """"read as a FRUS page (guessed: it opens with …)" for the user; ``why=False``
        leaves the reason out (for a status line)."""
        how = ("guessed: " + self.reason if why else "guessed") if self.guessed else "as asked"
        return f"read as {TEXT_FORMATS[self.format]} ({how})"


def choose_text_format(text: str, source: str, requested: str | None) -> TextReading:
    """The reader for ``text``: the one requested, else the guess, with its reason."""
    from ..importers.plaintext import guess_text_format

    if requested is not None:
        if requested not in TEXT_FORMATS:
            raise ImportFailed(source, f"unknown text format {requested!r}; "
                                       f"choose {' or '.join(TEXT_FORMATS)}")
        return TextReading(source, requested, False, "")
    # -- raw State Department telegrams (issue 12): AAD/PlusD text and records --------
    from ..importers.telegram import looks_like_telegram

    if looks_like_telegram(text):
        return TextReading(source, TELEGRAMS, True, "it has a telegram's header (date-time "
                                                    "group, FM/TO lines, TAGS) or AAD fields")
    guess = guess_text_format(text, _address_in_name(source))
    return TextReading(source, guess.format, True, guess.reason)


def _address_in_name(source: str) -> str:
    """``frus1905/d917`` for a file named after its page's address, else ""."""
    volume, address = volume_from_filename(Path(source)), address_from_filename(Path(source))
    return f"{volume}/{address}" if volume and address else ""


def guess_file_format(path: Path) -> TextReading | None:
    """How the importer would read a plain-text file, from its first 64 KiB (for the
    window's question before an import); None when the file cannot be read now."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return None  # the import itself reports an unreadable file in its own words
    return choose_text_format(head.decode("utf-8", errors="replace"), path.name, None)


def unreadable_text_files(paths: Iterable[Path]) -> list[ImportFailed]:
    """Why each of these plain-text files cannot be imported at all (empty, binary, an
    undecodable encoding, unreadable), before the reader is asked which volume they come
    from: a question about a file that is then refused was asked for nothing."""
    from ..importers.plaintext.decode import decode_text_file

    problems = []
    for path in paths:
        try:
            decode_text_file(path)
        except ImportFailed as error:
            problems.append(error)
    return problems


def looks_like_telegram_file(path: Path) -> bool:
    """Whether a file holds raw telegrams (its first 64 KiB say enough): such a file needs
    no volume, its MRNs are its ids."""
    from ..importers.telegram import looks_like_telegram

    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False  # the reader reports an unreadable file in its own words
    return looks_like_telegram(head.decode("utf-8", errors="replace"))


def read_texts_as(text: str, reading: TextReading, volume: str | None,
                  name: str = "", number: str | None = None,
                  address: str | None = None) -> list[Cable]:
    """Parse ``text`` with the reader ``reading`` names: one cable, or every telegram."""
    if reading.format == TELEGRAMS:
        from ..importers.telegram import parse_telegrams

        return parse_telegrams(text, reading.source)
    return [read_text_as(text, reading, volume, name, number, address)]


def read_text_as(text: str, reading: TextReading, volume: str | None,
                 name: str = "", number: str | None = None,
                 address: str | None = None) -> Cable:
    """Parse ``text`` with the reader ``reading`` names."""
    from ..importers.plaintext import parse_frus_text, parse_plain_text

    if reading.format == PLAIN_TEXT:
        return parse_plain_text(text, source=reading.source, volume=volume, name=name)
    return parse_frus_text(text, volume=volume, source=reading.source, number=number,
                           address=address)


def read_file(path: Path, volume: str | None = None, progress: Progress | None = None,
              cancelled: Callable[[], bool] | None = None, as_format: str | None = None,
              readings: list[TextReading] | None = None,
              ) -> tuple[Volume | None, list[Cable]]:
    """Parse one file (TEI volume, plain text or raw telegrams) into domain objects,
    storing nothing.

    A plain-text document takes ``volume``, else the volume its file name carries; it is
    read as ``as_format`` (``frus``, ``text`` or ``telegram``), else as guessed; how it
    was read is appended to ``readings``."""
    from ..importers.plaintext import decode_text_file
    from ..importers.tei import looks_like_tei, read_tei_volume

    refuse_unreadable_import(path)
    if looks_like_tei(path):
        parsed_volume, cables = read_tei_volume(path, progress=progress, cancelled=cancelled)
        return parsed_volume, cables
    text = decode_text_file(path)
    reading = choose_text_format(text, str(path), as_format)
    cables = read_texts_as(text, reading, volume or volume_from_filename(path),
                           name=path.stem, number=number_from_filename(path),
                           address=address_from_filename(path))
    if readings is not None:
        readings.append(reading)
    if progress is not None:
        progress(len(cables), len(cables))
    return None, cables


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


def refuse_own_files(project: Project, paths: Iterable[Path]) -> None:
    """ImportFailed for the first of ``paths`` that is the project's own file (or its log):
    reading it as a document would cost the project its locks, and it is no document."""
    for path in paths:
        if project.is_own_file(path):
            raise ImportFailed(path, "it is this project's own file (or the log SQLite keeps "
                                     "beside it), not a document to import into it")


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
    paths = [Path(path) for path in paths]
    refuse_own_files(project, paths)
    for path in paths:
        parsed_volume, cables = read_file(path, volume, progress, cancelled, as_format,
                                          report.readings)
        _store(project, path, parsed_volume, cables, report)
        report.warnings.extend(warning for cable in cables for warning in cable.warnings)
        imported_ids.extend(cable.id for cable in cables)
    order = {cable_id: index for index, cable_id in enumerate(imported_ids)}
    report.cables = sorted(cable_summaries(project, imported_ids), key=lambda s: order[s.id])
    return report


def import_text(project: Project, text: str, source: str,
                volume: str | None = None, as_format: str | None = None) -> ImportReport:
    """Import one FRUS document given as text — a page copied from history.state.gov and
    pasted, or text dropped on the window — as a plain-text file of it would be.

    ``source`` names where it came from ("clipboard"), for the cable's record and for
    errors (ImportFailed names it when there is no text). It is read as ``as_format``
    (``frus``, ``text`` or ``telegram``), else as guessed; the report says which."""
    if not text.strip():
        raise ImportFailed(source, "there is no text to import")
    limit = file_safety.import_limit()
    if len(text) > limit // 4 and len(text.encode("utf-8", "surrogatepass")) > limit:
        raise ImportFailed(source, f"the text is larger than the import limit of "
                                   f"{file_safety.format_size(limit)} (set "
                                   f"{file_safety.IMPORT_LIMIT_VARIABLE} to allow more)")
    reading = choose_text_format(text, source, as_format)
    cables = read_texts_as(text, reading, volume or None)
    report = ImportReport(readings=[reading],
                          warnings=[w for cable in cables for w in cable.warnings])
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
    """Place each annotation of a re-imported cable again, or orphan it. Only offsets and
    the orphaned flag change: the quote stays what the reader highlighted (a fuzzy match
    may lie on slightly different words, which the window and CSV then show beside it)."""
    rows = session.scalars(select(AnnotationRow).where(AnnotationRow.cable_id == cable.id))
    for row in rows:
        try:
            text = cable.part_text(row.part)
        except KeyError:
            found = None
        else:
            found = place(text, QuoteSelector(row.quote, row.prefix, row.suffix),
                          row.start, row.end)
        if found is None:
            if not row.orphaned:
                row.orphaned = True
                report.orphaned_annotations += 1
            continue
        if found.method == "fuzzy":
            report.approximate_annotations += 1
        elif (row.start, row.end) != (found.start, found.end) or row.orphaned:
            report.moved_annotations += 1
        row.start, row.end = found.start, found.end
        row.orphaned = False
