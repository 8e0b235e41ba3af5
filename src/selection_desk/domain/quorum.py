"""The committee's vote on a dossier: the votes cast and the quorum (pure rules, no I/O).

Voting members are the jurors whose role is president, member or secretary; observers never vote.
Jurors who declared a conflict of interest with the dossier are *recused* and do not vote.  The
**quorum** is reached when an absolute majority of the voting members who are not recused take
part in the vote (for, against or abstaining).  A decision without a recorded vote has no quorum
figure.  ``services.decisions`` records votes with these rules; the Deliberation page and the
minutes show them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from selection_desk.domain.conflict_of_interest import recused_jurors
from selection_desk.domain.model import Conflict, Decision, Juror, Role

VOTING_ROLES = frozenset({Role.PRESIDENT, Role.MEMBER, Role.SECRETARY})


@dataclass(frozen=True)
class Votes:
    votes_for: int = 0
    against: int = 0
    abstain: int = 0

    @property
    def cast(self) -> int:
        return self.votes_for + self.against + self.abstain


@dataclass(frozen=True)
class Quorum:
    """Who may vote on one dossier, and whether enough of them took part."""

    voters: tuple[str, ...]
    """Codes of the voting members who are not recused."""
    recused: tuple[str, ...]
    """Codes of the jurors who declared a conflict of interest with the dossier."""
    cast: int | None = None
    """Votes cast (for + against + abstain); ``None``: no vote recorded."""

    @property
    def required(self) -> int:
        """An absolute majority of the voters."""
        return len(self.voters) // 2 + 1

    @property
    def reached(self) -> bool | None:
        return None if self.cast is None else self.cast >= self.required


def votes_of(decision: Decision) -> Votes | None:
    counts = (decision.votes_for, decision.votes_against, decision.votes_abstain)
    if all(count is None for count in counts):
        return None
    return Votes(*(count or 0 for count in counts))


def compute_quorum(
    jurors: Iterable[Juror],
    conflicts: Iterable[Conflict],
    dossier: str,
    votes: Votes | None = None,
) -> Quorum:
    recused = recused_jurors(conflicts, dossier)
    return quorum_of(((j.code, j.role, j.code in recused) for j in jurors), votes)


def quorum_of(roster: Iterable[tuple[str, str, bool]], votes: Votes | None = None) -> Quorum:
    """The quorum from every juror in order as (code, role, recused from this dossier)."""
    rows = list(roster)
    return Quorum(
        voters=tuple(code for code, role, recused in rows if role in VOTING_ROLES and not recused),
        recused=tuple(code for code, _role, recused in rows if recused),
        cast=None if votes is None else votes.cast,
    )
