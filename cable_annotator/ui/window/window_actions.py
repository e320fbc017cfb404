"""The window's menus, toolbar and keyboard shortcuts, built in one place.

Standard QKeySequences where Qt has them — every binding the platform lists, each once —
so shortcuts feel native on each platform; a key is bound once in the whole window (see
``shortcuts``: Qt ignores a key bound twice). The digit actions 1–9 are window-wide so a
reader can select and tag without leaving the text; their labels follow the codebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMainWindow, QMenu, QSizePolicy, QToolBar, QWidget

from ...domain.annotation import Theme
from .shortcuts import keys_in_use, set_keys, standard_keys


@dataclass
class WindowActions:
    new_project: QAction
    open_project: QAction
    save_project_as: QAction
    merge_project: QAction
    resolve_conflicts: QAction
    import_files: QAction
    import_verbatim: QAction
    export_csv: QAction
    export_qdpx: QAction
    export_qdc: QAction
    export_jsonld: QAction
    import_exchange: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    copy: QAction
    copy_citation: QAction
    paste_document: QAction
    delete_annotation: QAction
    reattach_annotation: QAction
    preferences: QAction
    snap_to_words: QAction
    focus_corpus: QAction
    focus_text: QAction
    focus_codebook: QAction
    focus_annotations: QAction
    focus_note: QAction
    next_document: QAction
    previous_document: QAction
    focus_filter: QAction
    find_next: QAction
    find_previous: QAction
    clear_search: QAction
    about: QAction
    themes_menu: QMenu
    recent_menu: QMenu
    find_box: QLineEdit
    digit_actions: list[QAction] = field(default_factory=list)


def _action(window: QMainWindow, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, QKeySequence.StandardKey):
        set_keys(action, standard_keys(shortcut))
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def _step_and_say(window, step, verb: str, text_of) -> None:
    """Undo or redo one step and say which, unless the step said something itself (it was
    skipped, or failed): that message stays."""
    bar = window.statusBar()
    text, before = text_of(), bar.currentMessage()
    step()
    if bar.currentMessage() == before:
        bar.showMessage(f"{verb}: {text or 'the step'}.", 4000)


def build_actions(window) -> WindowActions:
    """Create actions, menus and toolbar on ``window`` (a MainWindow)."""
    keys = QKeySequence.StandardKey
    stack = window.workspace.undo_stack
    undo = stack.createUndoAction(window, "&Undo")
    undo.setObjectName("undo")
    set_keys(undo, standard_keys(keys.Undo))
    redo = stack.createRedoAction(window, "&Redo")
    redo.setObjectName("redo")
    # StandardKey.Redo is Ctrl+Shift+Z on Linux and Ctrl+Y on Windows; naming Ctrl+Shift+Z
    # beside it bound that key twice, and Qt then ignored it. Ctrl+Y joins at the end.
    set_keys(redo, standard_keys(keys.Redo))
    window.addAction(undo)
    window.addAction(redo)
    # Said in the status bar, which also ends a message the step made ("Annotation
    # deleted; Ctrl+Z brings it back." stayed up over the annotation brought back).
    for action, step, verb, text_of in ((undo, stack.undo, "Undone", stack.undoText),
                                        (redo, stack.redo, "Redone", stack.redoText)):
        action.triggered.disconnect()
        action.triggered.connect(lambda _checked=False, step=step, verb=verb,
                                 text_of=text_of: _step_and_say(window, step, verb, text_of))
    # The toolbar says "Undo" whatever it undoes (the menu says "Undo Add annotation", and
    # the tooltip follows the text): a label that grew with each command's name moved the
    # search box and every button after it. An icon text set once outlives setText.
    undo.setIconText("Undo")
    redo.setIconText("Redo")
    snap = _action(window, "&Snap Selection to Words", window.set_snap_to_words,
                   tip="Extend a selection to whole words")
    snap.setCheckable(True)

    find_box = QLineEdit(window)
    find_box.setObjectName("findBox")
    find_box.setPlaceholderText("Search documents…")
    find_box.setClearButtonEnabled(True)
    find_box.setAccessibleName("Search documents")
    find_box.setToolTip("Search the text and notes of every document: words, \"a phrase\", "
                        "prefix*.\nEnter or F3: next hit, Shift+F3: previous, Esc: clear")
    find_box.setMinimumWidth(220)
    find_box.setMaximumWidth(320)
    find_next = _action(window, "Find Ne&xt", lambda: window.search.next_hit(), "F3",
                        "Go to the next search hit")
    set_keys(find_next, standard_keys(keys.FindNext, "F3"))
    find_previous = _action(window, "Find Pre&vious", lambda: window.search.previous_hit(),
                            "Shift+F3", "Go to the previous search hit")
    set_keys(find_previous, standard_keys(keys.FindPrevious, "Shift+F3"))
    # Escape ends the search where a reader is searching — in the box or in the text —
    # and nowhere else, so it still cancels a rename in the codebook.
    clear_search = QAction("Clear Search", window)
    clear_search.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    clear_search.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    clear_search.triggered.connect(lambda: window.search.clear())
    find_box.addAction(clear_search)
    window.reading.addAction(clear_search)

    actions = WindowActions(
        new_project=_action(window, "&New Project…", window.ask_new_project, keys.New),
        open_project=_action(window, "&Open Project…", window.ask_open_project, keys.Open),
        save_project_as=_action(window, "Save Project &As…", window.ask_save_project_as,
                                keys.SaveAs, "Copy the project to a new file and work there"),
        merge_project=_action(window, "&Merge Project…", window.ask_merge_project,
                              tip="Merge a colleague's copy of a project into this one"),
        resolve_conflicts=_action(window, "Resolve Merge &Conflicts…",
                                  window.ask_resolve_conflicts,
                                  tip="Settle annotations changed in both merged copies"),
        import_files=_action(window, "&Import…", window.ask_import, "Ctrl+I",
                             "Import FRUS plain text or TEI files"),
        import_verbatim=_action(window, "Import as Plain &Text…", window.ask_import_verbatim,
                                None, "Import text files exactly as they are (a transcript, "
                                "a memoir chapter), not read as FRUS pages"),
        export_csv=_action(window, "&Export Annotations to CSV…", window.ask_export_csv,
                           "Ctrl+E", "Export all annotations as CSV"),
        export_qdpx=_action(window, "Export REFI-QDA &Project (.qdpx)…",
                            lambda: window.ask_export_format("qdpx"),
                            tip="For ATLAS.ti, MAXQDA, NVivo, QualCoder"),
        export_qdc=_action(window, "Export REFI-QDA Code&book (.qdc)…",
                           lambda: window.ask_export_format("qdc"),
                           tip="The themes alone, for another program's codebook"),
        export_jsonld=_action(window, "Export W3C &Web Annotations (.jsonld)…",
                              lambda: window.ask_export_format("jsonld"),
                              tip="An AnnotationCollection on the history.state.gov pages"),
        import_exchange=_action(window, "Import from Another Pro&gram…",
                                window.ask_import_exchange,
                                tip="A REFI-QDA project or codebook, or W3C Web Annotations"),
        quit=_action(window, "&Quit", window.close, keys.Quit),
        undo=undo,
        redo=redo,
        copy=_action(window, "&Copy", window.copy_selection, keys.Copy),
        copy_citation=_action(window, "Copy with Ci&tation", window.copy_with_citation,
                              "Ctrl+Shift+C", "Copy the passage with a Chicago citation"),
        # Fields take Ctrl+V first (ShortcutOverride); elsewhere it imports the clipboard.
        paste_document=_action(window, "&Paste Document", window.paste_document, keys.Paste,
                               "Import a FRUS document copied from history.state.gov"),
        delete_annotation=_action(window, "&Delete Annotation", window.delete_current_annotation,
                                  keys.Delete),
        reattach_annotation=_action(
            window, "Re-&attach Annotation to Selection", window.reattach_current_annotation,
            tip="Put the annotation selected in the list (one not found in a re-imported "
                "text) on the selected passage"),
        preferences=_action(window, "Pr&eferences…", window.ask_preferences,
                            keys.Preferences, "Your author name on annotations and exports"),
        snap_to_words=snap,
        focus_corpus=_action(window, "Go to &Documents", window.focus_corpus, "Ctrl+1"),
        focus_text=_action(window, "Go to &Text", window.focus_text, "Ctrl+2"),
        focus_codebook=_action(window, "Go to Codeboo&k", window.focus_codebook, "Ctrl+3"),
        focus_annotations=_action(window, "Go to Annotation &List", window.focus_annotations,
                                  "Ctrl+4"),
        focus_note=_action(window, "Go to Not&e", window.focus_note, "Ctrl+5",
                           "Write the note of the selected annotation"),
        next_document=_action(window, "&Next Document", lambda: window.step_document(1),
                              "Ctrl+PgDown", "Open the next document of the corpus"),
        previous_document=_action(window, "&Previous Document",
                                  lambda: window.step_document(-1), "Ctrl+PgUp",
                                  "Open the previous document of the corpus"),
        focus_filter=_action(window, "&Search Documents", lambda: find_box.setFocus(), keys.Find),
        find_next=find_next,
        find_previous=find_previous,
        clear_search=clear_search,
        about=_action(window, "&About Cable Annotator", window.show_about),
        themes_menu=QMenu("&Themes", window),
        recent_menu=QMenu("Open &Recent", window),
        find_box=find_box,
    )
    # Text fields get the keys first (Qt sends them ShortcutOverride), so typing a digit
    # or pressing Delete in the filter box or the note never tags or deletes anything.
    for number in range(1, 10):
        digit = _action(window, f"Apply theme {number}", lambda _=False, n=number:
                        window.apply_theme_number(n), str(number))
        digit.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        actions.digit_actions.append(digit)

    menu_bar = window.menuBar()
    file_menu = menu_bar.addMenu("&File")
    file_menu.addActions([actions.new_project, actions.open_project])
    actions.recent_menu.setObjectName("recentMenu")
    actions.recent_menu.aboutToShow.connect(
        lambda: window.fill_recent_menu(actions.recent_menu))
    file_menu.addMenu(actions.recent_menu)
    file_menu.addAction(actions.save_project_as)
    file_menu.addSeparator()
    file_menu.addActions([actions.merge_project, actions.resolve_conflicts])
    file_menu.addSeparator()
    file_menu.addActions([actions.import_files, actions.import_verbatim, actions.export_csv])
    file_menu.addActions([actions.import_exchange, actions.export_qdpx, actions.export_qdc,
                          actions.export_jsonld])
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit_menu = menu_bar.addMenu("&Edit")
    edit_menu.addActions([undo, redo])
    edit_menu.addSeparator()
    edit_menu.addActions([actions.copy, actions.copy_citation, actions.paste_document])
    edit_menu.addSeparator()
    edit_menu.addActions([actions.delete_annotation, actions.reattach_annotation,
                          actions.snap_to_words])
    edit_menu.addSeparator()
    edit_menu.addAction(actions.preferences)
    view_menu = menu_bar.addMenu("&View")
    view_menu.addActions([actions.focus_corpus, actions.focus_text, actions.focus_codebook,
                          actions.focus_annotations, actions.focus_note])
    view_menu.addActions([actions.next_document, actions.previous_document])
    view_menu.addSeparator()
    view_menu.addActions([actions.focus_filter, actions.find_next, actions.find_previous])
    window.adaptive_layout.add_to_menu(view_menu)
    view_menu.addSeparator()
    view_menu.addActions(window.reading.zoom_actions)
    view_menu.addSeparator()
    view_menu.addMenu(window.appearance.menu)
    menu_bar.addMenu(actions.themes_menu)
    help_menu = menu_bar.addMenu("&Help")
    help_menu.addAction(actions.about)

    toolbar = QToolBar("Main", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    import_button = QAction("Import", window)
    import_button.setToolTip("Import FRUS plain text or TEI files (Ctrl+I)")
    import_button.triggered.connect(window.ask_import)
    export_button = QAction("Export CSV", window)
    export_button.setToolTip("Export all annotations as CSV (Ctrl+E)")
    export_button.triggered.connect(window.ask_export_csv)
    window.adaptive_layout.add_to_toolbar(toolbar)
    toolbar.addActions([import_button, export_button])
    toolbar.addSeparator()
    toolbar.addActions([undo, redo])
    stretch = QWidget(toolbar)
    stretch.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(stretch)
    toolbar.addWidget(find_box)
    window.addToolBar(toolbar)
    _also_redo_on_ctrl_y(window, redo)
    return actions


def _also_redo_on_ctrl_y(window: QMainWindow, redo: QAction) -> None:
    """Readers coming from Word press Ctrl+Y to redo: accept it wherever it is free."""
    ctrl_y = QKeySequence("Ctrl+Y")
    if ctrl_y.toString(QKeySequence.SequenceFormat.PortableText) not in keys_in_use(window,
                                                                                    redo):
        set_keys(redo, [*redo.shortcuts(), ctrl_y])


def fill_themes_menu(actions: WindowActions, themes: list[Theme], codebook_panel) -> None:
    """Label the digit actions after the codebook and list them in the Themes menu."""
    menu = actions.themes_menu
    menu.clear()
    for number, action in enumerate(actions.digit_actions, start=1):
        theme = themes[number - 1] if number <= len(themes) else None
        # The digit is the item's mnemonic as it is the key; a "&" in a name is a letter.
        action.setText(f"&{number}  Apply “{theme.name.replace('&', '&&')}”" if theme
                       else f"Apply theme {number}")
        action.setEnabled(theme is not None)
        if theme is not None:
            menu.addAction(action)
    menu.addSeparator()
    menu.addAction(codebook_panel.add_action)
    menu.addActions(codebook_panel.edit_actions)
    menu.addSeparator()
    menu.addAction(codebook_panel.filter_action)
