"""Who has scored which dossier: the jurors × dossiers grid the secretary watches while ballots
arrive (design §10, the watched folder).

Each cell says where a juror's review of a dossier stands — final, draft, nothing yet, a conflict of
interest, or not the juror's to score — never a score: the grid tells the secretary whom to chase,
not what anyone thought.  Built from the campaign in memory (the session re-reads the reviews when a
ballot is merged), so it costs no query.
"""

from __future__ import annotations

from collections import Counter
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


Pair = tuple[str, str]
"""(juror code, dossier ref)."""


@dataclass(frozen=True)
class ReviewGrid:
    """Kept sparse — a large campaign has thousands of dossiers for dozens of jurors, a few
    hundred thousand cells of which a view shows a screenful: each cell is worked out when asked."""

    jurors: tuple[GridJuror, ...]
    dossiers: tuple[str, ...]
    """Refs, in the campaign's order."""
    conflicts: frozenset[Pair] = frozenset()
    assigned: frozenset[Pair] | None = None
    """``None``: the campaign has no assignment rows, every dossier is everyone's to score."""
    final: frozenset[Pair] = frozenset()
    begun: frozenset[Pair] = frozenset()
    """A review, final or not."""

    def state(self, juror: str, dossier: str) -> ReviewState:
        pair = (juror, dossier)
        if pair in self.conflicts:
            return ReviewState.CONFLICT
        if self.assigned is not None and pair not in self.assigned:
            return ReviewState.NOT_ASSIGNED
        if pair in self.final:
            return ReviewState.FINAL
        return ReviewState.DRAFT if pair in self.begun else ReviewState.NOTHING


EMPTY_GRID = ReviewGrid((), ())
"""No campaign open."""


def review_grid(data: CampaignData) -> ReviewGrid:
    """The grid of ``data``'s scoring jurors (not secretaries nor observers) and dossiers; in time
    proportional to the reviews, assignments and conflicts, not to jurors × dossiers."""
    conflicts = frozenset((c.juror, c.dossier) for c in data.conflicts)
    assigned = frozenset((a.juror, a.dossier) for a in data.assignments) or None
    final = frozenset((r.juror, r.dossier) for r in data.reviews if r.status is ReviewStatus.FINAL)
    # Every score has its review row (a trigger of the campaign file writes it): the reviews say
    # who has begun what, without going through the scores, ten times more numerous.
    begun = frozenset((r.juror, r.dossier) for r in data.reviews)
    to_score = _to_score(data, conflicts, assigned)
    finals = Counter(
        juror
        for juror, dossier in final
        if (juror, dossier) not in conflicts and (assigned is None or (juror, dossier) in assigned)
    )
    jurors = tuple(
        GridJuror(juror.code, juror.name, finals[juror.code], to_score[juror.code])
        for juror in data.jurors
        if juror.role in SCORING_ROLES
    )
    dossiers = tuple(dossier.ref for dossier in data.dossiers)
    return ReviewGrid(jurors, dossiers, conflicts, assigned, final, begun)


def _to_score(
    data: CampaignData, conflicts: frozenset[Pair], assigned: frozenset[Pair] | None
) -> Counter[str]:
    """How many dossiers each juror is to score: assigned, and not conflicted."""
    if assigned is None:
        conflicted = Counter(juror for juror, _dossier in conflicts)
        return Counter({j.code: len(data.dossiers) - conflicted[j.code] for j in data.jurors})
    return Counter(juror for juror, dossier in assigned if (juror, dossier) not in conflicts)
