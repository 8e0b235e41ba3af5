"""A kit shows nothing of the kits before it (design §10: kits leak nothing, not even the existence
of another round's scores): every kit numbers its ballots from 1, and the merge still orders a
juror's ballots soundly — a newer kit wins, a replay or a replaced kit's late ballot is refused."""

from __future__ import annotations

from pathlib import Path

from selection_desk.domain import Outcome, Round, RoundKind
from selection_desk.formats.ballot import parse_ballot
from selection_desk.services.decisions import record_decision
from selection_desk.services.kits import open_kit
from selection_desk.services.merge import MergeOutcome
from selection_desk.services.rounds import add_round, close_round
from selection_desk.storage import kits as kit_rows
from selection_desk.storage.store import CampaignStore
from tests.offline.flows import copy, export, issue_kit, merge, score_in_kit

J2_WORK = [("D02", "TEAM", 4.5), ("D02", "MARKET", 3.0)]


def _earlier_kits_and_ballots(campaign: Path, folder: Path) -> None:
    """J2 gets two kits and sends three ballots, all merged."""
    first = issue_kit(campaign, "J2", folder / "first" / "kit.seldesk")
    for value in (1.0, 2.0):
        score_in_kit(first, "J2", [("D04", "MARKET", value)])
        merge(campaign, export(first, folder / f"first-{value}.json").path)
    second = issue_kit(campaign, "J2", folder / "second" / "kit.seldesk")
    score_in_kit(second, "J2", [("D04", "MARKET", 3.0)])
    merge(campaign, export(second, folder / "second.json").path)


def _first_ballot(campaign: Path, folder: Path) -> tuple[int, int]:
    """(the new kit's counter as the kit holds it, the revision of its first ballot)."""
    kit = issue_kit(campaign, "J2", folder / "new" / "kit.seldesk")
    with open_kit(kit) as store:
        identity = kit_rows.read_kit_identity(store)
        assert identity is not None
    score_in_kit(kit, "J2", J2_WORK)
    ballot = export(kit, folder / "new.json").path
    return identity.ballot_revision, parse_ballot(ballot.read_bytes()).ballot.revision


def test_a_new_kit_numbers_its_ballots_as_if_no_kit_came_before(
    campaign: Path, tmp_path: Path
) -> None:
    fresh = copy(campaign, tmp_path / "fresh" / "campaign.seldesk")
    used = copy(campaign, tmp_path / "used" / "campaign.seldesk")
    _earlier_kits_and_ballots(used, tmp_path / "used")
    assert _first_ballot(used, tmp_path / "used") == _first_ballot(fresh, tmp_path / "fresh")
    assert _first_ballot(fresh, tmp_path / "again") == (0, 1)


def _into_round_2(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        add_round(store, Round("R2", "Audition", kind=RoundKind.HEARING), criteria_from="R1")
        for dossier in store.dossiers():
            record_decision(
                store, dossier.ref, Outcome.SELECTED, rationale="audition", allow_over_places=True
            )
        close_round(store, "R1")


def test_a_round_2_kit_shows_no_round_1_kit_nor_ballot(campaign: Path, tmp_path: Path) -> None:
    fresh = copy(campaign, tmp_path / "fresh" / "campaign.seldesk")
    used = copy(campaign, tmp_path / "used" / "campaign.seldesk")
    _earlier_kits_and_ballots(used, tmp_path / "used")
    for file in (fresh, used):
        _into_round_2(file)
    assert _first_ballot(used, tmp_path / "used") == _first_ballot(fresh, tmp_path / "fresh")
    [report] = merge(used, tmp_path / "used" / "new.json")
    assert report.outcome is MergeOutcome.ACCEPTED and report.revision == 1


def test_the_new_kits_ballots_win_and_the_old_kits_cannot_come_back(
    campaign: Path, tmp_path: Path
) -> None:
    """The old kit's merged revisions are higher than the new kit's first ones: the new kit is
    newer all the same, and each kit's replays stay refused."""
    old = issue_kit(campaign, "J2", tmp_path / "old" / "kit.seldesk")
    for value in (1.0, 2.0, 3.0):
        score_in_kit(old, "J2", [("D04", "MARKET", value)])
        export(old, tmp_path / f"old-{value}.json")
    merge(campaign, tmp_path / "old-2.0.json")
    late = tmp_path / "old-3.0.json"  # revision 3, never merged
    new = issue_kit(campaign, "J2", tmp_path / "new" / "kit.seldesk")
    score_in_kit(new, "J2", [("D04", "MARKET", 5.0)])
    one = export(new, tmp_path / "new-1.json").path
    score_in_kit(new, "J2", [("D04", "MARKET", 4.0)])
    two = export(new, tmp_path / "new-2.json").path
    reports = merge(campaign, late, two, one, tmp_path / "old-1.0.json", tmp_path / "old-2.0.json")
    outcomes = [(r.outcome, r.reason.code if r.reason else None) for r in reports]
    assert outcomes == [
        (MergeOutcome.REFUSED, "ballot_replaced_kit"),
        (MergeOutcome.ACCEPTED, None),
        (MergeOutcome.REFUSED, "ballot_replay"),
        (MergeOutcome.REFUSED, "ballot_replaced_kit"),
        (MergeOutcome.UNCHANGED, None),
    ]
    with CampaignStore.open(campaign, readonly=True) as store:
        assert [s.value for s in store.scores("J2") if s.dossier == "D04"] == [4.0]


def test_a_kit_issued_when_kits_counted_on_from_the_earlier_ones_still_merges(
    campaign: Path, tmp_path: Path
) -> None:
    """Before kits numbered their own ballots, a juror's second kit started a million higher:
    such a kit, still on a juror's laptop, keeps merging; a kit issued after it replaces it."""
    legacy = issue_kit(campaign, "J2", tmp_path / "legacy" / "kit.seldesk")
    for file in (campaign, legacy):
        with CampaignStore.open(file) as store, store.transaction():
            store.db.execute("UPDATE kit_issue SET first_revision = 1000000")
            store.db.execute("UPDATE kit_identity SET ballot_revision = 1000000")
    score_in_kit(legacy, "J2", [("D04", "MARKET", 1.0)])
    [accepted] = merge(campaign, export(legacy, tmp_path / "legacy.json").path)
    assert accepted.outcome is MergeOutcome.ACCEPTED and accepted.revision == 1_000_001
    score_in_kit(legacy, "J2", [("D04", "MARKET", 2.0)])
    late = export(legacy, tmp_path / "late.json").path
    new = issue_kit(campaign, "J2", tmp_path / "new" / "kit.seldesk")
    score_in_kit(new, "J2", [("D04", "MARKET", 5.0)])
    accepted, refused = merge(campaign, export(new, tmp_path / "new.json").path, late)
    assert (accepted.outcome, accepted.revision) == (MergeOutcome.ACCEPTED, 1)
    assert refused.reason is not None and refused.reason.code == "ballot_replaced_kit"
