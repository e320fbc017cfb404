"""Starting the desktop application: the QApplication, the project, the window.

The project opened is the one named on the command line, else the last one used, else
the default project (created with the sample cable on first run), so a new user lands
on a document they can annotate at once. A launch whose project is already open in a
window hands its files to that window instead (``single_instance``).
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ... import __version__
from ...resources_access import APP_ID
from ...services.projects import open_default_project
from ...storage.errors import ProjectError
from ...storage.project import Project, default_project_path
from ..desktop.app_icon import app_icon
from ..desktop.desktop_session import DesktopSession
from ..desktop.launch_files import LaunchError, sort_launch_files
from ..desktop.single_instance import hand_over
from .background.warm_up import AfterFirstPaint
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


def start_project_path(project_path: Path | None, settings: AppSettings) -> Path:
    """The file ``open_start_project`` would open first, without opening it."""
    if project_path is not None:
        return Path(project_path).expanduser()
    last = settings.last_project
    return last if last is not None and last.is_file() else default_project_path()


def application() -> QApplication:
    """The QApplication (created once), named and iconed for the desktop: the desktop
    file name lets Wayland and the taskbar match the window to its entry and icon."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    return app


def start_app(project_path: Path | None, documents: list[Path] | None = None):
    """Create (or reuse) the QApplication and show the window, importing ``documents``
    into its project; returns the window, or None when the project cannot be opened (the
    reason has been shown)."""
    application()
    settings = AppSettings()
    if project_path is not None and not _may_start_at(Path(project_path).expanduser()):
        return None
    try:
        project = open_start_project(project_path, settings)
    except ProjectError as error:
        # Said where the reader looks: on the terminal that started it, and in a dialog
        # (a double-click has no terminal).
        print(f"cable-annotator: {error}", file=sys.stderr)
        QMessageBox.critical(None, APPLICATION, str(error))
        return None

    from .main_window import MainWindow  # after QApplication: widgets need it

    window = MainWindow(project, settings)
    window.fault_reporter = FaultReporter(lambda: window,
                                          lambda text: window.statusBar().showMessage(text))
    window.fault_reporter.install()
    window.show()
    # SQLAlchemy and the writing services, imported once the text has painted.
    window.warm_up = AfterFirstPaint(window.reading.cable_text().viewport(),
                                     lambda: window.project.engine)
    window.desktop = DesktopSession(window)
    if documents:
        window.desktop.open(documents)
    return window


def _may_start_at(path: Path) -> bool:
    """Whether to open ``path`` named on the command line: yes if something is there (the
    project, or a file that Project.open will refuse in its own words); a path with nothing
    there is asked about — a mistyped name once opened a new, empty project, and the reader
    took her work for lost — and a missing folder is refused, never made."""
    from ...file_safety import exists_at_all

    if exists_at_all(path):
        return True
    if not path.parent.is_dir():
        message = (f"There is no project at {path}, and its folder {path.parent} does not "
                   "exist: check the name, or create the folder first.")
        print(f"cable-annotator: {message}", file=sys.stderr)
        QMessageBox.critical(None, APPLICATION, message)
        return False
    answer = QMessageBox.question(
        None, APPLICATION,
        f"There is no project at {path}.\n\nStart a new, empty project there?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Yes:
        print(f"cable-annotator: no project at {path}; nothing was created.", file=sys.stderr)
        return False
    return True


def close_on_terminate(window) -> None:
    """SIGTERM (a logout, ``kill``) and Ctrl+C in the terminal close the window as its
    close button does: the note being typed is saved, the layout kept, the socket freed.

    Python runs signal handlers only when it holds the interpreter, which Qt's event loop
    does not give it while idle, so a quiet timer lets it look four times a second."""
    def close(*_signal) -> None:
        QTimer.singleShot(0, window.close)

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, close)
    heartbeat = QTimer(window)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(250)


def run_app(project_path: Path | None, files: list[Path] | None = None) -> int:
    """Run the window until it closes; returns the process exit code. ``files`` are the
    launch arguments: a ``.cableproj`` to open and documents to import."""
    try:
        launch = sort_launch_files(list(files or []), project_path)
    except LaunchError as error:
        print(f"cable-annotator: {error}", file=sys.stderr)
        return 1
    application()
    if hand_over(start_project_path(launch.project, AppSettings()), launch.documents):
        return 0  # the window already open on this project has the files now
    window = start_app(launch.project, launch.documents)
    if window is None:
        return 1
    close_on_terminate(window)
    code = QApplication.instance().exec()
    window.fault_reporter.uninstall()
    window.desktop.close()
    window.workspace.project.close()
    return code
