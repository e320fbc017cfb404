"""Keyboard shortcuts: the platform's standard keys, and a check that no key is bound twice.

Qt refuses a key bound by two shortcuts that are live at the same time: it prints
``QAction::event: Ambiguous shortcut overload`` and does nothing. That is how Redo and
Copy with Citation once died under X11 — Redo listed Ctrl+Shift+Z beside
``StandardKey.Redo``, which *is* Ctrl+Shift+Z there, and the reading pane bound
Ctrl+Shift+C beside the Edit menu's action. ``standard_keys`` de-duplicates, and
``shortcut_conflicts`` finds every such clash in a window (the tests run it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QMenu, QWidget

Context = Qt.ShortcutContext


def standard_keys(standard: QKeySequence.StandardKey,
                  *extra: QKeySequence | str) -> list[QKeySequence]:
    """Every binding the platform gives ``standard``, then ``extra`` keys, each once."""
    keys: list[QKeySequence] = []
    candidates = list(QKeySequence.keyBindings(standard)) + [QKeySequence(e) for e in extra]
    for key in candidates:
        if not key.isEmpty() and key not in keys:
            keys.append(key)
    return keys


def set_keys(action: QAction, keys: Iterable[QKeySequence | str]) -> None:
    """Give ``action`` these shortcuts, dropping repeats (a repeat is itself ambiguous)."""
    unique: list[QKeySequence] = []
    for key in map(QKeySequence, keys):
        if not key.isEmpty() and key not in unique:
            unique.append(key)
    action.setShortcuts(unique)


def keys_in_use(window: QWidget, besides: QObject | None = None) -> set[str]:
    """The key sequences (portable text) already bound in ``window``, except by ``besides``."""
    return {binding.key for binding in bindings(window) if binding.owner is not besides}


@dataclass(frozen=True)
class Binding:
    """One key sequence registered by one action, shortcut or button."""

    key: str  # QKeySequence.toString(PortableText)
    owner: QObject
    context: Qt.ShortcutContext
    widgets: tuple[QWidget, ...]  # where it is live: associated widgets or the parent

    def describe(self) -> str:
        name = self.owner.objectName() or getattr(self.owner, "text", lambda: "")() or \
            type(self.owner).__name__
        return f"{name!r} ({self.context.name})"


def _action_widgets(action: QAction) -> tuple[QWidget, ...]:
    # A menu shows the action, but Qt matches a window-context action through the other
    # widgets it was added to; a menu-only action counts as the menu's owner's.
    widgets = [w for w in action.associatedObjects() if isinstance(w, QWidget)]
    plain = [w for w in widgets if not isinstance(w, QMenu)]
    if plain:
        return tuple(plain)
    return tuple(w.parentWidget() or w for w in widgets)


def bindings(window: QWidget) -> list[Binding]:
    """Every key sequence bound by an action, QShortcut or button of ``window``."""
    found: list[Binding] = []
    seen: set[int] = set()
    for action in window.findChildren(QAction) + list(QWidget.actions(window)):
        if id(action) in seen:
            continue
        seen.add(id(action))
        widgets = _action_widgets(action)
        for key in action.shortcuts():
            if not key.isEmpty() and widgets:
                found.append(Binding(key.toString(QKeySequence.SequenceFormat.PortableText),
                                     action, action.shortcutContext(), widgets))
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if not isinstance(parent, QWidget):
            continue
        for key in shortcut.keys():  # noqa: SIM118 (a QShortcut, not a dict)
            if not key.isEmpty():
                found.append(Binding(key.toString(QKeySequence.SequenceFormat.PortableText),
                                     shortcut, shortcut.context(), (parent,)))
    for button in window.findChildren(QAbstractButton):
        key = button.shortcut()
        if not key.isEmpty() and button.defaultAction() is None:
            found.append(Binding(key.toString(QKeySequence.SequenceFormat.PortableText),
                                 button, Context.WindowShortcut, (button,)))
    return found


def _covers(scope: QWidget, context: Qt.ShortcutContext, widget: QWidget) -> bool:
    """Whether a shortcut of ``context`` on ``scope`` is live while ``widget`` has focus."""
    if context in (Context.WindowShortcut, Context.ApplicationShortcut):
        return scope.window() is widget.window() or context == Context.ApplicationShortcut
    if context == Context.WidgetWithChildrenShortcut:
        return scope is widget or scope.isAncestorOf(widget)
    return scope is widget


def overlap(first: Binding, second: Binding) -> bool:
    """Whether some focus widget would make both bindings live at once."""
    for a in first.widgets:
        for b in second.widgets:
            # Focus on the narrower scope's widget: is the other binding live there too?
            if _covers(a, first.context, b) and _covers(b, second.context, b):
                return True
            if _covers(b, second.context, a) and _covers(a, first.context, a):
                return True
    return False


def shortcut_conflicts(window: QWidget) -> list[str]:
    """One sentence per key bound twice where both bindings are live together."""
    found = bindings(window)
    problems = []
    for index, first in enumerate(found):
        for second in found[index + 1:]:
            if first.key == second.key and overlap(first, second):
                problems.append(f"{first.key} is bound by {first.describe()} and by "
                                f"{second.describe()}")
    return problems
