"""Screenshots of the Campaign (set-up) page at 1366×768, in French and English, light and dark.

``.venv/bin/python -m tests.ui.screenshot_campaign OUTDIR`` writes one PNG per tab and language on
the demo campaign, plus the question asked before a new scale removes scores.  Not collected by
pytest: it is for looking at the page as a user would.
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

TABS = ("properties", "criteria", "jurors", "conflicts", "assignments")


def shoot(campaign: Path, outdir: Path, language: str, *, dark: bool = False) -> list[Path]:
    from PySide6.QtWidgets import QMessageBox

    from selection_desk import i18n

    application(language, dark=DARK_COLOURS if dark else None)
    with campaign_window(campaign, outdir / "settings.ini", phase="campaign") as window:
        page = window.campaign_page
        suffix = f"{language}{'-dark' if dark else ''}"
        written: list[Path] = []
        selections = {
            "criteria": lambda: page.criteria_editor.select(page.criteria_editor.criteria[1].code),
            "jurors": lambda: page.jurors_editor.select(page.jurors_editor.jurors[0].code),
        }
        for index, name in enumerate(TABS):
            page.tabs.setCurrentIndex(index)
            selections.get(name, lambda: None)()
            settle()
            target = outdir / f"campaign-{name}-{suffix}.png"
            window.grab().save(str(target))
            written.append(target)

        # The question before a new scale removes scores, as the user sees it.
        questions: list[str] = []
        page.controller.confirm = lambda title, text: questions.append(text) or False
        editor = page.criteria_editor
        page.tabs.setCurrentIndex(TABS.index("criteria"))
        editor.select(editor.criteria[0].code)
        editor.form.scale_max.setValue(editor.form.scale_max.value() * 2)
        editor.form.levels.setRowCount(0)
        editor.form.has_threshold.setChecked(False)
        editor.apply()
        if questions:
            box = QMessageBox(
                QMessageBox.Icon.Question, "Selection Desk", questions[0], parent=window
            )
            box.setInformativeText(i18n._("Do you want to go ahead?"))
            box.addButton(i18n._("Go ahead"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.show()
            settle()
            target = outdir / f"campaign-question-{suffix}.png"
            box.grab().save(str(target))
            written.append(target)
            box.close()
        settle()
        target = outdir / f"campaign-declined-{suffix}.png"
        window.grab().save(str(target))
        written.append(target)
        return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    campaign = demo_campaign(scratch_folder("sd-demo-") / "demo.seldesk")
    for language in ("fr", "en"):
        for path in shoot(campaign, args.outdir, language):
            print(path)
    for path in shoot(campaign, args.outdir, "fr", dark=True):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
