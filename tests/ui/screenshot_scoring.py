"""Screenshots of the Scoring page, to look at: ``python -m tests.ui.screenshot_scoring OUTDIR``.

Writes, for French and English, the juror picker and the workspace on the demo campaign at
1366×768, the workspace at 200 % scaling (``QT_SCALE_FACTOR=2``, in the 960×540 logical pixels of a
1920×1080 screen), and in a dark palette.  Each
shot runs in its own process (the scale factor is read when Qt starts).  Not collected by pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.ui.screenshots import application, campaign_window, demo_campaign, settle

SHOTS = (
    # (name, language, scale, dark)
    ("en", "en", "1", False),
    ("fr", "fr", "1", False),
    ("en-200", "en", "2", False),
    ("fr-200", "fr", "2", False),
    ("fr-dark", "fr", "1", True),
)


DARK_COLOURS = {
    "Window": "#2b2b2b",
    "WindowText": "#e6e6e6",
    "Base": "#1f1f1f",
    "AlternateBase": "#333333",
    "Text": "#e6e6e6",
    "Button": "#3a3a3a",
    "ButtonText": "#e6e6e6",
    "Highlight": "#3d7fd9",
    "HighlightedText": "#ffffff",
    "ToolTipBase": "#3a3a3a",
    "ToolTipText": "#e6e6e6",
    "PlaceholderText": "#9a9a9a",
    "Mid": "#6a6a6a",
    "Midlight": "#4a4a4a",
    "Light": "#505050",
    "Dark": "#1a1a1a",
}
"""This page's dark shots were taken with these colours (a shade off the shared ones, and the
bevel roles its score keys draw with)."""


def one_shot(name: str, language: str, dark: bool, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app = application(language, dark=DARK_COLOURS if dark else None)
    # At 200 % a 1920×1080 screen is 960×540 logical pixels: the window must fit in them.
    size = (960, 540) if name.endswith("-200") else (1366, 768)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SELECTION_DESK_DATA_DIR"] = folder
        campaign = demo_campaign(Path(folder) / "demo.seldesk")
        settings = Path(folder) / "settings.ini"
        with campaign_window(campaign, settings, size=size, phase="scoring") as window:
            page = window.scoring_page
            settle(250)
            if name == "en":
                window.grab().save(str(out / f"scoring-picker-{name}.png"))
            jurors = page.picker.jurors
            jurors.setCurrentRow(min(2, jurors.count() - 1))
            page.start(page.picker.selected_code() or "")
            page.reopen()  # the demo's reviews are final: reopen one to show a sheet being edited
            # Type a few scores as a juror would, so the shot shows a sheet being filled.
            page.sheet.focus_criterion()
            for keys in ("4", "3,", "2"):
                widget = app.focusWidget()
                QTest.keyClicks(widget, keys)
                QTest.keyClick(app.focusWidget(), Qt.Key.Key_Tab)
            row = next(iter(page.sheet.rows.values()))
            row.comment.setFocus()
            # QTest types ASCII only: the accented comment goes in as one edit.
            comment = "Équipe solide, à confirmer" if language == "fr" else "Strong, complete team"
            row.comment.setText(comment)
            row.comment.textEdited.emit(comment)
            page.flush()
            page.sheet.focus_criterion()
            QTest.keyClick(app.focusWidget(), Qt.Key.Key_F1)
            settle(400)
            print(
                name,
                "window",
                window.size().toTuple(),
                "minimum",
                window.minimumSizeHint().toTuple(),
            )
            window.grab().save(str(out / f"scoring-{name}.png"))


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "--one":
        name, language, dark, out = argv[1], argv[2], argv[3] == "dark", Path(argv[4])
        one_shot(name, language, dark, out)
        return 0
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    root = Path(__file__).resolve().parents[2]
    for name, language, scale, dark in SHOTS:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale)
        command = [sys.executable, "-m", "tests.ui.screenshot_scoring", "--one", name, language]
        command += ["dark" if dark else "light", str(out)]
        subprocess.run(command, cwd=root, env=env, check=True)
        print(out / f"scoring-{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
