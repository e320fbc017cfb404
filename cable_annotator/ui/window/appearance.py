"""View → Appearance: follow the system's light or dark scheme, or choose one.

The reading pane followed the system's scheme only, and a desktop that does not tell Qt
its scheme (X11 without a settings daemon, Xvfb, many window managers) left a reader who
reads at night with a white page and no way to change it. The choice is kept in the
settings. Dark is the reading pane's dark palette and a dark palette for the rest of the
window (Qt's Fusion style draws from it); Light and Follow the System restore the
palette the application started with.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QWidget

SYSTEM, LIGHT, DARK = "system", "light", "dark"
SCHEMES = {SYSTEM: "Follow the &System", LIGHT: "&Light", DARK: "&Dark"}


def dark_palette() -> QPalette:
    """A dark palette for the window's panels, menus and dialogs."""
    palette = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#2b2b2b", roles.WindowText: "#e6e6e6", roles.Base: "#1f1f1f",
        roles.AlternateBase: "#2b2b2b", roles.ToolTipBase: "#3a3a3a",
        roles.ToolTipText: "#e6e6e6", roles.PlaceholderText: "#8c8c8c",
        roles.Text: "#e6e6e6", roles.Button: "#353535", roles.ButtonText: "#e6e6e6",
        roles.BrightText: "#ff7b72", roles.Link: "#7aa7ff", roles.LinkVisited: "#b59cff",
        roles.Highlight: "#3d6ea8", roles.HighlightedText: "#ffffff",
        roles.Light: "#4a4a4a", roles.Midlight: "#3f3f3f", roles.Mid: "#303030",
        roles.Dark: "#1a1a1a", roles.Shadow: "#000000",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


class Appearance(QObject):
    """The Appearance menu of ``window`` and the scheme it applies to the application
    and the reading pane (``set_dark(True / False / None)``)."""

    def __init__(self, window: QWidget, set_reading_dark, settings) -> None:
        super().__init__(window)
        self._window = window
        self._set_reading_dark = set_reading_dark
        self._settings = settings
        app = QApplication.instance()
        self._started_with = QPalette(app.palette()) if app is not None else QPalette()
        self.menu = QMenu("&Appearance", window)
        self.menu.setObjectName("appearanceMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for scheme, text in SCHEMES.items():
            action = QAction(text, self)
            action.setObjectName(f"appearance-{scheme}")
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, s=scheme: self.choose(s))
            group.addAction(action)
            self.menu.addAction(action)
            self.actions[scheme] = action
        self.scheme = SYSTEM

    def restore(self) -> None:
        """Apply the scheme kept in the settings (Follow the System unless chosen)."""
        self.choose(self._settings.appearance, remember=False)

    def choose(self, scheme: str, remember: bool = True) -> None:
        if scheme not in SCHEMES:
            scheme = SYSTEM
        self.scheme = scheme
        self.actions[scheme].setChecked(True)
        app = QApplication.instance()
        if app is not None:
            app.setPalette(dark_palette() if scheme == DARK else self._started_with)
            # Widgets under a style sheet keep the palette they were polished with: the
            # window's sheet set again polishes every panel in the new colours.
            self._window.setStyleSheet(self._window.styleSheet())
            hints = QGuiApplication.styleHints()
            if hasattr(hints, "setColorScheme"):  # Qt 6.8: tell the platform, where it listens
                if scheme == SYSTEM:
                    hints.unsetColorScheme()
                else:
                    hints.setColorScheme(Qt.ColorScheme.Dark if scheme == DARK
                                         else Qt.ColorScheme.Light)
        self._set_reading_dark({DARK: True, LIGHT: False}.get(scheme))
        if remember:
            self._settings.appearance = scheme

    def reset_application(self) -> None:
        """Give the application back the palette it started with (the window closes)."""
        app = QApplication.instance()
        if app is not None and self.scheme == DARK:
            app.setPalette(self._started_with)
