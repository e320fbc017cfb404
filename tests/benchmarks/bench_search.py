"""Benchmark: full-text search over a project holding all five FRUS volumes (1,404 documents).

Run on demand (not part of the test suite):

    .venv/bin/python tests/benchmarks/bench_search.py [RUNS]

Imports the five volumes of ../shared/corpus/frus into a temporary project once, then
reports, for a spread of queries (a rare word, a phrase, a prefix, a word in nearly every
document), the median wall time of ``search`` (the first 200 hits, located to the
character) and of ``matching_cables`` (every matching document, as the window's corpus
filter asks). As a baseline measured in the same run: a bare ``count(*)`` of the cables
table (this machine is shared and noisy). The figure that matters is the worst ``search``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from cable_annotator.services.importing import import_files
from cable_annotator.services.search import matching_cables, search
from cable_annotator.storage.project import Project

CORPUS = Path(__file__).resolve().parents[2].parent / "shared/corpus/frus"
QUERIES = ["Qadhafi", '"arms race"', "Peruv*", "demarche", "Soviet tanks", "the"]


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    volumes = sorted(CORPUS.glob("*.xml"))
    if len(volumes) != 5:
        sys.exit(f"expected five volumes in {CORPUS}: the shared corpus must lie beside the "
                 "checkout")
    with tempfile.TemporaryDirectory() as folder:
        project = Project.open(Path(folder) / "bench.cableproj")
        try:
            start = time.perf_counter()
            import_files(project, volumes)
            print(f"import of 5 volumes (index included): {time.perf_counter() - start:.2f} s")

            def count() -> None:
                with project.reading() as session:
                    session.execute(text("SELECT count(*) FROM cables")).scalar()

            print(f"baseline count(*) of cables: median {median_ms(count, runs):.2f} ms")
            worst = 0.0
            for query in QUERIES:
                hits = len(search(project, query))
                documents = len(matching_cables(project, query))
                found = median_ms(lambda q=query: search(project, q), runs)
                listed = median_ms(lambda q=query: matching_cables(project, q), runs)
                worst = max(worst, found)
                print(f"  {query:<14} {hits:>4} hits in {documents:>4} documents   "
                      f"search {found:6.1f} ms   matching_cables {listed:6.1f} ms")
            print(f"worst search median: {worst:.1f} ms ({runs} runs each)")
        finally:
            project.close()


if __name__ == "__main__":
    main()
