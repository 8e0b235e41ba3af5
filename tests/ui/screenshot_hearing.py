"""Screenshots of the Pitch day page and its projector at 1280×720, in French and English, on the
demo campaign with a planned day (run again with ``QT_SCALE_FACTOR=2`` for 200 %).

    .venv/bin/python -m tests.ui.screenshot_hearing OUTDIR

Writes ``hearing-<lang>.png`` and ``hearing-projector-<lang>.png``. Not collected by pytest.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.ui.screenshots import application, campaign_window, demo_campaign, scratch_folder, settle


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
    folder = scratch_folder()
    from PySide6.QtCore import Qt

    path = demo_campaign(folder / "demo.seldesk")
    plan_sample_day(path)
    application()
    for language in ("fr", "en"):
        settings = folder / f"settings-{language}.ini"
        with campaign_window(
            path, settings, language=language, size=(1280, 720), phase="hearing"
        ) as window:
            page = window.hearing_page
            page.slots.setCurrentRow(1)
            settle()
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
            settle()
            projector.grab().save(str(out / f"hearing-projector-{language}.png"))
            page.close_projector()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
