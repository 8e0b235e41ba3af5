"""The meeting's agenda: flags that call for discussion, their order, juror aliases."""

from __future__ import annotations

import pytest

from selection_desk import i18n
from selection_desk.aggregation import RankedDossier, Ranking
from selection_desk.aggregation.agenda import (
    Flag,
    build_agenda,
    cutoff_margin,
    discussion_flags,
    flag_label,
    juror_alias,
    juror_display_names,
)
from selection_desk.domain import Decision, Method, Outcome


def _entry(rank: int, ref: str | None = None, **changes: object) -> RankedDossier:
    entry = RankedDossier(
        rank=rank,
        ref=ref or f"D{rank:02d}",
        name=f"Dossier {rank}",
        score=100.0 - rank,
        points=None,
        jurors=3,
        spread=5.0,
        flagged=False,
        tied=False,
        eliminated=False,
        eliminated_by=(),
        tie_broken_by=None,
        above_cutoff=False,
        criteria={},
    )
    return entry._replace(**changes)


def _ranking(entries: list[RankedDossier], places: int) -> Ranking:
    return Ranking(
        method=Method.MEAN,
        places=places,
        entries=tuple(entries),
        agreement=None,
        incomplete_reviews=(),
        bootstrap=None,
        weights={},
        criterion_decimals=None,
        tie_break=None,
        confidence_weighted=False,
    )


@pytest.mark.parametrize(("places", "margin"), [(1, 1), (4, 1), (8, 2), (20, 4)])
def test_the_cutoff_margin_grows_with_the_places(places: int, margin: int) -> None:
    assert cutoff_margin(places) == margin


def test_near_the_cutoff_means_the_last_in_and_first_out() -> None:
    near = [r for r in range(1, 13) if Flag.NEAR_CUTOFF in discussion_flags(_entry(r), 4)]
    assert near == [4, 5]
    near = [r for r in range(1, 30) if Flag.NEAR_CUTOFF in discussion_flags(_entry(r), 10)]
    assert near == [9, 10, 11, 12]
    # An eliminated or unscored dossier is out whatever its rank.
    assert discussion_flags(_entry(4, eliminated=True, eliminated_by=("TEAM",)), 4) == (
        Flag.ELIMINATED,
    )
    assert Flag.NEAR_CUTOFF not in discussion_flags(_entry(5, score=None), 4)


def test_spread_stability_and_ties_are_flagged() -> None:
    entry = _entry(1, flagged=True, tied=True, p_top=0.55)
    assert discussion_flags(entry, 4) == (Flag.HIGH_SPREAD, Flag.UNSTABLE, Flag.TIED)
    assert Flag.UNSTABLE not in discussion_flags(_entry(1, p_top=0.95), 4)
    assert Flag.UNSTABLE not in discussion_flags(_entry(9, p_top=0.05), 4)
    # A stability check run apart from the ranking overrides the entry's own figure.
    assert Flag.UNSTABLE in discussion_flags(_entry(1, p_top=0.95), 4, p_top=0.4)


def test_the_agenda_follows_the_ranking_or_puts_discussions_first() -> None:
    entries = [
        _entry(1),
        _entry(2, flagged=True),
        _entry(3),
        _entry(4),
        _entry(5),
        _entry(6),
    ]
    ranking = _ranking(entries, places=4)
    decisions = [Decision("D03", Outcome.SELECTED)]
    agenda = build_agenda(ranking, decisions, p_top={"D06": 0.3})
    assert [item.ref for item in agenda] == ["D01", "D02", "D03", "D04", "D05", "D06"]
    assert agenda[2].decision == decisions[0]
    assert agenda[5].p_top == 0.3 and agenda[5].flags == (Flag.UNSTABLE,)
    first = build_agenda(ranking, decisions, p_top={"D06": 0.3}, discussion_first=True)
    assert [item.ref for item in first] == ["D02", "D04", "D05", "D06", "D01", "D03"]


def test_jurors_become_juror_a_b_c_in_the_campaign_order() -> None:
    assert [juror_alias(i) for i in (0, 1, 25, 26, 27, 701, 702)] == [
        "Juror A",
        "Juror B",
        "Juror Z",
        "Juror AA",
        "Juror AB",
        "Juror ZZ",
        "Juror AAA",
    ]
    jurors = [("J7", "Amélie Garnier"), ("J2", "Marc Delorme")]
    assert juror_display_names(jurors, anonymous=False) == {
        "J7": "Amélie Garnier",
        "J2": "Marc Delorme",
    }
    with i18n.language("fr"):
        assert juror_display_names(jurors, anonymous=True) == {"J7": "Juré A", "J2": "Juré B"}
        assert flag_label(Flag.NEAR_CUTOFF) == "proche de la barre"
