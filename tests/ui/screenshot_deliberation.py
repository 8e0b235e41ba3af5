"""Screenshots of the Deliberation page and its projector view, at 1366×768, in French and English.

    .venv/bin/python -m tests.ui.screenshot_deliberation OUTDIR [--dark]

Builds the demo campaign in a temporary folder, records a few decisions, and writes
``deliberation-<lang>.png``, ``deliberation-discussion-<lang>.png`` and ``projector-<lang>.png``.
Not collected by pytest.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _settle(app: object) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(200, loop.quit)
    loop.exec()


def record_sample_decisions(path: Path) -> None:
    from selection_desk.domain import Outcome
    from selection_desk.domain.quorum import Votes
    from selection_desk.services.decisions import record_decision
    from selection_desk.services.ranking import rank_campaign
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(path) as store:
        ranking = rank_campaign(store)
        refs = [entry.ref for entry in ranking.entries]
        record_decision(
            store,
            refs[0],
            Outcome.SELECTED,
            rationale="Équipe complète, premiers clients payants, marché régional solide.",
            votes=Votes(5, 0, 1),
            decided_by="Claire Fontaine",
        )
        record_decision(
            store,
            refs[1],
            Outcome.SELECTED,
            rationale="Technologie différenciante ; accompagnement commercial nécessaire.",
            votes=Votes(4, 1, 1),
            decided_by="Claire Fontaine",
        )
        record_decision(
            store,
            refs[-1],
            Outcome.REJECTED,
            rationale="Projet encore au stade de l’idée.",
            decided_by="Claire Fontaine",
        )


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "screenshots")
    dark = "--dark" in argv
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="seldesk-shots-"))
    os.environ.setdefault("SELECTION_DESK_DATA_DIR", str(folder / "data"))
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QMessageBox

    from selection_desk import i18n
    from selection_desk.demo import build_demo_file
    from selection_desk.ui.app import create_application
    from selection_desk.ui.main_window import MainWindow
    from selection_desk.ui.tasks import TaskRunner

    path = build_demo_file(folder / "demo.seldesk")
    record_sample_decisions(path)
    app = create_application([])
    if dark:
        app.setStyle("Fusion")
        palette = QPalette()
        for role, colour in (
            (QPalette.ColorRole.Window, "#2b2b2b"),
            (QPalette.ColorRole.WindowText, "#e6e6e6"),
            (QPalette.ColorRole.Base, "#1e1e1e"),
            (QPalette.ColorRole.AlternateBase, "#2f2f2f"),
            (QPalette.ColorRole.Text, "#e6e6e6"),
            (QPalette.ColorRole.Button, "#3a3a3a"),
            (QPalette.ColorRole.ButtonText, "#e6e6e6"),
            (QPalette.ColorRole.Highlight, "#3d7bd9"),
            (QPalette.ColorRole.HighlightedText, "#ffffff"),
        ):
            palette.setColor(role, QColor(colour))
        app.setPalette(palette)
    suffix = "-dark" if dark else ""
    for language in ("fr", "en"):
        i18n.set_language(language)
        settings = QSettings(str(folder / f"settings-{language}.ini"), QSettings.Format.IniFormat)
        runner = TaskRunner(synchronous=True)
        window = MainWindow(runner, settings)
        # The screenshot leaves a typed decision unrecorded: closing must not ask about it.
        window.ask_unsaved_decisions = lambda count: QMessageBox.StandardButton.Discard
        window.resize(1366, 768)
        window.show()
        window.open_file(path)
        window.show_phase("deliberation")
        page = window.deliberation_page
        page.toggle_stability()
        page.select_dossier(page.model.item(3).ref)
        page.choose_outcome(page.outcome_buttons.__iter__().__next__())
        page.rationale.setPlainText("Dossier discuté : écart important entre les jurés.")
        page.vote_box.setChecked(True)
        page.vote_spins["for"].setValue(4)
        page.vote_spins["against"].setValue(1)
        _settle(app)
        window.grab().save(str(out / f"deliberation-{language}{suffix}.png"))
        page.order.setCurrentIndex(1)
        page.anonymous.setChecked(False)
        _settle(app)
        window.grab().save(str(out / f"deliberation-discussion-{language}{suffix}.png"))
        page.anonymous.setChecked(True)
        # Full screen is clamped to the offscreen platform's 800×800 screen: render the
        # projector's content in a 1366×768 window instead.
        from selection_desk.ui.pages.projector import ProjectorWindow

        projector = ProjectorWindow()
        projector.resize(1366, 768)
        projector.scale_type(768)
        projector.show_content(page.projector_content())
        projector.show()
        _settle(app)
        projector.grab().save(str(out / f"projector-{language}{suffix}.png"))
        projector.close()
        window.close()
        runner.wait_for_done()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
