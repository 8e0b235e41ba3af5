"""The pitch day's timetable (domain.hearing): slots, breaks, changeovers, conflicts, overrun."""

from __future__ import annotations

import pytest

from selection_desk.domain import Conflict
from selection_desk.domain.hearing import (
    HearingBreak,
    HearingPlan,
    Pause,
    Phase,
    Slot,
    arranged,
    check_plan,
    clock,
    countdown,
    moved,
    parse_clock,
    put_first,
    timetable,
)
from selection_desk.errors import InvalidInput

NAMES = {"A": "Alpha", "B": "Bêta", "C": "Gamma", "D": "Delta"}


def test_slots_follow_each_other_with_the_changeover_and_the_break_between_them() -> None:
    plan = HearingPlan(
        start=parse_clock("09:00"),
        pitch_minutes=10,
        question_minutes=10,
        changeover_minutes=5,
        breaks=(HearingBreak(2, 60, "Pause déjeuner"),),
    )
    day = timetable(plan, ["A", "B", "C"], NAMES, [Conflict("J2", "B"), Conflict("J1", "B")])
    times = [(clock(s.start), clock(s.questions_start), clock(s.end)) for s in day.slots]
    assert times == [("09:00", "09:10", "09:20"), ("09:25", "09:35", "09:45"),
                     ("10:45", "10:55", "11:05")]  # fmt: skip
    assert day.pauses == (Pause(2, 9 * 60 + 45, 10 * 60 + 45, "Pause déjeuner"),)
    assert [s.conflicted for s in day.slots] == [(), ("J1", "J2"), ()]
    assert [s.name for s in day.slots] == ["Alpha", "Bêta", "Gamma"]
    assert [type(item).__name__ for item in day.items()] == ["Slot", "Slot", "Pause", "Slot"]
    assert day.ends_at == 11 * 60 + 5
    assert day.slot_at(9 * 60 + 22) is None  # changeover
    slot = day.slot_at(10 * 60 + 50)
    assert isinstance(slot, Slot) and slot.dossier == "C"


def test_the_overrun_is_how_far_the_day_runs_past_its_end() -> None:
    plan = HearingPlan(start=parse_clock("17:00"), pitch_minutes=15, question_minutes=15,
                       end=parse_clock("17:45"))  # fmt: skip
    assert timetable(plan, ["A", "B"], NAMES).overrun == 15
    assert timetable(plan, ["A"], NAMES).overrun == 0
    assert timetable(HearingPlan(start=0, pitch_minutes=1, question_minutes=0), [], {}).overrun == 0


@pytest.mark.parametrize(("text", "minutes"), [("09:30", 570), ("9h05", 545), (" 23.59 ", 1439)])
def test_times_are_read_as_people_write_them(text: str, minutes: int) -> None:
    assert parse_clock(text) == minutes


@pytest.mark.parametrize("text", ["24:00", "9", "09:60", "midi", ""])
def test_a_time_that_is_none_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_clock(text)
    assert caught.value.code == "hearing_bad_time"


@pytest.mark.parametrize(
    ("plan", "code"),
    [
        (HearingPlan(0, 0, 10), "hearing_bad_pitch"),
        (HearingPlan(0, 10, -1), "hearing_bad_questions"),
        (HearingPlan(0, 10, 10, breaks=(HearingBreak(3, 10),)), "hearing_bad_break"),
        (HearingPlan(0, 10, 10, breaks=(HearingBreak(0, 10),)), "hearing_bad_break"),
        (HearingPlan(0, 10, 10, breaks=(HearingBreak(1, 0),)), "hearing_bad_break_minutes"),
        (HearingPlan(0, 10, 10, breaks=(HearingBreak(1, 5, "x" * 201),)), "hearing_label_too_long"),
    ],
)
def test_a_plan_no_day_can_follow_is_refused(plan: HearingPlan, code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_plan(plan, teams=3)
    assert caught.value.code == code


def test_the_order_keeps_placed_teams_and_appends_new_ones() -> None:
    assert arranged(["C", "X", "A"], ["A", "B", "C"]) == ("C", "A", "B")
    assert put_first(("A", "B", "C", "D"), ["C", "A"]) == ("C", "A", "B", "D")
    with pytest.raises(InvalidInput):
        put_first(("A", "B"), ["A", "A"])


@pytest.mark.parametrize(
    ("ref", "to", "expected"),
    [("C", 0, "CABD"), ("A", 1, "BACD"), ("A", 99, "BCDA"), ("D", -3, "DABC"), ("Z", 0, "ABCD")],
)
def test_a_team_moves_to_its_new_place(ref: str, to: int, expected: str) -> None:
    assert "".join(moved("ABCD", ref, to)) == expected


@pytest.mark.parametrize(
    ("elapsed", "phase", "digits", "warning"),
    [
        (0, Phase.PITCH, "10:00", False),
        (539.9, Phase.PITCH, "01:01", False),
        (540, Phase.PITCH, "01:00", True),
        (600, Phase.QUESTIONS, "05:00", False),
        (899, Phase.QUESTIONS, "00:01", True),
        (900, Phase.OVER, "+00:00", False),
        (972, Phase.OVER, "+01:12", False),
        (-5, Phase.PITCH, "10:00", False),
    ],
)
def test_the_countdown_runs_the_pitch_then_the_questions_then_past_time(
    elapsed: float, phase: Phase, digits: str, warning: bool
) -> None:
    state = countdown(elapsed, HearingPlan(start=0, pitch_minutes=10, question_minutes=5))
    assert (state.phase, state.digits, state.warning) == (phase, digits, warning)


def test_without_questions_the_pitch_runs_straight_past_time() -> None:
    plan = HearingPlan(start=0, pitch_minutes=1, question_minutes=0)
    assert countdown(60, plan).phase is Phase.OVER
