"""``selection-desk check FILE [--head HASH] [--kit KIT …]``: the campaign file's integrity,
foreign keys, audit chain, the database's own rules, and the hashes kept outside it — one published
earlier, the automatic backups' and the kits' (see :mod:`storage.check`).

Exit 1 (and advice to restore a backup copy) when the file has a problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from selection_desk.commands import CommandAdder
from selection_desk.i18n import _

if TYPE_CHECKING:
    from selection_desk.storage.check import Anchor


def register(commands: CommandAdder) -> None:
    check = commands.add("check", _check, _("check a campaign file's integrity and audit chain"))
    check.add_argument("file", metavar=_("FILE"))
    check.add_argument(
        "--head",
        metavar=_("HASH"),
        help=_("a latest hash published earlier (in the minutes): the chain must still hold it"),
    )
    check.add_argument(
        "--kit",
        metavar=_("KIT"),
        action="append",
        default=[],
        help=_("a juror's kit issued from this campaign: the chain must hold the hash it keeps"),
    )
    check.add_argument(
        "--passphrase-file", metavar="P", help=_("the kits' passphrase, on the first line of P")
    )


def _check(args: argparse.Namespace) -> int:
    from selection_desk.storage.check import check_campaign_file

    report = check_campaign_file(Path(args.file), head=args.head, anchors=_kit_anchors(args))
    print("\n".join(report.lines()))
    if not report.ok:
        print(_("The file has problems: restore a backup copy."), file=sys.stderr)
        return 1
    print(_("No problem found."))
    return 0


def _kit_anchors(args: argparse.Namespace) -> tuple[Anchor, ...]:
    from selection_desk.commands.offline import read_passphrase
    from selection_desk.services.kits import kit_campaign_head
    from selection_desk.storage.check import Anchor

    passphrase = read_passphrase(args.passphrase_file)
    anchors = []
    for kit in args.kit:
        head = kit_campaign_head(Path(kit), passphrase)
        if head is not None:
            anchors.append(Anchor(Path(kit).name, head))
    return tuple(anchors)
