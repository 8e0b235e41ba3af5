"""Who has scored which dossier: each cell's state, and each juror's count of final reviews."""

from __future__ import annotations

from dataclasses import replace

from selection_desk.domain import Assignment, Juror, Review, ReviewStatus, Role
from selection_desk.services.review_grid import ReviewState, review_grid
from tests.offline.conftest import offline_campaign_data


def test_final_draft_nothing_conflict_and_not_assigned() -> None:
    data = offline_campaign_data()  # J1 is conflicted with D01
    refs = [d.ref for d in data.dossiers]
    data = replace(
        data,
        jurors=(*data.jurors, Juror("S1", "Sam Secretary", "", Role.SECRETARY)),
        assignments=tuple(
            Assignment(juror, ref)
            for juror in ("J1", "J2", "J3")
            for ref in refs
            if (juror, ref) not in {("J3", refs[-1]), ("J1", refs[0])}
        ),
        reviews=(
            Review("J2", refs[1], ReviewStatus.FINAL),
            Review("J2", refs[2], ReviewStatus.DRAFT),
            Review("J3", refs[1], ReviewStatus.FINAL),
        ),
    )
    grid = review_grid(data)
    assert [j.code for j in grid.jurors] == ["J1", "J2", "J3"]  # the secretary scores nothing
    assert grid.state("J1", refs[0]) is ReviewState.CONFLICT
    assert grid.state("J3", refs[-1]) is ReviewState.NOT_ASSIGNED
    assert grid.state("J2", refs[1]) is ReviewState.FINAL
    assert grid.state("J2", refs[2]) is ReviewState.DRAFT
    assert grid.state("J2", refs[0]) is ReviewState.NOTHING
    counts = {j.code: (j.final, j.to_score) for j in grid.jurors}
    assert counts == {
        "J1": (0, len(refs) - 1),
        "J2": (1, len(refs)),
        "J3": (1, len(refs) - 1),
    }


def test_without_assignments_every_dossier_but_conflicts_is_to_score() -> None:
    data = replace(offline_campaign_data(), assignments=(), reviews=())
    grid = review_grid(data)
    counts = {j.code: j.to_score for j in grid.jurors}
    every = len(data.dossiers)
    assert counts == {"J1": every - 1, "J2": every, "J3": every}
