"""``selection-desk export FILE [--xlsx OUT] [--pdf OUT] [--letters DIR] [--juror-sheets DIR]
[--pseudonymise] [--lang fr|en]``: the committee's reports, written from the campaign file (opened
read-only)."""

from __future__ import annotations

import argparse
from pathlib import Path

from selection_desk.commands import CommandAdder, add_round_option, choose_round
from selection_desk.errors import InvalidInput
from selection_desk.i18n import LANGUAGES, _


def register(commands: CommandAdder) -> None:
    export = commands.add(
        "export", _export, _("write the Excel workbook, the PDF minutes and the feedback letters")
    )
    export.add_argument("file", metavar=_("FILE"))
    add_round_option(export)
    export.add_argument("--xlsx", metavar=_("OUT"), help=_("write the Excel workbook to OUT"))
    export.add_argument("--pdf", metavar=_("OUT"), help=_("write the PDF minutes to OUT"))
    export.add_argument(
        "--letters", metavar=_("DIR"), help=_("write one feedback letter per applicant into DIR")
    )
    export.add_argument(
        "--juror-sheets",
        metavar=_("DIR"),
        help=_("write an Excel scoring sheet per juror into DIR"),
    )
    export.add_argument(
        "--pseudonymise",
        action="store_true",
        help=_(
            "for observers and statistics: dossiers named by their reference, personal fields "
            "left out, jurors as Juror A, B…, no private comments (workbook and minutes)"
        ),
    )
    # ``--lang`` after the subcommand: the reports' language (the global ``--lang`` before it sets
    # the messages' language, and the reports' too when this one is not given).
    export.add_argument(
        "--lang",
        dest="report_lang",
        choices=LANGUAGES,
        help=_("language of the reports (default: the campaign's)"),
    )


def _export(args: argparse.Namespace) -> int:
    from selection_desk.services.reporting import (
        LETTERS_NOT_PSEUDONYMISED,
        NOTHING_TO_EXPORT,
        export_reports,
    )

    targets = (args.xlsx, args.pdf, args.letters, args.juror_sheets)
    if all(target is None for target in targets):
        raise InvalidInput(NOTHING_TO_EXPORT)
    if args.pseudonymise and (args.letters or args.juror_sheets):
        raise InvalidInput(LETTERS_NOT_PSEUDONYMISED)
    campaign_file = Path(args.file)
    language = args.report_lang or getattr(args, "lang", None)
    written: list[Path] = []
    notes: list[str] = []
    if args.xlsx or args.pdf or args.letters:
        result = export_reports(
            campaign_file,
            xlsx=Path(args.xlsx) if args.xlsx else None,
            pdf=Path(args.pdf) if args.pdf else None,
            letters=Path(args.letters) if args.letters else None,
            language=language,
            round_code=args.round,
            pseudonymise=args.pseudonymise,
        )
        written += result.files
        notes += result.notes()
    if args.juror_sheets:
        written += _juror_sheets(campaign_file, Path(args.juror_sheets), language, args)
    for path in written:
        print(_("written: {path}").format(path=path))
    for note in notes:
        print(note)
    return 0


def _juror_sheets(
    campaign_file: Path, folder: Path, language: str | None, args: argparse.Namespace
) -> list[Path]:
    """The offline-jurors feature writes the sheets (``services.juror_sheets``)."""
    from selection_desk.services.juror_sheets import write_juror_sheets
    from selection_desk.services.reporting import report_language
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(campaign_file, readonly=True) as store:
        choose_round(store, args)
        sheet_language = language or report_language(store.campaign().language)
        return write_juror_sheets(store, folder, language=sheet_language)
