"""Benchmark: import a 1 MB plain-text FRUS page, and the peer text kept verbatim.

Run ``python tests/benchmarks/bench_text_import.py [N] [--quick] [--profile]``. Each figure
is the median of N runs (default 5, ``--quick`` 2) of reading, decoding and importing a
file written to a temporary folder, with its ratio to a floor timed in the same run the
same way: reading and decoding the same file (``decode_text_file``), so the figure means
something on this shared, noisy machine; the process's CPU time is printed beside the
clock (the clock also counts the waits for a core). The target: 1 MB imports in at most
1 s.

Texts: a page of about 1 MB in the site's shape (notes indented after the text), the same
page with its notes' indentation lost (the importer then weighs "1." lines as starts of
the notes: the case that used to be cubic), and the 300,000-character peer text
(``../shared/peer-workload/make_text.py``) read as it is guessed, plain text.
Not collected by pytest (pytest is told to ignore tests/benchmarks).
"""

from __future__ import annotations

import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from cable_annotator.importers.plaintext import decode_text_file  # noqa: E402
from cable_annotator.services.importing import read_file  # noqa: E402
from tests.importers.page_generator import synthetic_page  # noqa: E402

MAKE_TEXT = REPO.parent / "shared" / "peer-workload" / "make_text.py"
SIZE = 1024 * 1024
TARGET_SECONDS = 1.0


def _median_seconds(action, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``runs`` calls: on a shared machine the CPU
    time shows the work without the waits for a core."""
    walls, cpus = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return statistics.median(walls), statistics.median(cpus)


def _texts(folder: Path) -> list[tuple[str, Path]]:
    site = folder / "frus1969-76ve11p2-d293.txt"
    site.write_text(synthetic_page(SIZE, note_every=12, indented=True), encoding="utf-8")
    flat = folder / "frus1969-76ve11p2-d294.txt"
    flat.write_text(synthetic_page(SIZE, note_every=12), encoding="utf-8")
    wrapped = folder / "frus1969-76ve11p2-d295.txt"
    wrapped.write_text("\n".join(
        "\n".join(textwrap.wrap(line, 76, break_long_words=False)) if line else ""
        for line in site.read_text(encoding="utf-8").split("\n")), encoding="utf-8")
    texts = [("1 MB page, notes indented", site), ("1 MB page, notes flat", flat),
             ("1 MB page, hard-wrapped", wrapped)]
    if MAKE_TEXT.is_file():
        subprocess.run([sys.executable, str(MAKE_TEXT)], check=True, capture_output=True,
                       env={**os.environ, "PEER_DIR": str(folder)})
        texts.append(("peer text, verbatim", folder / "frus_text.txt"))
    return texts


def main(argv: list[str]) -> int:
    runs = int(next((a for a in argv if a.isdigit()), "2" if "--quick" in argv else "5"))
    missed = missed_cpu = False
    with tempfile.TemporaryDirectory() as folder:
        texts = _texts(Path(folder))
        if "--profile" in argv:
            profiler = cProfile.Profile()
            profiler.runcall(read_file, texts[1][1])
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        print(f"N={runs}; floor: reading and decoding the same file (decode_text_file)")
        for label, path in texts:
            readings = []
            _, [cable] = read_file(path, readings=readings)  # warm caches and imports
            floor, floor_cpu = _median_seconds(lambda path=path: decode_text_file(path), runs)
            full, full_cpu = _median_seconds(lambda path=path: read_file(path), runs)
            size = path.stat().st_size
            per_mb = full * (1024 * 1024) / size
            print(f"{label:28} {size / 1024:5.0f} KB  as {readings[0].format:4} "
                  f"{len(cable.footnotes):4} notes  median {full * 1000:6.1f} ms "
                  f"(CPU {full_cpu * 1000:6.1f})  floor {floor * 1000:5.1f} ms "
                  f"(CPU {floor_cpu * 1000:5.1f})  {full / floor:4.0f}x  {per_mb:5.2f} s/MB")
            missed = missed or per_mb > TARGET_SECONDS
            missed_cpu = missed_cpu or full_cpu * (1024 * 1024) / size > TARGET_SECONDS
    print(f"target: at most {TARGET_SECONDS:.1f} s per MB: wall clock "
          f"{'MISSED' if missed else 'met'}, CPU time {'MISSED' if missed_cpu else 'met'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
