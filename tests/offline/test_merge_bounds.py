"""Ballots with numbers at the edge, signed with the juror's own kit key: each is refused alone,
the other ballots of the batch merge, and a forged revision cannot lock the juror out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.formats.ballot import Ballot, BallotReview, parse_ballot, sign_ballot
from selection_desk.services.ballots import current_reviews
from selection_desk.services.kits import open_kit, signing_key
from selection_desk.services.merge import MergeOutcome
from selection_desk.storage import kits as kit_rows
from selection_desk.storage.kits import MAX_KIT_REVISION
from tests.offline.flows import export, issue_kit, merge, score_in_kit

J2_WORK = [("D02", "TEAM", 4.5, "solide"), ("D02", "MARKET", 3.0)]
J3_WORK = [("D02", "TEAM", 2.0)]


def forged(kit: Path, out: Path, revision: int, *, score_revision: int | None = None) -> Path:
    """A ballot of the kit's own work, signed with the kit's own key, with numbers set by hand
    (what someone holding the kit could make outside the app)."""
    with open_kit(kit) as store:
        identity = kit_rows.read_kit_identity(store)
        assert identity is not None
        reviews: tuple[BallotReview, ...] = current_reviews(store, identity.juror)
        key = signing_key(store)
    if score_revision is not None:
        reviews = tuple(
            replace(r, scores=tuple(s._replace(revision=score_revision) for s in r.scores))
            for r in reviews
        )
    ballot = Ballot(
        identity.campaign_uid, identity.kit_id, identity.juror, revision, "2026-03-01", reviews
    )
    out.write_bytes(sign_ballot(ballot, key).to_bytes())
    return out


@pytest.fixture
def kits(campaign: Path, tmp_path: Path) -> tuple[Path, Path]:
    kit2 = issue_kit(campaign, "J2", tmp_path / "laptop2" / "kit.seldesk")
    kit3 = issue_kit(campaign, "J3", tmp_path / "laptop3" / "kit.seldesk")
    score_in_kit(kit2, "J2", J2_WORK)
    score_in_kit(kit3, "J3", J3_WORK)
    return kit2, kit3


@pytest.mark.parametrize(
    ("revision", "score_revision", "reason"),
    [
        (2**70, None, "not a Selection Desk ballot (ballot.revision is out of range)"),
        (1, 2**70, "not a Selection Desk ballot (reviews[0].scores[0] has a number out of range)"),
        (2**62, None, "out of range"),
        (MAX_KIT_REVISION + 1, None, f"its ballots are numbered 1 to {MAX_KIT_REVISION}"),
        (0, None, f"its ballots are numbered 1 to {MAX_KIT_REVISION}"),
    ],
)
def test_a_bad_ballot_is_refused_alone_and_the_batch_merges(
    campaign: Path,
    kits: tuple[Path, Path],
    tmp_path: Path,
    revision: int,
    score_revision: int | None,
    reason: str,
) -> None:
    kit2, kit3 = kits
    bad = forged(kit2, tmp_path / "bad.json", revision, score_revision=score_revision)
    export(kit3, tmp_path / "j3.json")
    refused, accepted = merge(campaign, bad, tmp_path / "j3.json")
    assert refused.outcome is MergeOutcome.REFUSED
    assert refused.reason is not None and reason in refused.reason.message()
    assert accepted.outcome is MergeOutcome.ACCEPTED and accepted.scores_new == 1
    # The juror's genuine ballot is not locked out by the forged one.
    export(kit2, tmp_path / "j2.json")
    [genuine] = merge(campaign, tmp_path / "j2.json")
    assert genuine.outcome is MergeOutcome.ACCEPTED and genuine.revision == 1


def test_the_highest_revision_a_kit_can_produce_is_accepted(
    campaign: Path, kits: tuple[Path, Path], tmp_path: Path
) -> None:
    kit2, _kit3 = kits
    [report] = merge(campaign, forged(kit2, tmp_path / "last.json", MAX_KIT_REVISION))
    assert report.outcome is MergeOutcome.ACCEPTED
    assert parse_ballot((tmp_path / "last.json").read_bytes()).ballot.revision == MAX_KIT_REVISION
