"""A start paints its first screen before SQLAlchemy is imported, then imports it in the
background, and the first digit key after that annotates as ever.

In a fresh process (this one has SQLAlchemy loaded by other tests): the real
``start_app`` on a project holding the sample cable with one annotation.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from cable_annotator.services import annotating, projects, queries
from cable_annotator.storage.project import Project
from tests.conftest import REPO_ROOT

CHILD = textwrap.dedent("""
    import json, sys, time
    sys.path.insert(0, {repo!r})
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from cable_annotator.ui.window.app import start_app
    from cable_annotator.ui.window.background import warm_up
    from tests.benchmarks.gui_probe import PaintProbe

    window = start_app(Path(sys.argv[1]))
    probe = PaintProbe(window)
    probe.watch("text", window.reading.cable_text().viewport())
    probe.watch("list", window.annotations.view.viewport())
    probe.arm("text", "list")
    painted = probe.wait() is not None
    before = sorted(name for name in sys.modules if name.startswith("sqlalchemy"))
    cards = window.annotations.model.rowCount()
    deadline = time.perf_counter() + 20
    while (warm_up._thread is None or not warm_up.finished()) and time.perf_counter() < deadline:
        QApplication.processEvents()
        time.sleep(0.002)
    warmed = "sqlalchemy.orm" in sys.modules and window.project._engine is not None
    view = window.reading.cable_text()
    cursor = view.textCursor()
    cursor.setPosition(200)
    cursor.setPosition(230, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_1)
    QApplication.processEvents()
    print(json.dumps({{"painted": painted, "before": before, "cards": cards,
                      "warmed": warmed, "after_key": window.annotations.model.rowCount()}}))
    sys.stdout.flush()
    import os; os._exit(0)
""")


def test_first_screen_without_sqlalchemy_then_warm_then_edit(tmp_path: Path) -> None:
    path = tmp_path / "start.cableproj"
    with Project.open(path) as project:
        projects.seed_sample(project)
        cable = queries.list_cables(project)[0]
        text = queries.load_cable(project, cable.id).text
        theme = queries.list_themes(project)[0]
        annotating.create_annotation(project, cable.id, "body", 40, 80, [theme.id])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-c", CHILD.format(repo=str(REPO_ROOT)),
                             str(path)], capture_output=True, text=True, env=env, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["painted"], report
    assert report["before"] == [], report  # the first screen was read without it
    assert report["cards"] == 1, report  # ...and shows the stored annotation
    assert report["warmed"], report
    assert report["after_key"] == 2, report  # the digit key annotates after the warm-up
    with Project.open(path) as project:
        found = queries.annotations_of(project, cable.id)
        assert len(found) == 2 and (found[0].start, found[0].end) == (40, 80)
        added = found[1]  # the selection 200–230, snapped to whole words
        assert abs(added.start - 200) <= 12 and abs(added.end - 230) <= 12, added
        assert added.quote == text[added.start:added.end] and added.theme_ids == [theme.id]
