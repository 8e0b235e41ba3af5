"""Regenerate every screenshot of the manual from the app itself, in French and English.

    python docs/make_screenshots.py [--lang fr|en] [--page NAME] [--size WxH] [--scale F]
                                    [--out DIR]

Each page of the window (``selection_desk.ui.phases.PAGES``) is rendered by
``selection-desk --lang L gui DEMO --page NAME --screenshot docs/L/screens/NAME.png --size WxH`` on
the demo campaign, built afresh in a temporary folder.  Settings, backups and recent files go to
that folder too: the welcome screen shows no file of the person who runs this.

The manual's screenshots are 1280×720 (a small laptop screen, the size the app is laid out for).
To check the pages on other screens without touching the manual, write elsewhere: ``--out DIR``
(``DIR/L/NAME.png``), e.g. ``--scale 2 --size 960x540 --out /tmp/shots`` for a 1920×1080 screen
at 200 % (``QT_SCALE_FACTOR``: the PNG then has twice as many pixels each way).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from selection_desk.demo import build_demo_file
from selection_desk.i18n import LANGUAGES
from selection_desk.ui.phases import PAGES

DOCS = Path(__file__).resolve().parent
MANUAL_SIZE = "1280x720"


def screenshot_path(language: str, page: str, out: Path | None = None) -> Path:
    """The manual's screenshot, or with ``out`` the one written under that folder."""
    if out is not None:
        return out / language / f"{page}.png"
    return DOCS / language / "screens" / f"{page}.png"


def _data_dir(home: Path) -> Path:
    return home / "data" / "selection-desk"


def _isolated_environment(home: Path, language: str, scale: str | None) -> dict[str, str]:
    """Settings of one language's run (its recent files), backups and data under ``home``."""
    environment = dict(os.environ)
    environment.update(
        XDG_CONFIG_HOME=str(home / "config" / language),
        XDG_DATA_HOME=str(home / "data"),
        SELECTION_DESK_DATA_DIR=str(_data_dir(home)),
    )
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    if scale is not None:
        environment["QT_SCALE_FACTOR"] = scale
    return environment


def render(
    demo: Path,
    language: str,
    page: str,
    environment: dict[str, str],
    size: str = MANUAL_SIZE,
    out: Path | None = None,
) -> Path:
    """One page in one language; the welcome screen is shown with no campaign open."""
    target = screenshot_path(language, page, out)
    campaign = [] if page == "welcome" else [str(demo)]
    command = [sys.executable, "-m", "selection_desk", "--lang", language, "gui", *campaign]
    command += ["--page", page, "--screenshot", str(target), "--size", size]
    subprocess.run(command, check=True, env=environment, timeout=300)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=LANGUAGES, action="append", help="default: all")
    parser.add_argument("--page", choices=PAGES, action="append", help="default: all")
    parser.add_argument("--size", default=MANUAL_SIZE, help=f"WxH (default: {MANUAL_SIZE})")
    parser.add_argument("--scale", help="QT_SCALE_FACTOR, e.g. 2 for 200 %%")
    parser.add_argument("--out", type=Path, help="write DIR/LANG/PAGE.png, not the manual's")
    args = parser.parse_args(argv)
    # A fixed folder, not a random one: its path shows in the status bar and the Reports page.
    home = Path(tempfile.gettempdir()) / "selection-desk-manual"
    shutil.rmtree(home, ignore_errors=True)
    os.environ.update(SELECTION_DESK_DATA_DIR=str(_data_dir(home)))  # the demo's own backups
    # The welcome screen last: by then the demo is among its recent campaigns, as for a user.
    pages = sorted(args.page or PAGES, key=lambda page: page == "welcome")
    try:
        demo = build_demo_file(home / "demo.seldesk")
        for language in args.lang or LANGUAGES:
            environment = _isolated_environment(home, language, args.scale)
            for page in pages:
                shot = render(demo, language, page, environment, args.size, args.out)
                print(shot, flush=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
