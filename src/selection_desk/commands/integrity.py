"""``selection-desk check FILE [--head HASH]``: the campaign file's integrity, foreign keys, audit
chain, the database's own rules, and a hash published earlier (see :mod:`storage.check`).

Exit 1 (and advice to restore a backup copy) when the file has a problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from selection_desk.commands import CommandAdder
from selection_desk.i18n import _


def register(commands: CommandAdder) -> None:
    check = commands.add("check", _check, _("check a campaign file's integrity and audit chain"))
    check.add_argument("file", metavar=_("FILE"))
    check.add_argument(
        "--head",
        metavar=_("HASH"),
        help=_("a latest hash published earlier (in the minutes): the chain must still hold it"),
    )


def _check(args: argparse.Namespace) -> int:
    from selection_desk.storage.check import check_campaign_file

    report = check_campaign_file(Path(args.file), head=args.head)
    print("\n".join(report.lines()))
    if not report.ok:
        print(_("The file has problems: restore a backup copy."), file=sys.stderr)
        return 1
    print(_("No problem found."))
    return 0
