"""The desktop window: the only package that imports Qt.

The Qt-free layers the first screen uses are imported here, before any Qt module. Once
PySide6 is loaded it hooks every later import and reads the new module's source to see
whether it asks for one of its ``__feature__`` options; over our own modules that check
cost a tenth of a second of every start (measured with cProfile on the start benchmark).
Imported first, they are not checked: none of them uses Qt. SQLAlchemy and the services
that write are not among them: the window shows its first screen without them and they
are imported in the background after it (``ui.window.background.warm_up``).
"""

from ..services import (  # noqa: F401
    changes,
    deferred_annotations,
    errors,
    preferences,
    queries,
    telegram_links,
    theme_colors,
)
