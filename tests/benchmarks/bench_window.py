"""Benchmark: the whole window path, store to screen, on a 300,000-character cable.

Run on demand (not part of the test suite):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_window.py [RUNS]

A real project file holds the sample cable and a synthetic 300,000-character cable with
5,000 annotations (and one with 1,000). "Open" is ``MainWindow.show_cable`` — reading the
cable and its annotations from SQLite, building the document, filling the annotation list
— until the window has painted. "Add" is tagging a selected passage with theme 1 as the
digit key does: the undo command, the service's transaction, and the repaint (measured once
the background highlighting of the opened cable has finished). Each figure is
the median of RUNS runs, with a same-run baseline: QualCoder-style
``QTextEdit.setPlainText`` of the same text and one paint.
Targets: open < 100 ms, add < 30 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QTextEdit  # noqa: E402

from cable_annotator.services.importing import import_files  # noqa: E402
from cable_annotator.services.queries import list_themes  # noqa: E402
from cable_annotator.storage.mapping import fill_annotation_row, fill_cable_row  # noqa: E402
from cable_annotator.storage.models import AnnotationRow, CableRow, VolumeRow  # noqa: E402
from cable_annotator.storage.project import Project  # noqa: E402
from cable_annotator.ui.window.main_window import MainWindow  # noqa: E402
from cable_annotator.ui.window.settings import AppSettings  # noqa: E402
from tests.ui.test_reading_pane_data import spread_annotations, synthetic_cable  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "frus1969-76ve11p2-d293.txt"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def store_long_cable(project: Project, ident: str, count: int) -> str:
    cable = synthetic_cable(300_000)
    cable.id, cable.volume = f"benchvol/{ident}", "benchvol"
    themes = [t.id for t in list_themes(project)]
    annotations = spread_annotations(cable, count)
    with project.transaction() as session:
        if session.get(VolumeRow, "benchvol") is None:
            session.add(VolumeRow(id="benchvol", title="Benchmark volume", persons=[],
                                  terms=[]))
            session.flush()
        row = CableRow()
        fill_cable_row(row, cable)
        session.add(row)
        session.flush()  # the cable before its annotations (no ORM relationship orders them)
        for i, annotation in enumerate(annotations):
            annotation.id = f"{ident}-{i:05d}-0000-0000-000000000000"[:36]
            annotation.cable_id = cable.id
            annotation.theme_ids = [themes[i % len(themes)]]
            stored = AnnotationRow()
            fill_annotation_row(stored, annotation)
            session.add(stored)
    return cable.id


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CONFIG_HOME"] = folder
        project = Project.open(Path(folder) / "bench.cableproj")
        import_files(project, [SAMPLE], volume="frus1969-76ve11p2")
        heavy = store_long_cable(project, "d5000", 5000)
        light = store_long_cable(project, "d1000", 1000)
        window = MainWindow(project, AppSettings())
        window.resize(1600, 1000)
        window.show()
        app.processEvents()
        text = window.reading.cable_text()

        def open_cable(cable_id: str) -> float:
            window.show_cable("frus1969-76ve11p2/d293")
            app.processEvents()

            def action() -> None:
                window.show_cable(cable_id)
                app.processEvents()
                window.grab()

            return timed(action)

        def add_one(offset: int) -> float:
            # Let the background highlighting of the rest of the cable finish first (it
            # runs in 8 ms slices while the reader reads); this measures the edit alone.
            deadline = time.perf_counter() + 1.5
            while time.perf_counter() < deadline:
                app.processEvents()
                time.sleep(0.01)
            cursor = QTextCursor(text.document())
            block = text.document().findBlockByNumber(3 + offset)
            cursor.setPosition(block.position() + 3)
            cursor.setPosition(block.position() + 40, QTextCursor.MoveMode.KeepAnchor)
            text.setTextCursor(cursor)

            def action() -> None:
                window.apply_theme_number(1)
                app.processEvents()
                text.viewport().grab()

            return timed(action)

        baseline_view = QTextEdit()
        baseline_view.resize(1100, 1000)
        baseline_view.show()
        long_text = synthetic_cable(300_000).text

        def baseline() -> float:
            baseline_view.clear()
            app.processEvents()

            def action() -> None:
                baseline_view.setPlainText(long_text)
                app.processEvents()
                baseline_view.grab()

            return timed(action)

        results = {"baseline": [], "open 5000": [], "open 1000": [], "add to 5000": []}
        for run in range(runs):
            results["baseline"].append(baseline())
            results["open 1000"].append(open_cable(light))
            results["open 5000"].append(open_cable(heavy))
            results["add to 5000"].append(add_one(run))
        window.close()
        project.close()
    base = statistics.median(results["baseline"])
    print(f"300,000-character cable, {runs} runs (median, ms; ratio to baseline)")
    for name, values in results.items():
        median = statistics.median(values)
        print(f"  {name:<12} {median:8.1f} ms  ({median / base:.2f}x)  "
              f"min {min(values):.1f} max {max(values):.1f}")


if __name__ == "__main__":
    main()
