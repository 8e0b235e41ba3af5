"""Screenshots of the Ranking page's *Ballots* tab (the watched folder's log and the grid of who
has scored which dossier) at 1280×720, in French and English.

``.venv/bin/python -m tests.ui.screenshot_ballots OUTDIR`` watches a folder of the demo campaign
in which four ballots land: three merged, one refused, one not whole yet; run again with
``QT_SCALE_FACTOR=2`` for 200 %.  Not collected by pytest: it is for looking at them as a user
would.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="seldesk-shots-"))
    os.environ.setdefault("SELECTION_DESK_DATA_DIR", str(folder / "data"))
    from PySide6.QtCore import QSettings

    from selection_desk import i18n
    from selection_desk.demo import build_demo_file
    from selection_desk.errors import InvalidInput
    from selection_desk.services.ballot_watch import not_whole_yet
    from selection_desk.services.merge import BALLOT_ALTERED, MergeOutcome, MergeReport
    from selection_desk.ui.app import create_application
    from selection_desk.ui.main_window import MainWindow
    from selection_desk.ui.tasks import TaskRunner

    path = build_demo_file(folder / "demo.seldesk")
    synced = folder / "Nextcloud" / "Jury 2026" / "bulletins"
    synced.mkdir(parents=True)
    create_application([])
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    for language in ("fr", "en"):
        i18n.set_language(language)
        settings = QSettings(str(folder / f"settings-{language}.ini"), QSettings.Format.IniFormat)
        window = MainWindow(TaskRunner(synchronous=True), settings)
        window.resize(1280, 720)
        window.show()
        window.open_file(path)
        window.show_phase("ranking")
        panel = window.ballot_watch
        window.ranking_page.details.setCurrentWidget(panel)
        panel.watch(synced)
        panel.toggle_button.setChecked(False)  # no look during the shot
        conflict = "J4/ballot-J4.sync-conflict-20261210-101010-ABCDEFG.json"
        reports = [
            MergeReport(f"ballot-J{i}.json", MergeOutcome.ACCEPTED, f"J{i}", i, None, 24, 2)
            for i in (1, 2, 3)
        ]
        reports.append(
            MergeReport(
                conflict, MergeOutcome.REFUSED, reason=InvalidInput(BALLOT_ALTERED, file=conflict)
            )
        )
        lines = [report.message() for report in reports]
        lines.insert(3, not_whole_yet("ballot-J7.json"))
        panel._add_lines(lines)
        _settle()
        window.grab().save(str(out / f"ballots-{language}-x{scale}.png"))
        window.close_campaign()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
