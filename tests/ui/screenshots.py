"""What the screenshot scripts (``tests/ui/screenshot_*.py``) share: the offscreen platform, a
scratch folder for the demo campaign and the automatic backups, the main window opened on a
campaign in a language, the pause that lets it paint, and the dark palette.

Each script keeps only what it shows.  Not collected by pytest.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt starts (no display needed)

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from selection_desk.ui.main_window import MainWindow

DARK_COLOURS: dict[str, str] = {
    "Window": "#2b2b2b",
    "WindowText": "#e6e6e6",
    "Base": "#1f1f1f",
    "AlternateBase": "#303030",
    "Text": "#e6e6e6",
    "Button": "#353535",
    "ButtonText": "#e6e6e6",
    "Highlight": "#3d7bd9",
    "HighlightedText": "#ffffff",
    "ToolTipBase": "#353535",
    "ToolTipText": "#e6e6e6",
    "Mid": "#5a5a5a",
    "PlaceholderText": "#9a9a9a",
}
"""A dark desktop theme's colours, by :class:`QPalette.ColorRole` name."""


def dark_palette(colours: Mapping[str, str] = DARK_COLOURS) -> QPalette:
    """A palette with ``colours`` (role name → colour); the roles not named keep Qt's."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return palette


def settle(ms: int = 200) -> None:
    """Let the window lay out and paint (and short timers fire) before it is grabbed."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


def scratch_folder(prefix: str = "seldesk-shots-") -> Path:
    """A new temporary folder; the automatic backups go to its ``data`` folder unless the
    caller already chose where."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("SELECTION_DESK_DATA_DIR", str(folder / "data"))
    return folder


def demo_campaign(path: Path) -> Path:
    """The demo campaign, built at ``path``."""
    from selection_desk.demo import build_demo_file

    return build_demo_file(path)


def application(
    language: str | None = None, *, dark: Mapping[str, str] | None = None
) -> QApplication:
    """The application (made once, then the same), its Qt strings and number formats in
    ``language`` (by default the current one); with ``dark`` colours, in Qt's Fusion style."""
    from selection_desk import i18n
    from selection_desk.ui.app import create_application

    if language is not None:
        i18n.set_language(language)
    app = create_application([])
    if dark is not None:
        app.setStyle("Fusion")
        app.setPalette(dark_palette(dark))
    return app


@contextmanager
def campaign_window(
    campaign: Path,
    settings: Path,
    *,
    language: str | None = None,
    size: tuple[int, int] = (1366, 768),
    phase: str | None = None,
) -> Iterator[MainWindow]:
    """The main window, ``size`` pixels, shown with ``campaign`` open (on ``phase``'s page),
    its settings in the file ``settings``; its background work waited for and the window closed
    afterwards.  Its texts are in ``language`` (by default the application's): Qt's own
    strings and number formats stay those the application was created with."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from selection_desk import i18n
    from selection_desk.ui.main_window import MainWindow
    from selection_desk.ui.tasks import TaskRunner

    if language is not None:
        i18n.set_language(language)
    runner = TaskRunner(synchronous=True)
    window = MainWindow(runner, QSettings(str(settings), QSettings.Format.IniFormat))
    # A shot may leave a typed decision unrecorded: closing must not ask about it.
    window.ask_unsaved_decisions = lambda count: QMessageBox.StandardButton.Discard
    window.resize(*size)
    window.show()
    window.open_file(campaign)
    if phase is not None:
        window.show_phase(phase)
    try:
        yield window
    finally:
        window.close_campaign()
        window.close()
        runner.wait_for_done()
