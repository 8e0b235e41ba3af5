"""Screenshots of the round bar and the Close round dialog at 1280×720, in French and English.

``.venv/bin/python -m tests.ui.screenshot_rounds OUTDIR`` adds a hearing round R2 to the demo
campaign and writes the Ranking page with the round bar, the dialog that closes R1, and the
Campaign page's Rounds tab on the closed R1.  Not
collected by pytest: it is for looking at them as a user would.
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
    from selection_desk.domain import Round, RoundKind
    from selection_desk.services import rounds as round_service
    from selection_desk.services.rounds import add_round
    from selection_desk.storage.store import CampaignStore
    from selection_desk.ui.app import create_application
    from selection_desk.ui.main_window import MainWindow
    from selection_desk.ui.round_dialogs import CloseRoundDialog
    from selection_desk.ui.tasks import TaskRunner

    path = build_demo_file(folder / "demo.seldesk")
    with CampaignStore.open(path) as store:
        hearing = Round("R2", "Pitch", kind=RoundKind.HEARING, places=3, date="10/12/2026")
        add_round(store, hearing, criteria_from="R1")
    create_application([])
    for language in ("fr", "en"):
        i18n.set_language(language)
        settings = QSettings(str(folder / f"settings-{language}.ini"), QSettings.Format.IniFormat)
        window = MainWindow(TaskRunner(synchronous=True), settings)
        window.resize(1280, 720)
        window.show()
        window.open_file(path)
        window.show_phase("ranking")
        _settle()
        window.grab().save(str(out / f"rounds-bar-{language}.png"))
        assert window.session is not None
        dialog = CloseRoundDialog(window.session.store, window.session.store.round, window)
        dialog.show()
        _settle()
        dialog.grab().save(str(out / f"rounds-close-{language}.png"))
        dialog.confirm()
        bar = window.round_bar
        bar.picker.setCurrentIndex(0)
        bar.picker.activated.emit(0)  # back to R1, now closed: read-only, with its banner
        window.show_phase("campaign")
        window.campaign_page.tabs.setCurrentWidget(window.campaign_page.rounds_editor)
        _settle()
        window.grab().save(str(out / f"rounds-closed-r1-{language}.png"))
        round_service.reopen_round(window.session.store, "R1")
        window.close_campaign()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
