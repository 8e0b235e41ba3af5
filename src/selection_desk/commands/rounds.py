"""``selection-desk round FILE list|add|close|reopen``: the rounds of a selection in stages
(design §10)::

    selection-desk round FILE list [--json]
    selection-desk round FILE add CODE --name N [--kind dossier|hearing] [--places K]
                                  [--method M] [--weight λ] [--date D] [--criteria-from R]
    selection-desk round FILE edit CODE [--name N] [--places K|none] [--method M|none]
                                   [--weight λ|none] [--date D]
    selection-desk round FILE close [CODE]
    selection-desk round FILE reopen [CODE]

They call :mod:`selection_desk.services.rounds`, as the app does.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selection_desk.commands import CommandAdder, print_json
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_, _

NOT_A_NUMBER = define_message(
    "round_not_a_number", N_("{value} is not a number (or none, to leave it unset).")
)

if TYPE_CHECKING:
    from selection_desk.domain import Round


def register(commands: CommandAdder) -> None:
    parser = commands.add("round", _round, _("list, add, close or reopen the rounds"))
    parser.add_argument("file", metavar=_("FILE"))
    actions = parser.add_subparsers(dest="round_action", required=True, metavar=_("ACTION"))
    listing = actions.add_parser("list", help=_("list the rounds"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    add = actions.add_parser("add", help=_("add a round after the last one"))
    add.add_argument("code", metavar=_("CODE"))
    add.add_argument("--name", required=True, help=_("the round's name"))
    add.add_argument("--kind", default="dossier", choices=("dossier", "hearing"))
    add.add_argument("--places", type=int, help=_("places it fills (default: the campaign's)"))
    add.add_argument("--method", help=_("its ranking method (default: the campaign's)"))
    add.add_argument("--weight", type=float, metavar="λ", help=_("its weight in the final ranking"))
    add.add_argument("--date", default="", help=_("its date"))
    add.add_argument(
        "--criteria-from", metavar="R", help=_("start from the criteria of round R (copied)")
    )
    edit = actions.add_parser("edit", help=_("change a round's name, places, method or weight"))
    edit.add_argument("code", metavar=_("CODE"))
    edit.add_argument("--name", help=_("the round's name"))
    edit.add_argument("--places", help=_("places it fills (none: the campaign's)"))
    edit.add_argument("--method", help=_("its ranking method (none: the campaign's)"))
    edit.add_argument("--weight", metavar="λ", help=_("its weight in the final ranking (none)"))
    edit.add_argument("--date", help=_("its date"))
    for action, help_text in (
        ("close", _("close a round: who goes on becomes the next round's roster")),
        ("reopen", _("reopen a closed round (audited)")),
    ):
        sub = actions.add_parser(action, help=help_text)
        sub.add_argument(
            "code", nargs="?", metavar=_("CODE"), help=_("the round (default: the current one)")
        )


def _round(args: argparse.Namespace) -> int:
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(Path(args.file), readonly=args.round_action == "list") as store:
        if args.round_action == "list":
            return _list(store.rounds(), store.round.code, json_output=args.json)
        if args.round_action == "add":
            return _add(store, args)
        if args.round_action == "edit":
            return _edit(store, args)
        return _close_or_reopen(store, args)


def _round_json(value: Round, current: str) -> dict[str, Any]:
    return {
        "code": value.code,
        "name": value.name,
        "kind": value.kind.value,
        "position": value.position,
        "places": value.places,
        "method": None if value.method is None else value.method.value,
        "weight": value.weight,
        "date": value.date,
        "status": value.status.value,
        "closed_at": value.closed_at,
        "current": value.code == current,
    }


def _list(rounds: tuple[Round, ...], current: str, *, json_output: bool) -> int:
    from selection_desk.labels import label

    if json_output:
        print_json([_round_json(r, current) for r in rounds])
        return 0
    for value in rounds:
        marker = "*" if value.code == current else " "
        details = [label(value.kind), label(value.status)]
        if value.places is not None:
            details.append(_("{places} places").format(places=value.places))
        if value.method is not None:
            details.append(label(value.method))
        if value.weight is not None:
            details.append(_("weight {weight:g}").format(weight=value.weight))
        print(f"{marker} {value.code}  {value.name}  ({', '.join(details)})")
    return 0


def _add(store: Any, args: argparse.Namespace) -> int:
    from selection_desk.domain import Round
    from selection_desk.services.rounds import add_round

    added = add_round(
        store,
        Round(
            code=args.code,
            name=args.name,
            kind=args.kind,
            places=args.places,
            method=args.method,
            weight=args.weight,
            date=args.date,
        ),
        criteria_from=args.criteria_from,
    )
    print(_("Round {code} added: {name}.").format(code=added.code, name=added.name))
    return 0


def _optional(text: str, kind: type[int] | type[float]) -> int | float | None:
    """``none`` (or empty): unset; else a number (a usage error otherwise)."""
    if text.strip().lower() in ("", "none"):
        return None
    try:
        return kind(text)
    except ValueError:
        raise InvalidInput(NOT_A_NUMBER, value=text) from None


def _edit(store: Any, args: argparse.Namespace) -> int:
    from selection_desk.services.rounds import edit_round

    settings: dict[str, Any] = {}
    if args.name is not None:
        settings["name"] = args.name
    if args.date is not None:
        settings["date"] = args.date
    if args.places is not None:
        settings["places"] = _optional(args.places, int)
    if args.weight is not None:
        settings["weight"] = _optional(args.weight, float)
    if args.method is not None:
        settings["method"] = None if args.method.lower() == "none" else args.method
    edited = edit_round(store, args.code, **settings)
    print(_("Round {code} saved: {name}.").format(code=edited.code, name=edited.name))
    return 0


def _close_or_reopen(store: Any, args: argparse.Namespace) -> int:
    from selection_desk.services.rounds import close_round, reopen_round

    if args.round_action == "reopen":
        reopened = reopen_round(store, args.code)
        print(_("Round {code} reopened.").format(code=reopened.code))
        return 0
    closing = close_round(store, args.code)
    print(
        _("Round {code} closed: {count} dossier(s) go on ({refs}).").format(
            code=closing.round.code, count=len(closing.goes_on), refs=", ".join(closing.goes_on)
        )
    )
    if closing.next_round is not None:
        print(_("They form the roster of round {code}.").format(code=closing.next_round.code))
    return 0
