"""Screenshots of the round bar and the Close round dialog at 1280×720, in French and English.

``.venv/bin/python -m tests.ui.screenshot_rounds OUTDIR`` adds a hearing round R2 to the demo
campaign and writes the Ranking page with the round bar, the dialog that closes R1, and the
Campaign page's Rounds tab on the closed R1.  Not
collected by pytest: it is for looking at them as a user would.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.ui.screenshots import application, campaign_window, demo_campaign, scratch_folder, settle


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    folder = scratch_folder()
    from selection_desk.domain import Round, RoundKind
    from selection_desk.services import rounds as round_service
    from selection_desk.services.rounds import add_round
    from selection_desk.storage.store import CampaignStore
    from selection_desk.ui.round_dialogs import CloseRoundDialog

    path = demo_campaign(folder / "demo.seldesk")
    with CampaignStore.open(path) as store:
        hearing = Round("R2", "Pitch", kind=RoundKind.HEARING, places=3, date="10/12/2026")
        add_round(store, hearing, criteria_from="R1")
    application()
    for language in ("fr", "en"):
        settings = folder / f"settings-{language}.ini"
        with campaign_window(
            path, settings, language=language, size=(1280, 720), phase="ranking"
        ) as window:
            settle()
            window.grab().save(str(out / f"rounds-bar-{language}.png"))
            assert window.session is not None
            dialog = CloseRoundDialog(window.session.store, window.session.store.round, window)
            dialog.show()
            settle()
            dialog.grab().save(str(out / f"rounds-close-{language}.png"))
            dialog.confirm()
            bar = window.round_bar
            bar.picker.setCurrentIndex(0)
            bar.picker.activated.emit(0)  # back to R1, now closed: read-only, with its banner
            window.show_phase("campaign")
            window.campaign_page.tabs.setCurrentWidget(window.campaign_page.rounds_editor)
            settle()
            window.grab().save(str(out / f"rounds-closed-r1-{language}.png"))
            round_service.reopen_round(window.session.store, "R1")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
