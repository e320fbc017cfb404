"""Benchmark: import frus1964-68v28.xml (401 documents, 3.9 MB) with read_tei_volume.

Run ``python tests/benchmarks/bench_tei_import.py [N] [--quick] [--profile]``. It reports the
median of N runs (default 5, ``--quick`` 2) and its ratio to a floor timed in the same run: a bare
``lxml.etree.parse`` of the same file, so the figure means something on any machine. The
target is the reader's: the volume parsed in under 1.5 s. The ratio is reported, not
judged — the importer builds every document's text, notes, pages and references, which a
bare parse does not, and on this shared 2-core machine it moved between 4x and 12x from run
to run (an earlier "ratio under 4" target made the script print MISSED at the very figure
the README quoted). Not collected by pytest (the file name does not start with ``test_``,
and pytest is told to ignore tests/benchmarks).
"""

from __future__ import annotations

import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from cable_annotator.importers.tei import read_tei_volume  # noqa: E402

VOLUME = REPO.parent / "shared" / "corpus" / "frus" / "frus1964-68v28.xml"
TARGET_SECONDS = 1.5


def _median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    if not VOLUME.is_file():
        print(f"missing benchmark volume: {VOLUME}", file=sys.stderr)
        return 2
    runs = int(next((a for a in argv if a.isdigit()), "2" if "--quick" in argv else "5"))
    if "--profile" in argv:
        profiler = cProfile.Profile()
        profiler.runcall(read_tei_volume, VOLUME)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    read_tei_volume(VOLUME)  # warm the file cache and imports
    bare = _median_seconds(lambda: etree.parse(str(VOLUME)), runs)
    full = _median_seconds(lambda: read_tei_volume(VOLUME), runs)
    ratio = full / bare
    _, cables = read_tei_volume(VOLUME)
    print(f"{VOLUME.name}: {len(cables)} documents, N={runs}")
    print(f"floor: bare lxml parse  median {bare * 1000:8.1f} ms")
    print(f"read_tei_volume         median {full * 1000:8.1f} ms   ({ratio:.1f}x the floor)")
    ok = full < TARGET_SECONDS
    print(f"target: < {TARGET_SECONDS} s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
