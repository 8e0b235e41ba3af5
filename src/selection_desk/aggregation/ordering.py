"""From aggregates to ranks: shared places for equal values, tie-break, eliminated dossiers last.

Everything works row by row on ``(rows, dossiers)`` arrays, so that one plain ranking, a thousand
bootstrap resamples and a grid of what-if weights are ranked by the same code. Values are "equal"
when they differ by at most :data:`EQUAL_TOLERANCE`; a run of values each within the tolerance of
the next forms one group (the grouping is done on the sorted values, so it never depends on the
input order).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from selection_desk.aggregation.numerics import EQUAL_TOLERANCE, BoolArray, FloatArray, IntArray

ArrayT = TypeVar("ArrayT", bound=npt.NDArray[np.generic])

SORTS_LAST = 1e300
"""Key of values that have none (a missing tie-break mean): after every real key, and finite so
that differences between keys raise no overflow."""


class Listing(IntEnum):
    """Where a dossier is listed: ranked ones first, then unscored ones, then eliminated ones."""

    RANKED = 0
    UNSCORED = 1
    """No juror counted and the method gives no default aggregate."""
    ELIMINATED = 2


@dataclass(frozen=True, eq=False)
class Standings:
    """Ranks of each row: ``rank`` (1 = best, shared by equal dossiers), per (row, dossier)."""

    rank: IntArray
    tied: BoolArray
    """Shares its rank with another dossier."""
    tie_broken: BoolArray
    """Had the same aggregate as another dossier and the tie-break criterion told them apart."""
    listing: IntArray

    def within(self, places: int) -> BoolArray:
        """Selected by rank: ranked (not eliminated, scored) and rank ≤ ``places``."""
        return selected_by_rank(self.rank, self.listing, places)


def selected_by_rank(rank: IntArray, listing: IntArray, places: int) -> BoolArray:
    """Ranked (not eliminated, scored) and rank ≤ ``places``."""
    inside: BoolArray = (rank <= places) & (listing == Listing.RANKED)
    return inside


def rank_rows(
    scores: FloatArray, eliminated: BoolArray, tie_key: FloatArray | None = None
) -> Standings:
    """Rank each row by ``scores`` descending (NaN: unscored), eliminated dossiers last.

    ``tie_key`` (higher wins) separates equal scores; NaN there sorts last. Never broken by input
    order: dossiers still equal share the lowest rank number of their group ("1, 2, 2, 4").
    """
    listing, primary, secondary = _sort_keys(scores, eliminated, tie_key)
    groups, order, starts = refine_groups(listing, primary)
    score_group_size = unsort(_run_sizes(starts), order)
    if secondary is not None:
        groups, order, starts = refine_groups(groups, secondary)
    first, last = run_bounds(starts)
    group_size = unsort(last - first + 1, order)
    return Standings(
        rank=unsort(first + 1, order),
        tied=group_size > 1,
        tie_broken=score_group_size > group_size,
        listing=listing,
    )


def ranks_and_listing(
    scores: FloatArray, eliminated: BoolArray, tie_key: FloatArray | None = None
) -> tuple[IntArray, IntArray]:
    """The ``rank`` and ``listing`` of :func:`rank_rows` alone, for the bootstrap's thousand rows
    (which never ask who is tied)."""
    listing, primary, secondary = _sort_keys(scores, eliminated, tie_key)
    if secondary is None:
        order, starts = sorted_runs(listing, primary)
    else:
        groups, _order, _starts = refine_groups(listing, primary)
        order, starts = sorted_runs(groups, secondary)
    positions = np.arange(starts.shape[-1])
    first = np.maximum.accumulate(np.where(starts, positions, 0), axis=-1)
    return unsort(first + 1, order), listing


def _sort_keys(
    scores: FloatArray, eliminated: BoolArray, tie_key: FloatArray | None
) -> tuple[IntArray, FloatArray, FloatArray | None]:
    """Each dossier's listing, its score key (ascending = better) and its tie-break key."""
    if tie_key is None:
        scores, eliminated = np.broadcast_arrays(scores, eliminated)
    else:
        scores, eliminated, tie_key = np.broadcast_arrays(scores, eliminated, tie_key)
    unscored = np.isnan(scores)
    listing = unscored * np.int64(Listing.UNSCORED)  # RANKED (0) elsewhere
    listing[eliminated] = Listing.ELIMINATED
    primary = np.negative(scores)
    primary[unscored] = 0.0
    secondary = None if tie_key is None else np.where(np.isnan(tie_key), SORTS_LAST, -tie_key)
    return listing, primary, secondary


def refine_groups(groups: IntArray, key: FloatArray) -> tuple[IntArray, IntArray, BoolArray]:
    """Split each row's groups by ``key`` ascending (equal within the tolerance).

    Returns the new group numbers (increasing in sorted order, per position), the sorting order
    and, along the sorted order, where each new group starts.
    """
    order, starts = sorted_runs(groups, key)
    numbers = np.cumsum(starts, axis=-1) - 1
    return unsort(numbers, order), order, starts


def sorted_runs(groups: IntArray, key: FloatArray) -> tuple[IntArray, BoolArray]:
    """Each row sorted by group, then by ``key`` ascending: the sorting order and, along it,
    where each run of equal (group, key within the tolerance) starts.

    Gathers go through flat indices (``np.take`` on the raveled arrays): a thousand bootstrap
    rows of 5,000 dossiers are gathered several times, and ``take_along_axis`` builds a fancy
    index each time."""
    shape = key.shape
    offsets = _row_offsets(shape)
    flat_key = key.reshape(-1)
    by_key = np.argsort(key, axis=-1)
    by_key += offsets
    # Group numbers are < the row length: in a small integer type the stable sort is a radix sort.
    small = groups.astype(np.min_scalar_type(shape[-1])).reshape(-1).take(by_key)
    by_group = np.argsort(small, axis=-1, kind="stable")
    by_group += offsets
    order = by_key.reshape(-1).take(by_group)  # flat positions, in sorted order
    sorted_groups = small.reshape(-1).take(by_group)  # narrow: cheaper to gather
    sorted_keys = flat_key.take(order)
    starts = np.ones(shape, dtype=np.bool_)
    starts[..., 1:] = (sorted_groups[..., 1:] != sorted_groups[..., :-1]) | (
        np.diff(sorted_keys, axis=-1) > EQUAL_TOLERANCE
    )
    order -= offsets
    return order, starts


def run_bounds(starts: BoolArray) -> tuple[IntArray, IntArray]:
    """For runs marked by their first element along the last axis: first and last position of the
    run that holds each position."""
    length = starts.shape[-1]
    positions = np.arange(length)
    first = np.maximum.accumulate(np.where(starts, positions, 0), axis=-1)
    ends = np.ones_like(starts)
    ends[..., :-1] = starts[..., 1:]
    backwards = np.flip(np.where(ends, positions, length - 1), axis=-1)
    last = np.flip(np.minimum.accumulate(backwards, axis=-1), axis=-1)
    return first, last


def _run_sizes(starts: BoolArray) -> IntArray:
    first, last = run_bounds(starts)
    sizes: IntArray = last - first + 1
    return sizes


def unsort(sorted_values: ArrayT, order: IntArray) -> ArrayT:
    """Put values given along the sorted ``order`` back at their original positions."""
    values: ArrayT = np.empty_like(sorted_values)
    flat = (order + _row_offsets(order.shape)).reshape(-1)
    values.reshape(-1)[flat] = sorted_values.reshape(-1)
    return values


def _row_offsets(shape: tuple[int, ...]) -> IntArray:
    """Flat index of each row's first element, shaped to broadcast over the rows' positions."""
    rows = int(np.prod(shape[:-1], dtype=np.int64))
    offsets: IntArray = (np.arange(rows, dtype=np.intp) * shape[-1]).reshape(*shape[:-1], 1)
    return offsets
