"""Screenshots of the Reports page at 1366×768, in French and English, before and after a real
export of the demo campaign.

    .venv/bin/python -m tests.ui.screenshot_reports OUTDIR

Writes ``reports-<lang>.png`` and ``reports-done-<lang>.png``. Not collected by pytest.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _settle() -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(200, loop.quit)
    loop.exec()


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="seldesk-shots-"))
    os.environ.setdefault("SELECTION_DESK_DATA_DIR", str(folder / "data"))
    from PySide6.QtCore import QSettings

    from selection_desk import i18n
    from selection_desk.demo import build_demo_file
    from selection_desk.ui.app import create_application
    from selection_desk.ui.main_window import MainWindow
    from selection_desk.ui.tasks import TaskRunner
    from tests.ui.screenshot_deliberation import record_sample_decisions

    path = build_demo_file(folder / "demo.seldesk")
    record_sample_decisions(path)
    create_application([])
    for language in ("fr", "en"):
        i18n.set_language(language)
        settings = QSettings(str(folder / f"settings-{language}.ini"), QSettings.Format.IniFormat)
        runner = TaskRunner(synchronous=True)
        window = MainWindow(runner, settings)
        window.resize(1366, 768)
        window.show()
        window.open_file(path)
        window.show_phase("reports")
        page = window.reports_page
        page.folder.setText(str(folder / f"reports-{language}"))
        page.language.setCurrentIndex(page.language.findData(language))
        _settle()
        window.grab().save(str(out / f"reports-{language}.png"))
        page.export()
        _settle()
        window.grab().save(str(out / f"reports-done-{language}.png"))
        window.close()
        runner.wait_for_done()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
