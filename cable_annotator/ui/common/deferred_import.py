"""A module the window names from the start but imports on first use.

The services that write (annotating, the codebook, importing, merging, search) import
SQLAlchemy, a third of a second of every start; the window's first screen needs none of
them. A module-level ``annotating = deferred("cable_annotator.services.annotating")``
keeps every call site as it was (``annotating.create_annotation(...)``) while the import
happens at the first call — by then usually done already by the background warm-up
(``ui.window.background.warm_up``), which imports the same modules off the GUI thread.
"""

from __future__ import annotations

import importlib
from types import ModuleType


class DeferredModule:
    """Stands for the module ``name``: any attribute read imports it (once) and reads it
    there. ``importlib`` takes the import lock, so a warm-up importing it in another thread
    is waited for, never run twice."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str):
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<deferred module {self._name!r}>"


def deferred(name: str) -> DeferredModule:
    """``name`` (a full module name), imported when first used."""
    return DeferredModule(name)
