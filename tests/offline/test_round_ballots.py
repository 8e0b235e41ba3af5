"""Ballots and scoring sheets and rounds (design §10): a ballot or a sheet names its round; one
written before rounds belongs to the first round; a ballot for a closed round is refused whole."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from selection_desk.domain import Outcome, Round, RoundKind
from selection_desk.formats.ballot import BallotReview, BallotScore, parse_ballot
from selection_desk.services.decisions import record_decision
from selection_desk.services.juror_sheets import import_juror_sheet, write_juror_sheets
from selection_desk.services.merge import MergeOutcome
from selection_desk.services.rounds import add_round, close_round
from selection_desk.storage.store import CampaignStore
from tests.offline.flows import export, issue_kit, merge, score_in_kit, signed_ballot, state

TEAM_3 = (BallotReview("D02", "draft", "", None, 1, "", (BallotScore("TEAM", 3.0, "", 1, ""),)),)


def test_a_ballot_carries_its_rounds_uid_under_its_signature(
    campaign: Path, tmp_path: Path
) -> None:
    kit = issue_kit(campaign, "J2", tmp_path / "kit.seldesk")
    score_in_kit(kit, "J2", [("D02", "TEAM", 4.0)])
    ballot = export(kit, tmp_path / "b.json").path
    with CampaignStore.open(campaign, readonly=True) as store:
        first_round = store.rounds()[0]
    assert parse_ballot(ballot.read_bytes()).ballot.round_uid == first_round.uid
    moved = tmp_path / "moved.json"
    moved.write_bytes(ballot.read_bytes().replace(first_round.uid.encode(), b"x" * 10))
    (report,) = merge(campaign, moved)
    assert report.outcome is MergeOutcome.REFUSED and report.reason is not None
    assert report.reason.code == "ballot_altered"


def test_a_ballot_written_before_rounds_belongs_to_the_first_round(
    campaign: Path, tmp_path: Path
) -> None:
    kit = issue_kit(campaign, "J2", tmp_path / "kit.seldesk")
    old = signed_ballot(kit, tmp_path / "old.json", TEAM_3, round_uid="")
    assert b"round_uid" not in old.read_bytes()
    (report,) = merge(campaign, old)
    assert report.outcome is MergeOutcome.ACCEPTED
    with CampaignStore.open(campaign, readonly=True) as store:
        assert [(s.dossier, s.criterion, s.value) for s in store.scores("J2")] == [
            ("D02", "TEAM", 3.0)
        ]


def test_a_ballot_of_a_closed_round_or_of_no_round_here_is_refused_whole(
    campaign: Path, tmp_path: Path
) -> None:
    kit = issue_kit(campaign, "J2", tmp_path / "kit.seldesk")
    with CampaignStore.open(campaign) as store:
        add_round(store, Round("R2", "Audition", kind=RoundKind.HEARING), criteria_from="R1")
    merge(campaign, signed_ballot(kit, tmp_path / "first.json", TEAM_3))
    with CampaignStore.open(campaign) as store:
        for dossier in store.dossiers():  # every departure from the ranking has its reason
            record_decision(
                store, dossier.ref, Outcome.SELECTED, rationale="audition", allow_over_places=True
            )
        close_round(store, "R1")
    before = state(campaign)
    late = signed_ballot(kit, tmp_path / "late.json", TEAM_3[:0], round_uid=None)
    old = signed_ballot(kit, tmp_path / "old.json", TEAM_3, round_uid="")
    elsewhere = signed_ballot(kit, tmp_path / "elsewhere.json", TEAM_3, round_uid="f" * 32)
    reports = merge(campaign, late, old, elsewhere)
    assert [r.outcome for r in reports] == [MergeOutcome.REFUSED] * 3
    assert [r.reason.code for r in reports if r.reason] == [
        "ballot_round_closed",
        "ballot_round_closed",
        "ballot_other_round",
    ]
    assert state(campaign) == before


def test_a_scoring_sheet_goes_to_its_own_round_even_when_another_is_current(
    campaign: Path, tmp_path: Path
) -> None:
    """Round R2 copies R1's criteria unchanged: only the sheet's round keeps an R1 sheet out of
    R2 (the criteria's fingerprint alone would let it in)."""
    with CampaignStore.open(campaign) as store:
        add_round(store, Round("R2", "Audition", kind=RoundKind.HEARING), criteria_from="R1")
        (path,) = [
            p for p in write_juror_sheets(store, tmp_path, language="en") if p.stem.endswith("J2")
        ]
    workbook = openpyxl.load_workbook(path)
    workbook.worksheets[0].cell(row=6, column=3).value = 4.5  # D01, TEAM
    workbook.save(path)
    with CampaignStore.open(campaign) as store:
        store.use_round("R2")
        import_juror_sheet(store, path)
        store.use_round("R2")
        assert store.scores("J2") == ()
        store.use_round("R1")
        assert store.score_value("J2", "D01", "TEAM") is not None
        assert store.score_value("J2", "D01", "TEAM").value == 4.5  # type: ignore[union-attr]
