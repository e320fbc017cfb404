"""Help → About: the release, the licence, where the documents come from, and the
libraries with their versions (what a bug report needs), with a button to copy them."""

from __future__ import annotations

from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ... import __version__
from ...app_info import (
    APPLICATION,
    DATA_SOURCES,
    LICENCE_NOTE,
    library_versions,
    python_version,
)
from .app_icon import app_icon


def version_report() -> str:
    """The versions as plain text, one per line, for a bug report."""
    lines = [f"{APPLICATION} {__version__}", f"Python: {python_version()}",
             f"Qt: {qVersion()} (PySide6 {pyside_version})"]
    lines += [f"{library.name}: {version}" for library, version in library_versions()]
    return "\n".join(lines)


def about_html() -> str:
    rows = "".join(
        f"<tr><td>{escape(library.name)}</td><td>{escape(version)}</td>"
        f"<td>{escape(library.purpose)}</td></tr>"
        for library, version in library_versions())
    sources = "".join(f"<p>{escape(source)}</p>" for source in DATA_SOURCES)
    return (
        f"<p>A workbench for reading, tagging and annotating diplomatic cables such as "
        f"the FRUS series.</p><p>{escape(LICENCE_NOTE)}</p>"
        f"<h4>Documents</h4>{sources}"
        f"<h4>Built with</h4><table cellpadding='2'>"
        f"<tr><td>Python</td><td>{escape(python_version())}</td><td></td></tr>"
        f"<tr><td>Qt</td><td>{escape(qVersion())}</td><td>the toolkit</td></tr>"
        f"{rows}</table>")


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APPLICATION}")
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel(f"<b style='font-size:large'>{APPLICATION}</b><br>"
                       f"Version {escape(__version__)}", self)
        title.setObjectName("aboutTitle")
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading = QHBoxLayout()
        heading.addWidget(icon)
        heading.addWidget(title, 1)
        self.details = QTextBrowser(self)
        self.details.setObjectName("aboutDetails")
        self.details.setOpenExternalLinks(True)
        self.details.setHtml(about_html())
        self.details.setMinimumSize(520, 320)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton("Copy Versions", QDialogButtonBox.ButtonRole.ActionRole)
        copy.setObjectName("copyVersions")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(version_report()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
