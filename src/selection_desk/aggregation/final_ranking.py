"""The final ranking of a selection in stages (design §10), from each round's scores.

By default the final ranking is the last round alone.  When the campaign sets weights ``λ_r`` on
its rounds, a dossier's final score is ``A = Σ λ_r · A_r / Σ λ_r`` over the weighted rounds the
dossier took part in (and was scored in), each ``A_r`` the round's score on its 0–100 scale.  Only
methods on that scale can be combined (mean, median, trimmed mean, Borda): a weighted round ranked
by z-scores or by the Schulze method is refused.  The final ranking lists the dossiers of the last
round (those still in the running); each entry says how its score was combined.

Pure: it takes each round's scores, not the campaign file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from selection_desk.domain import Method
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_, _, format_number

COMBINABLE = frozenset({Method.MEAN, Method.MEDIAN, Method.TRIMMED, Method.BORDA})
"""The methods whose scores are on the 0–100 scale the combination needs."""

NOT_COMBINABLE = define_message(
    "final_ranking_not_combinable",
    N_(
        "Round {round} is ranked by the method {method}, whose scores are not on the 0–100 "
        "scale: its weight cannot combine it with the other rounds. Rank it by mean, median, "
        "trimmed mean or Borda count, or remove the rounds' weights."
    ),
)


@dataclass(frozen=True)
class RoundScores:
    """One round's result, as the final ranking reads it."""

    code: str
    method: Method
    weight: float | None
    scores: Mapping[str, float | None]
    """Dossier ref → its score on 0–100 in this round (``None``: taking part, not scored)."""


@dataclass(frozen=True)
class RoundShare:
    round: str
    weight: float
    score: float


@dataclass(frozen=True)
class FinalEntry:
    rank: int
    ref: str
    name: str
    score: float | None
    shares: tuple[RoundShare, ...]
    """The rounds combined into ``score``."""
    combined: bool
    """By the rounds' weights (else ``score`` is the last round's alone)."""

    def explanation(self) -> str:
        """How the final score was combined, in the user's language."""
        if self.score is None:
            return _("Not scored in the rounds that count.")
        if not self.combined:
            return _("Final score {score}: round {round} alone.").format(
                score=format_number(self.score, 2), round=self.shares[0].round
            )
        parts = " + ".join(
            f"{format_number(share.weight, None)} × {format_number(share.score, 2)} ({share.round})"
            for share in self.shares
        )
        total = format_number(sum(share.weight for share in self.shares), None)
        return _("Final score {score} = ({parts}) / {total}.").format(
            score=format_number(self.score, 2), parts=parts, total=total
        )


@dataclass(frozen=True)
class FinalRanking:
    entries: tuple[FinalEntry, ...]
    """Best first; equal scores share a rank and are listed in ref order."""
    weighted: bool
    """Combined by the rounds' weights (else: the last round alone)."""
    places: int


def combine_rounds(
    rounds: Sequence[RoundScores], dossiers: Sequence[tuple[str, str]], places: int
) -> FinalRanking:
    """The final ranking of ``dossiers`` (ref, name: the last round's) over ``rounds``, in order."""
    weighted = [r for r in rounds if r.weight is not None]
    for counted in weighted:
        if counted.method not in COMBINABLE:
            raise InvalidInput(NOT_COMBINABLE, round=counted.code, method=counted.method.value)
    scored: list[tuple[str, str, float | None, tuple[RoundShare, ...]]] = []
    for ref, name in dossiers:
        if weighted:
            shares = tuple(
                RoundShare(r.code, float(r.weight or 0), score)
                for r in weighted
                if (score := r.scores.get(ref)) is not None
            )
            total = sum(share.weight for share in shares)
            score = sum(s.weight * s.score for s in shares) / total if shares else None
        else:
            last = rounds[-1]
            value = last.scores.get(ref)
            shares = () if value is None else (RoundShare(last.code, 1.0, value),)
            score = value
        scored.append((ref, name, score, shares))
    scored.sort(key=lambda row: (row[2] is None, -(row[2] or 0.0), row[0]))
    entries: list[FinalEntry] = []
    for position, (ref, name, score, shares) in enumerate(scored, start=1):
        tied = entries and entries[-1].score == score and score is not None
        rank = entries[-1].rank if tied else position
        entries.append(FinalEntry(rank, ref, name, score, shares, bool(weighted)))
    return FinalRanking(tuple(entries), bool(weighted), places)
