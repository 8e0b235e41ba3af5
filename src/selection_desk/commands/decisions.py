"""``selection-desk decide FILE DOSSIER OUTCOME [--rationale T] [--vote FOR AGAINST ABSTAIN]
[--by NAME] [--over-places]`` and ``selection-desk decide FILE DOSSIER --clear``: record or clear
the committee's decision on a dossier, as the Deliberation page does (audited)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from selection_desk.commands import CommandAdder, add_round_option, choose_round
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_, _

if TYPE_CHECKING:
    from selection_desk.storage.store import CampaignStore

OUTCOME_MISSING = define_message(
    "decision_outcome_missing", N_("Give the decision (OUTCOME), or --clear to remove it.")
)


def register(commands: CommandAdder) -> None:
    decide = commands.add("decide", _decide, _("record or clear the decision on a dossier"))
    decide.add_argument("file", metavar=_("FILE"))
    add_round_option(decide)
    decide.add_argument("dossier", metavar=_("DOSSIER"))
    decide.add_argument(
        "outcome",
        nargs="?",
        metavar=_("OUTCOME"),
        help=_("selected, waiting list, rejected or deferred (English or French)"),
    )
    decide.add_argument("--rationale", default="", help=_("why the committee decided so"))
    decide.add_argument(
        "--vote",
        nargs=3,
        type=int,
        metavar=("FOR", "AGAINST", "ABSTAIN"),
        help=_("the committee's vote (recused jurors do not vote)"),
    )
    decide.add_argument(
        "--by",
        default="",
        metavar=_("NAME"),
        help=_("who decided (default: the campaign's president, when it has one)"),
    )
    decide.add_argument(
        "--over-places",
        action="store_true",
        help=_("select the dossier even if more dossiers than places are then selected"),
    )
    decide.add_argument("--clear", action="store_true", help=_("remove the decision"))


def _president(store: CampaignStore) -> str:
    """The name of the campaign's (first) president, or "" when it has none."""
    from selection_desk.domain import Role

    return next((j.name for j in store.jurors() if j.role is Role.PRESIDENT), "")


def _decide(args: argparse.Namespace) -> int:
    from selection_desk.domain.quorum import Votes
    from selection_desk.labels import label
    from selection_desk.services.decisions import OVER_PLACES, clear_decision, record_decision
    from selection_desk.storage.store import CampaignStore

    if not args.clear and args.outcome is None:
        raise InvalidInput(OUTCOME_MISSING)
    with CampaignStore.open(Path(args.file)) as store:
        choose_round(store, args)
        if args.clear:
            change = clear_decision(store, args.dossier)
            print(
                _("Decision on {dossier} cleared.").format(dossier=args.dossier)
                if change.changed
                else _("{dossier} had no decision: nothing changed.").format(dossier=args.dossier)
            )
            return 0
        try:
            change = record_decision(
                store,
                args.dossier,
                args.outcome,
                rationale=args.rationale,
                votes=Votes(*args.vote) if args.vote else None,
                decided_by=args.by.strip() or _president(store),
                allow_over_places=args.over_places,
            )
        except InvalidInput as error:
            if error.code != OVER_PLACES:
                raise
            print(error.message(), file=sys.stderr)
            print(_("Add --over-places to select it anyway."), file=sys.stderr)
            return 1
    assert change.after is not None
    outcome = label(change.after.outcome)
    if not change.changed:
        print(
            _("{dossier} already has this decision ({outcome}): nothing changed.").format(
                dossier=args.dossier, outcome=outcome
            )
        )
        return 0
    print(
        _("Decision recorded: {dossier}, {outcome}.").format(dossier=args.dossier, outcome=outcome)
    )
    quorum = change.quorum
    if quorum is not None and quorum.reached is not None:
        # Separate singular messages rather than ngettext: "1 vote cast", never "1 votes cast".
        if quorum.cast == 1:
            template = (
                _("{cast} vote cast for {voters} voting members: quorum reached.")
                if quorum.reached
                else _("{cast} vote cast for {voters} voting members: quorum NOT reached.")
            )
        else:
            template = (
                _("{cast} votes cast for {voters} voting members: quorum reached.")
                if quorum.reached
                else _("{cast} votes cast for {voters} voting members: quorum NOT reached.")
            )
        print(template.format(cast=quorum.cast, voters=len(quorum.voters)))
    return 0
