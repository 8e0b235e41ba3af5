"""Merging ballots: what is accepted, what changes nothing, and every reason to refuse."""

from __future__ import annotations

import gc
import json
from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.domain import Assignment, Conflict, Criterion
from selection_desk.errors import InvalidInput
from selection_desk.formats import ballot as ballot_format
from selection_desk.formats.ballot import BallotFormatError
from selection_desk.services.kits import open_kit
from selection_desk.services.merge import MergeOutcome, merge_ballots
from selection_desk.services.scoring import set_review_comment, set_review_feedback
from selection_desk.storage import kits as kit_rows
from selection_desk.storage.store import CampaignStore
from tests.offline.flows import copy, export, full_state, issue_kit, merge, score_in_kit, state

PASSPHRASE = "correct horse battery"
J2_WORK = [("D02", "TEAM", 4.5, "solide"), ("D02", "MARKET", 3.0), ("D03", "TEAM", 2.0)]


@pytest.fixture
def kit2(campaign: Path, tmp_path: Path) -> Path:
    return issue_kit(campaign, "J2", tmp_path / "laptop2" / "kit.seldesk")


def reason(report) -> str:  # type: ignore[no-untyped-def]
    assert report.outcome is MergeOutcome.REFUSED, report
    return report.reason.message()


def test_accepted_then_unchanged(campaign: Path, kit2: Path, tmp_path: Path) -> None:
    score_in_kit(kit2, "J2", J2_WORK, final=["D02"])
    ballot = tmp_path / "b1.json"
    assert export(kit2, ballot).revision == 1
    [report] = merge(campaign, ballot)
    assert report.outcome is MergeOutcome.ACCEPTED
    # J2 had scored D02/TEAM 4.0 in the campaign before the kit was made: 4.5 changes it.
    assert (report.scores_new, report.scores_changed, report.scores_removed) == (2, 1, 0)
    assert "accepted, revision 1 of juror J2" in report.message()
    with CampaignStore.open(campaign, readonly=True) as store:
        assert store.score_value("J2", "D02", "TEAM").value == 4.5  # type: ignore[union-attr]
        assert store.review("J2", "D02").status.value == "final"  # type: ignore[union-attr]
        entry = next(e for e in store.audit_entries() if e.action == "merge_ballot")
        assert json.loads(entry.after or "")["hash"] == report.hash
    before = full_state(campaign)
    [again] = merge(campaign, ballot)
    assert again.outcome is MergeOutcome.UNCHANGED and "already merged" in again.message()
    assert full_state(campaign) == before


def test_an_export_without_new_work_is_the_same_ballot(kit2: Path, tmp_path: Path) -> None:
    score_in_kit(kit2, "J2", J2_WORK)
    first = export(kit2, tmp_path / "a.json")
    second = export(kit2, tmp_path / "b.json")
    assert (first.revision, second.revision, second.new_revision) == (1, 1, False)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    score_in_kit(kit2, "J2", [("D04", "TEAM", 1.0)])
    third = export(kit2, tmp_path / "c.json")
    assert third.revision == 2 and third.scores == 4


def test_newer_replaces_older_and_a_replay_is_refused(
    campaign: Path, kit2: Path, tmp_path: Path
) -> None:
    score_in_kit(kit2, "J2", J2_WORK)
    export(kit2, tmp_path / "r1.json")
    score_in_kit(kit2, "J2", [("D02", "TEAM", 1.0)])
    export(kit2, tmp_path / "r2.json")
    [report] = merge(campaign, tmp_path / "r2.json")
    assert report.outcome is MergeOutcome.ACCEPTED and report.revision == 2
    before = full_state(campaign)
    [replay] = merge(campaign, tmp_path / "r1.json")
    assert "older than revision 2" in reason(replay)
    assert full_state(campaign) == before
    with CampaignStore.open(campaign, readonly=True) as store:
        assert store.score_value("J2", "D02", "TEAM").value == 1.0  # type: ignore[union-attr]


def test_an_older_ballot_already_merged_is_unchanged_one_never_merged_a_replay(
    campaign: Path, kit2: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from selection_desk.cli import main

    for revision, entries in enumerate(
        [J2_WORK, [("D02", "TEAM", 1.0)], [("D03", "TEAM", 0.5)]], start=1
    ):
        score_in_kit(kit2, "J2", entries)
        export(kit2, tmp_path / f"r{revision}.json")
    r1, r2, r3 = (tmp_path / f"r{n}.json" for n in (1, 2, 3))
    assert [r.outcome for r in merge(campaign, r1, r3)] == [MergeOutcome.ACCEPTED] * 2
    before = full_state(campaign)
    unchanged, replay = merge(campaign, r1, r2)
    assert unchanged.outcome is MergeOutcome.UNCHANGED
    assert unchanged.message() == "r1.json: unchanged (revision 1 of juror J2 was already merged)."
    assert "r2.json: refused." in replay.message() and "older than revision 3" in replay.message()
    assert full_state(campaign) == before
    # The command: an older ballot already merged is no failure.
    assert main(["--lang", "en", "merge", str(campaign), str(r1), str(r3)]) == 0
    assert capsys.readouterr().out.count("unchanged") == 2
    assert main(["--lang", "en", "merge", str(campaign), str(r1), str(r2)]) == 1
    assert full_state(campaign) == before


def test_the_audit_says_what_each_ballot_changed(
    campaign: Path, kit2: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selection_desk.services import merge as merge_service

    score_in_kit(kit2, "J2", J2_WORK, final=["D02"])
    export(kit2, tmp_path / "r1.json")
    [first] = merge(campaign, tmp_path / "r1.json")
    with CampaignStore.open(kit2) as kit, kit.transaction():
        d02 = kit.dossier_id("D02")
        kit.db.execute(
            "DELETE FROM score WHERE dossier_id = ? AND criterion_id = ?",
            [d02, kit.criterion_id("MARKET")],
        )
        kit.db.execute("UPDATE review SET status = 'draft' WHERE dossier_id = ?", [d02])
    score_in_kit(kit2, "J2", [("D03", "TEAM", 3.5, "revu")])
    export(kit2, tmp_path / "r2.json")
    monkeypatch.setattr(merge_service, "MAX_AUDITED_CHANGES", 2)
    [second] = merge(campaign, tmp_path / "r2.json")
    assert second.outcome is MergeOutcome.ACCEPTED, second.message()
    with CampaignStore.open(campaign, readonly=True) as store:
        entries = [
            json.loads(e.after or "") for e in store.audit_entries() if e.action == "merge_ballot"
        ]
    assert [e["hash"] for e in entries] == [first.hash, second.hash]
    # J2 had scored D02/TEAM 4.0 in the campaign before: the first ballot changes it to 4.5.
    assert entries[0]["changes"] == [
        {"dossier": "D02", "criterion": "TEAM", "before": 4.0, "after": 4.5,
         "comment_changed": True},
        {"dossier": "D02", "criterion": "MARKET", "before": None, "after": 3.0},
        {"dossier": "D02", "status": ["draft", "final"]},
        {"dossier": "D03", "criterion": "TEAM", "before": None, "after": 2.0},
        {"dossier": "D03", "status": [None, "draft"]},
    ]  # fmt: skip
    assert entries[0]["changes_left_out"] == 0
    # Bounded: two listed (D02/MARKET removed, D02 back to draft), the third counted.
    assert entries[1]["changes"] == [
        {"dossier": "D02", "criterion": "MARKET", "before": 3.0, "after": None},
        {"dossier": "D02", "status": ["final", "draft"]},
    ]
    assert entries[1]["changes_left_out"] == 1  # D03/TEAM, 2.0 → 3.5
    assert "revu" not in json.dumps(entries)  # comment texts stay out of the audit


def test_older_first_then_newer_ends_the_same(campaign: Path, kit2: Path, tmp_path: Path) -> None:
    score_in_kit(kit2, "J2", J2_WORK)
    export(kit2, tmp_path / "r1.json")
    score_in_kit(kit2, "J2", [("D02", "TEAM", 1.0)])
    export(kit2, tmp_path / "r2.json")
    other = copy(campaign, tmp_path / "other" / "campaign.seldesk")
    reports = merge(campaign, tmp_path / "r1.json", tmp_path / "r2.json")
    assert [r.outcome for r in reports] == [MergeOutcome.ACCEPTED] * 2
    merge(other, tmp_path / "r2.json")
    assert state(campaign) == state(other)


def test_a_cleared_score_is_cleared_in_the_campaign(
    campaign: Path, kit2: Path, tmp_path: Path
) -> None:
    score_in_kit(kit2, "J2", J2_WORK)
    export(kit2, tmp_path / "r1.json")
    merge(campaign, tmp_path / "r1.json")
    with CampaignStore.open(kit2) as kit, kit.transaction():
        kit.db.execute("DELETE FROM score WHERE criterion_id = ?", [kit.criterion_id("MARKET")])
    export(kit2, tmp_path / "r2.json")
    [report] = merge(campaign, tmp_path / "r2.json")
    assert report.scores_removed == 1
    with CampaignStore.open(campaign, readonly=True) as store:
        assert store.score_value("J2", "D02", "MARKET") is None
        assert store.db.execute(
            "SELECT scored FROM review WHERE juror_id = ? AND dossier_id = ?",
            [store.juror_id("J2"), store.dossier_id("D02")],
        ).fetchone() == (1,)


def test_merges_that_add_change_and_clear_keep_the_state_digest_exact(
    campaign: Path, kit2: Path, tmp_path: Path
) -> None:
    """The merge folds the digest from the rows it writes and the juror's rows it read, not from
    the table: new, changed and cleared scores and changed reviews all leave it exact."""
    from selection_desk.storage import state_digest
    from selection_desk.storage.check import check_campaign_file

    score_in_kit(kit2, "J2", J2_WORK)
    export(kit2, tmp_path / "r1.json")
    with CampaignStore.open(kit2) as kit, kit.transaction():
        kit.db.execute("DELETE FROM score WHERE criterion_id = ?", [kit.criterion_id("MARKET")])
    score_in_kit(kit2, "J2", [("D02", "TEAM", 1.0, "revu"), ("D04", "TEAM", 2.5)], final=["D03"])
    export(kit2, tmp_path / "r2.json")
    for ballot in ("r1.json", "r2.json"):
        [report] = merge(campaign, tmp_path / ballot)
        assert report.outcome is MergeOutcome.ACCEPTED
        with CampaignStore.open(campaign, readonly=True) as store:
            assert state_digest.stored(store.db) == state_digest.recomputed(store.db)
    assert (report.scores_new, report.scores_changed, report.scores_removed) == (1, 1, 1)
    assert check_campaign_file(campaign).ok


def test_one_kit_on_two_computers_is_a_conflict(campaign: Path, kit2: Path, tmp_path: Path) -> None:
    twin = copy(kit2, tmp_path / "laptop-twin" / "kit.seldesk")
    score_in_kit(kit2, "J2", [("D02", "TEAM", 4.0)])
    score_in_kit(twin, "J2", [("D02", "TEAM", 1.0)])
    export(kit2, tmp_path / "a.json")
    export(twin, tmp_path / "b.json")
    first, second = merge(campaign, tmp_path / "a.json", tmp_path / "b.json")
    assert first.outcome is MergeOutcome.ACCEPTED
    assert "copied to two computers" in reason(second)


def test_any_altered_byte_refuses_the_ballot(campaign: Path, kit2: Path, tmp_path: Path) -> None:
    score_in_kit(kit2, "J2", J2_WORK)
    ballot = tmp_path / "b.json"
    export(kit2, ballot)
    text = ballot.read_text(encoding="utf-8")
    forged = tmp_path / "forged.json"
    forged.write_text(text.replace('"value":4.5', '"value":5.0'), encoding="utf-8")
    spaced = tmp_path / "spaced.json"
    spaced.write_text(text.replace(",", ", ", 1), encoding="utf-8")
    before = full_state(campaign)
    forged_report, spaced_report = merge(campaign, forged, spaced)
    assert "altered after it was signed" in reason(forged_report)
    assert "altered after it was signed" in reason(spaced_report)
    assert full_state(campaign) == before


def test_sealed_ballots(campaign: Path, tmp_path: Path) -> None:
    kit = issue_kit(campaign, "J3", tmp_path / "laptop3" / "kit.seldesk", PASSPHRASE)
    score_in_kit(kit, "J3", [("D01", "TEAM", 3.5)], passphrase=PASSPHRASE)
    ballot = tmp_path / "sealed.ballot"
    result = export(kit, ballot, PASSPHRASE)
    assert result.sealed and b"D01" not in ballot.read_bytes()
    with pytest.raises(InvalidInput) as needs:
        export(kit, tmp_path / "x.ballot")
    assert "protected by a passphrase" in needs.value.message()
    data = bytearray(ballot.read_bytes())
    data[-5] ^= 1
    altered = tmp_path / "altered.ballot"
    altered.write_bytes(bytes(data))
    bad, good = merge(campaign, altered, ballot)
    assert "altered after it was signed" in reason(bad)
    assert good.outcome is MergeOutcome.ACCEPTED and good.scores_new == 1


def test_ballots_of_another_campaign_or_kit_or_juror(campaign: Path, tmp_path: Path) -> None:
    from tests.offline.conftest import make_offline_campaign

    # Another campaign (another uid).
    (tmp_path / "elsewhere").mkdir()
    elsewhere = make_offline_campaign(tmp_path / "elsewhere" / "c.seldesk")
    foreign_kit = issue_kit(elsewhere, "J2", tmp_path / "elsewhere" / "kit.seldesk")
    score_in_kit(foreign_kit, "J2", [("D02", "TEAM", 1.0)])
    export(foreign_kit, tmp_path / "foreign.json")
    # A copy of this campaign file (same uid) that issued its own kits and has a juror J9.
    twin = copy(campaign, tmp_path / "twin" / "campaign.seldesk")
    with CampaignStore.open(twin) as store, store.transaction():
        from selection_desk.domain import Juror

        store.write_jurors([Juror("J9", "Invité")])
    for juror in ("J2", "J9"):
        kit = issue_kit(twin, juror, tmp_path / "twin" / f"kit-{juror}.seldesk")
        score_in_kit(kit, juror, [("D02", "TEAM", 1.0)])
        export(kit, tmp_path / f"twin-{juror}.json")
    before = full_state(campaign)
    reports = merge(
        campaign, tmp_path / "foreign.json", tmp_path / "twin-J2.json", tmp_path / "twin-J9.json"
    )
    assert "another campaign" in reason(reports[0])
    assert "did not issue" in reason(reports[1])
    assert "not on this jury" in reason(reports[2])
    assert full_state(campaign) == before


def test_a_conflict_declared_after_the_kit_refuses_the_ballot(
    campaign: Path, kit2: Path, tmp_path: Path
) -> None:
    score_in_kit(kit2, "J2", J2_WORK)
    export(kit2, tmp_path / "b.json")
    with CampaignStore.open(campaign) as store, store.transaction():
        store.write_conflicts([Conflict("J2", "D03", "conflit découvert")])
    before = full_state(campaign)
    [report] = merge(campaign, tmp_path / "b.json")
    assert "declared a conflict of interest" in reason(report) and "D03" in reason(report)
    assert full_state(campaign) == before


def test_an_unassigned_dossier_refuses_the_ballot(
    campaign: Path, kit2: Path, tmp_path: Path
) -> None:
    score_in_kit(kit2, "J2", J2_WORK)
    export(kit2, tmp_path / "b.json")
    with CampaignStore.open(campaign) as store, store.transaction():
        store.write_assignments([Assignment("J2", "D02"), Assignment("J3", "D03")])
    [report] = merge(campaign, tmp_path / "b.json")
    assert "not assigned to juror J2" in reason(report)


def test_values_off_the_scale_refuse_the_ballot(campaign: Path, kit2: Path, tmp_path: Path) -> None:
    score_in_kit(kit2, "J2", J2_WORK)
    export(kit2, tmp_path / "b.json")
    with CampaignStore.open(campaign) as store, store.transaction():
        team = store.criteria()[0]
        store.write_criteria([replace(team, scale_max=4.0)], {"TEAM": 0})
    before = full_state(campaign)
    [report] = merge(campaign, tmp_path / "b.json")
    assert "not on its scale" in reason(report)
    assert full_state(campaign) == before


def test_a_final_review_missing_a_new_criterion_is_refused(
    campaign: Path, kit2: Path, tmp_path: Path
) -> None:
    score_in_kit(kit2, "J2", J2_WORK, final=["D02"])
    export(kit2, tmp_path / "b.json")
    with CampaignStore.open(campaign) as store, store.transaction():
        store.write_criteria([Criterion("IMPACT", "Impact", 1.0)], {"IMPACT": 2})
    [report] = merge(campaign, tmp_path / "b.json")
    assert "criterion IMPACT has no score" in reason(report)


def test_unreadable_files_are_refused_and_the_rest_merged(
    campaign: Path, kit2: Path, tmp_path: Path
) -> None:
    score_in_kit(kit2, "J2", J2_WORK)
    export(kit2, tmp_path / "b.json")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    missing, text, good = merge(
        campaign, tmp_path / "missing.json", tmp_path / "notes.txt", tmp_path / "b.json"
    )
    assert "cannot be read" in reason(missing)
    assert "not a Selection Desk ballot" in reason(text)
    assert good.outcome is MergeOutcome.ACCEPTED


def test_ballots_merge_into_the_campaign_file_only(kit2: Path, tmp_path: Path) -> None:
    score_in_kit(kit2, "J2", J2_WORK)
    export(kit2, tmp_path / "b.json")
    with CampaignStore.open(kit2) as kit, pytest.raises(InvalidInput) as refused:
        merge_ballots(kit, [tmp_path / "b.json"])
    assert "is a juror kit" in refused.value.message()


def test_a_new_kit_for_the_same_juror_supersedes_the_old_one(
    campaign: Path, kit2: Path, tmp_path: Path
) -> None:
    score_in_kit(kit2, "J2", J2_WORK)
    export(kit2, tmp_path / "old.json")
    merge(campaign, tmp_path / "old.json")
    new_kit = issue_kit(campaign, "J2", tmp_path / "laptop2b" / "kit.seldesk")
    with CampaignStore.open(new_kit, readonly=True) as kit:
        assert len(kit.scores()) == 3  # the merged work comes back in the new kit
    score_in_kit(new_kit, "J2", [("D04", "MARKET", 5.0)])
    new = export(new_kit, tmp_path / "new.json")
    assert new.revision == 1  # the new kit counts its own ballots (it shows no earlier kit)
    score_in_kit(kit2, "J2", [("D04", "MARKET", 0.0)])
    export(kit2, tmp_path / "stale.json")
    accepted, stale = merge(campaign, tmp_path / "new.json", tmp_path / "stale.json")
    assert accepted.outcome is MergeOutcome.ACCEPTED
    assert "a newer kit replaced" in reason(stale)


def test_a_replaced_kits_late_ballot_is_refused_in_either_order(
    campaign: Path, kit2: Path, tmp_path: Path
) -> None:
    """The old kit's ballot scores D04, is not merged before the kit is issued again, and
    arrives with the new kit's ballot: both orders give the same file."""
    score_in_kit(kit2, "J2", [("D04", "MARKET", 1.0)])
    export(kit2, tmp_path / "late.json")
    new_kit = issue_kit(campaign, "J2", tmp_path / "laptop2b" / "kit.seldesk")
    score_in_kit(new_kit, "J2", J2_WORK)
    export(new_kit, tmp_path / "new.json")
    files = {}
    for order in (("late.json", "new.json"), ("new.json", "late.json")):
        target = copy(campaign, tmp_path / "-".join(order) / "campaign.seldesk")
        reports = {r.source: r for r in merge(target, *(tmp_path / name for name in order))}
        assert reports["new.json"].outcome is MergeOutcome.ACCEPTED
        assert "a newer kit replaced" in reason(reports["late.json"])
        files[order] = state(target)
    first, second = files.values()
    assert first == second


def test_the_private_comment_and_the_feedback_travel_apart_in_a_ballot(
    campaign: Path, kit2: Path, tmp_path: Path
) -> None:
    score_in_kit(kit2, "J2", J2_WORK)
    with open_kit(kit2) as kit:
        set_review_comment(kit, "J2", "D02", "entre nous : marché local")
        set_review_feedback(kit, "J2", "D02", "Un plan clair ; testez le marché tôt.")
    ballot = tmp_path / "b1.json"
    export(kit2, ballot)
    reviews = {r["dossier"]: r for r in json.loads(ballot.read_bytes())["reviews"]}
    assert reviews["D02"]["comment"] == "entre nous : marché local"
    assert reviews["D02"]["feedback"] == "Un plan clair ; testez le marché tôt."
    assert "feedback" not in reviews["D03"]  # no feedback written: the older ballot's form
    with pytest.raises(BallotFormatError, match="feedback"):
        ballot_format._review({**reviews["D02"], "feedback": 3}, "reviews[0]")
    [report] = merge(campaign, ballot)
    assert report.outcome is MergeOutcome.ACCEPTED
    with CampaignStore.open(campaign, readonly=True) as store:
        d02, d03 = store.review("J2", "D02"), store.review("J2", "D03")
    assert d02 is not None and d03 is not None
    assert (d02.comment, d02.feedback) == (
        "entre nous : marché local",
        "Un plan clair ; testez le marché tôt.",
    )
    assert d03.feedback == ""


@pytest.mark.parametrize("enabled", [True, False])
def test_a_merge_leaves_the_cycle_collector_as_it_found_it(
    enabled: bool, campaign: Path, kit2: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge pauses the collector while it parses (speed only): it is back afterwards,
    also when the merge fails, and stays off for a caller who had turned it off."""
    score_in_kit(kit2, "J2", J2_WORK)
    export(kit2, tmp_path / "b.json")
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        seen: list[bool] = []
        real = kit_rows.write_juror_rows

        def write(*args, **kwargs):  # type: ignore[no-untyped-def]
            seen.append(gc.isenabled())
            return real(*args, **kwargs)

        monkeypatch.setattr(kit_rows, "write_juror_rows", write)
        [report] = merge(campaign, tmp_path / "b.json")
        assert report.outcome is MergeOutcome.ACCEPTED and seen == [False]
        assert gc.isenabled() is enabled

        def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
            raise OSError("disk gone")

        monkeypatch.setattr(kit_rows, "write_juror_rows", fail)
        score_in_kit(kit2, "J2", [("D04", "TEAM", 1.0)])
        export(kit2, tmp_path / "c.json")
        with pytest.raises(OSError):
            merge(campaign, tmp_path / "c.json")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
