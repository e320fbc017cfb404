"""The icon: every rendered size reaches Qt, the application (window and taskbar) uses
it, and the PNGs are the SVG master's rendering (render_icons.py was run after an edit)."""

from __future__ import annotations

import importlib.util

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

from cable_annotator.resources_access import APP_ID, ICON_SIZES, icon_png_name, resource_bytes
from cable_annotator.ui.desktop.app_icon import app_icon
from cable_annotator.ui.window.app import application
from tests.conftest import REPO_ROOT


def test_icon_offers_every_size(qapp) -> None:
    sizes = app_icon().availableSizes()
    assert sizes == [QSize(size, size) for size in ICON_SIZES]


def test_the_application_carries_the_icon_and_desktop_file_name(qapp) -> None:
    app = application()
    assert app.windowIcon().availableSizes() == app_icon().availableSizes()
    assert app.desktopFileName() == APP_ID  # matches the .desktop file, for the taskbar


def share_of_differing_pixels(first: QImage, second: QImage) -> float:
    """How many pixels differ visibly (a channel by more than 16 of 255): a newer Qt may
    antialias an edge a little differently, a changed drawing differs in many pixels."""
    first = first.convertToFormat(QImage.Format.Format_RGBA8888)
    second = second.convertToFormat(QImage.Format.Format_RGBA8888)
    a, b = bytes(first.constBits()), bytes(second.constBits())
    differing = sum(1 for i in range(0, len(a), 4)
                    if max(abs(a[i + k] - b[i + k]) for k in range(4)) > 16)
    return differing / (first.width() * first.height())


def test_pngs_are_the_svg_rendered(qapp) -> None:
    spec = importlib.util.spec_from_file_location("render_icons",
                                                  REPO_ROOT / "packaging" / "render_icons.py")
    render_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(render_icons)
    renderer = QSvgRenderer(str(render_icons.MASTER))
    assert renderer.isValid()
    for size in (16, 48, 256):
        shipped = QImage.fromData(resource_bytes(icon_png_name(size)), "PNG")
        fresh = render_icons.render(renderer, size)
        assert shipped.size() == QSize(size, size)
        assert share_of_differing_pixels(shipped, fresh) < 0.01, (
            f"cable-annotator-{size}.png is not the SVG's rendering: run render_icons.py")
