"""The main window: corpus on the left, the reading surface in the centre, codebook,
annotation list and note on the right — and the wiring between them.

Edits go through ``AnnotationActions`` / ``CodebookActions`` as undo commands; the
workspace broadcasts each service ``Change`` and ``_on_change`` refreshes only what that
change names: highlights of the open cable, one corpus count, the codebook's usage.
"""

from __future__ import annotations

from bisect import insort

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QWidget,
)

from ...collector import collector_paused
from ...domain.annotation import Annotation, Theme
from ...domain.cable import BODY, Cable
from ...services import queries, telegram_links
from ...services.deferred_annotations import deferred_annotations_of
from ...storage.errors import ProjectError
from ...storage.project import Project
from ..annotations.annotation_actions import AnnotationActions
from ..annotations.annotation_list import AnnotationListPanel
from ..annotations.note_conflicts import NoteConflicts
from ..annotations.note_editor import NoteEditor
from ..codebook.codebook_actions import CodebookActions
from ..codebook.codebook_panel import CodebookPanel
from ..corpus.corpus_panel import CorpusPanel
from ..jobs.import_export import BackgroundJob
from ..links.links_panel import LinksPanel
from ..reading.reading_pane import ReadingPane
from .adaptive_layout import AdaptiveLayout, fitted_geometry
from .appearance import Appearance
from .background.collector_pacing import CollectorPacing
from .background.edit_rehearser import EditRehearser
from .background.idle_words_reader import IdleWordsReader
from .background.latest_result import LatestResult
from .background.outside_changes import OutsideChangeWatcher
from .background.search_controller import SearchController
from .empty_state import EmptyState
from .settings import AppSettings
from .side_tabs import SideTabs
from .status_bar import ElidingStatusBar
from .status_line import StatusLine, window_title
from .text_import import TextImportMixin
from .window_actions import build_actions, fill_themes_menu
from .window_exchange import ExchangeMixin
from .window_import_export import ImportExportMixin
from .window_merge import MergeMixin
from .window_project_files import ProjectFilesMixin
from .workspace import Workspace

LAST_CABLE = "last_cable"
REMEMBER_LAST_CABLE_MS = 1000
STYLE = """
QLabel#panelTitle { font-weight: 600; padding: 4px 2px 2px 2px; }
QLabel#emptyHint, QLabel#corpusThemeFilter { padding: 4px; }
QStatusBar QLabel#statusLine { padding: 0 6px; }
"""


class MainWindow(ProjectFilesMixin, MergeMixin, ExchangeMixin, ImportExportMixin,
                 TextImportMixin, QMainWindow):
    importFinished = Signal(object)  # ImportReport, or None when it failed or was cancelled
    exportFinished = Signal(object)  # number of rows, or None
    mergeFinished = Signal(object)  # MergeReport, or None when the merge failed
    cableShown = Signal(str)

    def __init__(self, project: Project, settings: AppSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setStyleSheet(STYLE)
        self.settings = settings or AppSettings()
        self.workspace = Workspace(project, self)
        self.annotation_actions = AnnotationActions(self.workspace)
        self.codebook_actions = CodebookActions(self.workspace)
        self._cable: Cable | None = None
        self._annotations: list[Annotation] = []
        self._themes: list[Theme] = []
        self._cables: dict[str, Cable] = {}
        self._job: BackgroundJob | None = None
        self._words_reader = IdleWordsReader(self, yield_to=lambda: self.reading.is_laying_out())
        self._rehearser = EditRehearser(self)
        self._collector = CollectorPacing(self)
        self._links_worker = LatestResult(self)
        # The document last read is remembered shortly after it opens, with the place
        # the reader has scrolled to by then (and again on closing).
        self._last_cable_timer = QTimer(self)
        self._last_cable_timer.setSingleShot(True)
        self._last_cable_timer.setInterval(REMEMBER_LAST_CABLE_MS)
        self._last_cable_timer.timeout.connect(self.flush_last_cable)

        self._build_panels()
        self.appearance = Appearance(self, self.reading.set_dark, self.settings)
        self.actions = build_actions(self)
        self.search = SearchController(self, self.actions.find_box)
        self.setStatusBar(ElidingStatusBar(self))  # a message too long ends in "…"
        self.status_line = StatusLine(self)
        # No stretch: a stretching permanent widget leaves showMessage() no room at all.
        self.statusBar().addPermanentWidget(self.status_line, 0)
        self._connect()
        self._keep_actions_in_step()
        self.setAcceptDrops(True)
        self._restore_layout()
        self.load_project()
        self.outside_changes = OutsideChangeWatcher(
            self, lambda: self.project, self.reload_after_outside_change, self._show_error,
            own_job_running=lambda: self._job is not None)

    # -- construction ---------------------------------------------------------------------

    def _build_panels(self) -> None:
        self.corpus = CorpusPanel(self)
        self.reading = ReadingPane(self)
        self.reading.setAccessibleName("Cable")
        self.empty = EmptyState(self)
        self.centre = QStackedWidget(self)
        self.centre.addWidget(self.empty)
        self.centre.addWidget(self.reading)
        self.codebook = CodebookPanel(self.codebook_actions, self)
        self.annotations = AnnotationListPanel(self)
        self.note_editor = NoteEditor(self)
        self.links = LinksPanel(self)

        self.side_tabs = SideTabs(self.annotations, self.note_editor, self.links, self)
        self.side_splitter = QSplitter(Qt.Orientation.Vertical, self)
        # Not "sideSplitter": the sizes a reader's settings keep for that name were those of
        # four stacked panels, which this column no longer has.
        self.side_splitter.setObjectName("sideColumn")
        self.side_splitter.addWidget(self.codebook)
        self.side_splitter.addWidget(self.side_tabs)
        self.side_splitter.setStretchFactor(0, 0)  # the codebook keeps its height
        self.side_splitter.setStretchFactor(1, 1)
        self.side_splitter.setSizes([230, 770])
        # The codebook's height follows what its themes need (a theme added, a name that
        # wraps, a narrower column) until the reader drags the divider; then theirs is kept.
        self._side_sized = False
        self.side_splitter.splitterMoved.connect(self._side_dragged)
        self.codebook.fitted.connect(self._fit_side_column)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.setObjectName("mainSplitter")
        for widget in (self.corpus, self.centre, self.side_splitter):
            self.main_splitter.addWidget(widget)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([340, 900, 360])  # long FRUS titles need room
        for splitter in (self.main_splitter, self.side_splitter):
            splitter.setChildrenCollapsible(False)
            splitter.setHandleWidth(6)
        self.main_splitter.setContentsMargins(6, 4, 6, 0)
        self.corpus.setMinimumWidth(180)
        self.side_splitter.setMinimumWidth(220)
        self.setCentralWidget(self.main_splitter)
        self.adaptive_layout = AdaptiveLayout(self, self.main_splitter, self.corpus,
                                              self.side_splitter)

    def _connect(self) -> None:
        self.workspace.changed.connect(self._on_change)
        self.workspace.errorOccurred.connect(self._show_error)
        self.workspace.refused.connect(self._show_refusal)
        self.workspace.noticeOccurred.connect(self._show_notice)
        self.corpus.cableActivated.connect(self.show_cable)
        self.codebook.applyRequested.connect(self.apply_theme)
        self.codebook.themeFilterChanged.connect(self._theme_filter_changed)
        self.codebook.themeMessage.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.annotations.annotationActivated.connect(self.go_to_annotation)
        self.annotations.currentAnnotationChanged.connect(self._current_annotation_changed)
        self.annotations.clearFilterRequested.connect(lambda: self.codebook.set_filter(None))
        self.annotations.allDocumentsToggled.connect(lambda _on: self._refresh_annotation_list())
        self.note_conflicts = NoteConflicts(self)
        self.annotation_actions.note_conflicts = self.note_conflicts
        self.note_editor.noteCommitted.connect(self._commit_note)
        self.reading.annotationClicked.connect(self.annotations.select_annotation)
        self.reading.positionChanged.connect(self.status_line.set_position)
        self.reading.referenceActivated.connect(self._reference_activated)
        self.links.cableActivated.connect(self._reference_activated)
        self.empty.importRequested.connect(self.ask_import)
        # The body and the notes are both annotatable: both get the tagging menu, unless the
        # reading pane brings a menu of its own.
        for view in self.reading.findChildren(QTextEdit):
            if view.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
                view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
                view.customContextMenuRequested.connect(
                    lambda position, v=view: self._text_context_menu(v, position))

    def _keep_actions_in_step(self) -> None:
        """Edit → Copy, Copy with Citation, Delete Annotation and Re-attach are enabled
        only when they can act, and follow every change of selection, focus, document and
        store."""
        signals = (self.annotations.currentAnnotationChanged, self.reading.selectionChanged,
                   self.cableShown, self.workspace.changed)
        for signal in signals:
            signal.connect(self.update_action_states)
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self.update_action_states)
        self.update_action_states()

    def update_action_states(self, *_args) -> None:
        if not hasattr(self, "actions"):
            return
        passage = self.selected_passage() is not None
        self.actions.copy.setEnabled(passage)
        self.actions.copy_citation.setEnabled(passage)
        self.actions.delete_annotation.setEnabled(self._annotation_for_delete() is not None)
        self.actions.reattach_annotation.setEnabled(
            self._orphan_to_reattach() is not None and passage)

    def _restore_layout(self) -> None:
        geometry = self.settings.window_geometry
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen()
            if screen is not None:
                self.setGeometry(fitted_geometry(screen.availableGeometry()))
            else:
                self.resize(1600, 1000)
        self.adaptive_layout.fit_to_screen()
        for splitter in (self.main_splitter, self.side_splitter):
            state = self.settings.splitter_state(splitter.objectName())
            if state is not None:
                splitter.restoreState(state)
                self._side_sized = self._side_sized or splitter is self.side_splitter
                self.adaptive_layout.restored = {
                    name: self.settings.panel_shown(name) is not False
                    for name in ("corpus", "side")}
        self.appearance.restore()
        snap = self.settings.snap_to_words
        self.actions.snap_to_words.setChecked(snap)
        self.reading.snap_to_words = snap

    def save_layout(self) -> None:
        self.settings.window_geometry = self.saveGeometry()
        for splitter in (self.main_splitter, self.side_splitter):
            self.settings.set_splitter_state(splitter.objectName(), splitter.saveState())
        for name, shown in self.adaptive_layout.shown_panels().items():
            self.settings.set_panel_shown(name, shown)
        self.settings.sync()

    # -- project ----------------------------------------------------------------------------

    @property
    def project(self) -> Project:
        return self.workspace.project

    def load_project(self) -> None:
        """Show the workspace's project: codebook, corpus, and the last cable read in it."""
        project = self.project
        self._cables.clear()
        self._cable = None
        self._reload_themes()
        self._reload_corpus()
        self.setWindowTitle(window_title(project.path))
        self.status_line.set_state("saved")
        self.settings.last_project = project.path
        self.settings.add_recent_project(project.path)
        place = self.settings.reading_place(project.path)
        # (Earlier versions wrote the last document into the project itself.)
        last = place[0] if place is not None else queries.get_setting(project, LAST_CABLE)
        cable_ids = self.corpus.model.cable_ids()
        target = last if last in cable_ids else (cable_ids[0] if cable_ids else None)
        if target is not None:
            self.show_cable(target)
            if place is not None and place[0] == target:
                # Where the reader left it — once the window has its size (before it is
                # shown the text has no height to scroll in).
                QTimer.singleShot(0, lambda: self._return_to(place))
            self.reading.cable_text().setFocus()
        else:
            self._show_empty()

    # -- showing ----------------------------------------------------------------------------

    def _reload_themes(self) -> None:
        self._themes = queries.list_themes(self.project)
        self.codebook.load(self._themes, queries.theme_usage(self.project))
        self._fit_side_column()
        fill_themes_menu(self.actions, self._themes, self.codebook)

    def _fit_side_column(self) -> None:
        """Give the codebook just its themes' height (it never scrolls for the nine a digit
        applies): in a short window every pixel it does not need goes to the cards. Once
        the reader has dragged the divider their height is kept, but never below that."""
        if self._side_sized:
            return
        total = sum(self.side_splitter.sizes())
        if total <= 0:
            total = 1000  # not laid out yet: the proportion is what counts
        wanted = self.codebook.minimumSizeHint().height() + 6
        self.side_splitter.setSizes([wanted, max(total - wanted, 0)])

    def _side_dragged(self, *_args) -> None:
        self._side_sized = True

    def _reload_corpus(self) -> None:
        summaries = queries.list_cables(self.project)
        self.corpus.load(summaries, queries.volume_titles(self.project))
        self._theme_filter_changed(self.codebook.filter_theme_id())
        self.search.refresh()

    def _show_empty(self) -> None:
        self.centre.setCurrentWidget(self.empty)
        self._annotations = []
        self._refresh_annotation_list()
        self.status_line.set_position("", "")
        self.status_line.set_count(0)

    def _cable_of(self, cable_id: str) -> Cable:
        if cable_id not in self._cables:
            self._cables[cable_id] = queries.load_cable(self.project, cable_id)
        return self._cables[cable_id]

    def current_cable(self) -> Cable | None:
        return self._cable

    def show_cable(self, cable_id: str) -> None:
        """Open a cable in the reading pane and remember it as the project's last read."""
        if self._cable is not None and self._cable.id == cable_id:
            return
        self.note_editor.commit()
        try:
            cable = self._cable_of(cable_id)
        except ProjectError as error:
            self._show_error(str(error))
            return
        self._cable = cable
        with collector_paused():  # tens of thousands of lasting objects, no cycles
            self._annotations, words = deferred_annotations_of(self.project, cable_id)
            self._words_reader.read(words)
            volume = queries.load_volume(self.project, cable.volume)
            self.reading.set_cable(cable, self._annotations, self._themes, volume)
        self.centre.setCurrentWidget(self.reading)
        self.corpus.select_cable(cable_id)
        self._rehearser.cable_shown(self.project, cable_id, [t.id for t in self._themes])
        self._refresh_links()
        self._refresh_annotation_list()
        self.status_line.set_count(len(self._annotations))
        self._last_cable_timer.start()
        self.cableShown.emit(cable_id)
        self._collector.after_open()

    def _return_to(self, place: tuple[str, str, int]) -> None:
        cable_id, part, offset = place
        if self._cable is not None and self._cable.id == cable_id:
            self.reading.go_to_place(part, offset)

    def flush_last_cable(self) -> None:
        """Remember the document on screen, and the place in it, as the reader's last in
        this project, now (the timer, closing the window, switching projects).

        Kept with the reader's settings, by project file, never in the project: reading
        commits nothing. The commit (with its fsync) held the GUI thread up to 33 ms a
        second after each open, just as the reader starts to scroll, told another window
        on the project that it had changed, and failed on a read-only copy; and a
        project mailed to a colleague opens where they left it, not where the sender did.
        """
        self._last_cable_timer.stop()
        if self._cable is None:
            return
        part, offset = self.reading.reading_place() or (BODY, 0)
        self.settings.set_reading_place(self.project.path, self._cable.id, part, offset)

    def go_to_annotation(self, cable_id: str, annotation_id: str) -> None:
        if self._cable is None or self._cable.id != cable_id:
            self.show_cable(cable_id)
        self.reading.show_annotation(annotation_id)
        self.annotations.select_annotation(annotation_id)

    def _refresh_annotation_list(self) -> None:
        theme_id = self.codebook.filter_theme_id()
        by_id = {theme.id: theme for theme in self._themes}
        if theme_id is not None and theme_id in by_id:
            found = queries.annotations_with_theme(self.project, theme_id)
            self.annotations.set_scope(f"“{by_id[theme_id].name}” in all documents", True)
            self._show_project_wide(found, by_id)
        elif self.annotations.all_button.isChecked():
            self.annotations.set_scope("All documents", False)
            self._show_project_wide(queries.all_annotations(self.project), by_id)
        else:
            self.annotations.set_scope("In this cable", False)
            cables = {self._cable.id: self._cable} if self._cable else {}
            # Rows are described lazily by the model, as the list shows them.
            self.annotations.model.show(self._annotations, cables, by_id)

    def _show_project_wide(self, found: list[Annotation], by_id: dict[int, Theme]) -> None:
        """List annotations of many cables, in corpus order then text order."""
        cables = {cid: self._cable_of(cid) for cid in {a.cable_id for a in found}}
        order = {cid: n for n, cid in enumerate(self.corpus.model.cable_ids())}
        found.sort(key=lambda a: (order.get(a.cable_id, len(order)), *queries.text_order(a)))
        self.annotations.model.show(found, cables, by_id, with_document=True)

    def _theme_filter_changed(self, theme_id: int | None) -> None:
        theme = next((t for t in self._themes if t.id == theme_id), None)
        if theme is None:
            self.corpus.set_theme_filter(None, None)
        else:
            self.corpus.set_theme_filter(theme.name,
                                         queries.cables_with_theme(self.project, theme.id))
        self._refresh_annotation_list()

    def _current_annotation_changed(self, annotation: Annotation | None) -> None:
        self.note_editor.set_annotation(annotation)

    def _commit_note(self, annotation_id: str, note: str, base: str) -> None:
        stored = self.annotation_actions.set_note(annotation_id, note, base)
        if stored is not None:
            self.note_editor.show_saved(annotation_id, stored)

    def _follow_current_annotation(self) -> None:
        """The note box shows the selected card's annotation as it is now (a refresh may
        have updated the card in place, which tells the box nothing)."""
        current = self.annotations.current_annotation_id()
        row = self.annotations.model.row_of(current) if current else -1
        self.note_editor.set_annotation(self.annotations.model.annotation(row))

    def _refresh_links(self) -> None:
        """What the open cable cites and what cites it: resolved from the store in the
        worker thread, shown when found (if that cable is still the one open)."""
        cable, project = self._cable, self.project
        self.links.set_telegram(cable)
        self.links.set_links([], [])
        if cable is None:
            self._links_worker.cancel()
            return
        self._links_worker.request(lambda: telegram_links.links_both_ways(project, cable),
                                   lambda found: self._links_found(cable.id, found))

    def _links_found(self, cable_id: str, found: object) -> None:
        if self._cable is None or self._cable.id != cable_id:
            return
        if isinstance(found, Exception):
            self.statusBar().showMessage(f"Could not work out the references of {cable_id}: "
                                         f"{found}", 8000)
            return
        self.links.set_links(*found)

    def finish_background_reads(self) -> None:
        """Let the workers' reads of this project end (before it is closed: closing folds
        the write-ahead log into the file, which waits for every reader)."""
        self._links_worker.cancel()
        self._links_worker.wait()
        self.search.finish_background_search()

    def links_pending(self) -> bool:
        """Whether the open cable's references are still being worked out."""
        return self._links_worker.is_busy()

    def _reference_activated(self, target: str) -> None:
        cable_id, _, anchor = target.partition("#")  # "vol/d21#footnote 2" → a note
        if cable_id not in self.corpus.model.cable_ids() and self._cable is not None:
            # A REF link of a telegram names its same-year MRN; across a year boundary
            # the telegram cited is last year's.
            cable_id = telegram_links.resolve_reference(self.project, self._cable,
                                                        cable_id) or cable_id
        if cable_id in self.corpus.model.cable_ids():
            self.show_cable(cable_id)
            if anchor.startswith("footnote "):
                self.reading.show_footnote(anchor.removeprefix("footnote "))
        else:
            self.statusBar().showMessage(f"{target} is not in this project.", 5000)

    # -- change records ---------------------------------------------------------------------

    def _on_change(self, change) -> None:
        """Refresh exactly what ``change`` names (see services.changes.Change)."""
        project = self.project
        if change.kind == "project-merged":  # documents, themes and annotations may all change
            self.reload_after_outside_change()
            self.statusBar().clearMessage()
            return
        selected_before = self.annotations.current_annotation_id()
        themes_changed = change.kind.startswith("theme")
        if themes_changed:
            self._reload_themes()
            self.reading.set_themes(self._themes)
        elif (delta := change.usage_delta()) is not None:
            self.codebook.adjust_usage(delta)  # one annotation: no count over the project
        elif change.theme_ids or change.annotation_ids:
            self.codebook.set_usage(queries.theme_usage(project))
        current_cable = self._cable.id if self._cable is not None else None
        if current_cable in change.cable_ids:
            changed, removed = self._patch_annotations(change)
            self.reading.apply_annotation_changes(changed, removed)
            self.status_line.set_count(len(self._annotations))
        for cable_id in change.cable_ids:  # the open cable's count is known: no query
            count = (len(self._annotations) if cable_id == current_cable
                     else queries.annotation_count(project, cable_id))
            self.corpus.set_count(cable_id, count)
        if themes_changed or change.cable_ids:
            if self.codebook.filter_theme_id() is not None:
                self._theme_filter_changed(self.codebook.filter_theme_id())
            else:
                self._refresh_annotation_list()
        if (selected_before is not None and selected_before in change.annotation_ids
                and self.annotations.model.row_of(selected_before) < 0):
            # The selected annotation is gone (deleted, or its last theme toggled off):
            # nothing is selected now, so a second Delete cannot take its neighbour.
            self.annotations.clear_current()
        if change.kind == "annotation-added" and len(change.annotation_ids) == 1:
            # A passage tagged, or brought back by an undo: its card is the one selected.
            added = next(iter(change.annotation_ids))
            if self.annotations.model.row_of(added) >= 0:
                self.annotations.select_annotation(added)
        self._follow_current_annotation()
        self.status_line.set_state("saved")

    def _patch_annotations(self, change) -> tuple[list[Annotation], list[str]]:
        """Bring the current cable's annotations up to date with what ``change`` touched,
        reading only those annotations again (a cable may hold thousands)."""
        carried = change.annotation
        if carried is not None and change.annotation_ids == {carried.id}:
            fresh = {carried.id: carried}  # as the service just wrote it: no need to read
        elif (carried is None and change.before is not None
              and change.annotation_ids == {change.before.id}):
            fresh = {}  # one annotation deleted
        else:
            fresh = {a.id: a for a in queries.annotations_by_id(self.project,
                                                                change.annotation_ids)}
        fresh = {i: a for i, a in fresh.items() if a.cable_id == self._cable.id}
        removed = [i for i in change.annotation_ids if i not in fresh]
        touched = change.annotation_ids
        annotations = [a for a in self._annotations if a.id not in touched]
        for annotation in sorted(fresh.values(), key=queries.text_order):
            # The list is in text order already: place the few fresh ones (sorting all
            # 5,000 again with a Python key cost more than the rest of an edit).
            insort(annotations, annotation, key=queries.text_order)
        self._annotations = annotations  # a new list: the reading pane holds the old one
        return list(fresh.values()), removed

    def reload_after_outside_change(self) -> None:
        """Bring every view up to date after another program changed the project, keeping
        the open cable and its scroll position when its text is unchanged."""
        previous = self._cable
        self._cables.clear()
        self._reload_themes()
        self.reading.set_themes(self._themes)
        self._reload_corpus()
        cable_ids = self.corpus.model.cable_ids()
        if previous is None or previous.id not in cable_ids:
            self._cable = None
            if cable_ids:
                self.show_cable(cable_ids[0])
            else:
                self._show_empty()
        elif self._cable_of(previous.id) != previous:  # re-imported with other text
            self._cable = None
            self.show_cable(previous.id)
        else:
            old = {a.id: a for a in self._annotations}
            self._annotations = queries.annotations_of(self.project, previous.id)
            new_ids = {a.id for a in self._annotations}
            changed = [a for a in self._annotations if old.get(a.id) != a]
            self.reading.apply_annotation_changes(changed, [i for i in old if i not in new_ids])
            self._refresh_annotation_list()
            self.status_line.set_count(len(self._annotations))
        self._follow_current_annotation()
        self.statusBar().showMessage("Updated with changes made outside this window.", 5000)

    def _show_error(self, message: str) -> None:
        self.status_line.set_state("not saved")
        self._warn(message)

    def _show_refusal(self, message: str) -> None:
        """A request refused (a theme name with '/', say): said, but nothing is unsaved."""
        self._warn(message)

    def _warn(self, message: str) -> None:
        """A warning dialog, after which the keyboard goes back to the list or tree the
        reader was in (an inline editor is gone by then, and Qt would hand the focus to
        whatever comes next, such as the corpus filter)."""
        before = QApplication.focusWidget()
        QMessageBox.warning(self, "Cable Annotator", message)
        view = before
        while view is not None and not isinstance(view, QAbstractItemView | QTextEdit):
            view = view.parentWidget()
        if view is not None:
            QTimer.singleShot(0, view, lambda: view.setFocus(Qt.FocusReason.OtherFocusReason))

    def _show_notice(self, message: str) -> None:
        """Something was skipped to keep the reader's data (an undo over another window's
        edit): say so, without the "not saved" of an error."""
        self.statusBar().showMessage(message, 10000)
        QMessageBox.information(self, "Cable Annotator", message)

    # -- annotating -------------------------------------------------------------------------

    def apply_theme_number(self, number: int) -> None:
        if 1 <= number <= min(9, len(self._themes)):
            self.apply_theme(self._themes[number - 1].id)

    def apply_theme(self, theme_id: int) -> None:
        """Tag the text selection with a theme (toggling it on an identical annotation)."""
        selection = self.reading.selection() if self._cable is not None else None
        if selection is None or selection[1] >= selection[2]:
            self.statusBar().showMessage("Select a passage in the text first.", 4000)
            return
        annotation_id = self.annotation_actions.apply_theme(
            self._cable.id, selection, theme_id, self._annotations)
        # The selection shows the words tagged: snapped to whole words, a drag that began
        # inside a word otherwise left "artment of State to discuss Sou" selected over a
        # highlight of "Department of State to discuss Southeast".
        self.reading.set_selection(*selection)
        if annotation_id is not None:
            self.annotations.select_annotation(annotation_id)

    def _annotation_for_delete(self) -> str | None:
        if self.reading.cable_text().hasFocus() or self.reading.isAncestorOf(self.focusWidget()):
            selection = self.reading.selection()
            if selection is not None:
                under = self.reading.annotations_at(selection[0], selection[1])
                if under:
                    return under[0]
        return self.annotations.current_annotation_id()

    def delete_current_annotation(self) -> None:
        annotation_id = self._annotation_for_delete()
        if annotation_id is not None and self.annotation_actions.delete(annotation_id):
            self.statusBar().showMessage("Annotation deleted; Ctrl+Z brings it back.", 6000)

    def _orphan_to_reattach(self) -> str | None:
        """The list's current annotation, if it is orphaned and lies in the open cable."""
        annotation_id = self.annotations.current_annotation_id()
        if annotation_id is None or self._cable is None:
            return None
        annotation = next((a for a in self._annotations if a.id == annotation_id), None)
        if annotation is None or not annotation.orphaned:
            return None
        return annotation_id

    def reattach_current_annotation(self) -> None:
        """Put the orphaned annotation selected in the list on the selected passage."""
        annotation_id = self._orphan_to_reattach()
        selection = self.reading.selection() if self._cable is not None else None
        if annotation_id is None or selection is None or selection[1] >= selection[2]:
            self.statusBar().showMessage(
                "Select an annotation marked “not found in text” in the list and the passage "
                "it belongs to, then re-attach it.", 6000)
            return
        if self.annotation_actions.reattach(annotation_id, selection) is not None:
            self.annotations.select_annotation(annotation_id)

    def ask_preferences(self) -> None:
        from .preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self)
        dialog.exec()
        dialog.deleteLater()

    def set_snap_to_words(self, checked: bool) -> None:
        self.reading.snap_to_words = checked
        self.settings.snap_to_words = checked

    def selected_passage(self) -> tuple[str, str] | None:
        """The selected text and its page range, or None without a selection."""
        selection = self.reading.selection() if self._cable is not None else None
        if selection is None or selection[1] >= selection[2]:
            return None
        part, start, end = selection
        try:
            text = self._cable.part_text(part)[start:end]
        except KeyError:
            return None
        return text, self._cable.page_range(part, start, end)

    def copy_selection(self) -> None:
        passage = self.selected_passage()
        if passage is not None:
            QGuiApplication.clipboard().setText(passage[0])

    def copy_with_citation(self) -> None:
        citation = self.reading.copy_with_citation()
        if citation is not None:
            self.statusBar().showMessage(f"Copied the passage with its citation: {citation}",
                                         6000)

    def build_text_menu(self) -> QMenu:
        """Copy, copy with citation, apply a theme, delete: the text's context menu."""
        menu = QMenu(self)
        menu.addAction(self.actions.copy)
        menu.addAction(self.actions.copy_citation)
        menu.addSeparator()
        apply_menu = menu.addMenu("Apply T&heme")
        for number, theme in enumerate(self._themes, start=1):
            label = f"&{number}  {theme.name}" if number <= 9 else theme.name
            apply_menu.addAction(label, lambda _=False, t=theme.id: self.apply_theme(t))
        apply_menu.setEnabled(self.selected_passage() is not None)
        menu.addSeparator()
        # The menu's own Delete entry, enabled only over an annotation (the window's
        # action keeps its key whatever the menu shows).
        delete = menu.addAction(self.actions.delete_annotation.text(),
                                self.delete_current_annotation)
        delete.setEnabled(self._annotation_for_delete() is not None)
        reattach = menu.addAction(self.actions.reattach_annotation.text(),
                                  self.reattach_current_annotation)
        reattach.setEnabled(self._orphan_to_reattach() is not None
                            and self.selected_passage() is not None)
        return menu

    def _text_context_menu(self, view: QTextEdit, position: QPoint) -> None:
        menu = self.build_text_menu()
        menu.exec(view.viewport().mapToGlobal(position))
        menu.deleteLater()

    # -- misc -------------------------------------------------------------------------------

    def step_document(self, step: int) -> None:
        """Open the next (``step`` = 1) or previous (-1) document the corpus shows, so a
        reader can work through a volume without leaving the text."""
        shown = self.corpus.visible_cable_ids()
        if not shown:
            return
        current = self._cable.id if self._cable is not None else None
        position = shown.index(current) + step if current in shown else 0
        if 0 <= position < len(shown):
            self.show_cable(shown[position])
        else:
            self.statusBar().showMessage(
                "This is the last document." if step > 0 else "This is the first document.",
                3000)

    def focus_corpus(self) -> None:
        if not self.corpus.isVisible():
            self.adaptive_layout.toggle_corpus.setChecked(True)
        self.corpus.tree.setFocus()

    def focus_text(self) -> None:
        self.reading.cable_text().setFocus()

    # The keyboard's way to the side column (the note box was eight Tabs from the text);
    # a folded column or a hidden tab is brought out first.

    def _reveal_side(self) -> None:
        if not self.side_splitter.isVisible():
            self.adaptive_layout.toggle_side.setChecked(True)

    def focus_codebook(self) -> None:
        self._reveal_side()
        self.codebook.tree.setFocus()

    def focus_annotations(self) -> None:
        self._reveal_side()
        self.side_tabs.show_annotations()
        view = self.annotations.view
        view.setFocus()
        if not view.currentIndex().isValid() and view.model().rowCount():
            view.setCurrentIndex(view.model().index(0, 0))  # a focus one can see

    def focus_note(self) -> None:
        self._reveal_side()
        self.side_tabs.show_annotations()
        if self.note_editor.text.isEnabled():
            self.note_editor.text.setFocus()
        else:
            self.statusBar().showMessage("Select an annotation to write its note.", 4000)

    def show_about(self) -> None:
        from ..desktop.about_dialog import AboutDialog

        AboutDialog(self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.stop_job_for_close():  # an import runs and the reader keeps working
            event.ignore()
            return
        self.note_editor.commit()
        self.flush_last_cable()
        self.finish_background_reads()
        self.save_layout()
        self.appearance.reset_application()
        super().closeEvent(event)
