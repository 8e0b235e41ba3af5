"""``selection-desk score FILE JUROR DOSSIER CRITERION VALUE [--comment T] [--final] [--reopen]
[--pin-file F]``: record one score, as the Scoring page does (audited).

The juror's PIN is checked when they have one, as in the app; a final review must be reopened
(``--reopen``) before it changes.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from selection_desk import i18n
from selection_desk.commands import CommandAdder, add_round_option, choose_round
from selection_desk.errors import InvalidInput, define_message
from selection_desk.formats.cell_values import (
    MAX_MAGNITUDE,
    NUMBER_TOO_LARGE,
    NumberTooLargeError,
    bounded,
)
from selection_desk.i18n import N_, _
from selection_desk.labels import label

if TYPE_CHECKING:
    from selection_desk.storage.store import CampaignStore

NOT_A_NUMBER = define_message("not_a_number", N_("{value} is not a number."))
SCORE_REVIEW_FINAL = define_message(
    "cli_score_review_final",
    N_(
        "The review of {dossier} by {juror} is final: reopen it first (add --reopen; the "
        "reopening is audited)."
    ),
)
SCORE_PIN_NEEDED = define_message(
    "cli_score_pin_needed",
    N_("Juror {juror} has a PIN: give it with --pin-file FILE (a file holding the PIN)."),
)


def register(commands: CommandAdder) -> None:
    score = commands.add("score", _score, _("record one score"))
    add_round_option(score)
    score.add_argument("file", metavar=_("FILE"))
    score.add_argument("juror", metavar=_("JUROR"))
    score.add_argument("dossier", metavar=_("DOSSIER"))
    score.add_argument("criterion", metavar=_("CRITERION"))
    score.add_argument("value", metavar=_("VALUE"))
    score.add_argument("--comment", help=_("comment on this score"))
    score.add_argument("--final", action="store_true", help=_("mark the review final"))
    score.add_argument(
        "--reopen",
        action="store_true",
        help=_("reopen a final review to change it (audited)"),
    )
    score.add_argument(
        "--pin-file",
        metavar=_("FILE"),
        help=_("a file holding the juror's PIN, when the juror has one"),
    )


def _parse_number(text: str) -> float:
    """Accept the decimal comma French users type (``3,5``)."""
    try:
        return bounded(float(text.strip().replace(",", ".")))
    except NumberTooLargeError:
        raise InvalidInput(NUMBER_TOO_LARGE, value=text, limit=MAX_MAGNITUDE) from None
    except ValueError:
        raise InvalidInput(NOT_A_NUMBER, value=text) from None


def _check_pin(store: CampaignStore, juror: str, pin_file: str | None) -> None:
    """Scoring needs the juror's PIN when they have one, as in the app: on a kit protected by
    it, or on the campaign file."""
    from selection_desk.commands.offline import read_kit_pin, read_pin
    from selection_desk.services.kits import check_kit_pin
    from selection_desk.services.scoring_workspace import (
        PIN_REQUIRED,
        check_juror_pin,
        juror_has_pin,
    )
    from selection_desk.storage.kits import is_juror_kit

    if is_juror_kit(store):
        check_kit_pin(store, read_kit_pin(pin_file, store))
    else:
        pin = read_pin(pin_file, juror, needed=juror_has_pin(store, juror))
        try:
            check_juror_pin(store, juror, pin)
        except InvalidInput as error:
            if error.code != PIN_REQUIRED:
                raise
            raise InvalidInput(SCORE_PIN_NEEDED, juror=juror) from error


def _score(args: argparse.Namespace) -> int:
    from selection_desk.services.scoring import REVIEW_IS_FINAL, record_score
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(Path(args.file)) as store:
        choose_round(store, args)
        _check_pin(store, args.juror, args.pin_file)
        try:
            change = record_score(
                store,
                args.juror,
                args.dossier,
                args.criterion,
                _parse_number(args.value),
                comment=args.comment,
                final=args.final,
                reopen=args.reopen,
                actor=args.juror,
            )
        except InvalidInput as error:
            if error.code != REVIEW_IS_FINAL:
                raise
            raise InvalidInput(SCORE_REVIEW_FINAL, **error.facts) from error
    print(
        _("Saved: {juror} gives {value} to {dossier} on {criterion} (review {status}).").format(
            juror=change.after.juror,
            value=i18n.format_number(change.after.value, decimals=None),
            dossier=change.after.dossier,
            criterion=change.after.criterion,
            status=label(change.review.status),
        )
    )
    return 0
