"""Start the desktop app: QApplication, translations, style, the main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from selection_desk import __version__, i18n
from selection_desk.formats.ballot_files import is_ballot_path
from selection_desk.ui import accessibility
from selection_desk.ui.app_icon import app_icon
from selection_desk.ui.ballot_opening import offer_ballot_merge
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.tasks import TaskRunner

STYLE = """
QLabel#welcomeTitle { font-size: 26pt; font-weight: 600; }
QLabel#pageTitle { font-size: 17pt; font-weight: 600; }
QLabel#sectionTitle { font-size: 12pt; font-weight: 600; margin-top: 12px; }
QLabel#hint { color: palette(mid); }
QListWidget#phaseNavigation { font-size: 11pt; padding-top: 8px; }
QListWidget#phaseNavigation::item { padding: 8px 12px; }
QListWidget#recentList::item { padding: 6px; }
"""


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("SelectionDesk")
    app.setApplicationName("Selection Desk")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("org.selectiondesk.SelectionDesk")  # the installed .desktop entry
    app.setStyleSheet(STYLE)
    install_qt_translations(app, i18n.current_language())
    accessibility.install()
    return app


def install_qt_translations(app: QApplication, language: str) -> QTranslator | None:
    """Qt's own strings (standard dialogs, context menus) in the user's language."""
    QLocale.setDefault(QLocale(i18n.babel_locale(language).language))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
        return translator
    return None


SCREENSHOT_SIZE = (1366, 768)
"""The window's size in a screenshot unless told otherwise: a common laptop screen."""


def run_gui(
    file: Path | None = None,
    *,
    screenshot: Path | None = None,
    page: str | None = None,
    size: tuple[int, int] = SCREENSHOT_SIZE,
    first_paint: bool = False,
) -> int:
    """Open the app (on FILE); ``page`` is a name of ``ui.phases.PAGES`` to show first;
    ``screenshot`` renders the window, ``size`` (width, height) in logical pixels, to that PNG
    and exits (under ``QT_SCALE_FACTOR=2`` the PNG has twice as many pixels each way): once the
    background work (ranking, stability) is done, or with ``first_paint`` as soon as the campaign
    is shown."""
    app = create_application()
    runner = TaskRunner(app)
    window = MainWindow(runner)
    if screenshot is not None:
        window.resize(*size)
        window.headless = True
        # The failure is reported in one sentence below; no traceback from the task runner's log.
        logging.getLogger("selection_desk.ui.tasks").addHandler(logging.NullHandler())
    window.show()
    if file is not None and is_ballot_path(file) and screenshot is None:
        offer_ballot_merge(window, file)
    elif file is not None:
        window.open_file(file, phase=page if page in window.PHASES else "ranking")
    if screenshot is not None:
        return _render(app, window, screenshot, page=page, first_paint=first_paint)
    if page == "welcome":
        window.close_campaign()
    try:
        return app.exec()
    finally:
        runner.wait_for_done()


SETTLED_POLLS = 3
"""A screenshot waits for the task runner to stay idle this many polls in a row: a page may start
its next piece of work a moment after the previous one ends (a debounce)."""
POLL_MS = 20


def wait_until(app: QApplication, ready: Callable[[], bool]) -> None:
    """Run the event loop until ``ready()`` holds (checked every few milliseconds)."""
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(lambda: loop.quit() if ready() else None)
    timer.start()
    if not ready():
        loop.exec()
    timer.stop()
    app.processEvents()  # the last layouts and paints


def settled(runner: TaskRunner) -> Callable[[], bool]:
    """A test for :func:`wait_until`: the runner's work is done (and no new work follows)."""
    idle_polls = [0]

    def ready() -> bool:
        idle_polls[0] = 0 if runner.busy else idle_polls[0] + 1
        return idle_polls[0] >= SETTLED_POLLS

    return ready


def _render(
    app: QApplication, window: MainWindow, target: Path, *, page: str | None, first_paint: bool
) -> int:
    """Once the file is open (and, unless ``first_paint``, the background work done): the
    window to ``target``; the open error in one sentence instead."""
    # Local event loops let the file open and the window paint; app.quit() would close it.
    wait_until(app, lambda: not window.runner.busy or window.session is not None)
    if window.open_error is not None:
        print(window.open_error, file=sys.stderr)
        window.close()
        return 1
    if page == "welcome":
        window.close_campaign()
    if not first_paint:
        wait_until(app, settled(window.runner))
    return _save_screenshot(app, window, target)


def _save_screenshot(app: QApplication, window: MainWindow, target: Path) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(target))
    window.close()
    return 0 if ok else 1
