"""Property-based fuzzing of the TEI importer and of the project reader: whatever the
input, the only exceptions are the ones that carry a sentence for the user
(``ImportFailed``, ``ProjectError``), and what is imported keeps its offsets in range.

About 2,750 cases in a normal run (1,500 + 600 importer, 300 + 350 reader);
``FUZZ_SCALE=20`` multiplies every count (a soak).
"""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cable_annotator.importers.errors import ImportFailed
from cable_annotator.importers.tei import read_tei_volume
from cable_annotator.services import annotating, queries
from cable_annotator.services.exporting import export_csv
from cable_annotator.services.importing import import_files
from cable_annotator.services.search import search
from cable_annotator.storage.errors import ProjectError
from cable_annotator.storage.project import Project

from ..conftest import SAMPLE_TEXT, SAMPLE_VOLUME
from ..importers.tei_fixtures import tei

SCALE = max(1, int(os.environ.get("FUZZ_SCALE", "1")))
FUZZ = settings(deadline=None, database=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def fuzz(examples: int) -> settings:
    """The suite's settings with ``examples`` cases (times FUZZ_SCALE)."""
    return settings(FUZZ, max_examples=examples * SCALE)
BASE_TEI = tei(
    '<div type="document" n="1" xml:id="d1"><head>1. Telegram From the Embassy in Lima to '
    'the Department of State<note n="1" xml:id="d1fn1" type="source">Source: National '
    'Archives.</note></head><dateline><date when="1974-01-05">January 5, 1974</date>'
    '</dateline><p>1. The Ambassador saw <persName corresp="#p_VJ">Velasco</persName> '
    '<pb n="781" xml:id="pg_781" facs="781"/>today about the <hi rend="italic">tanks'
    '</hi>.<note n="2" xml:id="d1fn2">See <ref target="#d2">Document 2</ref>.</note></p>'
    '<list><item>a</item><item>b</item></list><closer>Belcher</closer></div>'
    '<div type="document" n="2" xml:id="d2"><head>2. Editorial Note</head><p>Text.</p>'
    '</div>').encode("utf-8")


def _check_volume(cables) -> None:
    """What a successful import must satisfy: every offset inside its text."""
    for cable in cables:
        length = len(cable.text)
        for block in cable.blocks:
            assert 0 <= block.start <= block.end <= length
        for page in cable.pages:
            assert 0 <= page.offset <= length
        for note in cable.footnotes:
            assert 0 <= note.offset <= length
            for block in note.blocks:
                assert 0 <= block.start <= block.end <= len(note.text)
        for span in cable.spans + cable.references:
            assert 0 <= span.start <= span.end <= length


def _import_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.xml"
        path.write_bytes(data)
        try:
            _volume, cables = read_tei_volume(path)
        except ImportFailed as error:
            assert "fuzzed.xml" in str(error) and error.problem
            return
        _check_volume(cables)


mutation = st.tuples(st.sampled_from(["delete", "insert", "replace", "duplicate",
                                      "truncate"]),
                     st.floats(0, 1), st.integers(0, 64), st.binary(max_size=32))


def _mutate(data: bytes, operations) -> bytes:
    for kind, where, size, payload in operations:
        at = int(where * len(data))
        if kind == "delete":
            data = data[:at] + data[at + size:]
        elif kind == "insert":
            data = data[:at] + payload + data[at:]
        elif kind == "replace":
            data = data[:at] + payload + data[at + len(payload):]
        elif kind == "duplicate":
            data = data[:at] + data[at:at + size] + data[at:]
        else:
            data = data[:at]
    return data


@fuzz(1500)
@given(st.lists(mutation, min_size=1, max_size=4))
def test_tei_importer_on_mutated_volumes(operations) -> None:
    _import_bytes(_mutate(BASE_TEI, operations))


TAGS = ["div", "p", "note", "pb", "hi", "head", "list", "item", "table", "row", "cell",
        "persName", "gloss", "ref", "lb", "quote", "dateline", "date", "closer", "signed",
        "frus:attachment", "seg", "lg", "l", "label", "unknown"]
ATTRIBUTES = st.dictionaries(st.sampled_from(["n", "type", "xml:id", "target", "rend",
                                              "corresp", "when", "subtype"]),
                             st.text(st.characters(exclude_categories=("Cs", "Cc")),
                                     max_size=12), max_size=3)
TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="<&\x00"),
               max_size=30)


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


element = st.recursive(
    TEXT.map(_escape),
    lambda children: st.tuples(st.sampled_from(TAGS), ATTRIBUTES,
                               st.lists(children, max_size=4)).map(
        lambda t: f"<{t[0]} " + " ".join(f'{k}="{_escape(v)}"' for k, v in t[1].items())
        + ">" + "".join(t[2]) + f"</{t[0]}>"),
    max_leaves=25)


@fuzz(600)
@given(st.lists(element, min_size=1, max_size=3), st.booleans())
def test_tei_importer_on_generated_markup(bodies, as_documents) -> None:
    if as_documents:
        body = "".join(f'<div type="document" n="{n}" xml:id="d{n}"><head>{n}. Title</head>'
                       f"{content}</div>" for n, content in enumerate(bodies, 1))
    else:
        body = "".join(bodies)
    data = tei(body).encode("utf-8", "surrogatepass")
    _import_bytes(data)


# -- the project reader --------------------------------------------------------------------

@cache
def _base_project() -> bytes:
    """The bytes of a closed real project: the sample cable, annotations, a sub-theme."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "base.cableproj"
        with Project.open(path) as project:
            import_files(project, [SAMPLE_TEXT], volume=SAMPLE_VOLUME)
            themes = queries.list_themes(project)
            for n in range(6):
                annotating.create_annotation(project, "frus1969-76ve11p2/d293", "body",
                                             n * 50, n * 50 + 20, [themes[n].id],
                                             note=f"note {n}")
        return path.read_bytes()


def _read_everything(path: Path) -> None:
    """What the window and the command line read, start to end."""
    with Project.open(path, create=False) as project:
        for summary in queries.list_cables(project):
            cable = queries.load_cable(project, summary.id)
            queries.load_volume(project, cable.volume)
            for annotation in queries.annotations_of(project, summary.id):
                cable.page_range(annotation.part, annotation.start, annotation.end)
        queries.list_themes(project)
        queries.theme_usage(project)
        export_csv(project, io.StringIO(newline=""))
        search(project, "arms race")


def _survives(path: Path) -> None:
    try:
        _read_everything(path)
    except ProjectError as error:
        assert str(path) in str(error) or "is damaged" in str(error), str(error)


@cache
def _columns() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "base.cableproj"
        path.write_bytes(_base_project())
        connection = sqlite3.connect(path)
        tables = ["cables", "annotations", "themes", "annotation_themes", "volumes",
                  "settings"]
        found = [(table, row[1]) for table in tables
                 for row in connection.execute(f'PRAGMA table_info("{table}")')]
        connection.close()
        return found


VALUES = st.one_of(
    st.none(), st.integers(-2**63, 2**63 - 1), st.floats(allow_nan=False),
    st.text(max_size=40), st.binary(max_size=40),
    st.sampled_from(["{", "[]", "{}", '{"blocks": [[1, 2]]}', '{"pages": [["x"]]}',
                     '{"footnotes": [{"key": 1}]}', '{"blocks": [["p", 0, 99999]]}',
                     "null", '"text"', "1e999"]),
    st.binary(min_size=1, max_size=8).map(lambda b: ("invalid-utf8", b)),
)


@fuzz(300)
@given(st.lists(st.tuples(st.integers(0, 10_000), VALUES), min_size=1, max_size=3))
def test_project_reader_on_rows_with_random_values(changes) -> None:
    columns = _columns()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.cableproj"
        path.write_bytes(_base_project())
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("PRAGMA foreign_keys=OFF")
        applied = 0
        for index, value in changes:
            table, column = columns[index % len(columns)]
            try:
                if isinstance(value, tuple):
                    connection.execute(f'UPDATE "{table}" SET "{column}" = CAST(? AS TEXT) '
                                       "WHERE rowid IN (SELECT rowid FROM "
                                       f'"{table}" LIMIT 1)', (value[1],))
                else:
                    connection.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid IN '
                                       f'(SELECT rowid FROM "{table}" LIMIT 1)', (value,))
                applied += 1
            except (sqlite3.IntegrityError, OverflowError):
                continue
        connection.close()
        assume(applied)
        _survives(path)


@fuzz(350)
@given(st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=200)),
                min_size=1, max_size=3), st.booleans())
def test_project_reader_on_damaged_pages(damage, spare_header) -> None:
    data = bytearray(_base_project())
    for where, garbage in damage:
        low = 100 if spare_header else 0
        at = low + int(where * (len(data) - low - len(garbage)))
        data[at:at + len(garbage)] = garbage
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.cableproj"
        path.write_bytes(bytes(data))
        _survives(path)


def test_the_base_project_itself_reads_cleanly(tmp_path) -> None:
    path = tmp_path / "base.cableproj"
    path.write_bytes(_base_project())
    _read_everything(path)
    shutil.copyfile(path, tmp_path / "copy.cableproj")
    _read_everything(tmp_path / "copy.cableproj")
