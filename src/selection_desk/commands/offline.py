"""The offline jurors' subcommands (design §4 and §6)::

    selection-desk kit FILE --juror CODE --out KIT [--passphrase-file P]
    selection-desk kit FILE --all --out DIR [--passphrase-file P]
    selection-desk ballot KIT --out BALLOT [--passphrase-file P] [--pin-file F]
    selection-desk merge FILE BALLOT... [--json]
    selection-desk merge FILE --watch DIR [--once [--json]]
    selection-desk import-sheet FILE SHEET.xlsx
    selection-desk juror-sheets FILE --out DIR [--format xlsx|pdf|both] [--lang fr|en]

A passphrase is read from the first line of a file, never from the command line (where other users
of the machine could see it in the process list); so is a juror's PIN (``--pin-file``), which is
otherwise asked at the terminal when the kit needs it and the input is a terminal.  ``merge``
prints one line per ballot and exits 1 when any ballot was refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from selection_desk.commands import CommandAdder, add_round_option, choose_round, print_json
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import LANGUAGES, N_, _

MERGE_WHAT = define_message(
    "merge_what", N_("Give the ballot files to merge, or a folder to watch (--watch DIR).")
)
MERGE_FILES_OR_FOLDER = define_message(
    "merge_files_or_folder",
    N_("Give either ballot files or a folder to watch (--watch DIR), not both."),
)
MERGE_ONCE_WITHOUT_WATCH = define_message(
    "merge_once_without_watch", N_("--once goes with --watch DIR: it watches the folder once.")
)
MERGE_JSON_NEEDS_ONCE = define_message(
    "merge_json_needs_once",
    N_("--json goes with --watch only with --once (one report when the look is done)."),
)


def register(commands: CommandAdder) -> None:
    kit = commands.add("kit", _kit, _("make a juror kit (one juror, or every juror)"))
    kit.add_argument("file", metavar=_("FILE"))
    add_round_option(kit)
    who = kit.add_mutually_exclusive_group(required=True)
    who.add_argument("--juror", metavar=_("CODE"), help=_("the juror the kit is for"))
    who.add_argument("--all", action="store_true", help=_("one kit per juror, into the folder OUT"))
    kit.add_argument("--out", required=True, metavar=_("OUT"), help=_("the kit file (or folder)"))
    kit.add_argument(
        "--passphrase-file",
        metavar="P",
        help=_("seal the kit with the passphrase on the first line of P"),
    )

    ballot = commands.add("ballot", _ballot, _("export the signed ballot of a juror kit"))
    ballot.add_argument("kit", metavar=_("KIT"))
    ballot.add_argument("--out", required=True, metavar=_("BALLOT"), help=_("the ballot file"))
    ballot.add_argument(
        "--passphrase-file", metavar="P", help=_("the kit's passphrase, on the first line of P")
    )
    ballot.add_argument(
        "--pin-file", metavar="F", help=_("the juror's PIN, on the first line of F")
    )

    merge = commands.add("merge", _merge, _("merge juror ballots into the campaign file"))
    merge.add_argument("file", metavar=_("FILE"))
    merge.add_argument("ballots", nargs="*", metavar=_("BALLOT"))
    merge.add_argument(
        "--watch",
        metavar=_("DIR"),
        help=_("merge each ballot that lands in the folder DIR, until Ctrl+C"),
    )
    merge.add_argument(
        "--once",
        action="store_true",
        help=_("with --watch: merge the complete ballots there now, then exit"),
    )
    merge.add_argument("--json", action="store_true", help=_("print a JSON report"))

    sheet = commands.add("import-sheet", _import_sheet, _("import a juror's Excel scoring sheet"))
    sheet.add_argument("file", metavar=_("FILE"))
    add_round_option(sheet)
    sheet.add_argument("sheet", metavar=_("SHEET"))

    sheets = commands.add(
        "juror-sheets", _juror_sheets, _("write a scoring sheet per juror (Excel or PDF)")
    )
    sheets.add_argument("file", metavar=_("FILE"))
    add_round_option(sheets)
    sheets.add_argument("--out", required=True, metavar=_("DIR"), help=_("the folder to write"))
    sheets.add_argument("--format", choices=("xlsx", "pdf", "both"), default="xlsx")
    sheets.add_argument(
        "--lang",
        dest="sheet_lang",
        choices=LANGUAGES,
        help=_("language of the sheets (default: the campaign's)"),
    )


def read_passphrase(path: str | None) -> str | None:
    """The first line of ``path`` (without its line ending), or None without a file."""
    if path is None:
        return None
    from selection_desk.errors import CampaignFileError
    from selection_desk.storage.campaign_file import FILE_NOT_FOUND, FILE_UNREADABLE

    try:
        content = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CampaignFileError(FILE_NOT_FOUND, path=path) from None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise CampaignFileError(FILE_UNREADABLE, path=path, reason=reason) from None
    lines = content.splitlines()
    return lines[0] if lines else ""


def read_pin(path: str | None, juror: str, *, needed: bool) -> str | None:
    """The PIN from ``--pin-file``; else, when ``juror`` has one (``needed``), typed at the
    terminal (when the input is one); else None (the use case then says that it is needed)."""
    if path is not None:
        return read_passphrase(path)
    if not needed or not sys.stdin.isatty():
        return None
    import getpass

    try:
        return getpass.getpass(_("PIN of juror {juror}: ").format(juror=juror))
    except (EOFError, KeyboardInterrupt):
        return None


def read_kit_pin(path: str | None, kit: Any) -> str | None:
    """:func:`read_pin` for the juror of a kit."""
    from selection_desk.services.kits import kit_juror, kit_needs_pin

    return read_pin(path, kit_juror(kit), needed=kit_needs_pin(kit))


def _kit(args: argparse.Namespace) -> int:
    from selection_desk.services.kits import make_all_kits, make_kit
    from selection_desk.storage.store import CampaignStore

    passphrase = read_passphrase(args.passphrase_file)
    with CampaignStore.open(Path(args.file)) as store:
        choose_round(store, args)
        if args.all:
            reports = make_all_kits(store, Path(args.out), passphrase=passphrase)
        else:
            reports = [make_kit(store, args.juror, Path(args.out), passphrase=passphrase)]
    for report in reports:
        if report.sealed:
            template = _(
                "Kit for juror {juror}, sealed with the passphrase: {path} ({dossiers} "
                "dossier(s), {attachments} attachment(s), {scores} earlier score(s))"
            )
        else:
            template = _(
                "Kit for juror {juror}: {path} ({dossiers} dossier(s), {attachments} "
                "attachment(s), {scores} earlier score(s))"
            )
        print(
            template.format(
                juror=report.juror,
                path=report.path,
                dossiers=report.dossiers,
                attachments=report.attachments,
                scores=report.scores,
            )
        )
    return 0


def _ballot(args: argparse.Namespace) -> int:
    from selection_desk.services.ballots import export_ballot
    from selection_desk.services.kits import open_kit

    passphrase = read_passphrase(args.passphrase_file)
    with open_kit(Path(args.kit), passphrase) as kit:
        pin = read_kit_pin(args.pin_file, kit)
        result = export_ballot(kit, Path(args.out), passphrase=passphrase, pin=pin)
    if result.new_revision:
        message = _(
            "Ballot of juror {juror}, revision {revision}: {reviews} dossier(s), {scores} "
            "score(s), written to {path}."
        )
    else:
        message = _(
            "Nothing new since revision {revision}: the same ballot of juror {juror} "
            "({reviews} dossier(s), {scores} score(s)) was written to {path}."
        )
    print(
        message.format(
            juror=result.juror,
            revision=result.revision,
            reviews=result.reviews,
            scores=result.scores,
            path=result.path,
        )
    )
    return 0


def _merge(args: argparse.Namespace) -> int:
    from selection_desk.services.merge import merge_ballots
    from selection_desk.storage.store import CampaignStore

    _check_merge_arguments(args)
    if args.watch is not None and not args.once:
        return _watch(Path(args.file), Path(args.watch))
    waiting: list[str] | None = None
    with CampaignStore.open(Path(args.file)) as store:
        if args.watch is None:
            reports = merge_ballots(store, [Path(ballot) for ballot in args.ballots])
        else:
            from selection_desk.services.ballot_watch import merge_folder_once

            reports, waiting = merge_folder_once(store, Path(args.watch))
    return _print_merge(reports, waiting, as_json=args.json)


def _check_merge_arguments(args: argparse.Namespace) -> None:
    if args.watch is None and not args.ballots:
        raise InvalidInput(MERGE_WHAT)
    if args.watch is not None and args.ballots:
        raise InvalidInput(MERGE_FILES_OR_FOLDER)
    if args.once and args.watch is None:
        raise InvalidInput(MERGE_ONCE_WITHOUT_WATCH)
    if args.json and args.watch is not None and not args.once:
        raise InvalidInput(MERGE_JSON_NEEDS_ONCE)


def _watch(campaign: Path, folder: Path) -> int:
    """Merge what lands in ``folder`` until Ctrl+C: one line per ballot merged or refused."""
    import time

    from selection_desk.services.ballot_watch import BallotFolder
    from selection_desk.storage.store import CampaignStore

    watched = BallotFolder(folder)
    with CampaignStore.open(campaign) as store:
        watching = _("Watching {folder} for ballots (Ctrl+C to stop).")
        print(watching.format(folder=folder), flush=True)
        try:
            while True:
                for report in watched.merge_ready(store):
                    print(report.message(), flush=True)
                for line in watched.not_whole_lines():
                    print(line, flush=True)
                time.sleep(watched.next_look_in())
        except KeyboardInterrupt:
            print(_("Stopped watching {folder}.").format(folder=folder))
    return 0


def _print_merge(reports: list[Any], waiting: list[str] | None, *, as_json: bool) -> int:
    """The reports of ``merge`` (and the files ``--watch --once`` left waiting); the exit code."""
    from selection_desk.services.merge import MergeOutcome

    refused = sum(report.outcome is MergeOutcome.REFUSED for report in reports)
    if as_json:
        result: dict[str, Any] = {
            "ballots": [report.as_json() for report in reports],
            "refused": refused,
        }
        if waiting is not None:
            result["waiting"] = waiting
        print_json(result)
    else:
        for report in reports:
            print(report.message())
        if waiting:
            from selection_desk.services.ballot_watch import not_whole_yet

            for name in waiting:
                print(not_whole_yet(name))
    if refused:
        print(
            _("{count} ballot(s) refused: nothing of them was merged.").format(count=refused),
            file=sys.stderr,
        )
        return 1
    return 0


def _import_sheet(args: argparse.Namespace) -> int:
    from selection_desk.services.juror_sheets import import_juror_sheet
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(Path(args.file)) as store:
        choose_round(store, args)
        report = import_juror_sheet(store, Path(args.sheet))
    if not report.imported:
        print(_("{file} is already imported: nothing changed.").format(file=report.file))
        return 0
    print(
        _(
            "Imported the scoring sheet of juror {juror}: {new} new score(s), {changed} changed, "
            "{final} review(s) now final."
        ).format(
            juror=report.juror,
            new=report.scores_new,
            changed=report.scores_changed,
            final=report.reviews_final,
        )
    )
    return 0


def _juror_sheets(args: argparse.Namespace) -> int:
    from selection_desk.services.juror_sheets import write_juror_sheets, write_scoring_sheets_pdf
    from selection_desk.storage.store import CampaignStore

    folder = Path(args.out)
    written: list[Path] = []
    with CampaignStore.open(Path(args.file), readonly=True) as store:
        choose_round(store, args)
        language = args.sheet_lang or getattr(args, "lang", None) or store.campaign().language
        language = language if language in LANGUAGES else "fr"
        if args.format in ("xlsx", "both"):
            written += write_juror_sheets(store, folder, language=language)
        if args.format in ("pdf", "both"):
            written += write_scoring_sheets_pdf(store, folder, language=language)
    for path in written:
        print(_("written: {path}").format(path=path))
    return 0
