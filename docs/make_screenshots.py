"""Regenerate every screenshot of the manual from the app itself, in French and English.

    python docs/make_screenshots.py [--lang fr|en] [--page NAME]

Each page of the window (``selection_desk.ui.phases.PAGES``) is rendered by
``selection-desk --lang L gui DEMO --page NAME --screenshot docs/L/screens/NAME.png`` on the demo
campaign, built afresh in a temporary folder.  Settings, backups and recent files go to that folder
too: the welcome screen shows no file of the person who runs this.
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


def screenshot_path(language: str, page: str) -> Path:
    return DOCS / language / "screens" / f"{page}.png"


def _data_dir(home: Path) -> Path:
    return home / "data" / "selection-desk"


def _isolated_environment(home: Path, language: str) -> dict[str, str]:
    """Settings of one language's run (its recent files), backups and data under ``home``."""
    environment = dict(os.environ)
    environment.update(
        XDG_CONFIG_HOME=str(home / "config" / language),
        XDG_DATA_HOME=str(home / "data"),
        SELECTION_DESK_DATA_DIR=str(_data_dir(home)),
    )
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    return environment


def render(demo: Path, language: str, page: str, environment: dict[str, str]) -> Path:
    """One page in one language; the welcome screen is shown with no campaign open."""
    target = screenshot_path(language, page)
    campaign = [] if page == "welcome" else [str(demo)]
    command = [sys.executable, "-m", "selection_desk", "--lang", language, "gui", *campaign]
    command += ["--page", page, "--screenshot", str(target)]
    subprocess.run(command, check=True, env=environment, timeout=300)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=LANGUAGES, action="append", help="default: all")
    parser.add_argument("--page", choices=PAGES, action="append", help="default: all")
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
            environment = _isolated_environment(home, language)
            for page in pages:
                print(render(demo, language, page, environment), flush=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
