"""A selection in stages (design §10): the rounds of a campaign, as plain values.

A campaign has one or more rounds, in order.  Each has its own criteria, assignments, reviews,
ranking and decisions; conflicts of interest hold in every round.  ``places`` and ``method`` left
unset (``None``) are the campaign's; ``weight`` is the round's λ in the final ranking (``None``:
the final ranking is the last round alone).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from selection_desk.domain.model import (
    Assignment,
    Campaign,
    CampaignData,
    Criterion,
    Decision,
    Method,
    Review,
    Score,
)


class RoundKind(StrEnum):
    DOSSIER = "dossier"
    """The jurors read a share of the applications at home."""
    HEARING = "hearing"
    """The shortlisted teams pitch to the whole committee."""


class RoundStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Round:
    code: str
    name: str
    uid: str = ""
    kind: RoundKind = RoundKind.DOSSIER
    position: int = 0
    places: int | None = None
    method: Method | None = None
    weight: float | None = None
    date: str = ""
    status: RoundStatus = RoundStatus.OPEN
    closed_at: str = ""

    @property
    def closed(self) -> bool:
        return self.status is RoundStatus.CLOSED

    def places_in(self, campaign: Campaign) -> int:
        """The places this round fills: its own, else the campaign's."""
        return campaign.places if self.places is None else self.places

    def method_in(self, campaign: Campaign) -> Method:
        """The ranking method of this round: its own, else the campaign's."""
        return campaign.method if self.method is None else self.method


@dataclass(frozen=True)
class RoundData:
    """What one round of a campaign in several rounds holds of its own (design §10)."""

    round: Round
    criteria: tuple[Criterion, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    scores: tuple[Score, ...] = ()
    reviews: tuple[Review, ...] = ()
    decisions: tuple[Decision, ...] = ()


def as_one_round(shared: CampaignData, part: RoundData) -> CampaignData:
    """``shared`` (what the rounds share) as round ``part`` sees it: with that round's criteria,
    assignments, scores, reviews and decisions, and no other round."""
    return replace(
        shared,
        criteria=part.criteria,
        assignments=part.assignments,
        scores=part.scores,
        reviews=part.reviews,
        decisions=part.decisions,
        rounds=(),
    )
