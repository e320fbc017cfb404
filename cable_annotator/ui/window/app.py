"""Starting the desktop application: the QApplication, the project, the window.

The project opened is the one named on the command line, else the last one used, else
the default project (created with the sample cable on first run), so a new user lands
on a document they can annotate at once.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from ...services.projects import open_default_project
from ...storage.errors import ProjectError
from ...storage.project import Project
from .fault_report import FaultReporter
from .settings import APPLICATION, ORGANIZATION, AppSettings


def open_start_project(project_path: Path | None, settings: AppSettings) -> Project:
    """The named project, else the last one used (if it still exists), else the default."""
    if project_path is not None:
        return Project.open(project_path)
    last = settings.last_project
    if last is not None and last.is_file():
        try:
            return Project.open(last, create=False)
        except ProjectError:
            pass  # moved, damaged or too new: fall back to the default project
    return open_default_project()


def start_app(project_path: Path | None):
    """Create (or reuse) the QApplication and show the window; returns the window, or
    None when the project cannot be opened (the reason has been shown)."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setDesktopFileName("cable-annotator")
    settings = AppSettings()
    try:
        project = open_start_project(project_path, settings)
    except ProjectError as error:
        QMessageBox.critical(None, APPLICATION, str(error))
        return None

    from .main_window import MainWindow  # after QApplication: widgets need it

    window = MainWindow(project, settings)
    window.fault_reporter = FaultReporter(lambda: window,
                                          lambda text: window.statusBar().showMessage(text))
    window.fault_reporter.install()
    window.show()
    return window


def run_app(project_path: Path | None) -> int:
    """Run the window until it closes; returns the process exit code."""
    window = start_app(project_path)
    if window is None:
        return 1
    code = QApplication.instance().exec()
    window.fault_reporter.uninstall()
    window.workspace.project.close()
    return code
