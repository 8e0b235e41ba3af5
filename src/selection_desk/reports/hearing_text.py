"""The pitch day's timetable in words — a slot's line, a break's, the overrun warning — shared by
``hearing show``, the Pitch day page and the convocation schedule.  Light on purpose (no
reportlab, no openpyxl): the window imports it at start."""

from __future__ import annotations

from collections.abc import Mapping

from selection_desk.domain.hearing import Pause, Slot, Timetable, clock
from selection_desk.i18n import _, ngettext


def span(start: int, end: int) -> str:
    return _("{start}–{end}").format(start=clock(start), end=clock(end))


def overrun_warning(timetable: Timetable) -> str:
    """The sentence that says the day runs late (empty when it fits)."""
    if not timetable.overrun or timetable.plan.end is None:
        return ""
    return ngettext(
        "The day runs {minutes} minute past its end ({end}).",
        "The day runs {minutes} minutes past its end ({end}).",
        timetable.overrun,
    ).format(minutes=timetable.overrun, end=clock(timetable.plan.end))


def pause_text(pause: Pause) -> str:
    return pause.label or _("Break")


def slot_line(slot: Slot, juror_names: Mapping[str, str]) -> str:
    """One line of the timetable (``hearing show``, the Pitch day page)."""
    text = _("{number}. {start}–{end}  {name} ({ref})").format(
        number=slot.number,
        start=clock(slot.start),
        end=clock(slot.end),
        name=slot.name,
        ref=slot.dossier,
    )
    if slot.conflicted:
        names = ", ".join(juror_names.get(code, code) for code in slot.conflicted)
        text += "  ·  " + _("conflict of interest: {jurors}").format(jurors=names)
    return text


def pause_line(pause: Pause) -> str:
    return _("{time}  — {label} —").format(
        time=span(pause.start, pause.end), label=pause_text(pause)
    )
