"""The conflict-of-interest rule and its one message — the single answer to "may juror J see and
score dossier D?" (design §1: a juror who declared a conflict of interest with a dossier neither
sees nor scores it, is never assigned it, and is recorded as recused from its vote).

Every path that could break the rule asks here: scoring (``services.scoring``), the assignments
(``services.assignments``, and the Campaign page's grid before it calls them), the merge of a
ballot (``services.merge``), the scores of a campaign workbook or score table
(``formats.workbook_reader``), the quorum of a decision (``services.decisions``) and what a
ranking or a report counts (``aggregation.inputs``, ``reports``), and what undoing a set-up change
may put back (``services.criteria``, ``services.jurors``, ``services.assignments``).  Whoever
refuses a conflicted pair says so with :data:`CONFLICT_OF_INTEREST`, whatever the path; a scoring
sheet's dossier outside the juror's list (``services.juror_sheets``) is refused with the sheet's
own message, which names all three reasons a dossier may be outside it.

The rule also lives in SQL, deliberately and calling nothing of this module: the
``score_refuses_conflicts`` trigger (``storage.schema``) and the juror reader confined by the
SQLite authorizer (``storage.scoring_queries``) are defence in depth, and the queries that pick a
kit's dossiers or a decision's roster (``storage.kits``, ``storage.decisions``) filter with it.
It lives in the domain, below every layer that enforces it, because ``formats`` may not call
``services``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from selection_desk.domain.model import Conflict
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_

Pair = tuple[str, str]
"""(juror code, dossier ref)."""

# The code is the one the tests pinned most (it was the campaign workbook's message first).
CONFLICT_OF_INTEREST = define_message(
    "workbook_conflicted_score",
    N_(
        "Juror “{juror}” declared a conflict of interest with dossier “{dossier}” and may not "
        "score it."
    ),
)


def conflicted_pairs(conflicts: Iterable[Conflict]) -> frozenset[Pair]:
    """The (juror, dossier) pairs the declared ``conflicts`` forbid."""
    return frozenset((conflict.juror, conflict.dossier) for conflict in conflicts)


def may_score(juror: str, dossier: str, conflicted: Collection[Pair]) -> bool:
    """Whether ``juror`` may see, be assigned and score ``dossier``, given the conflicted pairs."""
    return (juror, dossier) not in conflicted


def recused_jurors(conflicts: Iterable[Conflict], dossier: str) -> frozenset[str]:
    """The jurors recused from ``dossier``'s vote: those who declared a conflict with it."""
    return frozenset(conflict.juror for conflict in conflicts if conflict.dossier == dossier)


def conflict_error(juror: str, dossier: str) -> InvalidInput:
    """The error that refuses ``juror`` the conflicted ``dossier``."""
    return InvalidInput(CONFLICT_OF_INTEREST, juror=juror, dossier=dossier)


def check_may_score(juror: str, dossier: str, conflicted: Collection[Pair]) -> None:
    """Refuses ``juror`` the ``dossier`` when the pair is conflicted."""
    if not may_score(juror, dossier, conflicted):
        raise conflict_error(juror, dossier)
