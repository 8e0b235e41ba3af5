"""Fill the aggregation engine's :class:`RankingInput` straight from SQL, as arrays.

Same meaning as :func:`selection_desk.aggregation.build_ranking_input` over the store's
``campaign_data()`` (a test holds them equal) without building a Python object per score: the
scores are fetched as one flat column and cut into reviews with numpy, so ranking a 250,000-score
campaign costs about as much as the SQL query that averages it.
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

from selection_desk.aggregation import RankingInput, RankingSettings
from selection_desk.aggregation.inputs import IncompleteReview
from selection_desk.domain import ReviewStatus

if TYPE_CHECKING:
    from selection_desk.storage.store import CampaignStore

_FINAL = 1


def _index_of(ids: list[int]) -> np.ndarray:
    """Lookup array: row id → position (``-1`` where no row has that id)."""
    lookup = np.full((max(ids) + 1) if ids else 1, -1, dtype=np.int64)
    lookup[np.asarray(ids, dtype=np.int64)] = np.arange(len(ids), dtype=np.int64)
    return lookup


def _numbers(store: CampaignStore, sql: str, width: int) -> np.ndarray:
    flat = np.fromiter(chain.from_iterable(store.db.execute(sql)), dtype=np.float64)
    return flat.reshape(-1, width)


def load_ranking_input(
    store: CampaignStore, settings: RankingSettings | None = None
) -> RankingInput:
    settings = settings or RankingSettings.from_campaign(store.campaign())
    criteria = store.criteria()
    db = store.db
    dossier_rows = db.execute("SELECT id, ref, name FROM dossier ORDER BY position, id").fetchall()
    juror_rows = db.execute("SELECT id, code FROM juror ORDER BY id").fetchall()
    criterion_ids = [row[0] for row in db.execute("SELECT id FROM criterion ORDER BY position, id")]
    dossier_of = _index_of([row[0] for row in dossier_rows])
    juror_of = _index_of([row[0] for row in juror_rows])
    criterion_of = _index_of(criterion_ids)
    n_criteria = len(criteria)

    def pair_keys(juror_ids: np.ndarray, dossier_ids: np.ndarray) -> np.ndarray:
        # Sorted like build_ranking_input: by dossier position, then juror.
        keys: np.ndarray = dossier_of[dossier_ids] * max(len(juror_rows), 1) + juror_of[juror_ids]
        return keys

    conflicts = _numbers(store, "SELECT juror_id, dossier_id FROM conflict", 2).astype(np.int64)
    conflict_keys = pair_keys(conflicts[:, 0], conflicts[:, 1])

    # Both tables are clustered on (juror, dossier[, criterion]) and both queries are plain scans
    # in that order (no sort): the flat value stream splits into one block per review, of the
    # length the review's trigger-maintained ``scored`` count gives, each block in ascending
    # criterion id.  One narrow column keeps the cursor's per-row cost minimal.
    flat_values = np.fromiter(
        chain.from_iterable(
            db.execute("SELECT value FROM score ORDER BY juror_id, dossier_id, criterion_id")
        ),
        dtype=np.float64,
    )
    reviews = _numbers(
        store,
        "SELECT juror_id, dossier_id, status = 'final', coalesce(confidence, -1), scored"
        " FROM review ORDER BY juror_id, dossier_id",
        5,
    )
    review_keys = pair_keys(reviews[:, 0].astype(np.int64), reviews[:, 1].astype(np.int64))
    counts = reviews[:, 4].astype(np.int64)
    starts = np.cumsum(counts) - counts
    kept = ~np.isin(review_keys, conflict_keys)
    reviews, review_keys, counts, starts = (
        reviews[kept],
        review_keys[kept],
        counts[kept],
        starts[kept],
    )

    order = np.argsort(review_keys, kind="stable")
    pairs = review_keys[order]
    scored = counts[order]
    group_starts = starts[order]
    status = reviews[order, 2].astype(np.int64)
    confidence = np.where(reviews[order, 3] < 0, np.nan, reviews[order, 3])

    values = np.full((len(pairs), n_criteria), np.nan)
    complete = scored == n_criteria
    if n_criteria and complete.any():
        block = group_starts[complete][:, None] + np.arange(n_criteria)
        column_of_id_order = criterion_of[np.sort(np.asarray(criterion_ids, dtype=np.int64))]
        values[np.flatnonzero(complete)[:, None], column_of_id_order[None, :]] = flat_values[block]

    counted = (status == _FINAL) & (scored == n_criteria)
    juror_count = max(len(juror_rows), 1)
    pair_dossier, pair_juror = np.divmod(pairs, juror_count)
    refs = [row[1] for row in dossier_rows]
    codes = [row[1] for row in juror_rows]
    incomplete = tuple(
        IncompleteReview(
            codes[pair_juror[i]],
            refs[pair_dossier[i]],
            ReviewStatus.FINAL if status[i] == _FINAL else ReviewStatus.DRAFT,
            int(scored[i]),
            n_criteria,
        )
        for i in np.flatnonzero(~counted)
    )
    conflict_order = np.sort(conflict_keys)
    recused_dossier, recused_juror = np.divmod(conflict_order, juror_count)
    return RankingInput(
        criteria=criteria,
        dossiers=tuple((ref, name) for _id, ref, name in dossier_rows),
        jurors=tuple(codes),
        review_juror=pair_juror[counted],
        review_dossier=pair_dossier[counted],
        values=values[counted],
        confidence=confidence[counted],
        incomplete=incomplete,
        settings=settings,
        recused=tuple(
            (codes[j], refs[d]) for d, j in zip(recused_dossier, recused_juror, strict=True)
        ),
    )
