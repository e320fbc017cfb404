"""The desktop window: the only package that imports Qt.

The Qt-free layers it uses are imported here, before any Qt module. Once PySide6 is loaded
it hooks every later import and reads the new module's source to see whether it asks for
one of its ``__feature__`` options; over SQLAlchemy's and our own modules that check cost a
tenth of a second of every start (measured with cProfile on the start benchmark). Imported
first, they are not checked: none of them uses Qt.
"""

import sqlalchemy.dialects.sqlite  # noqa: F401  (loaded by the first engine otherwise)

from ..services import (  # noqa: F401
    annotating,
    changes,
    codebook,
    deferred_annotations,
    exporting,
    importing,
    projects,
    queries,
    search,
    theme_colors,
)
