"""One conflict-of-interest rule, one message, whatever the path: scoring, assignments, decisions,
kits and the merge of a ballot (``domain.conflict_of_interest``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from selection_desk.domain.conflict_of_interest import CONFLICT_OF_INTEREST
from selection_desk.errors import InvalidInput, render_message
from selection_desk.services.assignments import set_assignment
from selection_desk.services.conflicts import declare_conflict
from selection_desk.services.decisions import Votes, record_decision
from selection_desk.services.kits import open_kit
from selection_desk.services.merge import MergeOutcome
from selection_desk.services.scoring import record_score
from selection_desk.storage.store import CampaignStore
from tests.offline.flows import export, issue_kit, merge, score_in_kit


def conflict_message(juror: str, dossier: str) -> str:
    return render_message(CONFLICT_OF_INTEREST, {"juror": juror, "dossier": dossier})


def test_scoring_and_assigning_a_conflicted_pair_say_the_same(campaign: Path) -> None:
    """The factory campaign: J1 declared a conflict with D01."""
    with CampaignStore.open(campaign) as store:
        with pytest.raises(InvalidInput) as scored:
            record_score(store, "J1", "D01", "TEAM", 3.0)
        with pytest.raises(InvalidInput) as assigned:
            set_assignment(store, "J1", "D01", True)
    expected = "Juror “J1” declared a conflict of interest with dossier “D01” and may not score it."
    assert conflict_message("J1", "D01") == expected
    for refused in (scored.value, assigned.value):
        assert (refused.code, refused.message()) == (CONFLICT_OF_INTEREST, expected)


def test_a_conflicted_juror_is_recused_from_the_vote(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        change = record_decision(store, "D01", "selected", votes=Votes(votes_for=2))
        other = record_decision(store, "D02", "selected", votes=Votes(votes_for=3))
    assert change.quorum is not None and change.quorum.recused == ("J1",)
    assert "J1" not in change.quorum.voters
    assert other.quorum is not None and other.quorum.recused == ()


def test_a_kit_never_holds_the_conflicted_dossier(campaign: Path, tmp_path: Path) -> None:
    kit = issue_kit(campaign, "J1", tmp_path / "laptop1" / "kit.seldesk")
    with open_kit(kit) as store:
        refs = {dossier.ref for dossier in store.dossiers()}
    assert "D01" not in refs and "D02" in refs


def test_a_ballot_scoring_a_dossier_conflicted_since_the_kit_says_the_same(
    campaign: Path, tmp_path: Path
) -> None:
    kit = issue_kit(campaign, "J2", tmp_path / "laptop2" / "kit.seldesk")
    score_in_kit(kit, "J2", [("D03", "TEAM", 2.0)])
    export(kit, tmp_path / "ballot.json")
    with CampaignStore.open(campaign) as store:
        declare_conflict(store, "J2", "D03", "discovered after the kit")
    [report] = merge(campaign, tmp_path / "ballot.json")
    assert report.outcome is MergeOutcome.REFUSED and report.reason is not None
    assert report.reason.code == CONFLICT_OF_INTEREST
    assert report.reason.message() == conflict_message("J2", "D03")
