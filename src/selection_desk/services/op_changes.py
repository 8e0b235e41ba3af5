"""What kind of thing a write changed, as Anki's ``OpChanges``: the app refreshes only what depends
on it.

Every write the app runs says which kinds it changed (:data:`SCORES`, :data:`DECISIONS` …): a
service's result carries them as its ``op_changes`` (:func:`changes_of` reads them, from a list of
results too), and the window's task wrapper refreshes from them: the session re-reads and re-ranks
after a write only when the change calls for it — a decision cannot move the ranking, a score can
— and pages refresh only on the kinds they show.
Flags combine with ``|`` (an import may add dossiers *and* their attachments).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class OpChanges:
    """One flag per kind of thing a write can change."""

    setup: bool = False
    """Campaign settings, criteria, jurors, conflicts, assignments: the ranking's rules."""
    dossiers: bool = False
    """Dossiers added, edited or removed."""
    attachments: bool = False
    """A dossier's files (not part of the ranking nor of the campaign's data in memory)."""
    scores: bool = False
    """Scores and reviews (typed, imported from a sheet, merged from ballots)."""
    decisions: bool = False
    """Decisions, votes and the meeting's attendance."""
    kits: bool = False
    """Juror kits issued, ballots written."""
    round: bool = False
    """The current round switched, or a round was closed, reopened or added: every round-scoped
    part of the campaign (criteria, assignments, scores, decisions, the roster) may differ."""

    def __or__(self, other: OpChanges) -> OpChanges:
        return OpChanges(
            **{
                flag.name: getattr(self, flag.name) or getattr(other, flag.name)
                for flag in fields(self)
            }
        )

    def concerns(self, shown: OpChanges) -> bool:
        """Whether these changes touch any of the kinds ``shown`` (what a page shows)."""
        return any(getattr(self, flag.name) and getattr(shown, flag.name) for flag in fields(self))

    @property
    def empty(self) -> bool:
        return not any(getattr(self, flag.name) for flag in fields(self))

    @property
    def affects_ranking(self) -> bool:
        """The ranking depends on the rules, the dossiers and the scores — never on a decision."""
        return self.setup or self.dossiers or self.scores or self.round

    @property
    def affects_scoring(self) -> bool:
        """What a juror's workspace shows: the rules, the dossiers and their files, the scores."""
        return self.setup or self.dossiers or self.attachments or self.scores or self.round

    @property
    def rereads_everything(self) -> bool:
        """Rules or dossiers changed: every part of the campaign in memory may depend on them."""
        return self.setup or self.dossiers or self.round


NOTHING = OpChanges()
SETUP = OpChanges(setup=True)
DOSSIERS = OpChanges(dossiers=True)
ATTACHMENTS = OpChanges(attachments=True)
SCORES = OpChanges(scores=True)
DECISIONS = OpChanges(decisions=True)
KITS = OpChanges(kits=True)
ROUND = OpChanges(round=True)
EVERYTHING = OpChanges(**{flag.name: True for flag in fields(OpChanges)})
"""When a caller cannot tell (a whole campaign workbook imported, a file reopened)."""


def changes_of(result: object) -> OpChanges:
    """What a service's ``result`` says it changed: its ``op_changes``, or the union of those of
    the results it holds (one report per merged ballot, per kit; none: nothing changed);
    :data:`EVERYTHING` when it says nothing (the app then re-reads the whole campaign)."""
    said = getattr(result, "op_changes", None)
    if isinstance(said, OpChanges):
        return said
    if isinstance(result, Iterable) and not isinstance(result, str | bytes):
        return _union(changes_of(part) for part in result)
    return EVERYTHING


def _union(parts: Iterable[OpChanges]) -> OpChanges:
    combined = NOTHING
    for part in parts:
        combined = combined | part
    return combined
