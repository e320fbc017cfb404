"""Benchmark: parse a file of 1,000 AAD records (raw telegrams) with parse_telegrams.

Run ``python tests/benchmarks/bench_telegram_import.py [N] [--quick]``. The records are
made from our corpus (tests/fixtures/telegrams/1977LIMA07518.txt, a two-section, three-page
telegram) with fresh serials, written to a temporary file. It reports the median of N runs
(default 5, ``--quick`` 2) and its ratio to a floor timed the same way: splitting the same
text into lines and matching one compiled pattern against each, the least any line-based
reader of it does. Not collected by pytest.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from cable_annotator.importers.telegram import parse_telegrams  # noqa: E402

TELEGRAM = REPO / "tests" / "fixtures" / "telegrams" / "1977LIMA07518.txt"
RECORDS = 1000


def records(count: int) -> str:
    base = TELEGRAM.read_text(encoding="utf-8")
    parts = []
    for index in range(count):
        serial = 10000 + index
        text = base.replace("LIMA  07518", f"LIMA  {serial:05d}").replace(
            "LIMA 7518", f"LIMA {serial}")
        parts.append(f"Document Number: 1977LIMA{serial:05d}\nDate: 18 AUG 1977\n"
                     f"Message Text:\n{text}\n")
    return "\n".join(parts)


def _median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    runs = int(next((a for a in argv if a.isdigit()), "2" if "--quick" in argv else "5"))
    text = records(RECORDS)
    pattern = re.compile(r"^\s*PAGE\s+\d+")
    floor = _median_seconds(lambda: [pattern.match(line) for line in text.splitlines()], runs)
    full = _median_seconds(lambda: parse_telegrams(text, "bench"), runs)
    count = len(parse_telegrams(text, "bench"))
    print(f"{count} AAD records, {len(text) // 1024} KiB, N={runs}")
    print(f"floor: lines + one match each  median {floor * 1000:8.1f} ms")
    print(f"parse_telegrams                median {full * 1000:8.1f} ms   "
          f"({full / floor:.0f}x the floor, {full / count * 1000:.2f} ms a telegram)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
