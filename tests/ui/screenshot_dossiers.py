"""Screenshots of the Dossiers page and the import wizard at 1366×768, in French and English.

``.venv/bin/python -m tests.ui.screenshot_dossiers OUTDIR`` builds a campaign from the demo,
imports the corpus's Google Forms export with its attachments through the wizard, and writes one
PNG per step and language (dark mode too).  Not collected by pytest: it is for looking at the page
as a user would.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _settle(app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(200, loop.quit)
    loop.exec()
    app.processEvents()


def shoot(outdir: Path, language: str, *, dark: bool = False) -> list[Path]:
    from PySide6.QtCore import QSettings

    from selection_desk import i18n
    from selection_desk.demo import build_demo_file
    from selection_desk.ui.app import create_application
    from selection_desk.ui.main_window import MainWindow
    from selection_desk.ui.tasks import TaskRunner
    from tests.data.imports.generate import HERE as CORPUS
    from tests.ui.screenshot_campaign import _dark_palette

    i18n.set_language(language)
    app = create_application()
    if dark:
        app.setPalette(_dark_palette())
    work = Path(tempfile.mkdtemp())
    campaign = build_demo_file(work / "demo.seldesk")
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(TaskRunner(synchronous=True), settings)
    window.resize(1366, 768)
    window.show()
    window.open_file(campaign)
    window.show_phase("dossiers")
    page = window.dossiers_page
    suffix = f"{language}{'-dark' if dark else ''}"
    shots: list[Path] = []

    def grab(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        _settle(app)
        target = outdir / f"dossiers-{name}-{suffix}.png"
        widget.grab().save(str(target))
        shots.append(target)

    page.table.selectRow(2)
    grab(window, "table")
    page.detail.attachments.setCurrentRow(0)
    page.detail.open_button.click()
    grab(window, "pdf")
    page.tabs.setCurrentIndex(0)
    page.set_search("cyber")
    grab(window, "search")
    page.set_search("")

    wizard = page.start_import(CORPUS / "google_forms_fr.xlsx")
    assert wizard is not None
    wizard.resize(1000, 640)
    wizard.source_page.set_attachments(CORPUS / "attachments")
    grab(wizard, "wizard-file")
    wizard.next()
    grab(wizard, "wizard-columns")
    wizard.next()
    grab(wizard, "wizard-report")
    wizard.button(wizard.WizardButton.FinishButton).click()
    grab(window, "imported")
    window.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    args = parser.parse_args(argv)
    outdir = Path(args.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SELECTION_DESK_DATA_DIR", tempfile.mkdtemp())
    for path in shoot(outdir, "fr") + shoot(outdir, "en") + shoot(outdir, "fr", dark=True):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
