"""Benchmark: open a 300,000-character cable in the reading pane, and add one annotation.

Run on demand (not part of the test suite):

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_reading_pane.py [RUNS]

"Open" is ``set_cable`` until the pane has been painted once with its highlights: the
call, then ``processEvents`` and ``grab()``. "Layout to the end" is the time until the
pane's layout driver has laid out the whole cable in its background slices. "Apply" is
``apply_annotation_changes`` of one new annotation in view, including the repaint. All
are medians of RUNS runs, with a same-run baseline (a bare QTextEdit showing the same
text with ``setPlainText``), because this machine is shared and noisy. Targets: open
< 100 ms, apply < 30 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication, QTextEdit  # noqa: E402

from cable_annotator.domain.annotation import Annotation  # noqa: E402
from cable_annotator.ui.reading.reading_pane import ReadingPane  # noqa: E402
from tests.ui.test_reading_pane_data import (  # noqa: E402
    THEMES,
    spread_annotations,
    synthetic_cable,
)

SIZE = (1400, 900)


def settle(app: QApplication) -> None:
    app.processEvents()


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def baseline_open(app: QApplication, text: str) -> float:
    view = QTextEdit()
    view.resize(*SIZE)
    view.show()
    settle(app)

    def open_plain() -> None:
        view.setPlainText(text)
        settle(app)
        view.grab()

    result = timed(open_plain)
    view.close()
    view.deleteLater()
    settle(app)
    return result


def pane_open(app: QApplication, pane: ReadingPane, cable, annotations) -> float:
    def open_cable() -> None:
        pane.set_cable(cable, annotations, THEMES)
        settle(app)
        pane.grab()

    return timed(open_cable)


def pane_apply(app: QApplication, pane: ReadingPane, cable, n: int) -> tuple[float, float]:
    start = cable.text.index("an arms race could ensue")
    new = Annotation(id=f"new-{n}", cable_id=cable.id, part="body", start=start,
                     end=start + 24, quote="an arms race could ensue", theme_ids=[1])
    pane.set_selection("body", start, start + 24)
    settle(app)
    pane.grab()
    apply_only = timed(lambda: pane.apply_annotation_changes([new], []))
    pane.apply_annotation_changes([], [new.id])
    settle(app)

    def apply_and_paint() -> None:
        pane.apply_annotation_changes([new], [])
        settle(app)
        pane.grab()

    return apply_only, timed(apply_and_paint)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    app = QApplication.instance() or QApplication([])
    cable = synthetic_cable(300_000)
    print(f"cable: {len(cable.text):,} characters, {len(cable.blocks)} blocks, "
          f"{len(cable.pages)} pages, {len(cable.footnotes)} footnotes; runs: {runs}")
    pane = ReadingPane()
    pane.resize(*SIZE)
    pane.show()
    settle(app)
    baselines = [baseline_open(app, cable.text) for _ in range(runs)]
    base = statistics.median(baselines)
    print(f"baseline QTextEdit.setPlainText + paint: median {base:7.1f} ms")
    for count in (5000, 1000):
        annotations = spread_annotations(cable, count)
        opens, applies, painted = [], [], []
        for n in range(runs):
            pane.set_cable(None, [], [])
            settle(app)
            opens.append(pane_open(app, pane, cable, annotations))
            apply_only, with_paint = pane_apply(app, pane, cable, n)
            applies.append(apply_only)
            painted.append(with_paint)
        driver = pane.cable_text().layout_driver
        pane.set_cable(None, [], [])
        settle(app)
        start = time.perf_counter()
        pane.set_cable(cable, annotations, THEMES)
        while not driver.is_finished():
            app.processEvents()
        full = (time.perf_counter() - start) * 1000
        med = statistics.median(opens)
        print(f"{count:5d} annotations: open median {med:7.1f} ms "
              f"(min {min(opens):.1f}, max {max(opens):.1f}; {med / base:.2f}x baseline); "
              f"apply one median {statistics.median(applies):5.2f} ms, "
              f"with repaint {statistics.median(painted):5.1f} ms; "
              f"open and layout to the end {full:.0f} ms")
    pane.close()


if __name__ == "__main__":
    main()
