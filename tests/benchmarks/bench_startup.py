"""Benchmark: cold start of the window, from a new Python process to the first paint.

Run on demand (not part of the test suite):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_startup.py [RUNS]

Each run is a fresh interpreter that imports the app, opens the default project (created
with the sample cable in a temporary data folder on the first run, reused after), shows the
window and paints it once. The baseline, measured in the same run, is a fresh interpreter
that only creates a QApplication and paints an empty QWidget, since this machine is shared
and noisy.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile

APP = """
import time, sys
start = time.perf_counter()
from cable_annotator.ui.window.app import start_app
from PySide6.QtWidgets import QApplication
window = start_app(None)
window.resize(1600, 1000)
QApplication.processEvents()
window.grab()
print(time.perf_counter() - start)
"""
BASELINE = """
import time
start = time.perf_counter()
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget = QWidget()
widget.resize(1600, 1000)
widget.show()
QApplication.processEvents()
widget.grab()
print(time.perf_counter() - start)
"""


def run(code: str, env: dict[str, str]) -> float:
    """Wall time of the whole process (interpreter start included)."""
    import time

    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "XDG_DATA_HOME": f"{home}/data", "XDG_CONFIG_HOME": f"{home}/config"}
        first = run(APP, env)  # creates the default project with the sample cable
        apps, bases = [], []
        for _ in range(runs):
            bases.append(run(BASELINE, env))
            apps.append(run(APP, env))
    app, base = statistics.median(apps), statistics.median(bases)
    print(f"first run (creates the default project): {first:.3f} s")
    print(f"bare QApplication + empty window: median {base:.3f} s")
    print(f"Cable Annotator to first paint:   median {app:.3f} s  "
          f"(ratio {app / base:.1f}x; {runs} runs)")


if __name__ == "__main__":
    main()
