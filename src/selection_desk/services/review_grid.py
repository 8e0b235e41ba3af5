"""Who has scored which dossier: the jurors × dossiers grid the secretary watches while ballots
arrive (design §10, the watched folder).

Each cell says where a juror's review of a dossier stands — final, draft, nothing yet, a conflict of
interest, or not the juror's to score — never a score: the grid tells the secretary whom to chase,
not what anyone thought.  Built from the campaign in memory (the session re-reads the reviews when a
ballot is merged), so it costs no query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from selection_desk.domain import SCORING_ROLES, CampaignData, ReviewStatus


class ReviewState(StrEnum):
    FINAL = "final"
    DRAFT = "draft"
    NOTHING = "nothing"
    """Assigned, no score yet."""
    CONFLICT = "conflict"
    NOT_ASSIGNED = "not_assigned"


@dataclass(frozen=True)
class GridJuror:
    code: str
    name: str
    final: int
    """Dossiers whose review is final."""
    to_score: int
    """Dossiers the juror is to score: assigned and not conflicted."""


@dataclass(frozen=True)
class ReviewGrid:
    jurors: tuple[GridJuror, ...]
    dossiers: tuple[str, ...]
    """Refs, in the campaign's order."""
    states: dict[tuple[str, str], ReviewState]
    """(juror code, dossier ref) → state."""

    def state(self, juror: str, dossier: str) -> ReviewState:
        return self.states[juror, dossier]


EMPTY_GRID = ReviewGrid((), (), {})
"""No campaign open."""


def review_grid(data: CampaignData) -> ReviewGrid:
    """The grid of ``data``'s scoring jurors (not secretaries nor observers) and dossiers."""
    dossiers = tuple(dossier.ref for dossier in data.dossiers)
    conflicts = {(c.juror, c.dossier) for c in data.conflicts}
    assigned = {(a.juror, a.dossier) for a in data.assignments} if data.assignments else None
    status = {(r.juror, r.dossier): r.status for r in data.reviews}
    scored = {(s.juror, s.dossier) for s in data.scores}
    states: dict[tuple[str, str], ReviewState] = {}
    jurors: list[GridJuror] = []
    for juror in data.jurors:
        if juror.role not in SCORING_ROLES:
            continue
        for ref in dossiers:
            key = (juror.code, ref)
            if key in conflicts:
                states[key] = ReviewState.CONFLICT
            elif assigned is not None and key not in assigned:
                states[key] = ReviewState.NOT_ASSIGNED
            elif status.get(key) is ReviewStatus.FINAL:
                states[key] = ReviewState.FINAL
            elif key in status or key in scored:
                states[key] = ReviewState.DRAFT
            else:
                states[key] = ReviewState.NOTHING
        row = [states[juror.code, ref] for ref in dossiers]
        jurors.append(GridJuror(juror.code, juror.name, *_counts(row)))
    return ReviewGrid(tuple(jurors), dossiers, states)


def _counts(row: Iterable[ReviewState]) -> tuple[int, int]:
    final = to_score = 0
    for state in row:
        if state in (ReviewState.FINAL, ReviewState.DRAFT, ReviewState.NOTHING):
            to_score += 1
            final += state is ReviewState.FINAL
    return final, to_score
