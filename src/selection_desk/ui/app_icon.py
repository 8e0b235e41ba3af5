"""The application's icon, from the PNGs shipped under resources/icons (every hicolor size)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from selection_desk.resources import resource_path

ICON_NAME = "selection-desk"


def app_icon() -> QIcon:
    """One icon with every size drawn for it: Qt picks the sharpest for a title bar, a task bar
    or the About box instead of scaling one picture (PNGs, so no SVG plugin is needed)."""
    icon = QIcon()
    for png in sorted(resource_path("icons", "hicolor").glob(f"*/apps/{ICON_NAME}.png")):
        icon.addFile(str(png))
    return icon
