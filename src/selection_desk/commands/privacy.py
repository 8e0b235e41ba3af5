"""Personal data (design §11): ``selection-desk erase FILE REF [--json]`` erases one applicant's
personal data, ``anonymise FILE [--json]`` every applicant's; both keep scores, decisions and
statistics under the refs, and say which backups they deleted and which kits to recall.
``access-export FILE REF --out DIR [--language fr|en]`` writes everything held about one
applicant (Art. 15); ``retention FILE [--months N]`` shows or sets the retention period."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from selection_desk.commands import CommandAdder, print_json
from selection_desk.i18n import _

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
    retention = commands.add(
        "retention",
        _retention,
        _("show or set how long personal data is kept after the last decision"),
    )
    retention.add_argument("file", metavar=_("FILE"))
    retention.add_argument(
        "--months", type=int, metavar="N", help=_("keep personal data N months after it")
    )
    retention.add_argument("--json", action="store_true", help=_("print JSON"))
    access = commands.add(
        "access-export",
        _access_export,
        _("write everything held about one applicant (JSON, attachments, a PDF summary)"),
    )
    access.add_argument("file", metavar=_("FILE"))
    access.add_argument("ref", metavar=_("REF"), help=_("the applicant's dossier"))
    access.add_argument("--out", required=True, metavar=_("DIR"), help=_("the folder to write"))
    access.add_argument(
        "--language",
        choices=("fr", "en"),
        help=_("language of the summary (default: the campaign's)"),
    )


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


def _retention(args: argparse.Namespace) -> int:
    from selection_desk.services.retention import retention_status, set_retention_months
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(Path(args.file), readonly=args.months is None) as store:
        if args.months is not None:
            set_retention_months(store, args.months)
        status = retention_status(store)
    due = status.due_on
    if args.json:
        print_json(
            {
                "retention_months": status.months,
                "last_decision": None
                if status.last_decision is None
                else str(status.last_decision),
                "anonymise_from": None if due is None else str(due),
                "past": status.past,
            }
        )
        return 0
    print(
        _("Personal data is kept {months} months after the last decision.").format(
            months=status.months
        )
    )
    if due is None:
        print(_("No decision yet: the period has not started."))
    elif status.past:
        print(
            _(
                "The period ended on {date}: anonymise the campaign (selection-desk anonymise "
                "FILE)."
            ).format(date=due)
        )
    elif status.holds_personal_data:
        print(_("Anonymise the campaign from {date}.").format(date=due))
    else:
        print(_("Every dossier is already anonymised."))
    return 0


def _access_export(args: argparse.Namespace) -> int:
    from selection_desk.services.access_export import access_export
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(Path(args.file), readonly=True) as store:
        written = access_export(store, args.ref, Path(args.out), language=args.language)
    for path in (written.json_path, written.summary_path, *written.attachments):
        print(path)
    return 0


def _print_report(report: ErasureReport, *, as_json: bool) -> int:
    if as_json:
        print_json(_as_json(report))
    else:
        from selection_desk.services.erasure import report_lines

        for line in report_lines(report):
            print(line)
    return 0


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
