"""The meeting's agenda: the ranking, dossier by dossier, with what calls for discussion first.

Pure functions over a :class:`~selection_desk.aggregation.Ranking` and the decisions (no I/O), used
by the Deliberation page, its projector view and the minutes (which is why they live below reports):

* **high spread**: the jurors disagree (the ranking's own flag, spread above the campaign's
  threshold);
* **near the cut-off**: the dossier is among the last ``margin`` dossiers within the places or the
  first ``margin`` after them, ``margin = max(1, round(places / 5))``;
* **unstable**: a bootstrap over jurors ran and the dossier is within the places in more than 10 %
  but less than 90 % of the resamples: another jury could well have decided otherwise;
* **tied** and **eliminated** are shown too (they are facts, not calls for discussion).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from selection_desk.aggregation.ranking import RankedDossier, Ranking
from selection_desk.domain import Decision
from selection_desk.i18n import N_, _

UNSTABLE_LOW = 0.1
UNSTABLE_HIGH = 0.9


class Flag(StrEnum):
    HIGH_SPREAD = "high_spread"
    NEAR_CUTOFF = "near_cutoff"
    UNSTABLE = "unstable"
    TIED = "tied"
    ELIMINATED = "eliminated"


DISCUSSION_FLAGS = frozenset({Flag.HIGH_SPREAD, Flag.NEAR_CUTOFF, Flag.UNSTABLE})
"""The flags that put a dossier first on the agenda."""

_FLAG_LABELS = {
    Flag.HIGH_SPREAD: N_("high spread"),
    Flag.NEAR_CUTOFF: N_("near the cut-off"),
    Flag.UNSTABLE: N_("unstable"),
    Flag.TIED: N_("tied"),
    Flag.ELIMINATED: N_("eliminated"),
}


def flag_label(flag: Flag) -> str:
    return _(_FLAG_LABELS[flag])


def cutoff_margin(places: int) -> int:
    return max(1, round(places / 5))


def is_near_cutoff(entry: RankedDossier, places: int) -> bool:
    if entry.eliminated or entry.score is None:
        return False
    margin = cutoff_margin(places)
    return places - margin < entry.rank <= places + margin


def is_unstable(p_top: float | None) -> bool:
    return p_top is not None and UNSTABLE_LOW < p_top < UNSTABLE_HIGH


def discussion_flags(
    entry: RankedDossier, places: int, p_top: float | None = None
) -> tuple[Flag, ...]:
    """The flags of ``entry``, in a fixed order; ``p_top`` overrides the entry's own."""
    p_top = entry.p_top if p_top is None else p_top
    flags = []
    if entry.flagged:
        flags.append(Flag.HIGH_SPREAD)
    if is_near_cutoff(entry, places):
        flags.append(Flag.NEAR_CUTOFF)
    if is_unstable(p_top):
        flags.append(Flag.UNSTABLE)
    if entry.tied:
        flags.append(Flag.TIED)
    if entry.eliminated:
        flags.append(Flag.ELIMINATED)
    return tuple(flags)


def discussion_flags_of(ranking: Ranking) -> dict[str, tuple[Flag, ...]]:
    """Dossier ref → its flags that call for discussion (high spread, near the cut-off, unstable)
    or a tie, for the dossiers that have one."""
    found: dict[str, tuple[Flag, ...]] = {}
    for entry in ranking.entries:
        flags = tuple(
            flag
            for flag in discussion_flags(entry, ranking.places)
            if flag in DISCUSSION_FLAGS or flag is Flag.TIED
        )
        if flags:
            found[entry.ref] = flags
    return found


@dataclass(frozen=True)
class AgendaItem:
    entry: RankedDossier
    flags: tuple[Flag, ...]
    decision: Decision | None
    p_top: float | None

    @property
    def ref(self) -> str:
        return self.entry.ref

    @property
    def calls_for_discussion(self) -> bool:
        return any(flag in DISCUSSION_FLAGS for flag in self.flags)


def build_agenda(
    ranking: Ranking,
    decisions: Iterable[Decision] = (),
    *,
    p_top: Mapping[str, float] | None = None,
    discussion_first: bool = False,
) -> tuple[AgendaItem, ...]:
    """One item per dossier, in ranking order; ``discussion_first`` moves the dossiers that call
    for discussion to the top (keeping the ranking order within each group).  ``p_top`` (ref →
    share) is a stability check run apart from ``ranking``."""
    by_ref = {decision.dossier: decision for decision in decisions}
    shares = p_top or {}
    items = [
        AgendaItem(
            entry,
            discussion_flags(entry, ranking.places, shares.get(entry.ref)),
            by_ref.get(entry.ref),
            shares.get(entry.ref, entry.p_top),
        )
        for entry in ranking.entries
    ]
    if discussion_first:
        items.sort(key=lambda item: not item.calls_for_discussion)
    return tuple(items)


def juror_letters(index: int) -> str:
    """``A`` … ``Z``, ``AA`` …: the index-th juror's letters in :func:`juror_alias`."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def juror_alias(index: int) -> str:
    """``Juror A`` … ``Juror Z``, ``Juror AA`` …: a stable stand-in for the index-th juror."""
    return _("Juror {letter}").format(letter=juror_letters(index))


def juror_display_names(jurors: Sequence[tuple[str, str]], *, anonymous: bool) -> dict[str, str]:
    """Juror code → what to show: the juror's name, or ``Juror A, B…`` in the campaign's order."""
    return {
        code: juror_alias(index) if anonymous else name for index, (code, name) in enumerate(jurors)
    }
