"""A scoring page in its own process, driven key by key (for the kill test; not collected).

``python -m tests.ui.scoring_driver CAMPAIGN JUROR``: opens the campaign in the main window,
offscreen, starts JUROR's workspace, prints one JSON line ``{"ready": …}``, then reads one key per
line on stdin (``4``, ``,``, ``Tab``, ``Return``, ``Ctrl+Return`` …), types it into the focused
widget with QTest and answers one JSON line: what the page now shows — the saved-state label,
the dossier and the values in its score boxes.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

KEYS = {
    "Tab": ("Key_Tab", "NoModifier"),
    "Return": ("Key_Return", "NoModifier"),
    "Ctrl+Return": ("Key_Return", "ControlModifier"),
    "Right": ("Key_Right", "NoModifier"),
    "Delete": ("Key_Delete", "NoModifier"),
}


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from selection_desk import i18n
    from selection_desk.ui.app import create_application
    from selection_desk.ui.main_window import MainWindow
    from selection_desk.ui.tasks import TaskRunner

    campaign, juror = Path(argv[0]), argv[1]
    i18n.set_language("en")
    app = create_application([])
    settings = QSettings(str(campaign.with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(TaskRunner(synchronous=True), settings)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    window.open_file(campaign)
    window.show_phase("scoring")
    page = window.scoring_page
    if not page.start(juror):
        print(json.dumps({"error": page.picker.error.text()}), flush=True)
        return 1

    def state() -> dict[str, object]:
        return {
            "saved": page.saved_state,
            "dossier": page.current_dossier,
            "values": {code: page.sheet.input(code).value for code in page.sheet.criteria_codes()},
            "pending": any(page.sheet.input(c).pending for c in page.sheet.criteria_codes()),
        }

    print(json.dumps({"ready": True, **state()}), flush=True)
    for line in sys.stdin:
        key = line.rstrip("\n")
        target = app.focusWidget() or page
        if key in KEYS:
            name, modifier = KEYS[key]
            QTest.keyClick(target, getattr(Qt.Key, name), getattr(Qt.KeyboardModifier, modifier))
        else:
            QTest.keyClicks(target, key)
        app.processEvents()
        print(json.dumps(state()), flush=True)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
