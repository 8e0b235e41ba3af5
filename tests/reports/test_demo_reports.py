"""``selection-desk demo --out DIR`` writes the workbook, the minutes and the letters."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from selection_desk.demo import build_demo
from tests.reports.pdf_text import joined


def test_the_demo_writes_every_report(tmp_path: Path) -> None:
    result = build_demo(None, tmp_path / "out")
    names = sorted(path.relative_to(tmp_path / "out").as_posix() for path in result.outputs)
    assert names[:3] == ["campaign.xlsx", "letters/N26-001.pdf", "letters/N26-002.pdf"]
    assert len([name for name in names if name.startswith("letters/")]) == 12
    assert {"minutes.pdf", "ranking.json"} <= set(names)
    workbook = openpyxl.load_workbook(tmp_path / "out" / "campaign.xlsx")
    assert workbook.active.title == "Classement" and "Contrôle" in workbook.sheetnames
    minutes = joined(tmp_path / "out" / "minutes.pdf")
    assert "Procès-verbal du comité de sélection" in minutes
    assert "Facturo" in minutes and "Claire Fontaine" in minutes


def test_the_demo_minutes_and_letters_are_those_of_a_meeting_held(tmp_path: Path) -> None:
    from selection_desk.domain import Outcome
    from selection_desk.storage.store import CampaignStore

    result = build_demo(None, tmp_path / "out")
    with CampaignStore.open(result.campaign_file, readonly=True) as store:
        decisions = store.decisions()
        president = next(j.name for j in store.jurors() if j.role.value == "president")
    outcomes = [d.outcome for d in decisions]
    assert len(decisions) == 12
    assert outcomes.count(Outcome.SELECTED) == 4
    assert outcomes.count(Outcome.WAITING_LIST) == 2
    assert outcomes.count(Outcome.REJECTED) == 6
    assert all(d.rationale and d.votes_for is not None for d in decisions)
    assert {d.decided_by for d in decisions} == {president}
    minutes = joined(tmp_path / "out" / "minutes.pdf")
    assert "Aucune décision" not in minutes
    assert minutes.count("Quorum atteint") == 12
    assert "liste d’attente" in minutes
    letters = {path.stem: joined(path) for path in result.outputs if path.parent.name == "letters"}
    selected = next(d.dossier for d in decisions if d.outcome is Outcome.SELECTED)
    assert "le comité a retenu votre candidature" in letters[selected]
    assert not any("pas encore" in text for text in letters.values())
