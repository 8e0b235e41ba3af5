"""The app shows who it is: its icon on the window (and so in the About box) and its version."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from selection_desk import __version__
from selection_desk.ui import main_window as main_window_module
from selection_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def test_the_window_carries_the_icon_at_every_size(window: MainWindow) -> None:
    icon = window.windowIcon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} >= set(ICON_SIZES)
    image = icon.pixmap(QSize(64, 64)).toImage()
    tile = image.pixelColor(6, 32)  # left of the podium
    assert tile.blue() > 150 > tile.red()


def test_the_about_box_names_the_version_under_the_windows_icon(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[QWidget, str]] = []
    monkeypatch.setattr(
        main_window_module.QMessageBox,
        "about",
        lambda parent, title, text: shown.append((parent, text)),
    )
    (about,) = [a for a in window.findChildren(QAction) if a.text().startswith("&About")]
    about.trigger()
    ((parent, text),) = shown
    # QMessageBox.about shows its parent's window icon.
    assert parent is window and not parent.windowIcon().isNull()
    assert f"Selection Desk {__version__}" in text
