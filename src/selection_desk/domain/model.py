"""Entities of design §1 as frozen dataclasses.

Identities are the users' own codes (criterion code, dossier ref, juror code): they are what users
type, what the workbook carries and what a ballot names, so the domain speaks in them and only the
storage layer knows about row ids.

The rounds of design §10 (a round is an entity of §1 too) live here with the others: a campaign's
data (:class:`CampaignData`) holds them, and a round holds its own part of that data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Role(StrEnum):
    PRESIDENT = "president"
    MEMBER = "member"
    SECRETARY = "secretary"
    OBSERVER = "observer"


SCORING_ROLES = frozenset({Role.PRESIDENT, Role.MEMBER})
"""Who scores (secretaries and observers take part in the meeting but do not score)."""


class ReviewStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


class Outcome(StrEnum):
    SELECTED = "selected"
    WAITING_LIST = "waiting_list"
    REJECTED = "rejected"
    DEFERRED = "deferred"


class Method(StrEnum):
    MEAN = "mean"
    MEDIAN = "median"
    TRIMMED = "trimmed"
    ZSCORE = "zscore"
    BORDA = "borda"
    SCHULZE = "schulze"


DEFAULT_SPREAD_THRESHOLD = 15.0
DEFAULT_STABILITY_RESAMPLES = 1000
STABILITY_RESAMPLES_RANGE = range(100, 100_001)
"""Fewer than 100 resamples give a p_top too coarse to read; beyond 100,000 the bootstrap takes
minutes on a large campaign."""
STABILITY_SEED_RANGE = range(0, 2**31)
"""Any whole number a spin box holds (numpy seeds its generator from any of them)."""
STEP_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Campaign:
    """One call for applications and its committee's settings."""

    uid: str
    name: str
    programme: str = ""
    places: int = 1
    language: str = "fr"
    method: Method = Method.MEAN
    criterion_decimals: int | None = None
    tie_break: str | None = None
    """Code of the criterion whose higher mean breaks ties; ``None``: ties share a rank."""
    spread_threshold: float = DEFAULT_SPREAD_THRESHOLD
    confidence_weighting: bool = False
    stability_resamples: int = DEFAULT_STABILITY_RESAMPLES
    """B, the resamples of the bootstrap over jurors behind every p_top (screen, minutes …)."""
    stability_seed: int = 0
    """The bootstrap's seed: the same campaign always gives the same p_top."""
    meeting_date: str = ""
    meeting_place: str = ""
    contact: str = ""
    """The programme's contact line printed on the feedback letters (who to ask, an e-mail)."""
    allow_draw: bool = False
    """The committee's rules allow settling the cut-off zone by an audited draw (design §12)."""


@dataclass(frozen=True)
class RubricLevel:
    value: float
    label: str
    descriptor: str = ""


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    weight: float
    scale_min: float = 0.0
    scale_max: float = 5.0
    step: float = 0.5
    threshold: float | None = None
    """Eliminatory threshold: a dossier whose mean on this criterion is below it is eliminated."""
    group: str = ""
    description: str = ""
    levels: tuple[RubricLevel, ...] = ()

    def normalise(self, value: float) -> float:
        """``(s − lo) / (hi − lo)``: 0 at the bottom of the scale, 1 at the top."""
        return (value - self.scale_min) / (self.scale_max - self.scale_min)

    def in_scale(self, value: float) -> bool:
        return self.scale_min - STEP_TOLERANCE <= value <= self.scale_max + STEP_TOLERANCE

    def on_step(self, value: float) -> bool:
        if self.step <= 0:
            return True
        steps = (value - self.scale_min) / self.step
        return math.isclose(steps, round(steps), abs_tol=1e-6)

    def accepts(self, value: float) -> bool:
        return math.isfinite(value) and self.in_scale(value) and self.on_step(value)

    def level_for(self, value: float) -> RubricLevel | None:
        for level in self.levels:
            if math.isclose(level.value, value, abs_tol=STEP_TOLERANCE):
                return level
        return None


@dataclass(frozen=True)
class Dossier:
    ref: str
    name: str
    fields: Mapping[str, str] = field(default_factory=dict)
    """Every other column of the form, in the form's order, header → text."""


@dataclass(frozen=True)
class Attachment:
    dossier: str
    file_name: str
    mime_type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Juror:
    code: str
    name: str
    email: str = ""
    role: Role = Role.MEMBER
    public_key: bytes | None = None


@dataclass(frozen=True)
class Conflict:
    juror: str
    dossier: str
    reason: str = ""


@dataclass(frozen=True)
class Assignment:
    juror: str
    dossier: str


# Slots: a campaign of 1.5 million scores holds as many of these (a dict each took 400 MB more).
@dataclass(frozen=True, slots=True)
class Score:
    juror: str
    dossier: str
    criterion: str
    value: float
    comment: str = ""
    revision: int = 1
    updated_at: str = ""


@dataclass(frozen=True)
class Review:
    juror: str
    dossier: str
    status: ReviewStatus = ReviewStatus.DRAFT
    comment: str = ""
    confidence: int | None = None
    """1–5, used only by the optional confidence-weighted mean."""
    revision: int = 1
    updated_at: str = ""
    feedback: str = ""
    """Written for the applicant; reaches a letter only as the secretary's approved text.  The
    ``comment`` stays inside the committee."""


@dataclass(frozen=True)
class Decision:
    dossier: str
    outcome: Outcome
    rationale: str = ""
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    decided_at: str = ""
    decided_by: str = ""


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    entity: str
    before: str | None
    after: str | None
    previous_hash: str
    hash: str


# --- Rounds (design §10) ---------------------------------------------------------------------
#
# A selection in stages (design §10): the rounds of a campaign, as plain values.
#
# A campaign has one or more rounds, in order.  Each has its own criteria, assignments, reviews,
# ranking and decisions; conflicts of interest hold in every round.  ``places`` and ``method`` left
# unset (``None``) are the campaign's; ``weight`` is the round's λ in the final ranking (``None``:
# the final ranking is the last round alone).


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
    scores: Sequence[Score] = ()
    reviews: tuple[Review, ...] = ()
    decisions: tuple[Decision, ...] = ()


@dataclass(frozen=True)
class CampaignData:
    """A whole campaign as plain values: what a workbook holds, what an export writes.

    ``assignments`` empty means the default: every juror scores every non-conflicted dossier.
    ``rounds`` empty: a campaign in one round, whose criteria, assignments, scores, reviews and
    decisions are the fields here.  A campaign in several rounds (design §10) holds them per
    round in ``rounds``, in order, and here only what every round shares (the campaign, jurors,
    every dossier, conflicts).
    """

    campaign: Campaign
    criteria: tuple[Criterion, ...] = ()
    jurors: tuple[Juror, ...] = ()
    dossiers: tuple[Dossier, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    scores: Sequence[Score] = ()
    """A tuple, or :class:`~selection_desk.domain.score_columns.ScoreColumns` (an export)."""
    reviews: tuple[Review, ...] = ()
    decisions: tuple[Decision, ...] = ()
    field_types: Mapping[str, str] = field(default_factory=dict)
    """Dossier field → its type (``"money"``, ``"date:YMD"``), where a workbook's typed cells
    tell it; the campaign file keeps its own types beside the dossiers."""
    rounds: tuple[RoundData, ...] = ()

    def criterion(self, code: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.code == code:
                return criterion
        raise KeyError(code)


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
