"""Screenshots of design §12 in the app at 1280×720, in French and English: the Ranking page's
Robustness tab, a dossier of the cut-off zone in the deliberation and the draw's dialog.

``.venv/bin/python -m tests.ui.screenshot_decide OUTDIR`` works on a copy of the demo campaign
whose rules allow a draw.  Not collected by pytest: it is for looking at the pages as a user would.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def shoot(campaign: Path, outdir: Path, language: str) -> None:
    from PySide6.QtCore import QSettings

    from selection_desk import i18n
    from selection_desk.ui.app import create_application
    from selection_desk.ui.main_window import MainWindow
    from selection_desk.ui.tasks import TaskRunner
    from tests.ui.screenshot_ranking import _settle

    i18n.set_language(language)
    app = create_application()
    settings = QSettings(str(outdir / f"settings-{language}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(TaskRunner(synchronous=True), settings)
    window.resize(1280, 720)
    window.show()
    window.open_file(campaign)
    window.show_phase("ranking")
    page = window.ranking_page
    page.tabs.setCurrentWidget(page.robustness)
    _settle(app)
    window.grab().save(str(outdir / f"ranking-robustness-{language}.png"))

    window.show_phase("deliberation")
    deliberation = window.deliberation_page
    deliberation.toggle_stability()
    _settle(app)
    zone = deliberation.cutoff_zone
    if zone is not None and zone.refs:
        deliberation.select_dossier(zone.refs[0])
    _settle(app)
    window.grab().save(str(outdir / f"deliberation-zone-{language}.png"))

    dialog = deliberation.draw_dialog()
    assert dialog is not None
    dialog.show()
    dialog.start()
    dialog.seed_text.setText("Comité du 4 décembre, CAC 40 à 7412,50")
    dialog.draw()
    dialog.resize(760, 560)
    _settle(app)
    dialog.grab().save(str(outdir / f"draw-dialog-{language}.png"))
    dialog.close()
    window.close_campaign()
    window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SELECTION_DESK_DATA_DIR", tempfile.mkdtemp(prefix="seldesk-shots-"))

    from selection_desk.demo import build_demo_file
    from selection_desk.services.campaign_settings import update_campaign
    from selection_desk.storage.store import CampaignStore

    for language in ("fr", "en"):
        demo = build_demo_file(args.outdir / f"demo-{language}.seldesk")
        with CampaignStore.open(demo) as store:
            update_campaign(store, replace(store.campaign(), allow_draw=True))
        shoot(demo, args.outdir, language)
    print(f"screenshots in {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
