"""Benchmark: merging two copies of a project, and the REFI-QDA and W3C exports and import.

Run on demand (not part of the test suite):

    .venv/bin/python tests/benchmarks/bench_exchange.py [ANNOTATIONS] [RUNS]

Builds a project from a whole TEI volume (frus1964-68v28, 401 documents) with ANNOTATIONS
word-aligned annotations (default 5,000), copies it for two people, and on the second copy
edits the notes of a tenth of them, deletes a fiftieth and adds a tenth more, through the
services. Then, each a median of RUNS (default 3) on fresh copies: merging the second copy
into the first; merging it again (nothing to do); exporting .qdpx; importing that .qdpx
into a new project; exporting .jsonld. The floor, measured the same way in the same run,
is SQLite's backup API copying the project file (what a merge starts with), since this
machine is shared and noisy.
"""

from __future__ import annotations

import io
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from cable_annotator.domain.anchoring import select as select_quote
from cable_annotator.domain.annotation import Annotation, new_annotation_id, now_utc
from cable_annotator.services.annotating import (
    annotate_quote,
    delete_annotation,
    update_annotation,
)
from cable_annotator.services.importing import import_files
from cable_annotator.services.merging import merge_project
from cable_annotator.services.queries import (
    all_annotations,
    list_cables,
    list_themes,
    load_cable,
)
from cable_annotator.services.refi_qda import export_qdpx, import_refi
from cable_annotator.services.web_annotation import export_jsonld
from cable_annotator.storage import sqlite as sqlite_file
from cable_annotator.storage.mapping import annotation_values
from cable_annotator.storage.models import AnnotationRow, AnnotationThemeRow
from cable_annotator.storage.project import Project

VOLUME = Path(__file__).resolve().parents[2].parent / "shared/corpus/frus/frus1964-68v28.xml"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def build(folder: Path, count: int) -> tuple[Path, Path]:
    base = folder / "base.cableproj"
    with Project.open(base) as project:
        import_files(project, [VOLUME])
        themes = [t.id for t in list_themes(project)]
        cables = [load_cable(project, c.id) for c in list_cables(project)]
        rows, links, stamp = [], [], now_utc()
        words = [(c, m) for c in cables for m in re.finditer(r"\w{6,}", c.text)]
        step = max(1, len(words) // count)
        for index, (cable, match) in enumerate(words[::step][:count]):
            selector = select_quote(cable.text, match.start(), match.end())
            annotation = Annotation(new_annotation_id(), cable.id, "body", match.start(),
                                    match.end(), selector.quote, selector.prefix,
                                    selector.suffix, [themes[index % len(themes)]],
                                    author="ana", created=stamp, modified=stamp,
                                    modified_by="ana")
            row, link = annotation_values(annotation)
            rows.append(row)
            links.extend(link)
        with project.transaction() as session:
            session.execute(insert(AnnotationRow), rows)
            session.execute(insert(AnnotationThemeRow), links)
    theirs = folder / "theirs.cableproj"
    shutil.copyfile(base, theirs)
    with Project.open(theirs) as project:
        annotations = all_annotations(project)
        for annotation in annotations[::10]:
            update_annotation(project, annotation.id, note="checked by ben")
        for annotation in annotations[5::50]:
            delete_annotation(project, annotation.id)
        cables = list_cables(project)
        added = 0
        for cable in cables:
            text = load_cable(project, cable.id).text
            for match in list(re.finditer(r"\b[A-Z]\w{4,}\b", text))[:3]:
                try:
                    annotate_quote(project, cable.id, match.group(), [list_themes(project)[0].id],
                                   note="ben's", occurrence=text[:match.start()].count(
                                       match.group()) + 1)
                except Exception:  # noqa: BLE001 (a quote inside another word)
                    continue
                added += 1
                if added >= len(annotations) // 10:
                    break
            if added >= len(annotations) // 10:
                break
    return base, theirs


def median_of(runs: int, action) -> float:
    return statistics.median(action() for _ in range(runs))


def main(argv: list[str]) -> None:
    count = int(argv[0]) if argv else 5000
    runs = int(argv[1]) if len(argv) > 1 else 3
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        base, theirs = build(folder, count)
        with Project.open(base) as project:
            total = len(all_annotations(project))

        def floor() -> float:
            target = folder / "floor.cableproj"
            target.unlink(missing_ok=True)
            return timed(lambda: sqlite_file.backup(theirs, target))

        def merge(twice: bool) -> float:
            target = folder / "merge.cableproj"
            shutil.copyfile(base, target)
            with Project.open(target) as project:
                first = timed(lambda: merge_project(project, theirs))
                return timed(lambda: merge_project(project, theirs)) if twice else first

        qdpx = folder / "out.qdpx"

        def export() -> float:
            with Project.open(base) as project:
                return timed(lambda: export_qdpx(project, qdpx))

        def import_() -> float:
            target = folder / "imported.cableproj"
            target.unlink(missing_ok=True)
            with Project.open(target) as project:
                return timed(lambda: import_refi(project, qdpx))

        def jsonld() -> float:
            with Project.open(base) as project:
                return timed(lambda: export_jsonld(project, io.StringIO()))

        floor_s = median_of(runs, floor)
        figures = [("merge the colleague's copy", median_of(runs, lambda: merge(False))),
                   ("merge it again (nothing to do)", median_of(runs, lambda: merge(True))),
                   ("export .qdpx", median_of(runs, export)),
                   ("import that .qdpx into a new project", median_of(runs, import_)),
                   ("export .jsonld", median_of(runs, jsonld))]
    print(f"{total} annotations on 401 documents of frus1964-68v28; medians of {runs} runs")
    print(f"floor: SQLite backup of the project file: {floor_s * 1000:.0f} ms")
    for label, seconds in figures:
        print(f"{label}: {seconds * 1000:.0f} ms ({seconds / floor_s:.1f}x floor)")


if __name__ == "__main__":
    main(sys.argv[1:])
