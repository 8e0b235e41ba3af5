"""The confirmation of a set-up change says what goes with the scores it removes."""

from __future__ import annotations

from selection_desk import i18n
from selection_desk.domain import Score
from selection_desk.services.setup_impact import impact_of


def test_removed_criterion_comments_are_announced() -> None:
    impact = impact_of(
        [
            Score("J1", "D01", "MARKET", 3.0, comment="Marché local saturé"),
            Score("J2", "D01", "MARKET", 4.0, comment="  "),
            Score("J2", "D02", "MARKET", 2.5),
        ]
    )
    with i18n.language("en"):
        lines = impact.lines()
    assert lines[:2] == [
        "3 score(s) removed, given by 2 juror(s) on 2 dossier(s)",
        "1 criterion comment(s) removed with those scores",
    ]
    with i18n.language("fr"):
        assert "1 commentaire(s) de critère supprimé(s) avec ces notes" in impact.lines()


def test_no_comment_line_when_the_scores_had_none() -> None:
    with i18n.language("en"):
        lines = impact_of([Score("J1", "D01", "MARKET", 3.0)]).lines()
    assert not any("comment" in line for line in lines)
