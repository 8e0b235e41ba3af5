"""The assignment by expertise (issue 21: 5,000 dossiers × 60 jurors, K = 5, in ≤ 10 s) against
that absolute budget.  The benchmark campaigns hold no tags: each juror gets two of twelve sectors
and each dossier one or two, drawn with a fixed seed outside the timing."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from contextlib import contextmanager

from selection_desk.services.expertise_plan import (
    ExpertiseInputs,
    ExpertisePlan,
    default_max_load,
    plan_by_expertise,
)
from selection_desk.storage.store import CampaignStore
from tests.benchmarks.harness import BenchCase, Prepared

PER_DOSSIER = 5
BUDGET_S = 10.0
SECTORS = tuple(f"sector-{index}" for index in range(12))


def _inputs(case: BenchCase) -> ExpertiseInputs:
    with CampaignStore.open(case.path, readonly=True) as store:
        jurors = [juror.code for juror in store.jurors()]
        dossiers = [dossier.ref for dossier in store.dossiers()]
        conflicts = frozenset((c.juror, c.dossier) for c in store.conflicts())
    rng = random.Random(21)
    per_dossier = min(PER_DOSSIER, len(jurors))
    return ExpertiseInputs(
        jurors=jurors,
        dossiers=dossiers,
        per_dossier=per_dossier,
        max_load=dict.fromkeys(jurors, default_max_load(len(jurors), len(dossiers), per_dossier)),
        juror_tags={juror: rng.sample(SECTORS, 2) for juror in jurors},
        dossier_tags={ref: rng.sample(SECTORS, rng.randint(1, 2)) for ref in dossiers},
        bids={},
        conflicts=conflicts,
    )


@contextmanager
def expertise_side(case: BenchCase) -> Iterator[Prepared]:
    inputs = _inputs(case)
    yield Prepared(lambda: plan_by_expertise(inputs))


@contextmanager
def ten_second_budget(case: BenchCase) -> Iterator[Prepared]:
    yield Prepared(lambda: time.sleep(BUDGET_S))


def check_a_full_plan(ours: object, baseline: object) -> None:
    assert isinstance(ours, ExpertisePlan) and not ours.short, "some dossier got fewer than K"
