"""Screenshots of the Ranking page at 1366×768, in French and English, light and dark.

``.venv/bin/python -m tests.ui.screenshot_ranking OUTDIR [--large]`` writes one PNG per tab and
language on the demo campaign (``--large``: also the 5,000-dossier L benchmark campaign).  Not
collected by pytest: it is for looking at the page as a user would.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.ui.screenshots import (
    DARK_COLOURS,
    application,
    campaign_window,
    demo_campaign,
    scratch_folder,
    settle,
)


def shoot(
    campaign: Path, outdir: Path, language: str, *, dark: bool = False, tag: str = ""
) -> None:
    app = application(language, dark=DARK_COLOURS if dark else None)
    with campaign_window(campaign, outdir / "settings.ini", phase="ranking") as window:
        page = window.ranking_page
        settle(250)
        row = min(2, page.proxy.rowCount() - 1)
        page.table.selectRow(row)
        settle(250)
        suffix = f"{tag}-{language}" + ("-dark" if dark else "")
        names = ("explanation", "charts", "jurors", "weights")
        for index, name in enumerate(names):
            page.tabs.setCurrentIndex(index)
            if name == "weights":
                first = next(iter(page.weights.weights()))
                page.weights.set_weight(first, page.weights.weights()[first] * 2)
                page.recompute()
            settle(250)
            window.grab().save(str(outdir / f"ranking-{suffix}-{name}.png"))
    if dark:
        app.setPalette(app.style().standardPalette())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--large", action="store_true", help="also the L benchmark campaign")
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    scratch_folder()
    demo = demo_campaign(args.outdir / "demo.seldesk")
    for language in ("fr", "en"):
        shoot(demo, args.outdir, language, tag="demo")
    shoot(demo, args.outdir, "fr", dark=True, tag="demo")
    if args.large:
        import shutil

        from tests.benchmarks.generator import cached_campaign_file

        large = args.outdir / "large.seldesk"
        shutil.copyfile(cached_campaign_file("L"), large)
        shoot(large, args.outdir, "en", tag="large")
    print(f"screenshots in {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
