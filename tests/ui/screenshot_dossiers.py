"""Screenshots of the Dossiers page and the import wizard at 1366×768, in French and English.

``.venv/bin/python -m tests.ui.screenshot_dossiers OUTDIR`` builds a campaign from the demo,
imports the corpus's Google Forms export with its attachments through the wizard, and writes one
PNG per step and language (dark mode too).  Not collected by pytest: it is for looking at the page
as a user would.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.ui.screenshots import (
    application,
    campaign_window,
    dark_palette,
    demo_campaign,
    scratch_folder,
    settle,
)


def shoot(outdir: Path, language: str, *, dark: bool = False) -> list[Path]:
    from tests.data.imports.generate import HERE as CORPUS

    app = application(language)
    if dark:
        app.setPalette(dark_palette())  # the palette alone, in the platform's own style
    work = scratch_folder("tmp")
    campaign = demo_campaign(work / "demo.seldesk")
    with campaign_window(campaign, work / "settings.ini", phase="dossiers") as window:
        page = window.dossiers_page
        suffix = f"{language}{'-dark' if dark else ''}"
        shots: list[Path] = []

        def grab(widget, name: str) -> None:  # type: ignore[no-untyped-def]
            settle()
            target = outdir / f"dossiers-{name}-{suffix}.png"
            widget.grab().save(str(target))
            shots.append(target)

        page.table.selectRow(2)
        grab(window, "table")
        page.detail.attachments.setCurrentRow(0)
        page.detail.open_button.click()
        grab(window, "pdf")
        page.tabs.setCurrentIndex(0)
        page.set_search("cyber")
        grab(window, "search")
        page.set_search("")

        wizard = page.start_import(CORPUS / "google_forms_fr.xlsx")
        assert wizard is not None
        wizard.resize(1000, 640)
        wizard.source_page.set_attachments(CORPUS / "attachments")
        grab(wizard, "wizard-file")
        wizard.next()
        grab(wizard, "wizard-columns")
        wizard.next()
        grab(wizard, "wizard-report")
        wizard.button(wizard.WizardButton.FinishButton).click()
        grab(window, "imported")
        return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    args = parser.parse_args(argv)
    outdir = Path(args.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    for path in shoot(outdir, "fr") + shoot(outdir, "en") + shoot(outdir, "fr", dark=True):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
