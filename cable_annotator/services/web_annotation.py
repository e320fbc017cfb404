"""W3C Web Annotation exchange: export every annotation as an ``AnnotationCollection``, and
import such a collection — ours, or Hypothesis-style annotations of history.state.gov
pages — placing each annotation by its selectors on a cable of the project."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from sqlalchemy import select

from ..domain.anchoring import QuoteSelector, place
from ..domain.annotation import new_annotation_id, now_utc, theme_path
from ..domain.combined_text import combine, from_combined
from ..exporters.web_annotation import SITE, collection, write_jsonld
from ..importers.errors import ImportFailed
from ..storage.mapping import cable_from_row, theme_from_row
from ..storage.models import AnnotationRow, AnnotationThemeRow, CableRow, ThemeRow, TombstoneRow
from ..storage.project import Project
from .annotating import default_author
from .exporting import annotated_cables, write_text_atomically
from .queries import list_themes


def export_jsonld(project: Project, destination: Path | str | TextIO) -> int:
    """Write the collection; a path is written atomically. Returns the annotation count."""
    document = collection(f"Annotations of {project.path.stem}", annotated_cables(project),
                          list_themes(project), now_utc())
    if not isinstance(destination, (str, Path)):
        return write_jsonld(destination, document)
    path = Path(destination).expanduser()
    return write_text_atomically(path, "\n", lambda handle: write_jsonld(handle, document))


@dataclass
class WebAnnotationReport:
    path: str
    annotations: int = 0
    skipped: int = 0  # already in the project
    themes: int = 0
    not_placed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        line = f"{self.path}: {self.annotations} annotation(s), {self.themes} new theme(s)"
        if self.skipped:
            line += f"; {self.skipped} already in the project"
        if self.not_placed:
            line += f"; {len(self.not_placed)} not placed ({'; '.join(self.not_placed[:5])})"
        return line + "."


_UUID = re.compile(r"^urn:uuid:([0-9a-fA-F-]{36})$")


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _items(document) -> list[dict]:
    """The annotations of a collection (its pages, embedded), a page, a list or one."""
    if isinstance(document, list):
        return [a for a in document if isinstance(a, dict)]
    if not isinstance(document, dict):
        return []
    kind = document.get("type")
    if kind == "Annotation":
        return [document]
    out: list[dict] = []
    page = document.get("first") if kind == "AnnotationCollection" else document
    seen = 0
    while isinstance(page, dict) and seen < 10_000:
        out.extend(a for a in _as_list(page.get("items")) if isinstance(a, dict))
        page, seen = page.get("next"), seen + 1
    return out


def import_jsonld(project: Project, path: Path | str) -> WebAnnotationReport:
    """Place every annotation of a W3C collection on the project's cables, in one
    transaction. Raises ImportFailed naming the file when it is not such a collection."""
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise ImportFailed(path, f"cannot read it ({error.strerror})") from error
    except ValueError as error:
        raise ImportFailed(path, f"not JSON ({error})") from error
    items = _items(document)
    if not items:
        raise ImportFailed(path, "no W3C Web Annotations in it (an AnnotationCollection, "
                                 "AnnotationPage or Annotation was expected)")
    report = WebAnnotationReport(str(path))
    with project.transaction() as session:
        rows = {row.id: theme_from_row(row) for row in session.scalars(select(ThemeRow))}
        themes = {theme_path(theme, rows).casefold(): theme.id for theme in rows.values()}
        cables: dict[str, object] = {}
        for number, item in enumerate(items, start=1):
            _import_one(session, item, number, themes, cables, report)
    return report


def _theme_id(session, path: str, themes: dict[str, int], report) -> int:
    key = path.casefold()
    if key in themes:
        return themes[key]
    parent_id = None
    so_far = []
    for name in [n.strip() for n in path.split("/") if n.strip()]:
        so_far.append(name)
        prefix = "/".join(so_far).casefold()
        if prefix not in themes:
            stamp, author = now_utc(), default_author()
            row = ThemeRow(name=name.replace(";", ",")[:120], parent_id=parent_id,
                           position=len(themes) + 100, created_by=author, created=stamp,
                           modified_by=author, modified=stamp)
            session.add(row)
            session.flush()
            themes[prefix] = row.id
            report.themes += 1
        parent_id = themes[prefix]
    return parent_id


def _selectors(target: dict) -> tuple[dict | None, dict | None]:
    quote = position = None
    for selector in _as_list(target.get("selector")):
        if not isinstance(selector, dict):
            continue
        if selector.get("type") == "TextQuoteSelector" and quote is None:
            quote = selector
        elif selector.get("type") == "TextPositionSelector" and position is None:
            position = selector
    return quote, position


def _import_one(session, item: dict, number: int, themes: dict[str, int], cables: dict,
                report: WebAnnotationReport) -> None:
    match = _UUID.match(str(item.get("id", "")))
    annotation_id = match.group(1).lower() if match else new_annotation_id()
    if session.get(AnnotationRow, annotation_id) or session.get(TombstoneRow, annotation_id):
        report.skipped += 1
        return
    target = next((t for t in _as_list(item.get("target")) if isinstance(t, dict)), None)
    source = str(target.get("source", "")) if target else ""
    cable_id = source.split(SITE, 1)[1].split("#")[0].strip("/") if SITE in source else ""
    if not cable_id:
        report.not_placed.append(f"annotation {number}: its target is not a history.state.gov "
                                 "document")
        return
    if cable_id not in cables:
        row = session.get(CableRow, cable_id)
        cables[cable_id] = cable_from_row(row) if row is not None else None
    cable = cables[cable_id]
    if cable is None:
        report.not_placed.append(f"annotation {number}: {cable_id} is not in the project")
        return
    quote, position = _selectors(target)
    if quote is None or not quote.get("exact"):
        report.not_placed.append(f"annotation {number}: no TextQuoteSelector")
        return
    text, ranges = combine(cable)
    selector = QuoteSelector(str(quote["exact"]), str(quote.get("prefix") or ""),
                             str(quote.get("suffix") or ""))
    start = int(position["start"]) if position and "start" in position else -1
    end = int(position["end"]) if position and "end" in position else -1
    found = place(text, selector, start, end)
    located = from_combined(ranges, found.start, found.end) if found else None
    if located is None:
        report.not_placed.append(f"annotation {number}: “{selector.quote[:40]}” not found "
                                 f"in {cable_id}")
        return
    part, part_start, part_end = located
    theme_ids, notes = [], []
    for body in _as_list(item.get("body")):
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            continue
        if body.get("purpose") == "tagging":
            theme_ids.append(_theme_id(session, body["value"], themes, report))
        elif body.get("purpose") in ("commenting", "describing", None):
            notes.append(body["value"])
    creator = next((c for c in _as_list(item.get("creator")) if isinstance(c, (dict, str))), {})
    author = creator.get("name", "") if isinstance(creator, dict) else str(creator)
    author = author or default_author()
    created = str(item.get("created") or now_utc())
    session.add(AnnotationRow(
        id=annotation_id, cable_id=cable_id, part=part, start=part_start, end=part_end,
        quote=selector.quote, prefix=selector.prefix, suffix=selector.suffix,
        note="\n\n".join(notes), author=author, created=created,
        modified=str(item.get("modified") or created), modified_by=author, orphaned=False,
        version=new_annotation_id(), history=[], conflict="", conflict_of=""))
    session.flush()
    for index, theme_id in enumerate(dict.fromkeys(theme_ids)):
        session.add(AnnotationThemeRow(annotation_id=annotation_id, theme_id=theme_id,
                                       position=index))
    report.annotations += 1
