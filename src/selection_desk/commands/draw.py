"""``selection-desk draw FILE --seed-text TEXT [--json]``: the audited draw among the cut-off zone
(design §12), refused when the campaign's rules do not allow it or the zone is empty."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from selection_desk.commands import CommandAdder, print_json
from selection_desk.i18n import _


def register(commands: CommandAdder) -> None:
    draw = commands.add("draw", _draw, _("draw the remaining places among the cut-off zone"))
    draw.add_argument("file", metavar=_("FILE"))
    draw.add_argument(
        "--seed-text", required=True, metavar=_("TEXT"), help=_("the text agreed in the meeting")
    )
    draw.add_argument("--json", action="store_true", help=_("print JSON"))


def _draw(args: argparse.Namespace) -> int:
    from selection_desk.services.draw import draw_places
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(Path(args.file)) as store:
        record = draw_places(store, args.seed_text)
    if args.json:
        print_json(asdict(record))
        return 0
    print(
        _("Drawn among the cut-off zone ({left} of {places} places): {refs}").format(
            left=record.places_drawn, places=record.places, refs=", ".join(record.drawn)
        )
    )
    print(_("Zone: {refs}").format(refs=", ".join(record.zone)))
    print(_("Selected outside the zone: {refs}").format(refs=", ".join(record.secured) or "—"))
    print(
        _(
            "Seed: SHA-256 of the seed text and the audit head {head} = {seed} "
            "(bootstrap B = {resamples}, seed {bootstrap_seed})."
        ).format(
            head=record.audit_head,
            seed=record.seed,
            resamples=record.resamples,
            bootstrap_seed=record.bootstrap_seed,
        )
    )
    print(_("Procedure: {procedure}").format(procedure=_(record.procedure)))
    return 0
