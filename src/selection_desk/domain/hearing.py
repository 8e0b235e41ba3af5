"""The pitch day's timetable (design §10, hearing round), computed from its plan without I/O.

A plan says when the day starts, how long each team pitches and answers questions, how long the
changeover between two teams lasts, where the breaks fall (after which slot, how long, what they
are called) and, optionally, when the day must end.  The teams come on in the plan's order, one
slot each; :func:`timetable` gives every slot's and break's start and end, the jurors who have a
conflict of interest with the team on stage (they leave the room or abstain), and how far the day
runs past its end.  Times are minutes since midnight: a day that runs past midnight wraps its
clock (:func:`clock`), which only a plan the secretary would never make does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from selection_desk.domain.model import Conflict
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_

MAX_PITCH_MINUTES = 240
MAX_BREAK_MINUTES = 600
MAX_LABEL = 200

HEARING_BAD_TIME = define_message(
    "hearing_bad_time", N_("“{value}” is not a time of day: write it as HH:MM, e.g. 09:30.")
)
# One message per duration: the facts of a message are not translated, its template is.
_BAD_MINUTES = {
    "pitch": define_message(
        "hearing_bad_pitch", N_("The pitch lasts from {low} to {high} minutes, not {value}.")
    ),
    "questions": define_message(
        "hearing_bad_questions",
        N_("The questions last from {low} to {high} minutes, not {value}."),
    ),
    "changeover": define_message(
        "hearing_bad_changeover",
        N_("The changeover lasts from {low} to {high} minutes, not {value}."),
    ),
    "break": define_message(
        "hearing_bad_break_minutes", N_("A break lasts from {low} to {high} minutes, not {value}.")
    ),
}
HEARING_BAD_BREAK = define_message(
    "hearing_bad_break",
    N_(
        "A break comes after a slot from 1 to {last} (one before the last team), not after {after}."
    ),
)
HEARING_BAD_BREAK_TEXT = define_message(
    "hearing_bad_break_text",
    N_("“{value}” is not a break: write AFTER:MINUTES or AFTER:MINUTES:LABEL, e.g. 4:60:Lunch."),
)
HEARING_DUPLICATE_TEAM = define_message(
    "hearing_duplicate_team", N_("Dossier {dossier} appears twice in the order of the day.")
)
HEARING_LABEL_TOO_LONG = define_message(
    "hearing_label_too_long", N_("A break's label is longer than {limit} characters.")
)

_CLOCK = re.compile(r"^\s*([01]?\d|2[0-3])\s*[:hH.]\s*([0-5]\d)\s*$")


def parse_clock(value: str) -> int:
    """``"09:30"`` (or ``9h30``, ``9.30``) → minutes since midnight; :class:`InvalidInput` else."""
    match = _CLOCK.match(value)
    if match is None:
        raise InvalidInput(HEARING_BAD_TIME, value=value)
    return int(match.group(1)) * 60 + int(match.group(2))


def clock(minutes: int) -> str:
    """Minutes since midnight as ``HH:MM`` (24-hour clock, as both languages write it here)."""
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class HearingBreak:
    after: int
    """The slot (1-based) after which the break comes."""
    minutes: int
    label: str = ""


@dataclass(frozen=True)
class HearingPlan:
    """The pitch day as the secretary sets it; the order of the teams is kept apart (slots)."""

    start: int
    """Minutes since midnight."""
    pitch_minutes: int
    question_minutes: int
    changeover_minutes: int = 0
    breaks: tuple[HearingBreak, ...] = ()
    end: int | None = None
    """When the day must be over (minutes since midnight), if the room is booked until then."""
    day: str = ""
    place: str = ""
    bring: str = ""
    """What the teams bring (laptop, adapter, slides on a stick…), printed in their convocation."""

    @property
    def slot_minutes(self) -> int:
        return self.pitch_minutes + self.question_minutes


def check_plan(plan: HearingPlan, teams: int) -> None:
    """:class:`InvalidInput` for a plan no timetable can follow, ``teams`` being the slots."""
    _check_minutes("pitch", plan.pitch_minutes, 1, MAX_PITCH_MINUTES)
    _check_minutes("questions", plan.question_minutes, 0, MAX_PITCH_MINUTES)
    _check_minutes("changeover", plan.changeover_minutes, 0, MAX_PITCH_MINUTES)
    for pause in plan.breaks:
        _check_minutes("break", pause.minutes, 1, MAX_BREAK_MINUTES)
        if not 1 <= pause.after < teams:
            raise InvalidInput(HEARING_BAD_BREAK, after=pause.after, last=max(teams - 1, 0))
        if len(pause.label) > MAX_LABEL:
            raise InvalidInput(HEARING_LABEL_TOO_LONG, limit=MAX_LABEL)


def _check_minutes(what: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise InvalidInput(_BAD_MINUTES[what], value=value, low=low, high=high)


def check_order(order: Sequence[str]) -> None:
    seen: set[str] = set()
    for ref in order:
        if ref in seen:
            raise InvalidInput(HEARING_DUPLICATE_TEAM, dossier=ref)
        seen.add(ref)


def arranged(placed: Sequence[str], roster: Sequence[str]) -> tuple[str, ...]:
    """The order of the day: the ``placed`` teams still on the ``roster`` in their order, then
    the roster's others in the roster's order (a team added after the plan goes last)."""
    on_roster = set(roster)
    kept = [ref for ref in placed if ref in on_roster]
    placed_set = set(kept)
    return (*kept, *(ref for ref in roster if ref not in placed_set))


def put_first(order: Sequence[str], first: Sequence[str]) -> tuple[str, ...]:
    """``first`` (as given) then the rest of ``order`` (as it was): ``--order A,B`` moves A and B
    to the head of the day."""
    check_order(first)
    chosen = set(first)
    return (*first, *(ref for ref in order if ref not in chosen))


def moved(order: Sequence[str], ref: str, to: int) -> tuple[str, ...]:
    """``order`` with ``ref`` moved to index ``to`` (clamped): the keyboard's up/down and a drop."""
    rest = [item for item in order if item != ref]
    if len(rest) == len(order):
        return tuple(order)
    index = min(max(to, 0), len(rest))
    return (*rest[:index], ref, *rest[index:])


@dataclass(frozen=True)
class Slot:
    number: int
    """1-based: the team's place in the day."""
    dossier: str
    name: str
    start: int
    questions_start: int
    end: int
    conflicted: tuple[str, ...]
    """The jurors (codes) with a conflict of interest with this team."""


@dataclass(frozen=True)
class Pause:
    after: int
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Timetable:
    plan: HearingPlan
    slots: tuple[Slot, ...]
    pauses: tuple[Pause, ...]

    @property
    def ends_at(self) -> int:
        """When the last team (or the plan's start, with no team) is done."""
        return self.slots[-1].end if self.slots else self.plan.start

    @property
    def overrun(self) -> int:
        """Minutes the day runs past the plan's end (0 when it fits or has no end)."""
        if self.plan.end is None:
            return 0
        return max(0, self.ends_at - self.plan.end)

    def items(self) -> list[Slot | Pause]:
        """The slots and breaks in the order of the day."""
        by_slot: dict[int, list[Pause]] = {}
        for pause in self.pauses:
            by_slot.setdefault(pause.after, []).append(pause)
        entries: list[Slot | Pause] = []
        for slot in self.slots:
            entries.append(slot)
            entries.extend(by_slot.get(slot.number, ()))
        return entries

    def slot_at(self, minute: int) -> Slot | None:
        """The slot on stage at ``minute`` (None in a break, a changeover, before or after)."""
        return next((s for s in self.slots if s.start <= minute < s.end), None)


def timetable(
    plan: HearingPlan,
    order: Sequence[str],
    names: Mapping[str, str],
    conflicts: Iterable[Conflict] = (),
) -> Timetable:
    """Each team's slot, one after the other from the plan's start.  Between two teams comes the
    changeover, or the break placed there (the room changes over during the break)."""
    conflicted: dict[str, list[str]] = {}
    for conflict in conflicts:
        conflicted.setdefault(conflict.dossier, []).append(conflict.juror)
    breaks: dict[int, list[HearingBreak]] = {}
    for pause in plan.breaks:
        breaks.setdefault(pause.after, []).append(pause)
    slots: list[Slot] = []
    pauses: list[Pause] = []
    now = plan.start
    for number, ref in enumerate(order, start=1):
        if number > 1:
            gap = breaks.get(number - 1)
            if gap:
                for pause in gap:
                    pauses.append(Pause(pause.after, now, now + pause.minutes, pause.label))
                    now += pause.minutes
            else:
                now += plan.changeover_minutes
        slots.append(
            Slot(
                number,
                ref,
                names.get(ref, ref),
                now,
                now + plan.pitch_minutes,
                now + plan.slot_minutes,
                tuple(sorted(conflicted.get(ref, ()))),
            )
        )
        now += plan.slot_minutes
    return Timetable(plan, tuple(slots), tuple(pauses))


class Phase(StrEnum):
    """Where the team on stage is in its slot (the projector's countdown)."""

    PITCH = "pitch"
    QUESTIONS = "questions"
    OVER = "over"


WARNING_SECONDS = 60
"""The countdown turns amber for the last minute of the pitch and of the questions."""


@dataclass(frozen=True)
class Countdown:
    phase: Phase
    remaining: int
    """Seconds left in the phase; past time (``OVER``), the seconds beyond the slot's end."""

    @property
    def warning(self) -> bool:
        return self.phase is not Phase.OVER and self.remaining <= WARNING_SECONDS

    @property
    def digits(self) -> str:
        """``MM:SS`` left, or ``+MM:SS`` past time."""
        minutes, seconds = divmod(self.remaining, 60)
        sign = "+" if self.phase is Phase.OVER else ""
        return f"{sign}{minutes:02d}:{seconds:02d}"


def countdown(elapsed: float, plan: HearingPlan) -> Countdown:
    """The countdown ``elapsed`` seconds into a slot: the pitch, then the questions (none when
    the plan has none), then the time past the slot.  A second begun is counted as left."""
    pitch = plan.pitch_minutes * 60
    slot = plan.slot_minutes * 60
    passed = max(0, int(elapsed))
    if passed < pitch:
        return Countdown(Phase.PITCH, pitch - passed)
    if passed < slot:
        return Countdown(Phase.QUESTIONS, slot - passed)
    return Countdown(Phase.OVER, passed - slot)
