"""Benchmark: import a whole TEI volume into a new project, against a bare lxml parse.

Run on demand (not part of the test suite):

    .venv/bin/python tests/benchmarks/bench_project_import.py [VOLUME.xml] [RUNS]

Reports the median wall time of the full import (parse, build cables, store them in one
transaction in a new SQLite project) and its ratio to a bare ``lxml.etree.parse`` of the
same file measured in the same run, since this machine is shared and noisy.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

from cable_annotator.services.importing import import_files
from cable_annotator.storage.project import Project

DEFAULT = Path(__file__).resolve().parents[2].parent / "shared/corpus/frus/frus1964-68v28.xml"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def import_once(volume: Path) -> float:
    with tempfile.TemporaryDirectory() as folder:
        project = Project.open(Path(folder) / "bench.cableproj")
        try:
            return timed(lambda: import_files(project, [volume]))
        finally:
            project.close()


def main() -> None:
    volume = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if not volume.exists():
        sys.exit(f"missing {volume}: the shared FRUS corpus must lie beside the checkout")
    imports, parses = [], []
    for _ in range(runs):
        parses.append(timed(lambda: etree.parse(str(volume))))
        imports.append(import_once(volume))
    bare, full = statistics.median(parses), statistics.median(imports)
    print(f"{volume.name}: {runs} runs")
    print(f"  bare lxml parse      median {bare:.3f} s")
    print(f"  import into project  median {full:.3f} s  (ratio {full / bare:.1f}x)")


if __name__ == "__main__":
    main()
