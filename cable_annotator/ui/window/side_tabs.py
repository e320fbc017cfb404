"""The lower part of the side column: the annotations (with the note) and the References
of the open cable, as two tabs.

Stacked one above the other with the codebook, four panels left each a sliver on a
laptop screen (at 800×600 the References showed two entries and cut the TAGS mid-word).
As tabs each gets the whole height below the codebook. The References tab is there only
when the open cable has references or is a raw telegram, and says how many it lists.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QWidget

from ..annotations.annotation_list import AnnotationListPanel
from ..annotations.note_editor import NoteEditor
from ..links.links_panel import LinksPanel

NOTE_HEIGHT = 110


class SideTabs(QTabWidget):
    """Annotations and note | References."""

    def __init__(self, annotations: AnnotationListPanel, note_editor: NoteEditor,
                 links: LinksPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sideTabs")
        self.setDocumentMode(True)
        self.links = links
        self.annotation_page = QSplitter(Qt.Orientation.Vertical, self)
        self.annotation_page.setObjectName("annotationPage")
        self.annotation_page.addWidget(annotations)
        self.annotation_page.addWidget(note_editor)
        self.annotation_page.setStretchFactor(0, 1)
        self.annotation_page.setStretchFactor(1, 0)  # the note keeps its few lines
        self.annotation_page.setChildrenCollapsible(False)
        self.annotation_page.setHandleWidth(6)
        self.annotation_page.setSizes([400, NOTE_HEIGHT])
        self.addTab(self.annotation_page, "Annotations")
        self.setTabToolTip(0, "The annotations of this cable (or of all documents) and the "
                              "note of the selected one")
        self.references_index = self.addTab(links, "References")
        self.setTabToolTip(self.references_index,
                           "What this cable cites, what cites it, where it is printed")
        links.contentChanged.connect(self._links_changed)
        self._links_changed()

    def references_shown(self) -> bool:
        """Whether the References tab is offered (the open cable has something in it)."""
        return self.isTabVisible(self.references_index)

    def show_references(self) -> None:
        self.setCurrentIndex(self.references_index)

    def show_annotations(self) -> None:
        self.setCurrentIndex(0)

    def _links_changed(self) -> None:
        shown = self.links.has_content()
        self.setTabText(self.references_index, self.links.tab_label())
        if not shown and self.currentIndex() == self.references_index:
            self.setCurrentIndex(0)
        self.setTabVisible(self.references_index, shown)
