"""``selection-desk check FILE``: the campaign file's integrity, foreign keys and audit chain.

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


def _check(args: argparse.Namespace) -> int:
    from selection_desk.storage.check import check_campaign_file

    report = check_campaign_file(Path(args.file))
    print(
        _("File: {path} (format {version})").format(path=report.path, version=report.schema_version)
    )
    print(
        _("Integrity: {result}").format(
            result=_("ok") if not report.integrity else "; ".join(report.integrity)
        )
    )
    print(
        _("Foreign keys: {result}").format(
            result=_("ok")
            if not report.foreign_key_violations
            else "; ".join(report.foreign_key_violations)
        )
    )
    if report.audit_breaks:
        print(
            _("Audit log: {count} entries, chain BROKEN at entries {where}").format(
                count=report.audit_entries,
                where=", ".join(str(seq) for seq in sorted({b.seq for b in report.audit_breaks})),
            )
        )
    else:
        print(
            _("Audit log: {count} entries, chain intact; latest hash {hash}").format(
                count=report.audit_entries, hash=report.latest_hash
            )
        )
    if not report.ok:
        print(_("The file has problems: restore a backup copy."), file=sys.stderr)
        return 1
    print(_("No problem found."))
    return 0
