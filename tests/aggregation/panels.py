"""Small panels for the aggregation tests, written as (juror, dossier) → scores tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from selection_desk.aggregation import RankedDossier, Ranking, RankingInput, RankingSettings
from selection_desk.domain import Criterion

QUALITY = Criterion("Q", "Quality", 1.0, 0, 10, 1)
"""One criterion on 0–10 with weight 1: a juror's total is ten times the score."""

Table = Mapping[tuple[str, str], Sequence[float]]


def make_input(
    scores: Table,
    *,
    criteria: Sequence[Criterion] = (QUALITY,),
    dossiers: Sequence[str] | None = None,
    jurors: Sequence[str] | None = None,
    confidence: Mapping[tuple[str, str], float] | None = None,
    settings: RankingSettings | None = None,
) -> RankingInput:
    """A ranking input whose counted reviews are exactly ``scores`` (one value per criterion).

    Dossiers and jurors default to the ones named in ``scores``, sorted; dossier ``X`` is named
    ``"Dossier X"``.
    """
    dossier_refs = list(dossiers) if dossiers is not None else sorted({d for _, d in scores})
    juror_codes = list(jurors) if jurors is not None else sorted({j for j, _ in scores})
    pairs = list(scores)
    given = confidence or {}
    return RankingInput(
        criteria=tuple(criteria),
        dossiers=tuple((ref, f"Dossier {ref}") for ref in dossier_refs),
        jurors=tuple(juror_codes),
        review_juror=np.array([juror_codes.index(j) for j, _ in pairs], dtype=np.int64),
        review_dossier=np.array([dossier_refs.index(d) for _, d in pairs], dtype=np.int64),
        values=np.array([list(scores[pair]) for pair in pairs], dtype=np.float64).reshape(
            len(pairs), len(criteria)
        ),
        confidence=np.array([given.get(pair, np.nan) for pair in pairs], dtype=np.float64),
        settings=settings or RankingSettings(),
    )


def by_ref(ranking: Ranking) -> dict[str, RankedDossier]:
    return {entry.ref: entry for entry in ranking.entries}


def order(ranking: Ranking) -> list[tuple[int, str]]:
    """(rank, ref) best first: the ranking as a committee reads it."""
    return [(entry.rank, entry.ref) for entry in ranking.entries]
