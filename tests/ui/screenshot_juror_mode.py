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

from tests.ui.screenshots import application, campaign_window, demo_campaign, settle


def _menu_shot(window, target: Path) -> None:  # type: ignore[no-untyped-def]
    menu = window.offline._file_menu()
    menu.popup(window.mapToGlobal(window.rect().topLeft()))
    settle(250)
    menu.grab().save(str(target))
    menu.close()


def shoot(outdir: Path, language: str) -> list[Path]:
    from selection_desk.services.kits import make_kit
    from selection_desk.storage.store import CampaignStore

    application(language)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SELECTION_DESK_DATA_DIR"] = str(Path(folder) / "data")
        campaign = demo_campaign(Path(folder) / "demo.seldesk")
        with CampaignStore.open(campaign) as store:
            juror = store.jurors()[1].code
            kit = make_kit(store, juror, Path(folder) / "kit.seldesk").path
        with campaign_window(campaign, Path(folder) / "settings.ini") as window:
            settle(250)
            target = outdir / f"file-menu-secretary-{language}.png"
            _menu_shot(window, target)
            written.append(target)
            window.open_file(kit)
            settle(250)
            target = outdir / f"juror-mode-picker-{language}.png"
            window.grab().save(str(target))
            written.append(target)
            window.scoring_page.start(juror)
            settle(250)
            target = outdir / f"juror-mode-{language}.png"
            window.grab().save(str(target))
            written.append(target)
            target = outdir / f"file-menu-juror-{language}.png"
            _menu_shot(window, target)
            written.append(target)
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
