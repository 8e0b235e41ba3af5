"""The kinds of change a write reports, and what each one calls for."""

from __future__ import annotations

from selection_desk.services.op_changes import (
    ATTACHMENTS,
    DECISIONS,
    DOSSIERS,
    EVERYTHING,
    KITS,
    NOTHING,
    SCORES,
    SETUP,
    OpChanges,
)


def test_only_rules_dossiers_and_scores_move_the_ranking() -> None:
    assert [c.affects_ranking for c in (SETUP, DOSSIERS, SCORES)] == [True, True, True]
    assert [c.affects_ranking for c in (DECISIONS, ATTACHMENTS, KITS, NOTHING)] == [False] * 4


def test_flags_combine() -> None:
    both = DOSSIERS | ATTACHMENTS
    assert both == OpChanges(dossiers=True, attachments=True)
    assert both.rereads_everything and not (SCORES | DECISIONS).rereads_everything
    assert NOTHING.empty and not DECISIONS.empty
    assert SETUP | DOSSIERS | ATTACHMENTS | SCORES | DECISIONS | KITS == EVERYTHING
