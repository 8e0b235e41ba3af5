"""Screenshots of the Pitch day page and its projector at 1280×720, in French and English, on the
demo campaign with a planned day (run again with ``QT_SCALE_FACTOR=2`` for 200 %).

    .venv/bin/python -m tests.ui.screenshot_hearing OUTDIR

Writes ``hearing-<lang>.png`` and ``hearing-projector-<lang>.png``. Not collected by pytest.
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


def plan_sample_day(path: Path) -> None:
    """A day of the demo's teams: 09:00, 10 + 10 minutes, a lunch break, a room booked to 12:30."""
    from selection_desk.domain.hearing import HearingBreak, HearingPlan
    from selection_desk.services.hearing import plan_hearing
    from selection_desk.storage.store import CampaignStore

    plan = HearingPlan(
        start=9 * 60,
        pitch_minutes=10,
        question_minutes=10,
        changeover_minutes=5,
        breaks=(HearingBreak(4, 60, "Pause déjeuner"),),
        end=12 * 60 + 30,
        day="10/12/2026",
        place="Salle du conseil, 2e étage",
        bring="Un ordinateur portable et un adaptateur HDMI",
    )
    with CampaignStore.open(path) as store:
        plan_hearing(store, plan)


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="seldesk-shots-"))
    os.environ.setdefault("SELECTION_DESK_DATA_DIR", str(folder / "data"))
    from PySide6.QtCore import QSettings, Qt

    from selection_desk import i18n
    from selection_desk.demo import build_demo_file
    from selection_desk.ui.app import create_application
    from selection_desk.ui.main_window import MainWindow
    from selection_desk.ui.tasks import TaskRunner

    path = build_demo_file(folder / "demo.seldesk")
    plan_sample_day(path)
    create_application([])
    for language in ("fr", "en"):
        i18n.set_language(language)
        settings = QSettings(str(folder / f"settings-{language}.ini"), QSettings.Format.IniFormat)
        runner = TaskRunner(synchronous=True)
        window = MainWindow(runner, settings)
        window.resize(1280, 720)
        window.show()
        window.open_file(path)
        window.show_phase("hearing")
        page = window.hearing_page
        page.slots.setCurrentRow(1)
        _settle()
        window.grab().save(str(out / f"hearing-{language}.png"))
        page.toggle_projector()
        projector = page.projector
        assert projector is not None
        projector.showNormal()
        projector.setWindowState(Qt.WindowState.WindowNoState)
        projector.setGeometry(0, 0, 1280, 720)
        projector.toggle()
        projector.elapsed_before = 9 * 60 + 20  # the last minute of the pitch: amber
        projector.refresh()
        _settle()
        projector.grab().save(str(out / f"hearing-projector-{language}.png"))
        page.close_projector()
        window.close_campaign()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
