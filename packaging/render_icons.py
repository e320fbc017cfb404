"""Render the icon's PNG sizes (and the Windows .ico) from its SVG master.

Run after editing ``resources/icons/org.cableannotator.CableAnnotator.svg``:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py

The PNGs are committed (``resources/icons/cable-annotator-N.png``) so that neither the
wheel nor the bundle needs an SVG renderer at build time; Qt's own QSvgRenderer draws them,
so no other tool is needed here either. The ``.ico`` for the Windows bundle embeds the PNGs
of the sizes Windows asks for (the PNG-in-ICO form Windows Vista and later read).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
MASTER = ICONS / "org.cableannotator.CableAnnotator.svg"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO = ROOT / "packaging" / "pyinstaller" / "cable-annotator.ico"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The icon drawn at ``size`` × ``size`` pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding one PNG per size (ICONDIR, ICONDIRENTRY × n, then the data)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, blob in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(MASTER))
    if not renderer.isValid():
        print(f"render_icons: {MASTER} is not a valid SVG.", file=sys.stderr)
        return 1
    pngs = {}
    for size in SIZES:
        blob = png_bytes(render(renderer, size))
        (ICONS / f"cable-annotator-{size}.png").write_bytes(blob)
        pngs[size] = blob
    ICO.parent.mkdir(parents=True, exist_ok=True)
    ICO.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    print(f"Wrote {len(SIZES)} PNGs to {ICONS} and {ICO}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
