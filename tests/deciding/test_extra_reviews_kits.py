"""``assign --extra K --uncertain`` names the kits to re-issue: those of the jurors given new pairs
who already hold a kit; a kit made again for such a juror holds the new dossiers."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.domain import Assignment, Juror
from selection_desk.services.kits import make_kit
from selection_desk.storage.kits import kit_dossier_refs
from selection_desk.storage.store import CampaignStore
from tests.deciding.campaigns import scores_data
from tests.deciding.test_expertise_cli import UNCERTAIN_SCORES, run
from tests.factories import make_campaign_file


def campaign_with_kits(tmp_path: Path) -> Path:
    """The uncertain campaign, two idle jurors J4 and J5; J1 and J4 already hold a kit."""
    data = scores_data(UNCERTAIN_SCORES, places=2)
    data = replace(
        data,
        jurors=(*data.jurors, Juror("J4", "Juré J4"), Juror("J5", "Juré J5")),
        assignments=(
            *(Assignment(j, d) for j, row in UNCERTAIN_SCORES.items() for d in row),
            Assignment("J4", "A"),
        ),
    )
    file = make_campaign_file(tmp_path / "c.seldesk", data)
    with CampaignStore.open(file) as store:
        for juror in ("J1", "J4"):
            make_kit(store, juror, tmp_path / f"{juror}-old.seldesk")
    return file


def test_the_report_names_the_kits_to_reissue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = campaign_with_kits(tmp_path)
    code, out, err = run(capsys, "assign", str(file), "--extra", "1", "--uncertain", "--json")
    assert code == 0, err
    report = json.loads(out)
    new_jurors = {juror for juror, _dossier in report["pairs"]}
    assert new_jurors and new_jurors <= {"J4", "J5"}
    assert "J4" in new_jurors  # deterministic: J4 → B, J5 → C
    assert report["kits_to_reissue"] == ["J4"]
    with CampaignStore.open(file) as store:
        make_kit(store, "J4", tmp_path / "J4-new.seldesk")
    with CampaignStore.open(tmp_path / "J4-new.seldesk", readonly=True) as kit:
        held = set(kit_dossier_refs(kit, "J4"))
    assert {d for j, d in report["pairs"] if j == "J4"} <= held


def test_the_text_report_says_which_kits_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = campaign_with_kits(tmp_path)
    code, out, err = run(capsys, "assign", str(file), "--extra", "2", "--uncertain")
    assert code == 0, err
    assert "re-issue the kits of J4" in out
    assert "the other kits stay valid" in out
