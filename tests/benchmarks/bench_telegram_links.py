"""Benchmark: work out a cable's reference links (what it cites, what cites it) on a project
holding the five shared FRUS volumes (1,404 documents) and our telegram corpus.

Run ``python tests/benchmarks/bench_telegram_links.py [N] [--quick]``: it builds the project
in a temporary folder (a minute or so), then reports for a telegram with a six-digit
serial, one with a two-digit serial (which appears in many documents' numbers) and two
FRUS documents the median of N fresh computations (default 7, ``--quick`` 3), beside a floor
timed the same way: reading every cable's stored structure once, which finding the
citers of a telegram must do. Not collected by pytest.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from sqlalchemy import String, cast, select  # noqa: E402

from cable_annotator.services import telegram_links  # noqa: E402
from cable_annotator.services.importing import import_files  # noqa: E402
from cable_annotator.services.queries import load_cable  # noqa: E402
from cable_annotator.storage.models import CableRow  # noqa: E402
from cable_annotator.storage.project import Project  # noqa: E402

VOLUMES = sorted((REPO.parent / "shared" / "corpus" / "frus").glob("*.xml"))
TELEGRAMS = sorted((REPO / "tests" / "fixtures" / "telegrams").glob("*.txt"))
CABLES = ("1974STATE016696", "1975TRIPOL00060", "frus1969-76ve09p1/d37", "frus1964-68v28/d100")


def _median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str]) -> int:
    if len(VOLUMES) < 5:
        print(f"missing the shared volumes beside the repository: {VOLUMES}", file=sys.stderr)
        return 2
    runs = int(next((a for a in argv if a.isdigit()), "3" if "--quick" in argv else "7"))
    with tempfile.TemporaryDirectory() as folder:
        project = Project.open(Path(folder) / "bench.cableproj")
        try:
            import_files(project, VOLUMES + TELEGRAMS)

            def read_structures() -> None:
                with project.reading() as session:
                    session.execute(select(cast(CableRow.structure, String))).all()

            floor = _median_ms(read_structures, runs)
            print(f"floor: every cable's structure read once  median {floor:6.1f} ms")
            for cable_id in CABLES:
                cable = load_cable(project, cable_id)

                def links(cable=cable) -> None:
                    index = telegram_links.telegram_index(project)
                    telegram_links.links_from(project, cable, index)
                    telegram_links.links_to(project, cable, index)

                took = _median_ms(links, runs)
                print(f"{cable_id:24} links both ways  median {took:6.1f} ms   "
                      f"({took / floor:.1f}x the floor)")
        finally:
            project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
