"""Screenshots of design §12 in the app at 1280×720, in French and English: the Ranking page's
Robustness tab, a dossier of the cut-off zone in the deliberation and the draw's dialog.

``.venv/bin/python -m tests.ui.screenshot_decide OUTDIR`` works on a copy of the demo campaign
whose rules allow a draw.  Not collected by pytest: it is for looking at the pages as a user would.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from tests.ui.screenshots import application, campaign_window, demo_campaign, scratch_folder, settle


def shoot(campaign: Path, outdir: Path, language: str) -> None:
    application(language)
    settings = outdir / f"settings-{language}.ini"
    with campaign_window(campaign, settings, size=(1280, 720), phase="ranking") as window:
        page = window.ranking_page
        page.tabs.setCurrentWidget(page.robustness)
        settle(250)
        window.grab().save(str(outdir / f"ranking-robustness-{language}.png"))

        window.show_phase("deliberation")
        deliberation = window.deliberation_page
        deliberation.toggle_stability()
        settle(250)
        zone = deliberation.cutoff_zone
        if zone is not None and zone.refs:
            deliberation.select_dossier(zone.refs[0])
        settle(250)
        window.grab().save(str(outdir / f"deliberation-zone-{language}.png"))

        dialog = deliberation.draw_dialog()
        assert dialog is not None
        dialog.show()
        dialog.start()
        dialog.seed_text.setText("Comité du 4 décembre, CAC 40 à 7412,50")
        dialog.draw()
        dialog.resize(760, 560)
        settle(250)
        dialog.grab().save(str(outdir / f"draw-dialog-{language}.png"))
        dialog.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    scratch_folder()
    from selection_desk.services.campaign_settings import update_campaign
    from selection_desk.storage.store import CampaignStore

    for language in ("fr", "en"):
        demo = demo_campaign(args.outdir / f"demo-{language}.seldesk")
        with CampaignStore.open(demo) as store:
            update_campaign(store, replace(store.campaign(), allow_draw=True))
        shoot(demo, args.outdir, language)
    print(f"screenshots in {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
