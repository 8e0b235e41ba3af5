"""A juror kit takes its juror's scores only: every set-up command is refused by the database
itself, whatever asks, and leaves the kit as it was (`conflict … --yes` deleted a PIN-protected
kit's scores without the PIN)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.formats.file_digest import file_sha256
from selection_desk.services.jurors import set_juror_pin
from selection_desk.storage.store import CampaignStore
from tests.offline.flows import issue_kit, score_in_kit
from tests.raw_sqlite import raw_connection

REFUSAL = "is a juror kit: it takes its juror's scores only."


@pytest.fixture
def kit(campaign: Path, tmp_path: Path) -> Path:
    with CampaignStore.open(campaign) as store:
        set_juror_pin(store, "J2", "4821")
    path = issue_kit(campaign, "J2", tmp_path / "kit.seldesk")
    score_in_kit(path, "J2", [("D02", "TEAM", 4.0), ("D02", "MARKET", 3.0)])
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["conflict", "{kit}", "J2", "D02", "--reason", "x", "--yes"],
        ["assign", "{kit}", "--per-dossier", "1", "--yes"],
        ["decide", "{kit}", "D02", "selected", "--rationale", "x"],
    ],
    ids=["conflict", "assign", "decide"],
)
def test_set_up_commands_are_refused_in_a_kit(
    kit: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with CampaignStore.open(kit, readonly=True) as store:
        before = store.campaign_data()
    code = main(["--lang", "en", *(part.format(kit=kit) for part in command)])
    err = capsys.readouterr().err
    assert code == 1
    assert REFUSAL in err, err
    with CampaignStore.open(kit, readonly=True) as store:
        assert store.campaign_data() == before


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO conflict (juror_id, dossier_id) SELECT j.id, d.id FROM juror j, dossier d",
        "DELETE FROM dossier",
        "UPDATE criterion SET weight = 100",
        "INSERT INTO decision (dossier_id, outcome, decided_at) SELECT id, 'selected', '' "
        "FROM dossier",
        "UPDATE juror SET role = 'secretary'",
        "UPDATE campaign SET kind = 'campaign'",
        "INSERT INTO assignment (juror_id, dossier_id) SELECT j.id, d.id FROM juror j, dossier d",
        "DELETE FROM attachment",
    ],
)
def test_the_database_itself_refuses_set_up_changes_in_a_kit(kit: Path, statement: str) -> None:
    before = file_sha256(kit)
    with raw_connection(kit) as connection, pytest.raises(sqlite3.IntegrityError) as refused:
        connection.execute(statement)
    assert "a juror kit takes its juror's scores only" in str(refused.value)
    assert file_sha256(kit) == before


def test_the_campaign_file_itself_is_not_guarded(campaign: Path) -> None:
    with raw_connection(campaign) as connection:
        connection.execute("UPDATE criterion SET weight = 3 WHERE code = 'MARKET'")
