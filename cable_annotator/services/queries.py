"""Read-side use cases: what the window and the command line show.

Every read here is portable SQL run on the driver's connection (``Project.raw_reading``),
not through the ORM: a window's first screen — codebook, corpus, the document last read
and its highlights — is read before SQLAlchemy has been imported (a third of a second of
every start), and plain rows are also what thousands of annotations are fastest read as.
The rows are checked as the ORM's would be (``storage.mapping``, ``row_checks``).
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from types import SimpleNamespace

from ..collector import collector_paused
from ..domain.annotation import Annotation, Theme, theme_path
from ..domain.cable import BODY, Cable
from ..domain.volume import Volume
from ..storage.dbapi import Connection
from ..storage.errors import NotFound
from ..storage.mapping import (
    cable_from_row,
    check_annotation_values,
    theme_from_row,
    volume_from_row,
)
from ..storage.project import Project
from ..storage.row_checks import DamagedRow, require_text
from ..storage.sqlite import annotation_types_ok, load_json


@dataclass(frozen=True)
class CableSummary:
    """A cable as listed in the corpus: enough to show and sort it, without its text."""

    id: str
    volume: str
    number: str
    title: str
    date: str | None
    kind: str
    annotation_count: int
    subject: str = ""  # a raw telegram is listed by it


def _named_rows(connection: Connection, sql: str, params: dict | None = None
                ) -> list[SimpleNamespace]:
    """The rows of ``sql`` as objects with a field per column, as ORM rows have (what the
    row readers of ``storage.mapping`` take)."""
    cursor = connection.execute(sql, params or {})
    names = [column[0] for column in cursor.description]
    return [SimpleNamespace(**dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


def _json(value: object) -> object:
    """A JSON column as the ORM's JSON type gives it: None for NULL, else its value (or
    the DamagedJSON the row reader names)."""
    return None if value is None else load_json(value)


def list_cables(project: Project) -> list[CableSummary]:
    """All cables, by volume then printed document number."""
    statement = (
        "SELECT c.id, c.volume_id, c.number, c.title, c.date, c.kind, coalesce(n.n, 0), "
        "c.subject FROM cables c LEFT OUTER JOIN (SELECT cable_id, count(*) AS n FROM "
        "annotations GROUP BY cable_id) n ON n.cable_id = c.id "
        "ORDER BY c.volume_id, c.sort_key, c.number, c.id")
    with project.raw_reading() as connection:
        return [_summary(*row) for row in connection.execute(statement).fetchall()]


def _summary(cable_id, volume, number, title, date, kind, count,
             about="") -> CableSummary:
    """A listed cable, its fields checked (a damaged row is named, not a traceback)."""
    subject = f"The cable {cable_id!r}"
    require_text(cable_id, subject, "id")
    for name, value in (("volume", volume), ("number", number), ("title", title),
                        ("kind", kind)):
        require_text(value, subject, name)
    require_text(date, subject, "date", optional=True)
    require_text(about, subject, "subject", optional=True)
    return CableSummary(cable_id, volume, number, title, date, kind, count, about or "")


def cable_summaries(project: Project, cable_ids: list[str]) -> list[CableSummary]:
    wanted = set(cable_ids)
    return [summary for summary in list_cables(project) if summary.id in wanted]


def load_cable(project: Project, cable_id: str) -> Cable:
    found = load_cables(project, [cable_id])
    if not found:
        raise NotFound(f"There is no cable {cable_id!r} in {project.path}.")
    return found[0]


def load_cables(project: Project, cable_ids: list[str]) -> list[Cable]:
    """The cables with these ids that exist (in no particular order)."""
    with project.raw_reading() as connection:
        rows = [row for chunk in range(0, len(cable_ids), 500) for row in _named_rows(
            connection, *_expanded("SELECT * FROM cables WHERE id IN :ids",
                                   {"ids": cable_ids[chunk:chunk + 500]}))]
        for row in rows:
            row.structure = _json(row.structure)
        return [cable_from_row(row) for row in rows]


def volume_titles(project: Project) -> dict[str, str]:
    """Each volume's title by id (those without one left out): what the corpus tree needs,
    without reading every volume's persons and terms (a fifth of filling it at start)."""
    with project.raw_reading() as connection:
        return {volume_id: title for volume_id, title in connection.execute(
            "SELECT id, title FROM volumes").fetchall() if isinstance(title, str) and title}


def load_volume(project: Project, volume_id: str) -> Volume | None:
    with project.raw_reading() as connection:
        rows = _named_rows(connection, "SELECT * FROM volumes WHERE id = :id",
                           {"id": volume_id})
        if not rows:
            return None
        rows[0].persons, rows[0].terms = _json(rows[0].persons), _json(rows[0].terms)
        return volume_from_row(rows[0])


def list_themes(project: Project) -> list[Theme]:
    """The codebook in its order; the digit shortcut of a theme is its index + 1."""
    with project.raw_reading() as connection:
        rows = _named_rows(connection, "SELECT * FROM themes ORDER BY position, id")
        return [theme_from_row(row) for row in rows]


def find_theme(project: Project, name: str) -> Theme:
    """The theme called ``name`` (case-insensitive; ``Parent/Child`` paths accepted)."""
    themes = list_themes(project)
    by_id = {theme.id: theme for theme in themes}
    wanted = name.strip().casefold()
    for theme in themes:
        if theme.name.casefold() == wanted or theme_path(theme, by_id).casefold() == wanted:
            return theme
    names = ", ".join(theme.name for theme in themes)
    raise NotFound(f"There is no theme {name!r} in {project.path} (themes: {names}).")


def theme_usage(project: Project) -> dict[int, int]:
    """How many annotations carry each theme."""
    statement = "SELECT theme_id, count(*) FROM annotation_themes GROUP BY theme_id"
    with project.raw_reading() as connection:
        return dict(connection.execute(statement).fetchall())


def text_order(annotation: Annotation) -> tuple:
    """Sort key of annotations in reading order: the body first, then each footnote."""
    return (annotation.part != BODY, annotation.part, annotation.start, annotation.end)


_ANNOTATION_COLUMNS = ('id, cable_id, part, start, "end", quote, prefix, suffix, note, '
                       "author, created, modified, orphaned, modified_by, version, conflict, "
                       "conflict_of")
_BY_CABLE = "a.cable_id = :cable_id"
_BY_IDS = "a.id IN :ids"


_SCAN_LINKS_FROM = 2000
"""From this many annotations on, a table is scanned instead of probed through an index
when they are a quarter of it or more (a probe per row costs more)."""
_TEXT_ORDER_OF_ROW = itemgetter(2, 3, 4)
"""part, start, end of a row of ``_ANNOTATION_COLUMNS``."""


def _annotations_where(project: Project, where: str, **params) -> list[Annotation]:
    """Annotations matching the SQL condition ``where`` (on alias ``a``), in text order.

    Opening a cable reads thousands of annotations, so this is plain, portable SQL whose
    rows become Annotation objects directly: several times faster than ORM objects with
    their theme links, and a third faster than typed Core selects. The collector is paused
    meanwhile (see :mod:`cable_annotator.collector`).
    """
    with collector_paused(), project.raw_reading() as connection:
        found = _matching_rows(connection, where, params)
        if not found:
            return []
        themes = _theme_links(connection, where, params, found)
        annotations = [
            Annotation(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
                       themes[row[0]], row[8], row[9], row[10], row[11], bool(row[12]),
                       row[13], row[14], row[15], row[16])
            for row in found
        ]
    if min(annotation.part for annotation in annotations) < BODY:
        annotations.sort(key=text_order)  # a part named before "body": the body first
    return annotations


def _expanded(sql: str, params: dict) -> tuple[str, dict]:
    """``sql`` with ``IN :ids`` written out as one parameter per id of ``params["ids"]``."""
    if "ids" not in params:
        return sql, params
    ids = list(params["ids"])
    names = {f"ids{n}": identifier for n, identifier in enumerate(ids)}
    listed = ", ".join(f":{name}" for name in names) or "NULL"
    rest = {key: value for key, value in params.items() if key != "ids"}
    return sql.replace("IN :ids", f"IN ({listed})"), {**rest, **names}


def _rows(connection: Connection, sql: str, params: dict | None = None) -> list[tuple]:
    """All rows of ``sql`` as the driver's plain tuples."""
    sql, params = _expanded(sql, params or {})
    return connection.execute(sql, params).fetchall()


def _is_most_of(connection: Connection, table: str, count: int) -> bool:
    """Whether ``count`` rows are a quarter or more of ``table`` (and many): then one scan
    of the table reads them faster than probing an index for each."""
    if count < _SCAN_LINKS_FROM:
        return False
    total = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] or 0
    return 4 * count >= total


def _matching_rows(connection: Connection, where: str, params: dict,
                   columns: str = _ANNOTATION_COLUMNS,
                   order_of_row=_TEXT_ORDER_OF_ROW) -> list[tuple]:
    """The annotation rows matching ``where``, as ``columns``, ordered by part, start, end
    (``order_of_row`` picks those three from a row).

    Through the (cable, part, start) index each row is a random visit to the table; when a
    cable holds most of the project's annotations (the peer workload: all 20,000), reading
    the table in its stored order and sorting here takes a fifth less time.
    """
    order = 'ORDER BY a.part, a.start, a."end"'
    names = _column_names(columns)
    selected = f"{columns}, {annotation_types_ok('a', names)}"
    if where == _BY_CABLE:
        count = _rows(connection, f"SELECT count(*) FROM annotations a WHERE {where}",
                      params)[0][0] or 0
        if _is_most_of(connection, "annotations", count):
            rows = _rows(connection,
                         f"SELECT {selected} FROM annotations a NOT INDEXED WHERE {where}",
                         params)
            _refuse_damaged(rows, names)
            rows.sort(key=order_of_row)
            return rows
    rows = _rows(connection, f"SELECT {selected} FROM annotations a WHERE {where} {order}",
                 params)
    _refuse_damaged(rows, names)
    return rows


def _column_names(columns: str) -> list[str]:
    """``'a.id, a."end"'`` → ``['id', 'end']``."""
    return [name.strip().removeprefix("a.").strip('"') for name in columns.split(",")]


def _refuse_damaged(rows: list[tuple], names: list[str]) -> None:
    """Each row ends with SQLite's verdict on its storage types (``annotation_types_ok``);
    a row of the wrong types is named (DamagedRow), never passed on to fail later."""
    if all(map(itemgetter(-1), rows)):
        return
    row = next(row for row in rows if not row[-1])
    subject = f"The annotation {row[0]!r}"
    check_annotation_values(subject, dict(zip(names, row, strict=False)))


def annotation_outline_rows(project: Project, cable_id: str) -> tuple[list[tuple],
                                                                       dict[str, list[int]]]:
    """Where the annotations of a cable lie, without their words: rows of ``(id, part,
    start, end, orphaned)`` in text order, and each one's theme ids.

    What the reading pane needs to paint every highlight at once; the quotes, contexts and
    notes (three quarters of what a row holds) follow through :func:`annotation_words`.
    """
    params = {"cable_id": cable_id}
    with collector_paused(), project.raw_reading() as connection:
        rows = _matching_rows(connection, _BY_CABLE, params, 'a.id, a.part, a.start, '
                              'a."end", a.orphaned', itemgetter(1, 2, 3))
        if not rows:
            return [], {}
        rows = [row[:5] for row in rows]  # without the type verdict
        return rows, _theme_links(connection, _BY_CABLE, params, rows)


WORD_COLUMNS = ("quote", "prefix", "suffix", "note", "author", "created", "modified",
                "modified_by", "version", "conflict", "conflict_of")
"""The columns of an annotation that :func:`annotation_outline_rows` leaves out."""


def annotation_words(project: Project, annotation_ids: list[str]) -> dict[str, tuple]:
    """``WORD_COLUMNS`` of these annotations, by id (those deleted meanwhile are absent)."""
    if not annotation_ids:
        return {}
    names = ["id", *WORD_COLUMNS]
    statement = (f"SELECT {', '.join(names)}, {annotation_types_ok('a', names)} "
                 "FROM annotations a WHERE id IN :ids")
    with collector_paused(), project.raw_reading() as connection:
        rows = _rows(connection, statement, {"ids": annotation_ids})
        _refuse_damaged(rows, names)
        return {row[0]: row[1:-1] for row in rows}


def _theme_links(connection: Connection, where: str, params: dict, found: list[tuple]
                 ) -> dict[str, list[int]]:
    """The theme ids of each annotation of ``found``, in the order the reader gave them.

    When these annotations are most of the project, one scan of the link table beats a join
    probing the links of each one (at 20,000 annotations: 15 ms against 70–100 ms).
    """
    links = ("SELECT l.annotation_id, l.theme_id FROM annotation_themes l "
             f"JOIN annotations a ON a.id = l.annotation_id WHERE {where} ORDER BY l.position")
    if _is_most_of(connection, "annotation_themes", len(found)):
        links, params = ("SELECT annotation_id, theme_id FROM annotation_themes "
                         "ORDER BY position"), {}
    themes: dict[str, list[int]] = {row[0]: [] for row in found}
    for annotation_id, theme_id in _rows(connection, links, params):
        linked = themes.get(annotation_id)
        if linked is not None:
            linked.append(theme_id)  # in position order
    if any(type(theme_id) is not int for linked in themes.values() for theme_id in linked):
        bad = next(a for a, linked in themes.items() if any(type(t) is not int for t in linked))
        raise DamagedRow(f"The annotation {bad!r}", "one of its theme links is not a theme "
                                                    "number")
    return themes


def annotations_of(project: Project, cable_id: str) -> list[Annotation]:
    """The annotations of one cable in text order: the body first, then each footnote."""
    return _annotations_where(project, _BY_CABLE, cable_id=cable_id)


def annotations_by_id(project: Project, annotation_ids: set[str]) -> list[Annotation]:
    """The annotations with these ids that still exist."""
    if not annotation_ids:
        return []
    return _annotations_where(project, _BY_IDS, ids=list(annotation_ids))


def annotation_count(project: Project, cable_id: str) -> int:
    with project.raw_reading() as connection:
        return _rows(connection, "SELECT count(*) FROM annotations WHERE cable_id = :c",
                     {"c": cable_id})[0][0] or 0


def all_annotations(project: Project) -> list[Annotation]:
    """Every annotation of the project, in text order within each cable."""
    return _annotations_where(project, "1 = 1")


def annotations_with_theme(project: Project, theme_id: int) -> list[Annotation]:
    """Every annotation carrying ``theme_id``, across cables (by cable, part and start)."""
    found = _annotations_where(
        project, "a.id IN (SELECT annotation_id FROM annotation_themes WHERE theme_id = "
                 ":theme_id)", theme_id=theme_id)
    return sorted(found, key=lambda a: (a.cable_id, a.part, a.start))


def cables_with_theme(project: Project, theme_id: int) -> set[str]:
    with project.raw_reading() as connection:
        return {cable_id for (cable_id,) in _rows(
            connection, "SELECT a.cable_id FROM annotations a JOIN annotation_themes l ON "
                        "l.annotation_id = a.id WHERE l.theme_id = :theme_id",
            {"theme_id": theme_id})}


def get_setting(project: Project, key: str) -> str | None:
    with project.raw_reading() as connection:
        rows = _rows(connection, "SELECT value FROM settings WHERE key = :key", {"key": key})
        if not rows:
            return None
        return require_text(rows[0][0], f"The setting {key!r}", "value")


def set_setting(project: Project, key: str, value: str) -> None:
    from ..storage.models import SettingRow

    with project.transaction() as session:
        session.merge(SettingRow(key=key, value=value))
