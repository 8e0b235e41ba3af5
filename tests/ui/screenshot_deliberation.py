"""Screenshots of the Deliberation page and its projector view, at 1366×768, in French and English.

    .venv/bin/python -m tests.ui.screenshot_deliberation OUTDIR [--dark]

Builds the demo campaign in a temporary folder, records a few decisions, and writes
``deliberation-<lang>.png``, ``deliberation-discussion-<lang>.png`` and ``projector-<lang>.png``.
Not collected by pytest.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.ui.screenshots import application, campaign_window, demo_campaign, scratch_folder, settle

DARK_COLOURS = {
    "Window": "#2b2b2b",
    "WindowText": "#e6e6e6",
    "Base": "#1e1e1e",
    "AlternateBase": "#2f2f2f",
    "Text": "#e6e6e6",
    "Button": "#3a3a3a",
    "ButtonText": "#e6e6e6",
    "Highlight": "#3d7bd9",
    "HighlightedText": "#ffffff",
}
"""This page's dark shots were taken with these colours (a shade off the shared ones)."""


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
    folder = scratch_folder()
    path = demo_campaign(folder / "demo.seldesk")
    record_sample_decisions(path)
    application(dark=DARK_COLOURS if dark else None)
    suffix = "-dark" if dark else ""
    for language in ("fr", "en"):
        settings = folder / f"settings-{language}.ini"
        with campaign_window(path, settings, language=language, phase="deliberation") as window:
            page = window.deliberation_page
            page.toggle_stability()
            page.select_dossier(page.model.item(3).ref)
            page.choose_outcome(page.outcome_buttons.__iter__().__next__())
            page.rationale.setPlainText("Dossier discuté : écart important entre les jurés.")
            page.vote_box.setChecked(True)
            page.vote_spins["for"].setValue(4)
            page.vote_spins["against"].setValue(1)
            settle()
            window.grab().save(str(out / f"deliberation-{language}{suffix}.png"))
            page.order.setCurrentIndex(1)
            page.anonymous.setChecked(False)
            settle()
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
            settle()
            projector.grab().save(str(out / f"projector-{language}{suffix}.png"))
            projector.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
