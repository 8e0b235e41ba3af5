"""Engine-to-engine ranking benchmarks: each method against a plain pipeline computing the same
aggregates (pandas group-bys, a plain numpy Floyd–Warshall for Schulze).

Both sides start from the same counted reviews, loaded from the file once *outside* the timing
(``store.ranking_input``), so the ratio compares aggregation work with aggregation work.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd

from selection_desk.aggregation import Ranking, RankingInput, RankingSettings, compute_ranking
from selection_desk.domain import Method
from selection_desk.errors import InvalidInput
from selection_desk.storage.store import CampaignStore
from tests.benchmarks.harness import BenchCase, Prepared, Side

TOLERANCE = 1e-7


def _load(case: BenchCase, method: Method) -> RankingInput:
    with CampaignStore.open(case.path, readonly=True) as store:
        settings = RankingSettings.from_campaign(store.campaign())
        return store.ranking_input(settings)


def engine_side(method: Method, *, bootstrap: int = 0) -> Side:
    """``compute_ranking`` on the counted reviews loaded outside the timing. A method the engine
    refuses on this size (Schulze above MAX_DOSSIERS) returns the refusal, reported as such."""

    @contextmanager
    def side(case: BenchCase) -> Iterator[Prepared]:
        ranking_input = _load(case, method)

        def run() -> object:
            try:
                return compute_ranking(ranking_input, method=method, bootstrap=bootstrap, seed=1)
            except InvalidInput as refused:
                return Refused(refused.message())

        yield Prepared(run)

    return side


class Refused:
    """The engine refused the size (kept, by design): the check reports the reason."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _frame(ranking_input: RankingInput) -> tuple[pd.DataFrame, pd.Series]:
    """Per counted review: juror, dossier and the juror total T; and the weights."""
    criteria = ranking_input.criteria
    low = np.array([c.scale_min for c in criteria])
    span = np.array([c.scale_max - c.scale_min for c in criteria])
    weights = np.array([c.weight for c in criteria])
    totals = 100 * ((ranking_input.values - low) / span) @ weights / weights.sum()
    frame = pd.DataFrame(
        {"juror": ranking_input.review_juror, "dossier": ranking_input.review_dossier,
         "total": totals}
    )  # fmt: skip
    return frame, pd.Series(weights)


def pandas_side(method: Method) -> Side:
    """The same aggregate by a straightforward pandas pipeline."""

    @contextmanager
    def side(case: BenchCase) -> Iterator[Prepared]:
        ranking_input = _load(case, method)
        refs = ranking_input.dossier_refs
        criteria = ranking_input.criteria

        def median() -> dict[str, float]:
            frame, _weights = _frame(ranking_input)
            return _by_ref(frame.groupby("dossier")["total"].median(), refs)

        def trimmed() -> dict[str, float]:
            codes = [c.code for c in criteria]
            long = pd.DataFrame(ranking_input.values, columns=codes)
            long["dossier"] = ranking_input.review_dossier
            grouped = long.groupby("dossier")[codes]
            count = grouped.count()
            total, high, low = grouped.sum(), grouped.max(), grouped.min()
            trim = count >= 3
            means = (total - high.where(trim, 0) - low.where(trim, 0)) / (
                count - trim.astype(int) * 2
            )
            lows = np.array([c.scale_min for c in criteria])
            spans = np.array([c.scale_max - c.scale_min for c in criteria])
            weights = np.array([c.weight for c in criteria])
            score = 100 * ((means - lows) / spans) @ weights / weights.sum()
            return _by_ref(score, refs)

        def zscore() -> dict[str, float]:
            frame, _weights = _frame(ranking_input)
            by_juror = frame.groupby("juror")["total"]
            mean, sd = by_juror.transform("mean"), by_juror.transform(lambda t: t.std(ddof=0))
            size = by_juror.transform("size")
            informative = (size >= 2) & (sd > 1e-9)
            frame["z"] = ((frame["total"] - mean) / sd).where(informative)
            scores = frame.groupby("dossier")["z"].mean().fillna(0.0)
            return _by_ref(scores, refs)

        def borda() -> dict[str, float]:
            frame, _weights = _frame(ranking_input)
            by_juror = frame.groupby("juror")["total"]
            rank = by_juror.rank(ascending=False, method="average")
            size = by_juror.transform("size")
            frame["points"] = (100 * (size - rank) / (size - 1)).where(size >= 2)
            scores = frame.groupby("dossier")["points"].mean().fillna(50.0)
            return _by_ref(scores, refs)

        pipelines = {
            Method.MEDIAN: median,
            Method.TRIMMED: trimmed,
            Method.ZSCORE: zscore,
            Method.BORDA: borda,
        }
        yield Prepared(pipelines[method])

    return side


def _by_ref(scores: pd.Series, refs: tuple[str, ...]) -> dict[str, float]:
    return {refs[int(index)]: float(value) for index, value in scores.items()}


@contextmanager
def numpy_schulze_side(case: BenchCase) -> Iterator[Prepared]:
    """Schulze by the textbook: pairwise counts, then a plain Floyd–Warshall widest path."""
    ranking_input = _load(case, Method.SCHULZE)
    refs = ranking_input.dossier_refs
    frame, _weights = _frame(ranking_input)
    jurors, dossiers = len(ranking_input.jurors), len(refs)

    def run() -> object:
        if dossiers > 6_000:  # the same limit: D² floats per matrix
            return Refused(f"{dossiers} dossiers: D×D matrices do not fit in memory")
        totals = np.full((jurors, dossiers), np.nan)
        totals[frame["juror"], frame["dossier"]] = frame["total"]
        d = np.zeros((dossiers, dossiers))
        for row in totals:
            done = ~np.isnan(row)
            d += (done[:, None] & done[None, :]) & (row[:, None] > row[None, :] + 1e-9)
        p = np.where(d > d.T, d, 0.0)
        for k in range(dossiers):
            p = np.maximum(p, np.minimum(p[:, k, None], p[None, k, :]))
        wins = (p > p.T).sum(axis=1)
        judged = (~np.isnan(totals)).any(axis=0)
        return {refs[i]: float(wins[i]) for i in range(dossiers) if judged[i]}

    yield Prepared(run)


def check_same_aggregates(ours: object, baseline: object) -> None:
    """Our scores equal the baseline's for every scored dossier; a refusal must be on both
    sides, and is reported with its reason."""
    if isinstance(ours, Refused) or isinstance(baseline, Refused):
        assert isinstance(ours, Refused) and isinstance(baseline, Refused), "one side refused"
        print(f"  refused by design (schulze MAX_DOSSIERS, memory): {ours.reason}")
        return
    assert isinstance(ours, Ranking) and isinstance(baseline, dict)
    scored = {e.ref: e.score for e in ours.entries if e.score is not None}
    problems = [ref for ref in scored.keys() ^ baseline.keys()]
    problems += [
        ref
        for ref in scored.keys() & baseline.keys()
        if not math.isclose(scored[ref] or 0.0, baseline[ref], rel_tol=0, abs_tol=TOLERANCE)
    ]
    assert not problems, f"{len(problems)} dossier(s) differ, e.g. {problems[:5]}"


def check_same_engine_scores(ours: object, baseline: object) -> None:
    """Two engine rankings by one method carry the same scores (a bootstrap only adds)."""
    assert isinstance(ours, Ranking) and isinstance(baseline, Ranking)
    assert [(e.ref, e.score) for e in ours.entries] == [(e.ref, e.score) for e in baseline.entries]
