"""The main window's File menu for project files: new, open, and Save As.

A mixin of ``MainWindow`` (it uses the window's workspace, settings, note editor and
``load_project``), kept apart so the window module stays about arranging the views.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from ...storage.errors import ProjectError
from ...storage.project import PROJECT_SUFFIX, Project
from ..desktop.file_dialogs import open_file_name, save_file_name
from .file_suggestions import save_as_suggestion

PROJECT_FILTER = f"Cable Annotator projects (*{PROJECT_SUFFIX})"


def _with_suffix(name: str) -> Path:
    return Path(name if name.endswith(PROJECT_SUFFIX) else f"{name}{PROJECT_SUFFIX}")


class ProjectFilesMixin:
    def open_project_path(self, path: Path, create: bool = False,
                          keep_history: bool = False) -> bool:
        """Switch to the project at ``path``; False (and a message) when it cannot be opened.
        ``keep_history``: keep the undo stack (the project is a copy of this one)."""
        self.note_editor.commit()
        try:
            project = Project.open(path, create=create)
        except ProjectError as error:
            self._show_refusal(str(error))  # the open project stays open, as it was
            return False
        self.codebook.set_filter(None)
        self.flush_last_cable()  # into the project being left, while it is open
        self.finish_background_reads()
        self.workspace.replace_project(project, keep_history=keep_history)
        self.load_project()
        return True

    def fill_recent_menu(self, menu) -> None:
        """File → Open Recent: the projects opened lately that still exist, this one
        aside, with a way to clear the list."""
        menu.clear()
        current = self.project.path.resolve()
        shown = [p for p in self.settings.recent_projects if p != current and p.is_file()]
        for number, path in enumerate(shown, start=1):
            label = f"&{number}  {path.name}" if number < 10 else path.name
            action = menu.addAction(label, lambda _=False, p=path: self.open_project_path(p))
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
        if not shown:
            menu.addAction("No other recent projects").setEnabled(False)
        menu.addSeparator()
        menu.addAction("&Clear Menu", lambda: self.ask_clear_recent(len(shown))).setEnabled(
            bool(shown))

    def ask_clear_recent(self, count: int) -> bool:
        """Clear File → Open Recent, after asking: it empties the whole list at once, and
        a list of where one's projects live is not something Undo (which steps through
        the project's edits) can bring back, nor can a reader rebuild it from memory.
        Cancel is the default, so a stray Enter in a menu (Alt+F, R, C) loses nothing."""
        box = QMessageBox(QMessageBox.Icon.Question, "Clear Recent Projects",
                          f"Remove the {count} project{'s' * (count != 1)} listed under "
                          "File → Open Recent?", parent=self)
        box.setInformativeText("Only the list is cleared: the project files stay where "
                               "they are and File → Open Project still opens them.")
        clear = box.addButton("Clear Menu", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not clear:
            return False
        self.settings.clear_recent_projects()
        self.statusBar().showMessage("Cleared the list of recent projects.", 5000)
        return True

    def ask_new_project(self) -> None:
        name = save_file_name(self, "New project", self.settings.last_directory,
                              PROJECT_FILTER)
        if name:
            path = _with_suffix(name)
            if path.exists():
                self._show_refusal(f"{path} already exists; use File → Open Project to open it.")
                return
            self.settings.last_directory = str(path.parent)
            self.open_project_path(path, create=True)

    def ask_open_project(self) -> None:
        name = open_file_name(self, "Open project", self.settings.last_directory,
                              PROJECT_FILTER)
        if name:
            self.settings.last_directory = str(Path(name).parent)
            self.open_project_path(Path(name))

    def ask_save_project_as(self) -> None:
        suggested = save_as_suggestion(self.project.path)
        name = save_file_name(self, "Save project as", str(suggested),
                              PROJECT_FILTER)
        if name:
            path = _with_suffix(name)
            self.settings.last_directory = str(path.parent)
            self.save_project_as(path)

    def save_project_as(self, path: Path) -> bool:
        """Copy the open project to ``path`` (SQLite's backup API: consistent, and safe
        for the original) and go on working in the copy, as Save As does elsewhere."""
        self.note_editor.commit()
        # The document on screen is the project's last read before the copy is made, so
        # the copy opens on it; and the place in it is the copy's too (it is kept with the
        # reader's settings, by project file): the copy reopens where the reader was.
        self.flush_last_cable()
        cable = self.current_cable()
        place = self.reading.reading_place() if cable is not None else None
        try:
            copy = self.project.save_as(path)
        except ProjectError as error:
            self._show_refusal(str(error))  # no copy; the project itself is untouched
            return False
        if place is not None:
            self.settings.set_reading_place(copy, cable.id, *place)
        if not self.open_project_path(copy, keep_history=True):
            return False
        self.statusBar().showMessage(f"Saved a copy as {copy}; you are working in it now "
                                     "(Undo still reaches your earlier steps).", 10000)
        return True

