"""Start the desktop app: QApplication, translations, style, the main window."""

from __future__ import annotations

import logging
import sys
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


def run_gui(
    file: Path | None = None, *, screenshot: Path | None = None, page: str | None = None
) -> int:
    """Open the app (on FILE); ``page`` is a name of ``ui.phases.PAGES`` to show first;
    ``screenshot`` renders the window to that PNG and exits."""
    app = create_application()
    runner = TaskRunner(app, synchronous=screenshot is not None)
    window = MainWindow(runner)
    if screenshot is not None:
        window.resize(1366, 768)
        window.headless = True
        # The failure is reported in one sentence below; no traceback from the task runner's log.
        logging.getLogger("selection_desk.ui.tasks").addHandler(logging.NullHandler())
    window.show()
    if file is not None and is_ballot_path(file) and screenshot is None:
        offer_ballot_merge(window, file)
    elif file is not None:
        window.open_file(file)
    if page == "welcome":
        window.close_campaign()
    elif page is not None and window.session is not None:
        window.show_phase(page)
    if screenshot is not None:
        if window.open_error is not None:
            print(window.open_error, file=sys.stderr)
            window.close()
            return 1
        return _save_screenshot(app, window, screenshot)
    try:
        return app.exec()
    finally:
        runner.wait_for_done()


def _save_screenshot(app: QApplication, window: MainWindow, target: Path) -> int:
    # A local event loop lets layouts and paints settle; app.quit() would close the window first.
    settle = QEventLoop()
    QTimer.singleShot(300, settle.quit)
    settle.exec()
    target.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(target))
    window.close()
    return 0 if ok else 1
