"""REFI-QDA exchange with ATLAS.ti, MAXQDA, NVivo, QualCoder: export a project (``.qdpx``)
or its codebook (``.qdc``), and import either, ours or another program's.

An import is one transaction. Codes become themes (matched by GUID, then by name path, as a
merge matches them); text sources become cables — our own exports rebuild the cable
exactly from the variables they carry, another program's source becomes a document of a
volume named after that project; a cable already in the project keeps its text and the
selections are placed on it by quote and context. Selections become annotations under
their GUIDs; one whose GUID the project already has is left as it is (counted). What the
file holds that a cable annotator cannot keep is listed in the report.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, insert, select

from .. import __version__, file_safety
from ..domain import refi_qda as ids
from ..domain.anchoring import QuoteSelector, place
from ..domain.anchoring import select as select_quote
from ..domain.annotation import new_annotation_id, now_utc, theme_path
from ..domain.cable import BODY, Cable
from ..domain.combined_text import combine, from_combined
from ..domain.volume import Volume
from ..exporters.refi_qda.archive import write_qdc, write_qdpx
from ..exporters.refi_qda.project_xml import ExportedCable, build_project
from ..importers.errors import ImportFailed
from ..importers.refi_qda.reader import (
    ImportedCode,
    ImportedProject,
    ImportedSource,
    read_qdc,
    read_qdpx,
)
from ..storage import fulltext
from ..storage.mapping import cable_from_row, sort_key, theme_from_row, volume_from_row
from ..storage.models import (
    AnnotationRow,
    AnnotationThemeRow,
    CableRow,
    ThemeRow,
    TombstoneRow,
    VolumeRow,
)
from ..storage.project import Project
from .annotating import default_author
from .exporting import ExportFailed
from .queries import all_annotations, list_themes, text_order

ORIGIN = f"Cable Annotator {__version__}"


@dataclass
class ExchangeReport:
    """What an export or import carried, and what it could not."""

    path: str
    cables: int = 0
    themes: int = 0
    annotations: int = 0
    skipped: int = 0  # already in the project
    orphaned: int = 0  # placed on a cable of ours whose text differs: not found
    themes_matched: list[str] = field(default_factory=list)
    not_carried: list[str] = field(default_factory=list)

    def summary(self) -> str:
        line = (f"{self.path}: {self.cables} document(s), {self.themes} theme(s), "
                f"{self.annotations} annotation(s)")
        if self.skipped:
            line += f"; {self.skipped} already in the project"
        if self.orphaned:
            line += f"; {self.orphaned} could not be placed (kept as not found in text)"
        if self.not_carried:
            line += "; not carried: " + ", ".join(self.not_carried)
        return line + "."


# -- export ------------------------------------------------------------------------------------

def _exported_cables(project: Project) -> list[ExportedCable]:
    by_cable: dict[str, list] = {}
    for annotation in all_annotations(project):
        by_cable.setdefault(annotation.cable_id, []).append(annotation)
    with project.reading() as session:
        volumes = {row.id: volume_from_row(row) for row in session.scalars(select(VolumeRow))}
        rows = session.scalars(select(CableRow).order_by(CableRow.volume_id, CableRow.sort_key,
                                                         CableRow.id))
        return [ExportedCable(cable_from_row(row), volumes.get(row.volume_id),
                              sorted(by_cable.get(row.id, []), key=text_order),
                              dict(row.structure or {}))
                for row in rows]


def export_qdpx(project: Project, path: Path | str) -> ExchangeReport:
    """Write the whole project as a REFI-QDA ``.qdpx`` (atomically)."""
    path = Path(path)
    themes = list_themes(project)
    cables = _exported_cables(project)
    document = build_project(project.path.stem, ORIGIN, themes, cables, now_utc())
    try:
        with file_safety.atomic_binary_write(path.expanduser()) as handle:
            write_qdpx(handle, document)
    except file_safety.NotARegularFile as error:
        raise ExportFailed(f"Could not write {path}: {error}; it was left untouched.") from None
    except OSError as error:
        raise ExportFailed(f"Could not write {path}: {error.strerror or error}.") from error
    written = sum(1 for item in cables for a in item.annotations if not a.orphaned)
    report = ExchangeReport(str(path), len(cables), len(themes), written)
    report.not_carried = document.left_out
    return report


def export_qdc(project: Project, path: Path | str) -> ExchangeReport:
    """Write the codebook alone as a REFI-QDA ``.qdc`` (atomically)."""
    path = Path(path)
    themes = list_themes(project)
    try:
        with file_safety.atomic_binary_write(path.expanduser()) as handle:
            write_qdc(handle, themes, ORIGIN)
    except file_safety.NotARegularFile as error:
        raise ExportFailed(f"Could not write {path}: {error}; it was left untouched.") from None
    except OSError as error:
        raise ExportFailed(f"Could not write {path}: {error.strerror or error}.") from error
    return ExchangeReport(str(path), themes=len(themes))


# -- import ------------------------------------------------------------------------------------

def import_refi(project: Project, path: Path | str) -> ExchangeReport:
    """Import a ``.qdpx`` project or a ``.qdc`` codebook (by its content, whatever its
    name). Raises ImportFailed naming the file; the project is then unchanged."""
    path = Path(path)
    if not path.is_file():
        raise ImportFailed(path, "no such file")
    with path.open("rb") as handle:
        is_zip = handle.read(4) == b"PK\x03\x04"
    report = ExchangeReport(str(path))
    if is_zip:
        imported = read_qdpx(path)
        report.not_carried = list(imported.not_carried)
    else:
        imported = ImportedProject("", "", read_qdc(path), [])
    with project.transaction() as session:
        code_map = _import_codes(session, imported.codes, report)
        batch = _Batch(
            known=set(session.scalars(select(AnnotationRow.id)))
            | set(session.scalars(select(TombstoneRow.annotation_id))),
            cable_ids=set(session.scalars(select(CableRow.id))))
        for source in imported.sources:
            _import_source(session, source, imported, code_map, report, batch)
        session.flush()
        if batch.cables:
            fulltext.index_cables(session, batch.cables)
        if batch.annotations:
            session.execute(insert(AnnotationRow), batch.annotations)
        if batch.links:
            session.execute(insert(AnnotationThemeRow), batch.links)
    return report


@dataclass
class _Batch:
    """What an import writes at the end, in bulk (a row at a time cost 15 s for a volume
    with 2,000 annotations), and the ids already taken."""

    known: set[str]
    cable_ids: set[str]
    cables: list[Cable] = field(default_factory=list)
    annotations: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)


_NAME_SEPARATORS = re.compile(r"[/;]")


def _import_codes(session, codes: list[ImportedCode], report: ExchangeReport) -> dict[str, int]:
    themes = [theme_from_row(row) for row in session.scalars(select(ThemeRow))]
    by_id = {theme.id: theme for theme in themes}
    by_uid = {theme.uid: theme for theme in themes}
    by_path = {theme_path(theme, by_id).casefold(): theme for theme in themes}
    guid_paths: dict[str, str] = {}
    mapping: dict[str, int] = {}
    position = (session.scalar(select(func.max(ThemeRow.position))) or 0) + 1
    for code in codes:  # parents first
        name = _NAME_SEPARATORS.sub("-", " ".join(code.name.split()))[:120] or "Unnamed code"
        parent_path = guid_paths.get(code.parent_guid) if code.parent_guid else None
        path = f"{parent_path}/{name}" if parent_path else name
        guid_paths[code.guid] = path
        ours = by_uid.get(code.guid) or by_path.get(path.casefold())
        if ours is not None:
            mapping[code.guid] = ours.id
            if ours.uid != code.guid:
                report.themes_matched.append(path)
            continue
        color = code.color.lower() if re.fullmatch(r"#(?:[0-9a-fA-F]{3}){1,2}", code.color) \
            else "#f2c94c"
        stamp, author = now_utc(), default_author()
        row = ThemeRow(name=name, color=color, description=code.description,
                       parent_id=mapping.get(code.parent_guid) if code.parent_guid else None,
                       position=position, uid=code.guid, created_by=author, created=stamp,
                       modified_by=author, modified=stamp)
        position += 1
        session.add(row)
        session.flush()
        theme = theme_from_row(row)
        by_id[theme.id] = theme
        by_path[path.casefold()] = theme
        mapping[code.guid] = theme.id
        report.themes += 1
    return mapping


def _volume_of(session, source: ImportedSource, imported: ImportedProject) -> str:
    """The volume a source belongs to: ours as exported, else one named after the other
    program's project."""
    volume_id = source.variables.get("volume")
    data = source.variables.get(ids.VOLUME_VARIABLE)
    if not volume_id:
        slug = re.sub(r"[^a-z0-9]+", "-", (imported.name or "project").lower()).strip("-")
        volume_id = f"refi-{slug or 'project'}"
    if session.get(VolumeRow, volume_id) is None:
        volume = Volume(id=volume_id, title=imported.name or volume_id)
        if data:
            try:
                fields = json.loads(data)
                volume = Volume(**{k: v for k, v in fields.items()
                                   if k in {"id", "title", "series", "volume_label",
                                            "subtitle", "editors"}})
            except (ValueError, TypeError):
                pass
        session.add(VolumeRow(id=volume.id, title=volume.title or "", series=volume.series or "",
                              volume_label=volume.volume_label or "",
                              subtitle=volume.subtitle or "", editors=volume.editors or "",
                              persons=[], terms=[]))
        session.flush()
    return volume_id


def _rebuilt_cable(source: ImportedSource, volume_id: str) -> tuple[CableRow, dict]:
    """The cable a source describes, and each part's range in the source text."""
    values = source.variables
    cable_id = values.get("cable_id") or f"{volume_id}/{source.guid}"
    stored = {}
    try:
        stored = json.loads(values.get(ids.STRUCTURE_VARIABLE) or "{}")
    except ValueError:
        stored = {}
    ranges = {part: tuple(span) for part, span in (stored.get("ranges") or {}).items()}
    structure = stored.get("structure") or {}
    body = source.text[slice(*ranges[BODY])] if BODY in ranges else source.text
    row = CableRow(id=cable_id, volume_id=volume_id, text=body, structure=structure,
                   source=f"REFI-QDA source {source.guid}", imported=now_utc(),
                   sort_key=0)
    for name in ids.CABLE_VARIABLES:
        if name != "cable_id":
            setattr(row, name, values.get(name, ""))
    row.title = row.title or source.name
    row.kind = row.kind or "document"
    row.date = row.date or None  # unknown
    row.sort_key = sort_key(row.number)
    if not ranges:
        ranges = {BODY: (0, len(body))}
    return row, ranges


def _import_source(session, source: ImportedSource, imported: ImportedProject,
                   code_map: dict[str, int], report: ExchangeReport, batch: _Batch) -> None:
    volume_id = _volume_of(session, source, imported)
    row, ranges = _rebuilt_cable(source, volume_id)
    existing = session.get(CableRow, row.id) if row.id in batch.cable_ids else None
    ours: Cable | None = None
    if existing is None:
        session.add(row)
        batch.cable_ids.add(row.id)
        batch.cables.append(cable_from_row(row))
        report.cables += 1
    else:
        cable = cable_from_row(existing)
        if combine(cable)[0] != source.text:
            ours = cable  # differs: place their selections on our text
    for selection in source.selections:
        annotation_id = selection.guid  # a UUID; ours, when the selection came from us
        if annotation_id in batch.known:
            report.skipped += 1
            continue
        located = from_combined(ranges, selection.start, selection.end)
        if located is None:
            report.not_carried.append(f"selection {selection.guid} across two parts of "
                                      f"{source.name!r}")
            continue
        part, start, end = located
        their_text = source.text[slice(*ranges[part])]
        orphaned = False
        if ours is not None:
            selector = select_quote(their_text, start, end)
            try:
                found = place(ours.part_text(part), selector, start, end)
            except KeyError:
                found = None
            if found is None:
                orphaned = True
                report.orphaned += 1
                quote = QuoteSelector(selector.quote, selector.prefix, selector.suffix)
            else:
                start, end = found.start, found.end
                quote = selector
        else:
            quote = select_quote(their_text, start, end)
        author = selection.author or default_author()
        created = selection.created or now_utc()
        batch.known.add(annotation_id)
        batch.annotations.append(dict(
            id=annotation_id, cable_id=row.id, part=part, start=start, end=end,
            quote=quote.quote, prefix=quote.prefix, suffix=quote.suffix, note=selection.note,
            author=author, created=created, modified=selection.modified or created,
            modified_by=selection.modified_by or author, orphaned=orphaned,
            version=new_annotation_id(), history=[], conflict="", conflict_of=""))
        batch.links.extend(
            {"annotation_id": annotation_id, "theme_id": theme_id, "position": position}
            for position, theme_id in enumerate(dict.fromkeys(
                code_map[g] for g in selection.code_guids if g in code_map)))
        report.annotations += 1

