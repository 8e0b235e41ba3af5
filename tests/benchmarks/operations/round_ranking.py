"""Ranking one round of a campaign in rounds (issue 17: "ranking a round on L as fast as ranking a
campaign today").

Ours ranks round R1 of the size's two-round campaign
(:func:`~tests.benchmarks.generator.build_two_round_campaign_file`: R1 is the one-round campaign,
closed; R2 a hearing of its shortlist, scored by the whole committee, in the same tables); the
baseline ranks the one-round campaign itself, as every campaign was ranked before rounds.  Both
rank the same reviews, so the check holds their scores equal: what the ratio measures is what a
round costs — the other round's rows beside it.

What it costs (2026-12-05, L, processor time, load average 5–7): the score table is keyed by
(juror, dossier, criterion), so R2's scores sit among R1's and the scan that reads R1's values
steps over them, about 60 ns a row, plus a test of each row's criterion id.  With this hearing
of 100 dossiers (60,000 scores) reading R1's input takes 1.05–1.08× the one-round campaign's;
with a hearing of the campaign's 500 places (300,000 scores, more than R1's) 1.15–1.20×.
Driving the read by R1's reviews (a seek per review) was slower than the scan even then.  Only a
score table keyed by round first (a migration: ``round_id`` in the score's key, as the review's)
would make a round's scores one range and the ratio 1.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from selection_desk.domain import Method
from selection_desk.services.ranking import rank_campaign
from selection_desk.storage.store import CampaignStore
from tests.benchmarks.generator import cached_two_round_campaign_file
from tests.benchmarks.harness import BenchCase, Prepared, Side


def round_ranking_side(code: str, method: Method) -> Side:
    """``rank_campaign`` of round ``code`` of the two-round campaign of the case's size (built
    beside the case's file, once), opened read-only once, outside the timing; ranked for the
    campaign's places, as the baseline ranks."""

    @contextmanager
    def side(case: BenchCase) -> Iterator[Prepared]:
        path = cached_two_round_campaign_file(case.size, case.path.parent)
        with CampaignStore.open(path, readonly=True) as store:
            store.use_round(code)
            # The campaign's places, not the round's shortlist: the same ranking as the baseline's.
            places = store.campaign().places
            yield Prepared(
                lambda: rank_campaign(store, method=method, places=places, bootstrap=0, seed=1)
            )

    return side
