"""Screenshots of the Campaign (set-up) page at 1366×768, in French and English, light and dark.

``.venv/bin/python -m tests.ui.screenshot_campaign OUTDIR`` writes one PNG per tab and language on
the demo campaign, plus the question asked before a new scale removes scores.  Not collected by
pytest: it is for looking at the page as a user would.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TABS = ("properties", "criteria", "jurors", "conflicts", "assignments")


def _dark_palette():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f1f1f",
        QPalette.ColorRole.AlternateBase: "#303030",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Mid: "#5a5a5a",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    return palette


def _settle(app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(200, loop.quit)
    loop.exec()
    app.processEvents()


def shoot(campaign: Path, outdir: Path, language: str, *, dark: bool = False) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from selection_desk import i18n
    from selection_desk.ui.app import create_application
    from selection_desk.ui.main_window import MainWindow
    from selection_desk.ui.tasks import TaskRunner

    i18n.set_language(language)
    app = create_application()
    if dark:
        app.setStyle("Fusion")
        app.setPalette(_dark_palette())
    settings = QSettings(str(outdir / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(TaskRunner(synchronous=True), settings)
    window.resize(1366, 768)
    window.show()
    window.open_file(campaign)
    window.show_phase("campaign")
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
        _settle(app)
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
        box = QMessageBox(QMessageBox.Icon.Question, "Selection Desk", questions[0], parent=window)
        box.setInformativeText(i18n._("Do you want to go ahead?"))
        box.addButton(i18n._("Go ahead"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.show()
        _settle(app)
        target = outdir / f"campaign-question-{suffix}.png"
        box.grab().save(str(target))
        written.append(target)
        box.close()
    _settle(app)
    target = outdir / f"campaign-declined-{suffix}.png"
    window.grab().save(str(target))
    written.append(target)
    window.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SELECTION_DESK_DATA_DIR", tempfile.mkdtemp(prefix="sd-shots-"))
    from selection_desk.demo import build_demo_file

    campaign = build_demo_file(Path(tempfile.mkdtemp(prefix="sd-demo-")) / "demo.seldesk")
    for language in ("fr", "en"):
        for path in shoot(campaign, args.outdir, language):
            print(path)
    for path in shoot(campaign, args.outdir, "fr", dark=True):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
