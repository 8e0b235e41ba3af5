"""Ranking operations: ``rank_campaign`` against one plain SQL query doing the same arithmetic."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from selection_desk.aggregation import Ranking
from selection_desk.domain import Method
from selection_desk.services.ranking import rank_campaign
from selection_desk.storage.store import CampaignStore
from tests.benchmarks.harness import BenchCase, Prepared, Side

MEAN_TOTALS_SQL = """
WITH panel AS (SELECT count(*) AS criteria, sum(weight) AS weight FROM criterion),
juror_totals AS (
    SELECT r.dossier_id,
           100.0 * sum(c.weight * (s.value - c.scale_min) / (c.scale_max - c.scale_min))
               / (SELECT weight FROM panel) AS total
    FROM review AS r
    JOIN score AS s ON s.juror_id = r.juror_id AND s.dossier_id = r.dossier_id
    JOIN criterion AS c ON c.id = s.criterion_id
    WHERE r.status = 'final'
      AND NOT EXISTS (SELECT 1 FROM conflict AS x
                      WHERE x.juror_id = r.juror_id AND x.dossier_id = r.dossier_id)
    GROUP BY r.juror_id, r.dossier_id
    HAVING count(*) = (SELECT criteria FROM panel)
)
SELECT d.ref, avg(t.total), count(*)
FROM juror_totals AS t JOIN dossier AS d ON d.id = t.dossier_id
GROUP BY t.dossier_id
"""
"""Per dossier: the mean of T = 100·Σ w·(s − lo)/(hi − lo) / Σ w over its final, complete,
unconflicted reviews (design §5, method ``mean``), and how many reviews that is."""

SCORE_TOLERANCE = 1e-9

MeanTotals = dict[str, tuple[float, int]]


def ranking_side(method: Method, *, bootstrap: int = 0) -> Side:
    """``rank_campaign`` on the file opened read-only once, outside the timing."""

    @contextmanager
    def side(case: BenchCase) -> Iterator[Prepared]:
        with CampaignStore.open(case.path, readonly=True) as store:
            yield Prepared(lambda: rank_campaign(store, method=method, bootstrap=bootstrap, seed=1))

    return side


@contextmanager
def sql_mean_totals(case: BenchCase) -> Iterator[Prepared]:
    """The baseline: one raw query on the same file, its rows fetched into a dict."""
    connection = sqlite3.connect(f"{case.path.resolve().as_uri()}?mode=ro", uri=True)
    try:

        def run() -> MeanTotals:
            return {
                ref: (mean, jurors)
                for ref, mean, jurors in connection.execute(MEAN_TOTALS_SQL).fetchall()
            }

        yield Prepared(run)
    finally:
        connection.close()


def _scored_entries(ranking: object) -> MeanTotals:
    assert isinstance(ranking, Ranking), f"expected a Ranking, got {type(ranking).__name__}"
    return {
        entry.ref: (entry.score, entry.jurors)
        for entry in ranking.entries
        if entry.score is not None
    }


def _differences(ours: MeanTotals, theirs: MeanTotals) -> list[str]:
    problems = [f"{ref}: only in ours" for ref in sorted(ours.keys() - theirs.keys())]
    problems += [f"{ref}: only in the baseline" for ref in sorted(theirs.keys() - ours.keys())]
    for ref in sorted(ours.keys() & theirs.keys()):
        (our_score, our_jurors), (their_score, their_jurors) = ours[ref], theirs[ref]
        if our_jurors != their_jurors:
            problems.append(f"{ref}: {our_jurors} jurors counted, baseline {their_jurors}")
        if not math.isclose(our_score, their_score, rel_tol=0.0, abs_tol=SCORE_TOLERANCE):
            problems.append(f"{ref}: score {our_score!r}, baseline {their_score!r}")
    return problems


def _assert_same(ours: MeanTotals, theirs: MeanTotals, what: str) -> None:
    problems = _differences(ours, theirs)
    assert not problems, f"{what} differ on {len(problems)} dossier(s): " + "; ".join(problems[:5])


def check_same_means(ours: object, baseline: object) -> None:
    """Our mean-method scores equal the SQL baseline's means (to 1e-9) for every dossier."""
    assert isinstance(baseline, dict), "the baseline returns {ref: (mean, jurors)}"
    _assert_same(_scored_entries(ours), baseline, "ranking and SQL baseline")


def check_same_scores(ours: object, baseline: object) -> None:
    """Two rankings by one method carry the same scores (a bootstrap only adds stability)."""
    _assert_same(_scored_entries(ours), _scored_entries(baseline), "the two rankings")
