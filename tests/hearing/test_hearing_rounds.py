"""The pitch day of a campaign in rounds: the hearing round's roster, chosen with ``--round``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.domain import Round, RoundKind
from selection_desk.services.ranking import rank_campaign
from selection_desk.services.rounds import add_round, close_round
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file


@pytest.fixture
def shortlisted(tmp_path: Path) -> tuple[Path, list[str]]:
    """Six dossiers in R1 (2 places), closed: R2, a hearing, has the first two."""
    path = make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(dossiers=6, jurors=3))
    with CampaignStore.open(path) as store:
        add_round(
            store, Round("R2", "Audition", kind=RoundKind.HEARING, places=1), criteria_from="R1"
        )
        first_two = [entry.ref for entry in rank_campaign(store).entries][:2]
        close_round(store)
    return path, first_two


def _teams(capsys: pytest.CaptureFixture[str], path: Path, *round_option: str) -> list[str]:
    assert main(["--lang", "en", "hearing", str(path), "show", "--json", *round_option]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    return [item["dossier"] for item in items if item["kind"] == "slot"]


def test_the_hearing_round_plans_its_shortlist_only(
    shortlisted: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, first_two = shortlisted
    command = ["--lang", "en", "hearing", str(path), "plan", "--start", "09:00", "--pitch", "10"]
    assert main([*command, "--questions", "5", "--round", "R2"]) == 0
    capsys.readouterr()
    assert sorted(_teams(capsys, path, "--round", "R2")) == sorted(first_two)
    assert sorted(_teams(capsys, path)) == sorted(first_two)  # R2 is the open round


def test_the_schedule_of_the_hearing_round_names_its_teams_only(
    shortlisted: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, first_two = shortlisted
    command = ["--lang", "en", "hearing", str(path), "plan", "--start", "09:00", "--pitch", "10"]
    assert main([*command, "--questions", "5"]) == 0
    out = tmp_path / "out"
    schedule = ["--lang", "en", "hearing", str(path), "schedule", "--out", str(out)]
    assert main([*schedule, "--for", "jurors", "--round", "R2"]) == 0
    from openpyxl import load_workbook

    (xlsx,) = out.glob("*.xlsx")
    cells = {str(c.value) for row in load_workbook(xlsx).active.iter_rows() for c in row}
    with CampaignStore.open(path, readonly=True) as store:
        store.use_round("R1")
        stopped = {d.ref for d in store.dossiers()} - set(first_two)
    assert set(first_two) <= cells and not (stopped & cells)
