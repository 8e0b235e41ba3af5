"""Fill the aggregation engine's :class:`RankingInput` straight from SQL, as arrays.

Same meaning as :func:`selection_desk.aggregation.build_ranking_input` over the store's
``campaign_data()`` (a test holds them equal) without building a Python object per score: the
scores are fetched as one flat column and cut into reviews with numpy: fetching the 250,000 values
of a large campaign costs about as much as the SQL query that averages them (the benchmark's
``rank_mean`` baseline), and the whole ranking stays within 1.5× of it.

``CampaignStore.ranking_input`` calls it with its connection, campaign and criteria: this module
reads the database, never the store, so that the two do not import each other.
"""

from __future__ import annotations

from itertools import chain
from operator import itemgetter

import numpy as np
from sqlite_utils import Database

from selection_desk.aggregation import RankingInput, RankingSettings
from selection_desk.aggregation.inputs import IncompleteReview
from selection_desk.domain import Campaign, Criterion, ReviewStatus

_FINAL = 1


def _index_of(ids: list[int], largest: int = 0) -> np.ndarray:
    """Lookup array: row id (up to ``largest`` at least) → position (``-1`` where no row has that
    id)."""
    lookup = np.full(max([largest, *ids]) + 1, -1, dtype=np.int64)
    lookup[np.asarray(ids, dtype=np.int64)] = np.arange(len(ids), dtype=np.int64)
    return lookup


def _numbers(db: Database, sql: str, dtype: type[np.generic] = np.float64) -> np.ndarray:
    """The query's rows as one array, a row per result row."""
    cursor = db.execute(sql)
    flat = np.fromiter(chain.from_iterable(cursor), dtype=dtype)
    return flat.reshape(-1, len(cursor.description))


def _of_criteria(db: Database, criterion_ids: list[int]) -> str:
    """A ``WHERE`` clause keeping the scores of ``criterion_ids`` (row ids, never user text).

    The score table holds every round's scores, interleaved by (juror, dossier): the scan reads
    the other rounds' rows too, and the test each row passes is what a round costs over a
    campaign in one round.  None when every criterion is the round's (a campaign in one round);
    else runs of consecutive ids as ranges (a round's criteria are usually one run), two integer
    comparisons a row — an ``IN`` list or subquery costs a lookup a row, 10 % more on L.
    """
    every = db.execute("SELECT count(*) FROM criterion").fetchone()[0]
    if every == len(criterion_ids):
        return ""
    ids = sorted(criterion_ids)
    runs: list[list[int]] = []
    for row_id in ids:
        if runs and row_id == runs[-1][1] + 1:
            runs[-1][1] = row_id
        else:
            runs.append([row_id, row_id])
    ranges = " OR ".join(f"criterion_id BETWEEN {low:d} AND {high:d}" for low, high in runs)
    return f" WHERE {ranges or '0'}"


def load_ranking_input(
    db: Database,
    campaign: Campaign,
    criteria: tuple[Criterion, ...],
    settings: RankingSettings | None = None,
    round_id: int = 1,
    in_roster: str = "1",
) -> RankingInput:
    """The ranking input of round ``round_id`` (its criteria, its reviews, the dossiers for which
    ``in_roster`` — an SQL condition on dossier ``d`` — holds); ``settings`` default to the
    campaign's own."""
    settings = settings or RankingSettings.from_campaign(campaign)
    dossier_rows = db.execute(
        f"SELECT id, ref, name FROM dossier d WHERE {in_roster} ORDER BY position, id"
    ).fetchall()
    juror_rows = db.execute("SELECT id, code FROM juror ORDER BY id").fetchall()
    round_id = int(round_id)
    criterion_ids = [
        row[0]
        for row in db.execute(
            "SELECT id FROM criterion WHERE round_id = ? ORDER BY position, id", [round_id]
        )
    ]
    # A later round ranks its roster: the other dossiers' rows map to -1 and are left out.
    largest_dossier = db.execute("SELECT coalesce(max(id), 0) FROM dossier").fetchone()[0]
    dossier_of = _index_of([row[0] for row in dossier_rows], largest_dossier)
    juror_of = _index_of([row[0] for row in juror_rows])
    criterion_of = _index_of(criterion_ids)
    n_criteria = len(criteria)

    def pair_keys(juror_ids: np.ndarray, dossier_ids: np.ndarray) -> np.ndarray:
        # Sorted like build_ranking_input: by dossier position, then juror.
        keys: np.ndarray = dossier_of[dossier_ids] * max(len(juror_rows), 1) + juror_of[juror_ids]
        return keys

    conflicts = _numbers(db, "SELECT juror_id, dossier_id FROM conflict", np.int64)
    conflicts = conflicts[dossier_of[conflicts[:, 1]] >= 0]
    conflict_keys = pair_keys(conflicts[:, 0], conflicts[:, 1])

    # Both tables are clustered on (juror, dossier[, criterion]) and both queries are plain scans
    # in that order (no sort): the flat value stream splits into one block per review, of the
    # length the review's trigger-maintained ``scored`` count gives, each block in ascending
    # criterion id.  One narrow column keeps the cursor's per-row cost minimal.
    flat_values = np.fromiter(
        map(
            itemgetter(0),
            db.execute(
                f"SELECT value FROM score{_of_criteria(db, criterion_ids)}"
                " ORDER BY juror_id, dossier_id, criterion_id"
            ),
        ),
        dtype=np.float64,
    )
    # The review's small fields travel packed in one integer, ``scored·16 + final·8 +
    # confidence`` (confidence 1–5, 0 when not given): each column fetched costs as much as the
    # arithmetic, and this query reads one row per review.
    reviews = _numbers(
        db,
        "SELECT juror_id, dossier_id,"
        " scored * 16 + (status = 'final') * 8 + coalesce(confidence, 0)"
        f" FROM review WHERE round_id = {round_id} ORDER BY juror_id, dossier_id",
        np.int64,
    )
    review_keys = pair_keys(reviews[:, 0], reviews[:, 1])
    counts = reviews[:, 2] >> 4
    starts = np.cumsum(counts) - counts
    kept = ~np.isin(review_keys, conflict_keys) & (dossier_of[reviews[:, 1]] >= 0)
    order = np.flatnonzero(kept)[np.argsort(review_keys[kept], kind="stable")]
    pairs = review_keys[order]
    scored = counts[order]
    group_starts = starts[order]
    packed = reviews[order, 2]
    status = (packed >> 3) & 1
    given = packed & 7
    confidence = np.where(given == 0, np.nan, given.astype(np.float64))

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
    uncounted = ~counted
    incomplete = tuple(
        IncompleteReview(
            codes[juror],
            refs[dossier],
            ReviewStatus.FINAL if final == _FINAL else ReviewStatus.DRAFT,
            count,
            n_criteria,
        )
        for juror, dossier, final, count in zip(
            pair_juror[uncounted].tolist(),
            pair_dossier[uncounted].tolist(),
            status[uncounted].tolist(),
            scored[uncounted].tolist(),
            strict=True,
        )
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
