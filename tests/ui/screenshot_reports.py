"""Screenshots of the Reports page at 1366×768, in French and English, before and after a real
export of the demo campaign.

    .venv/bin/python -m tests.ui.screenshot_reports OUTDIR

Writes ``reports-<lang>.png`` and ``reports-done-<lang>.png``. Not collected by pytest.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.ui.screenshots import application, campaign_window, demo_campaign, scratch_folder, settle


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    folder = scratch_folder()
    from tests.ui.screenshot_deliberation import record_sample_decisions

    path = demo_campaign(folder / "demo.seldesk")
    record_sample_decisions(path)
    application()
    for language in ("fr", "en"):
        settings = folder / f"settings-{language}.ini"
        with campaign_window(path, settings, language=language, phase="reports") as window:
            page = window.reports_page
            page.folder.setText(str(folder / f"reports-{language}"))
            page.language.setCurrentIndex(page.language.findData(language))
            settle()
            window.grab().save(str(out / f"reports-{language}.png"))
            page.export()
            settle()
            window.grab().save(str(out / f"reports-done-{language}.png"))
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
