"""Balanced automatic assignment: k jurors per dossier, conflicts respected, load spread evenly.

Pure: no I/O.  The most constrained dossiers (fewest jurors free of conflicts) are served first,
each by the least-loaded free jurors (ties broken by a seeded shuffle, so the same campaign gives
the same plan and juror pairs vary); a repair pass then moves dossiers from the most-loaded to the
least-loaded jurors while the loads differ by more than one and a move is allowed.  Without
conflicts the loads differ by at most one; with conflicts, as little as the conflicts allow.
Pairs that must stay (a juror has already scored the dossier) are kept and count in the load.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from selection_desk.domain.conflict_of_interest import Pair


@dataclass(frozen=True)
class AssignmentPlan:
    pairs: frozenset[Pair]
    loads: dict[str, int]
    """Dossiers per juror, every juror of the plan included (0 for an idle one)."""
    short: tuple[tuple[str, int], ...]
    """(dossier, jurors it got) for dossiers that got fewer than asked, because of conflicts."""

    @property
    def min_load(self) -> int:
        return min(self.loads.values(), default=0)

    @property
    def max_load(self) -> int:
        return max(self.loads.values(), default=0)


def balanced_assignment(
    jurors: Sequence[str],
    dossiers: Sequence[str],
    per_dossier: int,
    *,
    conflicts: Collection[Pair] = frozenset(),
    keep: Collection[Pair] = frozenset(),
    seed: int = 0,
) -> AssignmentPlan:
    """Assign ``per_dossier`` of ``jurors`` to each of ``dossiers``.

    ``keep`` pairs (of these jurors and dossiers, not conflicted) are part of the plan whatever
    the balance; a dossier may then hold more than ``per_dossier`` jurors.
    """
    rng = random.Random(seed)
    juror_set = set(jurors)
    conflicted = set(conflicts)
    tie_break = {juror: rng.random() for juror in jurors}
    load = dict.fromkeys(jurors, 0)
    assigned: dict[str, set[str]] = {dossier: set() for dossier in dossiers}
    kept: set[Pair] = set()
    for juror, dossier in keep:
        if juror in juror_set and dossier in assigned and (juror, dossier) not in conflicted:
            if juror not in assigned[dossier]:
                assigned[dossier].add(juror)
                load[juror] += 1
            kept.add((juror, dossier))

    def eligible(dossier: str) -> list[str]:
        return [j for j in jurors if (j, dossier) not in conflicted]

    order = list(dossiers)
    rng.shuffle(order)
    order.sort(key=lambda dossier: len(eligible(dossier)))
    for dossier in order:
        need = per_dossier - len(assigned[dossier])
        if need <= 0:
            continue
        free = [j for j in eligible(dossier) if j not in assigned[dossier]]
        free.sort(key=lambda juror: (load[juror], tie_break[juror]))
        for juror in free[:need]:
            assigned[dossier].add(juror)
            load[juror] += 1

    _repair(jurors, dossiers, assigned, load, conflicted, kept)
    pairs = frozenset((juror, dossier) for dossier, team in assigned.items() for juror in team)
    short = tuple(
        (dossier, len(assigned[dossier]))
        for dossier in dossiers
        if len(assigned[dossier]) < per_dossier
    )
    return AssignmentPlan(pairs, load, short)


def _repair(
    jurors: Sequence[str],
    dossiers: Sequence[str],
    assigned: dict[str, set[str]],
    load: dict[str, int],
    conflicted: set[Pair],
    kept: set[Pair],
) -> None:
    """Move one dossier at a time from a heavier juror to a lighter one while that evens loads."""
    while True:
        by_load = sorted(jurors, key=lambda juror: load[juror])
        moved = False
        for heavy in reversed(by_load):
            for light in by_load:
                if load[heavy] - load[light] <= 1:
                    break
                for dossier in dossiers:
                    team = assigned[dossier]
                    if (
                        heavy in team
                        and light not in team
                        and (light, dossier) not in conflicted
                        and (heavy, dossier) not in kept
                    ):
                        team.discard(heavy)
                        team.add(light)
                        load[heavy] -= 1
                        load[light] += 1
                        moved = True
                        break
                if moved:
                    break
            if moved:
                break
        if not moved:
            return
