"""The application's icon, built from the PNGs shipped in ``resources/icons``.

Every size is added to one QIcon so that Qt hands the window manager (and the taskbar)
the size it asks for instead of scaling one picture; the bytes come through
importlib.resources, so the icon is found from a wheel, an editable install and the
PyInstaller bundle alike.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon, QPixmap

from ...resources_access import ICON_SIZES, icon_png_name, resource_bytes


def app_icon() -> QIcon:
    """Cable Annotator's icon at every rendered size (16–512 pixels)."""
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = QPixmap()
        if pixmap.loadFromData(resource_bytes(icon_png_name(size)), "PNG"):
            icon.addPixmap(pixmap)
    return icon
