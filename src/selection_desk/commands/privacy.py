"""Personal data (design §11): ``selection-desk erase FILE REF [--json]`` erases one applicant's
personal data, ``anonymise FILE [--json]`` every applicant's; both keep scores, decisions and
statistics under the refs, and say which backups they deleted and which kits to recall."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from selection_desk.commands import CommandAdder, print_json
from selection_desk.i18n import _, ngettext

if TYPE_CHECKING:
    from selection_desk.services.erasure import ErasureReport


def register(commands: CommandAdder) -> None:
    erase = commands.add(
        "erase", _erase, _("erase one applicant's personal data (scores and decisions stay)")
    )
    erase.add_argument("file", metavar=_("FILE"))
    erase.add_argument("ref", metavar=_("REF"), help=_("the dossier whose data is erased"))
    erase.add_argument("--json", action="store_true", help=_("print JSON"))
    anonymise = commands.add(
        "anonymise", _anonymise, _("erase every applicant's personal data (statistics stay)")
    )
    anonymise.add_argument("file", metavar=_("FILE"))
    anonymise.add_argument("--json", action="store_true", help=_("print JSON"))


def _erase(args: argparse.Namespace) -> int:
    from selection_desk.services.erasure import erase_dossier
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(Path(args.file)) as store:
        report = erase_dossier(store, args.ref)
    return _print_report(report, as_json=args.json)


def _anonymise(args: argparse.Namespace) -> int:
    from selection_desk.services.erasure import anonymise_campaign
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(Path(args.file)) as store:
        report = anonymise_campaign(store)
    return _print_report(report, as_json=args.json)


def _print_report(report: ErasureReport, *, as_json: bool) -> int:
    if as_json:
        print_json(_as_json(report))
    else:
        for line in report_lines(report):
            print(line)
    return 0


def report_lines(report: ErasureReport) -> list[str]:
    """What an erasure did, as the command and the app say it."""
    dossiers = ", ".join(report.dossiers)
    if report.already_erased:
        lines = [
            _("Nothing personal was left in the file for {dossiers}.").format(dossiers=dossiers)
        ]
    else:
        lines = [
            _(
                "Erased the personal data of {dossiers}: the name, {fields} field(s), "
                "{attachments} attachment(s) and {texts} text(s) written about the applicant."
            ).format(
                dossiers=dossiers,
                fields=report.fields,
                attachments=report.attachments,
                texts=report.texts,
            ),
            _("Kept, under the reference: scores, decisions and statistics."),
            ngettext(
                "Audit log: {count} entry redacted; the chain still verifies (check lists it).",
                "Audit log: {count} entries redacted; the chain still verifies (check lists them).",
                report.audit_redacted,
            ).format(count=report.audit_redacted),
        ]
    if report.backups_removed:
        lines.append(
            ngettext(
                "Deleted {count} automatic backup that held the erased data.",
                "Deleted {count} automatic backups that held the erased data.",
                len(report.backups_removed),
            ).format(count=len(report.backups_removed))
        )
    if report.new_backup is not None:
        lines.append(_("New backup of the erased file: {path}").format(path=report.new_backup))
    if report.kits:
        lines.append(
            _(
                "These juror kits were issued earlier and still hold the data: ask the jurors to "
                "delete them (they are out of this file's reach):"
            )
        )
        lines += [
            "  "
            + _("{juror}: kit {kit} issued {at}").format(
                juror=kit.juror, kit=kit.kit_id, at=kit.issued_at
            )
            for kit in report.kits
        ]
    return lines


def _as_json(report: ErasureReport) -> dict[str, object]:
    return {
        "dossiers": list(report.dossiers),
        "already_erased": report.already_erased,
        "erased": {
            "fields": report.fields,
            "attachments": report.attachments,
            "texts": report.texts,
        },
        "audit_entries_redacted": report.audit_redacted,
        "backups_deleted": [str(path) for path in report.backups_removed],
        "new_backup": None if report.new_backup is None else str(report.new_backup),
        "kits_to_recall": [
            {"juror": kit.juror, "kit_id": kit.kit_id, "issued_at": kit.issued_at}
            for kit in report.kits
        ],
    }
