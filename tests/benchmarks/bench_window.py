"""Benchmark: what a reader waits for in the window, on the peer workload.

Run on demand (not part of the test suite):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_window.py [--quick] [RUNS]

The peer workload's scripts (``../shared/peer-workload``) generate its 299,996-character
text of 82 FRUS documents and 1,000 / 5,000 / 20,000 codings into a temporary folder; each
count becomes a real project file holding the sample cable and the text as one cable with
the codings as annotations (see ``peer_workload.py`` for why the text is not imported with
``cable-annotator import``). Every figure is the median of RUNS fresh processes (default 5,
``--quick`` 2), each measuring the first time it does the thing:

- open: ``MainWindow.show_cable`` of the peer cable (the window started on the sample)
  until the window has painted with the text and the annotation list showing its cards;
- add: the mark selection (150006–150126) selected in the text, the digit key 1 pressed
  with QTest on the text view, until text and list are repainted (the new card in view);
  undo: Ctrl+Z the same way. Both after the open's background work has finished, the first
  time in the process and again (warm);
- stalls: the longest GUI-thread task (a 1 ms heartbeat) during the 3 s after an open
  while the reader scrolls the text with the wheel and types a word in the find box.

Floors, measured in the same run and the same way, in fresh processes: a bare
``QTextEdit`` given the same text with ``setPlainText`` and painted (open); the same bare
``QTextEdit`` merging one character format over the mark selection and painted (add,
undo); the bare ``QTextEdit`` scrolled with the same wheel events (stalls).
Open and the first add are also given as CPU time of the GUI thread (``thread_time``) over
the same interval, beside the floor's: on the shared 2-core machine the clock also counts
the time a process waits for a core, the CPU figure does not.
Targets (issue 7): open ≤ 100 ms at 5,000 and ≤ 400 ms at 20,000; add and undo ≤ 30 ms at
1,000 and 5,000; no GUI-thread task over 16 ms.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[2]))

COUNTS = (1000, 5000, 20000)
ADD_COUNTS = (1000, 5000)
STALL_COUNTS = (5000, 20000)
WINDOW_SIZE = (1600, 1000)
FLOOR_SIZE = (900, 1000)  # about the reading pane's share of the window
TARGETS = {("open", 5000): 100, ("open", 20000): 400, ("add", 1000): 30, ("add", 5000): 30,
           ("undo", 1000): 30, ("undo", 5000): 30, ("add-warm", 1000): 30,
           ("add-warm", 5000): 30, ("undo-warm", 1000): 30, ("undo-warm", 5000): 30,
           ("stall", 5000): 16, ("stall", 20000): 16}


# -- the child processes: one measurement each ---------------------------------------------

def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["bench"])


def _window(project_path: str):
    from cable_annotator.storage.project import Project
    from cable_annotator.ui.window.main_window import MainWindow
    from cable_annotator.ui.window.settings import AppSettings
    from tests.benchmarks.gui_probe import PaintProbe, settle

    window = MainWindow(Project.open(project_path), AppSettings())
    window.resize(*WINDOW_SIZE)
    window.show()
    window.activateWindow()
    settle()
    probe = PaintProbe(window)
    view = window.annotations.view
    probe.watch("text", window.reading.cable_text().viewport())
    probe.watch("list", view.viewport())
    return window, probe


def _list_shows_top_card(window):
    from PySide6.QtCore import QPoint

    view = window.annotations.view
    return view.model().rowCount() > 0 and view.indexAt(QPoint(8, 8)).isValid()


def child_open(project_path: str, cable_id: str) -> dict:
    import time as clock

    window, probe = _window(project_path)
    probe.watch("list", window.annotations.view.viewport(),
                lambda: _list_shows_top_card(window))
    probe.watch("text", window.reading.cable_text().viewport(),
                lambda: window.current_cable() is not None
                and window.current_cable().id == cable_id)
    probe.arm("text", "list")
    start, cpu = clock.perf_counter(), clock.thread_time()
    window.show_cable(cable_id)
    returned = clock.perf_counter()
    painted = probe.wait()
    cpu = clock.thread_time() - cpu
    return {"ms": None if painted is None else (painted - start) * 1000,
            "cpu_ms": cpu * 1000,
            "show_cable_ms": (returned - start) * 1000,
            "rows": window.annotations.model.rowCount()}


def child_add(project_path: str, cable_id: str, start: int, end: int) -> dict:
    import time as clock

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.benchmarks.gui_probe import settle

    window, probe = _window(project_path)
    window.show_cable(cable_id)
    background = settle()
    window.reading.set_selection("body", start, end)
    text = window.reading.cable_text()
    text.setFocus()
    settle()
    model, view = window.annotations.model, window.annotations.view
    before = model.rowCount()

    def new_card_in_view() -> bool:
        current = window.annotations.current_annotation_id()
        row = model.row_of(current) if current else -1
        return (model.rowCount() == before + 1 and row >= 0
                and view.visualRect(model.index(row)).intersects(view.viewport().rect()))

    probe.watch("list", view.viewport(), new_card_in_view)
    result = {"background_s": background}
    # The first add and undo in the process, then the same again (warm: SQLAlchemy has
    # compiled its statements, Python has imported what the edit path imports).
    for label in ("", "_warm"):
        window.reading.set_selection("body", start, end)
        settle()
        probe.arm("text", "list")
        t0, cpu = clock.perf_counter(), clock.thread_time()
        QTest.keyClick(text, Qt.Key.Key_1)
        handled = clock.perf_counter()
        painted = probe.wait()
        cpu = clock.thread_time() - cpu
        added = model.rowCount() == before + 1
        settle()
        probe.watch("list", view.viewport(), lambda: model.rowCount() == before)
        probe.arm("text", "list")
        t1 = clock.perf_counter()
        QTest.keyClick(text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        undo_handled = clock.perf_counter()
        undo_painted = probe.wait()
        probe.watch("list", view.viewport(), new_card_in_view)
        settle()
        result.update({
            f"add{label}_ms": (painted - t0) * 1000 if painted and added else None,
            f"add{label}_cpu_ms": cpu * 1000,
            f"add{label}_handled_ms": (handled - t0) * 1000,
            f"undo{label}_ms": (undo_painted - t1) * 1000 if undo_painted else None,
            f"undo{label}_handled_ms": (undo_handled - t1) * 1000})
    return result


def _drive_reader(view, find_box=None, seconds: float = 3.0):
    """Scroll ``view`` with the wheel every 30 ms; at 1 s type 'Laos' into ``find_box``."""
    from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from tests.benchmarks.gui_probe import Heartbeat, run_for

    def wheel() -> None:
        viewport = view.viewport()
        centre = QPointF(viewport.width() / 2, viewport.height() / 2)
        event = QWheelEvent(centre, QPointF(viewport.mapToGlobal(centre.toPoint())),
                            QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(viewport, event)

    scroller = QTimer()
    scroller.setInterval(30)
    scroller.timeout.connect(wheel)
    if find_box is not None:
        for n, letter in enumerate("Laos"):
            QTimer.singleShot(1000 + 150 * n,
                              lambda key=letter: QTest.keyClicks(find_box, key))
    beat = Heartbeat()
    beat.start()
    scroller.start()
    run_for(seconds)
    scroller.stop()
    beat.stop()
    return {"longest_ms": beat.longest(), "over_16": beat.over(16),
            "scrolled": view.verticalScrollBar().value()}


def child_stall(project_path: str, cable_id: str) -> dict:
    window, probe = _window(project_path)
    probe.watch("list", window.annotations.view.viewport(),
                lambda: _list_shows_top_card(window))
    probe.arm("text", "list")
    window.show_cable(cable_id)
    probe.wait()
    return _drive_reader(window.reading.cable_text(), window.actions.find_box)


def _floor_view(text_path: str):
    from PySide6.QtWidgets import QTextEdit

    from tests.benchmarks.gui_probe import PaintProbe, settle

    view = QTextEdit()
    view.resize(*FLOOR_SIZE)
    view.show()
    settle()
    probe = PaintProbe(view)
    probe.watch("text", view.viewport())
    with open(text_path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    return view, probe, text


def child_floor_open(text_path: str) -> dict:
    import time as clock

    view, probe, text = _floor_view(text_path)
    probe.arm("text")
    t0, cpu = clock.perf_counter(), clock.thread_time()
    view.setPlainText(text)
    painted = probe.wait()
    return {"ms": (painted - t0) * 1000, "cpu_ms": (clock.thread_time() - cpu) * 1000}


def child_floor_add(text_path: str, start: int, end: int) -> dict:
    import time as clock

    from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor

    from tests.benchmarks.gui_probe import settle

    view, probe, text = _floor_view(text_path)
    view.setPlainText(text)
    settle()
    cursor = QTextCursor(view.document())  # the peer text is all in the BMP: no UTF-16 care
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    settle()
    mark = QTextCharFormat()
    mark.setBackground(QColor("#F7BE81"))
    probe.arm("text")
    t0, cpu = clock.perf_counter(), clock.thread_time()
    cursor.mergeCharFormat(mark)
    painted = probe.wait()
    cpu = clock.thread_time() - cpu
    settle()
    probe.arm("text")
    t1 = clock.perf_counter()
    view.document().undo()
    undo_painted = probe.wait()
    return {"add_ms": (painted - t0) * 1000, "undo_ms": (undo_painted - t1) * 1000,
            "add_cpu_ms": cpu * 1000}


def child_floor_stall(text_path: str) -> dict:
    view, probe, text = _floor_view(text_path)
    probe.arm("text")
    view.setPlainText(text)
    probe.wait()
    return _drive_reader(view)


CHILDREN = {"open": child_open, "add": child_add, "stall": child_stall,
            "floor-open": child_floor_open, "floor-add": child_floor_add,
            "floor-stall": child_floor_stall}


def child_main(argv: list[str]) -> None:
    _app()
    kind, *args = argv
    numbers = [int(a) if a.isdigit() else a for a in args]
    result = CHILDREN[kind](*numbers)
    sys.stdout.write("RESULT " + json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)  # no teardown: nothing of it is measured, and nothing is saved


# -- the parent: prepare the workload, run children, print the table -----------------------

def run_child(env: dict, *args: object) -> dict:
    """Run one measurement in a fresh process, on a fresh copy of the project (an add
    leaves an undo behind) and with fresh settings (they record the cable last read: the
    next child would open on the peer cable, and ``show_cable`` of it would do nothing)."""
    config = Path(env["XDG_CONFIG_HOME"])
    shutil.rmtree(config, ignore_errors=True)
    config.mkdir(parents=True)
    args = list(args)
    for n, arg in enumerate(args):
        if str(arg).endswith(".cableproj"):
            copy = Path(env["XDG_DATA_HOME"]) / "run.cableproj"
            copy.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("-wal", "-shm", "-journal"):  # the last child's (it exits without
                Path(f"{copy}{suffix}").unlink(missing_ok=True)  # closing): not this copy's
            shutil.copyfile(arg, copy)
            args[n] = copy
    done = subprocess.run([sys.executable, str(HERE), "--child", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=300)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"child {args} failed:\n{done.stdout}\n{done.stderr}")


def _median(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _fmt(value: float | None) -> str:
    return "    n/a" if value is None else f"{value:7.1f}"


def main(argv: list[str]) -> int:
    from tests.benchmarks.bench_startup import compile_bytecode
    from tests.benchmarks.peer_workload import PEER_ID, build_project, generate, mark_selection

    compile_bytecode()  # as an installed copy has it (see bench_startup)
    quick = "--quick" in argv
    runs = int(next((a for a in argv if a.isdigit()), "2" if quick else "5"))
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        started = time.perf_counter()
        generate(base, COUNTS)
        projects = {count: build_project(base, count) for count in COUNTS}
        start, end = mark_selection(base)
        text_path = base / "frus_text.txt"
        (base / "config").mkdir()
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "XDG_CONFIG_HOME": str(base / "config"), "XDG_DATA_HOME": str(base / "data")}
        print(f"peer workload and projects ready in {time.perf_counter() - started:.1f} s; "
              f"{runs} fresh processes per figure, platform {env['QT_QPA_PLATFORM']}")
        samples: dict[tuple[str, int | str], list] = {}

        def add(key, value) -> None:
            samples.setdefault(key, []).append(value)

        for _ in range(runs):  # interleaved, so a burst of load hits every figure alike
            floor = run_child(env, "floor-open", text_path)
            add(("floor-open", 0), floor["ms"])
            add(("floor-open-cpu", 0), floor["cpu_ms"])
            floor = run_child(env, "floor-add", text_path, start, end)
            add(("floor-add", 0), floor["add_ms"])
            add(("floor-add-cpu", 0), floor["add_cpu_ms"])
            add(("floor-undo", 0), floor["undo_ms"])
            floor = run_child(env, "floor-stall", text_path)
            add(("floor-stall", 0), floor["longest_ms"])
            for count in COUNTS:
                result = run_child(env, "open", projects[count], PEER_ID)
                add(("open", count), result["ms"])
                add(("open-call", count), result["show_cable_ms"])
                add(("open-cpu", count), result["cpu_ms"])
            for count in ADD_COUNTS:
                result = run_child(env, "add", projects[count], PEER_ID, start, end)
                add(("add", count), result["add_ms"])
                add(("undo", count), result["undo_ms"])
                add(("add-warm", count), result["add_warm_ms"])
                add(("add-cpu", count), result["add_cpu_ms"])
                add(("undo-warm", count), result["undo_warm_ms"])
                add(("add-call", count), result["add_handled_ms"])
                add(("background", count), result["background_s"])
            for count in STALL_COUNTS:
                result = run_child(env, "stall", projects[count], PEER_ID)
                add(("stall", count), result["longest_ms"])
                add(("stall-n", count), result["over_16"])

    m = {key: _median(values) for key, values in samples.items()}
    floors = {"open": m[("floor-open", 0)], "add": m[("floor-add", 0)],
              "undo": m[("floor-undo", 0)], "stall": m[("floor-stall", 0)]}
    floors["add-warm"], floors["undo-warm"] = floors["add"], floors["undo"]
    print()
    print("floors (bare QTextEdit, same text, same run, fresh processes):")
    print(f"  setPlainText + paint                      {_fmt(floors['open'])} ms")
    print(f"  mergeCharFormat on the selection + paint  {_fmt(floors['add'])} ms")
    print(f"  undo of that + paint                      {_fmt(floors['undo'])} ms")
    print(f"  longest task while wheel-scrolling 3 s    {_fmt(floors['stall'])} ms")
    print()
    print(f"{'what':<44}{'median':>9}{'floor':>9}{'ratio':>8}{'target':>8}  met")
    rows = [(f"open, {c:,} annotations, until painted", "open", c) for c in COUNTS]
    rows += [(f"add one by key 1, {c:,}, until repainted", "add", c) for c in ADD_COUNTS]
    rows += [(f"undo it by Ctrl+Z, {c:,}, until repainted", "undo", c) for c in ADD_COUNTS]
    rows += [(f"add again (warm), {c:,}", "add-warm", c) for c in ADD_COUNTS]
    rows += [(f"undo again (warm), {c:,}", "undo-warm", c) for c in ADD_COUNTS]
    rows += [(f"longest GUI task, 3 s after open, {c:,}", "stall", c) for c in STALL_COUNTS]
    missed = 0
    for label, kind, count in rows:
        value, floor = m.get((kind, count)), floors[kind]
        target = TARGETS.get((kind, count))
        ratio = f"{value / floor:7.1f}x" if value and floor else "     n/a"
        met = "-" if target is None or value is None else ("yes" if value <= target else "NO")
        missed += met == "NO"
        print(f"{label:<44}{_fmt(value)} ms{_fmt(floor)}{ratio}{target or '':>8}  {met}")
    print()
    print("CPU time of the GUI thread over the same intervals (medians; unlike the clock, it")
    print("does not count waiting for a core on a shared machine):")
    cpu_floor_open, cpu_floor_add = m[("floor-open-cpu", 0)], m[("floor-add-cpu", 0)]
    for count in COUNTS:
        value = m[("open-cpu", count)]
        print(f"  open, {count:,} annotations{'':<18}{_fmt(value)} ms{_fmt(cpu_floor_open)}"
              f"{value / cpu_floor_open:7.1f}x")
    for count in ADD_COUNTS:
        value = m[("add-cpu", count)]
        print(f"  add one by key 1, {count:,}{'':<17}{_fmt(value)} ms{_fmt(cpu_floor_add)}"
              f"{value / cpu_floor_add:7.1f}x")
    print()
    print("details (medians): "
          + ", ".join(f"show_cable returns {m[('open-call', c)]:.0f} ms at {c:,}"
                      for c in COUNTS)
          + "; " + ", ".join(f"key handled {m[('add-call', c)]:.0f} ms at {c:,}"
                             for c in ADD_COUNTS)
          + "; " + ", ".join(f"background work after open {m[('background', c)]:.2f} s at "
                             f"{c:,}" for c in ADD_COUNTS)
          + "; " + ", ".join(f"{m[('stall-n', c)]:.0f} tasks over 16 ms at {c:,}"
                             for c in STALL_COUNTS))
    return 1 if missed else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
    sys.exit(main(sys.argv[1:]))
