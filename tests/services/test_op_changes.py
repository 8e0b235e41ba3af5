"""The kinds of change a write reports, and what each one calls for."""

from __future__ import annotations

from pathlib import Path

from selection_desk.domain import Juror, Outcome
from selection_desk.services.decisions import record_decision
from selection_desk.services.op_changes import (
    ATTACHMENTS,
    DECISIONS,
    DOSSIERS,
    EVERYTHING,
    KITS,
    NOTHING,
    ROUND,
    SCORES,
    SETUP,
    OpChanges,
    changes_of,
)
from selection_desk.services.scoring import record_score
from selection_desk.services.weights import apply_weights
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file


def test_only_rules_dossiers_and_scores_move_the_ranking() -> None:
    assert [c.affects_ranking for c in (SETUP, DOSSIERS, SCORES)] == [True, True, True]
    assert [c.affects_ranking for c in (DECISIONS, ATTACHMENTS, KITS, NOTHING)] == [False] * 4


def test_flags_combine() -> None:
    both = DOSSIERS | ATTACHMENTS
    assert both == OpChanges(dossiers=True, attachments=True)
    assert both.rereads_everything and not (SCORES | DECISIONS).rereads_everything
    assert NOTHING.empty and not DECISIONS.empty
    assert SETUP | DOSSIERS | ATTACHMENTS | SCORES | DECISIONS | KITS | ROUND == EVERYTHING


def test_a_round_switch_calls_for_every_round_scoped_part() -> None:
    assert ROUND.rereads_everything and ROUND.affects_ranking and ROUND.affects_scoring


def test_the_writes_say_what_they_changed(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path) as store:
        decided = record_decision(store, "D02", Outcome.SELECTED)
        assert decided.op_changes == DECISIONS
        assert record_decision(store, "D02", Outcome.SELECTED).op_changes == NOTHING
        assert record_score(store, "J2", "D02", "TEAM", 0.5, reopen=True).op_changes == SCORES
        weights = {criterion.code: criterion.weight for criterion in store.criteria()}
        assert apply_weights(store, weights, actor="test").op_changes == NOTHING
        assert apply_weights(store, {**weights, "TEAM": 4.0}, actor="test").op_changes == SETUP


# --- results of set-up, imports and merges carry their changes (the app refreshes from them) ---


def test_a_set_up_change_says_the_rules_and_the_scores_it_removed(tmp_path: Path) -> None:
    from selection_desk.services.conflicts import declare_conflict
    from selection_desk.services.jurors import add_juror

    path = make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(scored=True))
    with CampaignStore.open(path) as store:
        assert changes_of(declare_conflict(store, "J2", "D03", "cousine", confirm=True)) == (
            SETUP | SCORES
        )
        added = add_juror(store, Juror("J9", "Nouvelle Jurée"))
        assert changes_of(added) == SETUP
    blank = make_campaign_file(tmp_path / "blank.seldesk", make_campaign_data(scored=False))
    with CampaignStore.open(blank) as store:
        assert changes_of(declare_conflict(store, "J2", "D03", "cousine")) == SETUP


def test_a_score_table_import_says_scores_and_a_workbook_what_it_wrote(
    tmp_path: Path,
) -> None:
    from selection_desk.formats.workbook_writer import write_campaign_workbook
    from selection_desk.services.workbook_import import import_campaign_workbook

    data = make_campaign_data(scored=True)
    workbook = tmp_path / "c.xlsx"
    write_campaign_workbook(data, workbook, language="en")
    path = make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(scored=False))
    with CampaignStore.open(path) as store:
        report = import_campaign_workbook(store, workbook, actor="test")
        assert report.written and changes_of(report) == SCORES
        again = import_campaign_workbook(store, workbook, actor="test")
        assert not again.written and changes_of(again) == NOTHING


def test_a_list_of_results_says_what_any_of_them_changed() -> None:
    from selection_desk.services.merge import MergeOutcome, MergeReport

    accepted = MergeReport("a.ballot", MergeOutcome.ACCEPTED, juror="J2", revision=1)
    unchanged = MergeReport("b.ballot", MergeOutcome.UNCHANGED, juror="J3", revision=1)
    assert changes_of([unchanged]) == NOTHING
    assert changes_of([accepted, unchanged]) == SCORES
    assert changes_of([]) == NOTHING  # no ballot, no kit: nothing written
    assert changes_of(object()) == EVERYTHING  # a result that says nothing: read everything
