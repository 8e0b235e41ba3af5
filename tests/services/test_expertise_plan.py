"""Assignment by expertise: the optimum against a brute force on tiny cases and against SciPy's
``linear_sum_assignment`` where they coincide (K = 1, load 1); hard limits always hold."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from selection_desk.services.expertise_plan import (
    Bid,
    ExpertiseInputs,
    affinity,
    plan_by_expertise,
)

TAGS = ("fintech", "health", "energy", "ai", "english")


def random_inputs(
    seed: int, jurors: int, dossiers: int, per_dossier: int, load: int, conflicts: int = 1
) -> ExpertiseInputs:
    rng = random.Random(seed)
    juror_codes = [f"J{i}" for i in range(jurors)]
    refs = [f"D{i}" for i in range(dossiers)]
    every_pair = [(j, d) for j in juror_codes for d in refs]
    return ExpertiseInputs(
        jurors=juror_codes,
        dossiers=refs,
        per_dossier=per_dossier,
        max_load=dict.fromkeys(juror_codes, load),
        juror_tags={j: rng.sample(TAGS, rng.randint(0, 3)) for j in juror_codes},
        dossier_tags={d: rng.sample(TAGS, rng.randint(0, 2)) for d in refs},
        bids={pair: rng.choice(list(Bid)) for pair in rng.sample(every_pair, len(every_pair) // 3)},
        conflicts=frozenset(rng.sample(every_pair, conflicts)),
    )


def brute_force(inputs: ExpertiseInputs) -> tuple[int, float]:
    """(most pairs, best affinity among plans with that many), over every choice of jurors."""
    options = []
    for dossier in inputs.dossiers:
        free = [j for j in inputs.jurors if (j, dossier) not in inputs.conflicts]
        size = min(inputs.per_dossier, len(free))
        options.append(
            [(dossier, group) for k in range(size + 1) for group in itertools.combinations(free, k)]
        )
    best = (-1, -np.inf)
    for choice in itertools.product(*options):
        loads: dict[str, int] = {}
        for _dossier, group in choice:
            for juror in group:
                loads[juror] = loads.get(juror, 0) + 1
        if any(loads[j] > inputs.max_load[j] for j in loads):
            continue
        count = sum(len(group) for _d, group in choice)
        total = sum(affinity(inputs, j, d) for d, group in choice for j in group)
        best = max(best, (count, round(total, 9)))
    return best


@pytest.mark.parametrize("seed", range(8))
def test_the_optimum_matches_a_brute_force(seed: int) -> None:
    inputs = random_inputs(seed, jurors=4, dossiers=3, per_dossier=2, load=2)
    plan = plan_by_expertise(inputs)
    assert (len(plan.pairs), plan.affinity) == pytest.approx(brute_force(inputs))
    assert not plan.pairs & set(inputs.conflicts)
    assert max(plan.loads.values()) <= 2


def test_when_loads_forbid_k_per_dossier_it_assigns_as_many_as_possible() -> None:
    inputs = random_inputs(3, jurors=3, dossiers=4, per_dossier=2, load=2, conflicts=2)
    plan = plan_by_expertise(inputs)  # 3 jurors × 2 = 6 < 4 × 2 = 8
    assert (len(plan.pairs), plan.affinity) == pytest.approx(brute_force(inputs))
    assert len(plan.pairs) == 6 and plan.short


@pytest.mark.parametrize("seed", range(5))
def test_one_juror_per_dossier_and_load_one_is_scipys_linear_sum_assignment(seed: int) -> None:
    inputs = random_inputs(seed, jurors=7, dossiers=7, per_dossier=1, load=1, conflicts=0)
    matrix = np.array([[affinity(inputs, j, d) for d in inputs.dossiers] for j in inputs.jurors])
    rows, columns = linear_sum_assignment(matrix, maximize=True)
    plan = plan_by_expertise(inputs)
    assert plan.affinity == pytest.approx(matrix[rows, columns].sum())
    assert len(plan.pairs) == 7


def test_same_inputs_same_plan_and_the_report() -> None:
    inputs = ExpertiseInputs(
        jurors=["J1", "J2", "J3"],
        dossiers=["D1", "D2"],
        per_dossier=1,
        max_load={"J1": 1, "J2": 1, "J3": 1},
        juror_tags={"J1": ["health"], "J2": ["energy"], "J3": []},
        dossier_tags={"D1": ["health"], "D2": ["fintech"]},
        bids={("J3", "D1"): Bid.EAGER, ("J2", "D2"): Bid.NOT},
        conflicts={("J3", "D2")},
    )
    plan = plan_by_expertise(inputs)
    # J3's eager bid (+3) outweighs J1's shared tag (+1); J3 is conflicted with D2, and J2 did not
    # want D2 (−3): J1 takes it.  Total 3 + 0; neither dossier has a juror sharing its tags.
    assert plan.pairs == {("J3", "D1"), ("J1", "D2")} and plan.affinity == 3
    assert plan.without_expert == ("D1", "D2")
    assert plan.unmet_bids == ()
    tighter = ExpertiseInputs(**{**inputs.__dict__, "max_load": {"J1": 1, "J2": 1, "J3": 0}})
    # J3 takes none: J1 on D1 (+1) would push J2 onto D2 (−3); swapping them costs nothing.
    forced = plan_by_expertise(tighter)
    assert forced.pairs == {("J2", "D1"), ("J1", "D2")} and forced.affinity == 0
    assert forced.unmet_bids == (("J3", "D1", Bid.EAGER),)
    assert plan_by_expertise(inputs) == plan


def test_pairs_already_begun_are_kept() -> None:
    inputs = random_inputs(1, jurors=4, dossiers=3, per_dossier=1, load=3, conflicts=0)
    kept = ExpertiseInputs(**{**inputs.__dict__, "keep": frozenset({("J0", "D0"), ("J1", "D0")})})
    plan = plan_by_expertise(kept)
    assert {("J0", "D0"), ("J1", "D0")} <= plan.pairs
