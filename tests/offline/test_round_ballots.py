"""Ballots and rounds (design §10): a ballot names its kit's round; one written before rounds
belongs to the first round; a ballot for a closed round is refused whole."""

from __future__ import annotations

from pathlib import Path

from selection_desk.domain import Outcome, Round, RoundKind
from selection_desk.formats.ballot import BallotReview, BallotScore, parse_ballot
from selection_desk.services.decisions import record_decision
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
