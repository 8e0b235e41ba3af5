"""Screenshots of juror mode (a juror kit open) at 1366×768, French and English, and the File menu.

``.venv/bin/python -m tests.ui.screenshot_juror_mode OUTDIR`` makes kits of the demo campaign,
opens one, starts the juror's scoring and saves the window, plus the File menu in secretary and in
juror mode.  Not collected by pytest: it is for looking at the window as a user would.
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
    QTimer.singleShot(250, loop.quit)
    loop.exec()
    app.processEvents()


def _menu_shot(app, window, target: Path) -> None:  # type: ignore[no-untyped-def]
    menu = window.offline._file_menu()
    menu.popup(window.mapToGlobal(window.rect().topLeft()))
    _settle(app)
    menu.grab().save(str(target))
    menu.close()


def shoot(outdir: Path, language: str) -> list[Path]:
    from PySide6.QtCore import QSettings

    from selection_desk import i18n
    from selection_desk.demo import build_demo_file
    from selection_desk.services.kits import make_kit
    from selection_desk.storage.store import CampaignStore
    from selection_desk.ui.app import create_application
    from selection_desk.ui.main_window import MainWindow
    from selection_desk.ui.tasks import TaskRunner

    i18n.set_language(language)
    app = create_application()
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SELECTION_DESK_DATA_DIR"] = str(Path(folder) / "data")
        campaign = build_demo_file(Path(folder) / "demo.seldesk")
        with CampaignStore.open(campaign) as store:
            juror = store.jurors()[1].code
            kit = make_kit(store, juror, Path(folder) / "kit.seldesk").path
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        runner = TaskRunner(synchronous=True)
        window = MainWindow(runner, settings)
        window.resize(1366, 768)
        window.show()
        window.open_file(campaign)
        _settle(app)
        target = outdir / f"file-menu-secretary-{language}.png"
        _menu_shot(app, window, target)
        written.append(target)
        window.open_file(kit)
        _settle(app)
        target = outdir / f"juror-mode-picker-{language}.png"
        window.grab().save(str(target))
        written.append(target)
        window.scoring_page.start(juror)
        _settle(app)
        target = outdir / f"juror-mode-{language}.png"
        window.grab().save(str(target))
        written.append(target)
        target = outdir / f"file-menu-juror-{language}.png"
        _menu_shot(app, window, target)
        written.append(target)
        window.close_campaign()
        window.close()
        runner.wait_for_done()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    for language in ("en", "fr"):
        for path in shoot(args.outdir, language):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
