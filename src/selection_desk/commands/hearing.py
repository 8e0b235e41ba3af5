"""``selection-desk hearing FILE plan|show|schedule``: the pitch day (design §10, hearing round).

* ``plan --start 09:00 --pitch 10 --questions 10 [--changeover 2] [--break AFTER:MINUTES[:LABEL]]…
  [--end 17:00] [--date D] [--place P] [--bring TEXT] [--order REF,REF,…]`` sets the day (the
  teams named in ``--order`` go first, in that order);
* ``show [--json]`` prints the timetable, the conflicted jurors of each slot and an overrun;
* ``schedule --out DIR [--for teams|jurors|both] [--lang fr|en]`` writes the convocation
  schedule as PDF and XLSX.

Each takes ``--round CODE``: the hearing round (default: the open round).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from selection_desk.commands import CommandAdder, add_round_option, choose_round, print_json
from selection_desk.i18n import LANGUAGES, _

if TYPE_CHECKING:
    from selection_desk.domain.hearing import HearingBreak, Timetable

AUDIENCES = ("teams", "jurors", "both")


def register(commands: CommandAdder) -> None:
    hearing = commands.add("hearing", _hearing, _("plan the pitch day and write its schedule"))
    hearing.add_argument("file", metavar=_("FILE"))
    actions = hearing.add_subparsers(dest="action", required=True, metavar="plan|show|schedule")
    plan = actions.add_parser("plan", help=_("set the day: start, minutes, breaks, order"))
    plan.add_argument(
        "--start", required=True, metavar="HH:MM", help=_("when the first pitch starts")
    )
    plan.add_argument(
        "--pitch", required=True, type=int, metavar=_("MINUTES"), help=_("minutes of each pitch")
    )
    plan.add_argument(
        "--questions",
        required=True,
        type=int,
        metavar=_("MINUTES"),
        help=_("minutes of questions after each pitch"),
    )
    plan.add_argument(
        "--changeover",
        type=int,
        default=0,
        metavar=_("MINUTES"),
        help=_("minutes between two teams"),
    )
    plan.add_argument(
        "--break",
        dest="breaks",
        action="append",
        default=[],
        metavar=_("AFTER:MINUTES[:LABEL]"),
        help=_("a break after slot AFTER (repeatable)"),
    )
    plan.add_argument(
        "--end", metavar="HH:MM", help=_("when the day must be over: a warning if it runs later")
    )
    plan.add_argument(
        "--date", default="", metavar=_("DATE"), help=_("the day, as the convocation prints it")
    )
    plan.add_argument("--place", default="", metavar=_("PLACE"), help=_("where the teams pitch"))
    plan.add_argument("--bring", default="", metavar=_("TEXT"), help=_("what the teams bring"))
    plan.add_argument("--order", metavar=_("REF,REF,…"), help=_("these teams first, in this order"))
    show = actions.add_parser("show", help=_("print the timetable"))
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    schedule = actions.add_parser("schedule", help=_("write the convocation schedule (PDF, XLSX)"))
    schedule.add_argument(
        "--out", required=True, metavar=_("DIR"), help=_("the folder to write into")
    )
    schedule.add_argument(
        "--for", dest="audience", choices=AUDIENCES, default="both", help=_("whose version")
    )
    # As ``export``: ``--lang`` after the subcommand is the schedule's language.
    schedule.add_argument(
        "--lang",
        dest="report_lang",
        choices=LANGUAGES,
        help=_("language of the reports (default: the campaign's)"),
    )
    for action in (plan, show, schedule):
        add_round_option(action)


def _hearing(args: argparse.Namespace) -> int:
    if args.action == "plan":
        return _plan(args)
    if args.action == "show":
        return _show(args)
    return _schedule(args)


def _plan(args: argparse.Namespace) -> int:
    from selection_desk.domain.hearing import HearingPlan, parse_clock
    from selection_desk.services import hearing
    from selection_desk.storage.store import CampaignStore

    plan = HearingPlan(
        start=parse_clock(args.start),
        pitch_minutes=args.pitch,
        question_minutes=args.questions,
        changeover_minutes=args.changeover,
        breaks=tuple(parse_break(text) for text in args.breaks),
        end=None if args.end is None else parse_clock(args.end),
        day=args.date,
        place=args.place,
        bring=args.bring,
    )
    order = None if args.order is None else [r.strip() for r in args.order.split(",") if r.strip()]
    with CampaignStore.open(Path(args.file)) as store:
        choose_round(store, args)
        day = hearing.plan_hearing(store, plan, order)
        jurors = {juror.code: juror.name for juror in store.jurors()}
    _print_timetable(day, jurors)
    return 0


def parse_break(text: str) -> HearingBreak:
    """``AFTER:MINUTES[:LABEL]`` (the label may hold colons) → a break."""
    from selection_desk.domain.hearing import HEARING_BAD_BREAK_TEXT, HearingBreak
    from selection_desk.errors import InvalidInput

    after, _sep, rest = text.partition(":")
    minutes, _sep, label = rest.partition(":")
    if not (after.strip().isdigit() and minutes.strip().isdigit()):
        raise InvalidInput(HEARING_BAD_BREAK_TEXT, value=text)
    return HearingBreak(int(after), int(minutes), label.strip())


def _show(args: argparse.Namespace) -> int:
    from selection_desk.errors import InvalidInput
    from selection_desk.services import hearing
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(Path(args.file), readonly=True) as store:
        choose_round(store, args)
        day = hearing.hearing_timetable(store)
        jurors = {juror.code: juror.name for juror in store.jurors()}
    if day is None:
        raise InvalidInput(hearing.HEARING_NOT_PLANNED)
    if args.json:
        print_json(timetable_json(day))
        return 0
    _print_timetable(day, jurors)
    return 0


def _print_timetable(day: Timetable, jurors: dict[str, str]) -> None:
    from selection_desk.domain.hearing import Pause
    from selection_desk.reports.hearing_text import overrun_warning, pause_line, slot_line

    for item in day.items():
        if isinstance(item, Pause):
            print(f"    {pause_line(item)}")
        else:
            print(f"{' ' if item.number < 10 else ''}{slot_line(item, jurors)}")
    warning = overrun_warning(day)
    if warning:
        print(warning)


def timetable_json(day: Timetable) -> dict[str, object]:
    from selection_desk.domain.hearing import Pause, clock

    plan = day.plan
    return {
        "start": clock(plan.start),
        "end": None if plan.end is None else clock(plan.end),
        "pitch_minutes": plan.pitch_minutes,
        "question_minutes": plan.question_minutes,
        "changeover_minutes": plan.changeover_minutes,
        "date": plan.day,
        "place": plan.place,
        "bring": plan.bring,
        "ends_at": clock(day.ends_at),
        "overrun_minutes": day.overrun,
        "items": [
            {"kind": "break", "after": item.after, "label": item.label,
             "start": clock(item.start), "end": clock(item.end)}
            if isinstance(item, Pause)
            else {"kind": "slot", "number": item.number, "dossier": item.dossier,
                  "name": item.name, "start": clock(item.start),
                  "questions_start": clock(item.questions_start), "end": clock(item.end),
                  "conflicted_jurors": list(item.conflicted)}
            for item in day.items()
        ],
    }  # fmt: skip


def _schedule(args: argparse.Namespace) -> int:
    from selection_desk.reports.convocation import Audience
    from selection_desk.services.hearing_schedule import export_schedule

    audiences = list(Audience) if args.audience == "both" else [Audience(args.audience)]
    language = args.report_lang or getattr(args, "lang", None)
    written = export_schedule(
        Path(args.file), Path(args.out), audiences, language=language, round_code=args.round
    )
    for path in written:
        print(path)
    return 0
