"""The assignment by expertise and the extra reviews (design §12)::

    selection-desk expertise FILE (--juror CODE | --dossier REF) [--tags T1,T2…]
                             [--max-load N | --no-max-load]
    selection-desk bid FILE JUROR DOSSIER (eager|willing|not|none)
    selection-desk assign FILE --per-dossier K --by-expertise [--tags-field F] [--max-load N]
    selection-desk assign FILE --extra K --uncertain [--tags-field F] [--max-load N]

``assign``'s arguments are declared with the others in :mod:`selection_desk.commands.setup`,
which hands these two forms to :func:`assign_by_expertise_or_extra`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from selection_desk.commands import CommandAdder, choose_round, print_json
from selection_desk.i18n import _, format_number

BID_CHOICES = ("eager", "willing", "not", "none")


def register(commands: CommandAdder) -> None:
    profile = commands.add(
        "expertise", _expertise, _("set the expertise tags of a juror or a dossier")
    )
    profile.add_argument("file", metavar=_("FILE"))
    whose = profile.add_mutually_exclusive_group(required=True)
    whose.add_argument("--juror", metavar=_("CODE"))
    whose.add_argument("--dossier", metavar=_("REF"))
    profile.add_argument("--tags", metavar="T1,T2", help=_("the tags, separated by commas"))
    load = profile.add_mutually_exclusive_group()
    load.add_argument("--max-load", type=int, metavar="N", help=_("the juror's maximum load"))
    load.add_argument(
        "--no-max-load", action="store_true", help=_("withdraw the juror's maximum load")
    )

    bid = commands.add("bid", _bid, _("record a juror's wish to review a dossier"))
    bid.add_argument("file", metavar=_("FILE"))
    bid.add_argument("juror", metavar=_("JUROR"))
    bid.add_argument("dossier", metavar=_("DOSSIER"))
    bid.add_argument("level", choices=BID_CHOICES)


def _expertise(args: argparse.Namespace) -> int:
    from selection_desk.services.expertise import set_dossier_tags, set_juror_profile
    from selection_desk.storage.store import CampaignStore

    tags = None if args.tags is None else args.tags.split(",")
    with CampaignStore.open(Path(args.file)) as store:
        if args.juror:
            set_juror_profile(
                store,
                args.juror,
                tags=tags,
                max_load=args.max_load,
                clear_max_load=args.no_max_load,
            )
        else:
            set_dossier_tags(store, args.dossier, tags or ())
    return 0


def _bid(args: argparse.Namespace) -> int:
    from selection_desk.services.expertise import set_bid
    from selection_desk.services.expertise_plan import Bid
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(Path(args.file)) as store:
        set_bid(store, args.juror, args.dossier, None if args.level == "none" else Bid(args.level))
    return 0


def assign_by_expertise_or_extra(args: argparse.Namespace) -> int:
    """``assign --per-dossier K --by-expertise`` or ``assign --extra K --uncertain``."""
    from selection_desk.services.expertise import (
        add_extra_reviews,
        assign_by_expertise,
        kits_to_reissue,
    )
    from selection_desk.storage.store import CampaignStore

    options = {"tags_field": args.tags_field, "max_load": args.max_load}
    with CampaignStore.open(Path(args.file)) as store:
        choose_round(store, args)
        if args.extra is not None:
            change, plan = add_extra_reviews(store, args.extra, **options)
            reissue = kits_to_reissue(store, plan.pairs)
        else:
            change, plan = assign_by_expertise(store, args.per_dossier, confirm=args.yes, **options)
    report: dict[str, Any] = {
        "pairs": sorted([juror, dossier] for juror, dossier in plan.pairs),
        "affinity": plan.affinity,
        "loads": plan.loads,
        "short": [list(item) for item in plan.short],
        "without_expert": list(plan.without_expert),
        "unmet_bids": [[juror, dossier, bid.value] for juror, dossier, bid in plan.unmet_bids],
        "removed_scores": len(change.impact.removed_scores),
    }
    if args.extra is not None:
        report["kits_to_reissue"] = list(reissue)
    if args.json:
        print_json(report)
    else:
        _print_plan(report, extra=args.extra is not None)
    return 0


def _print_plan(report: dict[str, Any], *, extra: bool) -> None:
    loads = report["loads"].values()
    if extra and not report["pairs"] and not report["short"]:
        print(_("No dossier's selection is uncertain (0.1 ≤ P(top) ≤ 0.9): nobody to add."))
        return
    if extra:
        print(
            _("{count} extra juror–dossier pairs for the uncertain dossiers.").format(
                count=len(report["pairs"])
            )
        )
    else:
        print(
            _("{count} juror–dossier pairs assigned; load per juror: from {low} to {high}.").format(
                count=len(report["pairs"]), low=min(loads, default=0), high=max(loads, default=0)
            )
        )
    for pair in report["pairs"] if extra else ():
        print(f"  {pair[0]} → {pair[1]}")
    if report.get("kits_to_reissue"):
        print(
            _(
                "Their kits do not hold the new dossiers: re-issue the kits of {jurors} "
                "(kit FILE --juror CODE --out KIT); the other kits stay valid."
            ).format(jurors=", ".join(report["kits_to_reissue"]))
        )
    print(_("Total affinity: {value}").format(value=format_number(report["affinity"], None)))
    if report["short"]:
        print(
            _("{count} dossier(s) got fewer jurors than asked (conflicts or loads).").format(
                count=len(report["short"])
            )
        )
    print(
        _("Dossiers with no juror sharing their tags: {refs}").format(
            refs=", ".join(report["without_expert"]) or _("none")
        )
    )
    print(
        _("Bids not met: {bids}").format(
            bids=", ".join(f"{j}/{d} ({b})" for j, d, b in report["unmet_bids"]) or _("none")
        )
    )
