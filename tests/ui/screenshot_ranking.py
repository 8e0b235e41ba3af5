"""Screenshots of the Ranking page at 1366×768, in French and English, light and dark.

``.venv/bin/python -m tests.ui.screenshot_ranking OUTDIR [--large]`` writes one PNG per tab and
language on the demo campaign (``--large``: also the 5,000-dossier L benchmark campaign).  Not
collected by pytest: it is for looking at the page as a user would.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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
        QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.Mid: "#5a5a5a",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    return palette


def _settle(app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(250, loop.quit)
    loop.exec()
    app.processEvents()


def shoot(
    campaign: Path, outdir: Path, language: str, *, dark: bool = False, tag: str = ""
) -> None:
    from PySide6.QtCore import QSettings

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
    page = window.ranking_page
    window.show_phase("ranking")
    _settle(app)
    row = min(2, page.proxy.rowCount() - 1)
    page.table.selectRow(row)
    _settle(app)
    suffix = f"{tag}-{language}" + ("-dark" if dark else "")
    names = ("explanation", "charts", "jurors", "weights")
    for index, name in enumerate(names):
        page.tabs.setCurrentIndex(index)
        if name == "weights":
            first = next(iter(page.weights.weights()))
            page.weights.set_weight(first, page.weights.weights()[first] * 2)
            page.recompute()
        _settle(app)
        window.grab().save(str(outdir / f"ranking-{suffix}-{name}.png"))
    window.close_campaign()
    window.close()
    if dark:
        app.setPalette(app.style().standardPalette())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--large", action="store_true", help="also the L benchmark campaign")
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SELECTION_DESK_DATA_DIR", tempfile.mkdtemp(prefix="seldesk-shots-"))

    from selection_desk.demo import build_demo_file

    demo = build_demo_file(args.outdir / "demo.seldesk")
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
