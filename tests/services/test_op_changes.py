"""The kinds of change a write reports, and what each one calls for."""

from __future__ import annotations

from pathlib import Path

from selection_desk.domain import Outcome
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
)
from selection_desk.services.scoring import record_score
from selection_desk.services.weights import apply_weights
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_file


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
