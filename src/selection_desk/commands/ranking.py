"""``selection-desk rank FILE [--round CODE|final] [--method M] [--places N] [--bootstrap B]
[--seed S] [--json] [--explain [REF]]``: the campaign's ranking, as a table or as JSON;
``--explain`` adds the explanation of every dossier (or of the dossiers named) to the JSON.  In a
campaign of several rounds: the open round's, or the final ranking once every round is closed (or
with ``--round final``); the JSON then names the round.

The JSON's keys are documented in :mod:`selection_desk.aggregation.serialisation`.  Explanations
are on request: on 5,000 dossiers, explaining every one costs ten times the ranking itself.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from selection_desk.commands import CommandAdder, choose_round, print_json, print_json_listing
from selection_desk.domain import Method
from selection_desk.formats.cell_values import MAX_MAGNITUDE, bounded
from selection_desk.i18n import _, format_number

if TYPE_CHECKING:
    from selection_desk.storage.store import CampaignStore


def register(commands: CommandAdder) -> None:
    rank = commands.add("rank", _rank, _("rank the dossiers"))
    rank.add_argument("file", metavar=_("FILE"))
    rank.add_argument(
        "--round",
        metavar=_("CODE"),
        help=_(
            "the round to rank, or final (default: the open round; the final ranking once every "
            "round is closed)"
        ),
    )
    rank.add_argument("--method", choices=[m.value for m in Method])
    rank.add_argument("--places", type=_places_count, help=_("how many can be selected"))
    rank.add_argument(
        "--bootstrap",
        type=_count,
        nargs="?",
        default=0,
        const=None,
        metavar="B",
        help=_(
            "add the stability estimate (p_top): B resamples, or the campaign's setting when B is"
            " not given"
        ),
    )
    rank.add_argument(
        "--seed",
        type=_count,
        metavar="S",
        help=_("seed of the stability estimate (default: the campaign's)"),
    )
    rank.add_argument(
        "--json",
        action="store_true",
        help=_("print JSON: the ranking, one dossier per line, and the robustness keys"),
    )
    rank.add_argument(
        "--explain",
        action="append",
        nargs="?",
        const=EVERY_DOSSIER,
        metavar="REF",
        help=_(
            "add each dossier's explanation to the JSON (implies --json): every dossier, or only"
            " REF (repeat for several)"
        ),
    )


EVERY_DOSSIER = ""
"""``--explain`` given without a REF."""


def _count(text: str) -> int:
    """``rank --bootstrap``/``--seed``: a whole number from 0 to ``MAX_MAGNITUDE`` (else a usage
    error, exit 2)."""
    try:
        count = int(bounded(int(text)))
    except ValueError:
        count = -1
    if count < 0:
        raise argparse.ArgumentTypeError(
            _("expected a whole number from 0 to {limit} (got {value})").format(
                limit=format_number(MAX_MAGNITUDE, 0), value=text
            )
        )
    return count


def _places_count(text: str) -> int:
    """``rank --places``: a whole number of at least 1 (else a usage error, exit 2)."""
    try:
        places = int(bounded(int(text)))
    except ValueError:
        places = 0
    if places < 1:
        raise argparse.ArgumentTypeError(
            _("places must be a whole number of at least 1 (got {value})").format(value=text)
        )
    return places


def _rank(args: argparse.Namespace) -> int:
    from selection_desk.aggregation import ranking_to_json
    from selection_desk.aggregation.robustness import cutoff_zone, robustness_to_json
    from selection_desk.services.ranking import campaign_ranking_input, rank_and_explain
    from selection_desk.services.robustness import input_robustness
    from selection_desk.storage.store import CampaignStore

    method = Method(args.method) if args.method else None
    with CampaignStore.open(Path(args.file), readonly=True) as store:
        if _wants_final(store, args):
            return _final(store, json_output=args.json)
        choose_round(store, args)
        several_rounds = len(store.rounds()) > 1
        round_code = store.round.code
        campaign = store.campaign()
        ranking_input = campaign_ranking_input(store, method, args.places)
    # Loaded once for the ranking, the explanations asked for and every method's selection.
    ranking, explanations = rank_and_explain(
        ranking_input,
        bootstrap=args.bootstrap,
        seed=args.seed,
        refs=_explained_refs(args.explain) if args.explain else (),
    )
    robustness = input_robustness(ranking_input, ranking)
    zone = cutoff_zone(ranking)
    if args.json or args.explain:
        payload = ranking_to_json(ranking, campaign.name, explanations or None)
        payload.update(robustness_to_json(robustness, zone))
        if several_rounds:  # a one-round campaign shows no trace of rounds
            payload["round"] = round_code
        print_json_listing(payload)
    else:
        from selection_desk.reports.ranking_text import ranking_table
        from selection_desk.reports.robustness_text import robustness_section

        print(ranking_table(ranking, campaign.name))
        print()
        print(robustness_section(robustness, zone))
    return 0


def _wants_final(store: CampaignStore, args: argparse.Namespace) -> bool:
    from selection_desk.services.final_ranking import FINAL, all_rounds_closed

    return bool(args.round == FINAL or (args.round is None and all_rounds_closed(store)))


def _final(store: CampaignStore, *, json_output: bool) -> int:
    from selection_desk.services.final_ranking import FINAL, final_ranking

    ranking, name = final_ranking(store), store.campaign().name
    if json_output:
        print_json(
            {
                "round": FINAL,
                "campaign": name,
                "weighted": ranking.weighted,
                "places": ranking.places,
                "entries": [
                    {
                        "rank": entry.rank,
                        "ref": entry.ref,
                        "name": entry.name,
                        "score": entry.score,
                        "rounds": {share.round: share.score for share in entry.shares},
                        "explanation": entry.explanation(),
                    }
                    for entry in ranking.entries
                ],
            }
        )
        return 0
    print(_("{campaign} — final ranking").format(campaign=name))
    for entry in ranking.entries:
        mark = "*" if entry.rank <= ranking.places and entry.score is not None else " "
        print(f"{mark} {entry.rank:>3}  {entry.ref}  {entry.name}  {entry.explanation()}")
    return 0


def _explained_refs(explain: list[str] | None) -> list[str] | None:
    """The dossiers ``--explain`` names, ``None`` for every dossier (or when not given)."""
    if not explain or EVERY_DOSSIER in explain:
        return None
    return list(dict.fromkeys(explain))
