"""Our hook for PySide6.QtGui, in place of PyInstaller's: the same Qt dependencies, less
the plugins a desktop program like ours never loads, dropped *before* PyInstaller scans
binaries for the system libraries they link (so those stay out too):

- the GTK 3 theme plugin, which would bring the build machine's GTK, cairo, pango, ATK
  and Kerberos (about 30 MB of libraries that belong to the user's own system; Qt's
  widgets look right without it, and file dialogs still go through the desktop portal);
- the embedded-device platforms (framebuffer, EGLFS, VNC, Vulkan display) and their
  input plugins; a desktop runs on xcb or wayland (offscreen for the tests);
- the SVG icon engine (our icons are PNGs).
"""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED_PLUGINS = (
    "platformthemes/libqgtk3", "platformthemes/qgtk3",
    "platforms/libqeglfs", "platforms/libqlinuxfb", "platforms/libqminimalegl",
    "platforms/libqvkkhrdisplay", "platforms/libqvnc",
    "plugins/egldeviceintegrations", "plugins/generic",
    "iconengines/libqsvgicon", "iconengines/qsvgicon",
)


def _used(source: str, destination: str) -> bool:
    where = f"{destination}/{source.rsplit('/', 1)[-1]}".replace("\\", "/")
    return not any(part in where for part in UNUSED_PLUGINS)


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, destination) for source, destination in binaries
            if _used(source, destination)]
