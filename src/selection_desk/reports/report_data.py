"""What the reports are written from: a campaign, its ranking and the facts around them, as values.

The exporters (:mod:`~selection_desk.reports.excel_workbook`,
:mod:`~selection_desk.reports.minutes`, :mod:`~selection_desk.reports.letters`) take a
:class:`ReportData` and never a connection;
:func:`selection_desk.services.reporting.build_report_data` fills one from a campaign file.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import cached_property

from selection_desk.aggregation import DossierExplanation, RankedDossier, Ranking
from selection_desk.aggregation.final_ranking import FinalRanking
from selection_desk.aggregation.robustness import CutoffZone, Robustness
from selection_desk.domain import (
    CampaignData,
    Criterion,
    Decision,
    Juror,
    Review,
    ReviewStatus,
    Round,
)
from selection_desk.domain.conflict_of_interest import conflicted_pairs, may_score
from selection_desk.domain.lottery import DrawRecord


class CellState(StrEnum):
    """Why a (juror, dossier) pair of the matrix has no counted total."""

    RECUSED = "recused"
    DRAFT = "draft"
    INCOMPLETE = "incomplete"


@dataclass(frozen=True)
class ReferenceMean:
    """The plain weighted mean (method ``mean``, no confidence weighting) of one dossier: what the
    workbook's audit sheet recomputes with formulas from the scores."""

    score: float | None
    points: float | None
    jurors: int


@dataclass(frozen=True)
class Departure:
    """A dossier of a closed round whose fate departs from the ranking's order: it goes on from
    below the places, or stops from within them; ``reason`` is its decision's rationale."""

    ref: str
    rank: int
    goes_on: bool
    reason: str


@dataclass(frozen=True)
class RoundPassage:
    """Who went on from a closed round (design §10), in its ranking's order, and why the committee
    departed from that order: what a round's minutes add."""

    round_code: str
    round_name: str
    places: int
    goes_on: tuple[str, ...]
    departures: tuple[Departure, ...] = ()
    next_round: str = ""
    """The name of the round they went on to (empty: the round was the last)."""


@dataclass(frozen=True)
class RoundResult:
    """One round of a campaign in several rounds, as the final reports summarise it."""

    round: Round
    entries: tuple[RankedDossier, ...]
    """Its ranking, best first."""
    places: int
    goes_on: tuple[str, ...] = ()
    """Who went on (or was selected, at the last round); empty while the round is open."""

    @property
    def stops(self) -> tuple[str, ...]:
        """The dossiers that stopped at this closed round (none while it is open)."""
        if not self.round.closed:
            return ()
        passing = set(self.goes_on)
        return tuple(entry.ref for entry in self.entries if entry.ref not in passing)


@dataclass(frozen=True)
class RoundsSummary:
    """Every round of a campaign in several rounds and its final ranking (``None`` when the
    rounds' methods cannot be combined)."""

    rounds: tuple[RoundResult, ...]
    final: FinalRanking | None
    current: str = ""
    """The code of the round the report is about."""

    @property
    def about_last_round(self) -> bool:
        """The report is the final one: about the last round."""
        return self.current == self.rounds[-1].round.code


@dataclass(frozen=True, eq=False)
class ReportData:
    data: CampaignData
    ranking: Ranking
    """The campaign's ranking, with bootstrap stability when one was run."""
    juror_totals: Mapping[tuple[str, str], float]
    """(juror, dossier) → the juror total T (0–100) of each counted review."""
    cell_states: Mapping[tuple[str, str], CellState]
    """(juror, dossier) → why that pair has no counted total (recused, draft, incomplete)."""
    reference_means: Mapping[str, ReferenceMean]
    """Dossier ref → its plain weighted mean, for the audit sheet."""
    audit_hash: str
    """The audit chain's latest hash: printed on the minutes to detect later edits."""
    generated_at: datetime
    recusals: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Dossier ref → the codes of the jurors recused from its decision (recorded with the
    decision, else the declared conflicts)."""
    source_name: str = ""
    """The campaign file's name, printed on the minutes."""
    attendance: tuple[str, ...] | None = None
    """The codes of the jurors recorded as present at the meeting; ``None``: not recorded (the
    minutes then print boxes to tick)."""
    explanations: Mapping[str, DossierExplanation] = field(default_factory=dict)
    """Dossier ref → the engine's explanation, for the dossiers the minutes discuss (flagged, tied,
    near the cut-off or unstable)."""
    robustness: Robustness | None = None
    """What every method selects (design §12), for the minutes' annex; ``None``: not computed."""
    cutoff_zone: CutoffZone | None = None
    """The dossiers statistically indistinguishable at the line; ``None`` without bootstrap."""
    draws: tuple[DrawRecord, ...] = ()
    """The audited draws recorded in the audit log, oldest first."""
    approved_feedback: Mapping[str, str] = field(default_factory=dict)
    """Dossier ref → the feedback the secretary approved for the applicant's letter: the only
    juror text a letter carries (a juror's comment stays inside the committee)."""
    passage: RoundPassage | None = None
    """A closed round of a campaign in several rounds: who went on and why (else ``None``)."""
    rounds: RoundsSummary | None = None
    """A campaign in several rounds: each round's ranking and the final ranking (else ``None``)."""
    in_rounds: CampaignData | None = None
    """A campaign in several rounds, whole (every round's part): what the workbook's campaign
    sheets hold, so that importing it gives every round back (else ``None``: ``data``)."""
    field_types: Mapping[str, str] = field(default_factory=dict)
    """Dossier field → the type its import stored (``"money"``, ``"date:DMY"``): the workbook
    writes those fields as typed cells."""
    _decisions: dict[str, Decision] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_decisions", {decision.dossier: decision for decision in self.data.decisions}
        )

    @property
    def campaign_name(self) -> str:
        return self.data.campaign.name

    def decision(self, ref: str) -> Decision | None:
        return self._decisions.get(ref)

    @cached_property
    def jurors_by_code(self) -> dict[str, Juror]:
        return {juror.code: juror for juror in self.data.jurors}

    @cached_property
    def criteria_by_code(self) -> dict[str, Criterion]:
        return {criterion.code: criterion for criterion in self.data.criteria}

    @cached_property
    def cohort_medians(self) -> dict[str, float | None]:
        """Per criterion code, the median of the dossiers' means (dossiers without a mean left
        out): the cohort a feedback letter compares an applicant with."""
        medians: dict[str, float | None] = {}
        for criterion in self.data.criteria:
            values = [
                mean
                for entry in self.ranking.entries
                if (mean := entry.criteria.get(criterion.code)) is not None
            ]
            medians[criterion.code] = statistics.median(values) if values else None
        return medians

    @cached_property
    def final_reviews(self) -> dict[tuple[str, str], Review]:
        conflicted = conflicted_pairs(self.data.conflicts)
        return {
            (review.juror, review.dossier): review
            for review in self.data.reviews
            if review.status is ReviewStatus.FINAL
            and may_score(review.juror, review.dossier, conflicted)
        }

    @cached_property
    def flagged_or_tied(self) -> tuple[RankedDossier, ...]:
        return tuple(entry for entry in self.ranking.entries if entry.flagged or entry.tied)
