"""The ``selection-desk`` command line (design §6).

Errors: one clear sentence on stderr in the user's language, exit 1, never a traceback; usage errors
exit 2.  ``--json`` output is stable.  Heavy modules (openpyxl, reportlab, Qt) are imported by the
subcommands that need them, so ``selection-desk --version`` and ``check`` start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from selection_desk import __version__, i18n
from selection_desk.commands import Handler
from selection_desk.domain import Method
from selection_desk.errors import InvalidInput, SelectionDeskError, define_message
from selection_desk.i18n import N_, _
from selection_desk.labels import label

log = logging.getLogger(__name__)

NOT_A_NUMBER = define_message("not_a_number", N_("{value} is not a number."))


def _parse_number(text: str) -> float:
    """Accept the decimal comma French users type (``3,5``)."""
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        raise InvalidInput(NOT_A_NUMBER, value=text) from None


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _cmd_new(args: argparse.Namespace) -> int:
    from selection_desk.services.campaigns import new_campaign

    with new_campaign(Path(args.file), args.name, template=args.template) as store:
        print(_("Created {path}.").format(path=store.path))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    """A campaign workbook, a long-format score file or a dossier list: told apart by content.

    With ``--json`` an import that fails still prints one JSON object on stdout (``error``: its
    code, message and problems), besides the message on stderr."""
    try:
        return _import(args)
    except SelectionDeskError as error:
        if not args.json:
            raise
        from selection_desk.formats.shown import terminal_lines

        _print_json(_import_error_json(args, error))
        print(terminal_lines(error.message()), file=sys.stderr)
        return 1


def _import_error_json(args: argparse.Namespace, error: SelectionDeskError) -> dict[str, Any]:
    from selection_desk.errors import ValidationFailed

    problems = error.problems if isinstance(error, ValidationFailed) else ()
    return {
        "source": Path(args.source).name,
        "dry_run": bool(args.dry_run),
        "written": False,
        "error": {
            "code": error.code,
            "message": error.message(),
            "problems": [
                {
                    "code": problem.code,
                    "message": problem.message(),
                    "file": problem.file,
                    "sheet": problem.sheet,
                    "row": problem.row,
                    "column": problem.column,
                }
                for problem in problems
            ],
        },
    }


def _import(args: argparse.Namespace) -> int:
    from selection_desk.services import dossier_import
    from selection_desk.services.importing import import_campaign_workbook
    from selection_desk.storage.store import CampaignStore

    source = Path(args.source)
    detected = dossier_import.detect_source(source, args.sheet)
    dossier_import.check_options(
        detected,
        source,
        mapping=bool(args.mapping or args.save_mapping),
        attachments=bool(args.attachments),
    )
    with CampaignStore.open(Path(args.file), readonly=args.dry_run) as store:
        if detected.kind == dossier_import.DOSSIERS:
            from selection_desk.formats.column_mapping import load_mapping, save_mapping

            assert detected.table is not None
            plan = dossier_import.plan_dossier_import(
                store,
                detected.table,
                mapping=load_mapping(Path(args.mapping)) if args.mapping else None,
                attachments=Path(args.attachments) if args.attachments else None,
            )
            if args.save_mapping:
                save_mapping(plan.mapping, Path(args.save_mapping))
            if args.dry_run:
                dossiers = dossier_import.DossierImportReport(plan, written=False, dry_run=True)
            elif plan.rejected and not args.skip_rejected:
                return _refuse_rejected_rows(args, plan)
            else:
                dossiers = dossier_import.apply_dossier_import(
                    store, plan, actor="secretary", skip_rejected=args.skip_rejected
                )
            if args.json:
                _print_json(dossier_import.plan_json(dossiers))
            else:
                print(dossier_import.describe_dossier_import(dossiers))
                if args.save_mapping:
                    print(_("Column mapping saved to {path}.").format(path=args.save_mapping))
            return 0
        if detected.kind == dossier_import.SCORES:
            assert detected.table is not None
            report = dossier_import.import_score_table(
                store, detected.table, actor="secretary", dry_run=args.dry_run
            )
        else:
            report = import_campaign_workbook(
                store, source, actor="secretary", dry_run=args.dry_run
            )
    if args.json:
        _print_json(
            {
                "source": report.source,
                "kind": detected.kind,
                "dry_run": report.dry_run,
                "written": report.written,
                "changes": report.changes.summary(),
            }
        )
        return 0
    print(_describe_import(report))
    return 0


def _refuse_rejected_rows(args: argparse.Namespace, plan: Any) -> int:
    """Rows the import cannot take: each with its reason, and how to import the others."""
    from selection_desk.errors import render_message
    from selection_desk.formats.shown import terminal_lines
    from selection_desk.services import dossier_import

    problems = [problem.as_problem(plan.path, plan.table.sheet) for problem in plan.rejected]
    if args.json:
        report = dossier_import.DossierImportReport(plan, written=False, dry_run=False)
        _print_json(dossier_import.plan_json(report))
    lines = [render_message(dossier_import.IMPORT_HAS_REJECTED_ROWS, {"count": len(problems)})]
    lines.extend(f"  • {problem.describe()}" for problem in problems)
    print(terminal_lines("\n".join(lines)), file=sys.stderr)
    print(
        _("To import the other rows without them, run the command again with --skip-rejected."),
        file=sys.stderr,
    )
    return 1


def _describe_import(report: Any) -> str:
    labels = {
        "criteria": _("criteria"),
        "jurors": _("jurors"),
        "dossiers": _("dossiers"),
        "conflicts": _("conflicts"),
        "assignments": _("assignments"),
        "scores": _("scores"),
        "reviews": _("reviews"),
        "decisions": _("decisions"),
    }
    lines = []
    if report.dry_run:
        lines.append(_("Dry run: nothing was written."))
    elif report.written:
        lines.append(_("Imported {source}.").format(source=report.source))
    else:
        lines.append(
            _("{source} is already imported: nothing changed.").format(source=report.source)
        )
    for name, summary in report.changes.summary().items():
        if name == "campaign_changed":
            continue
        lines.append(
            "  "
            + _("{entity}: {added} new, {changed} changed, {unchanged} unchanged").format(
                entity=labels[name], **summary
            )
            + (
                "; " + _("{missing} only in the campaign file").format(**summary)
                if summary["missing"]
                else ""
            )
        )
    return "\n".join(lines)


SCORE_REVIEW_FINAL = define_message(
    "cli_score_review_final",
    N_(
        "The review of {dossier} by {juror} is final: reopen it first (add --reopen; the "
        "reopening is audited)."
    ),
)
SCORE_PIN_NEEDED = define_message(
    "cli_score_pin_needed",
    N_("Juror {juror} has a PIN: give it with --pin-file FILE (a file holding the PIN)."),
)


def _check_pin(store: Any, juror: str, pin_file: str | None) -> None:
    """Scoring needs the juror's PIN when they have one, as in the app: on a kit protected by
    it, or on the campaign file."""
    from selection_desk.commands.offline import read_kit_pin, read_pin
    from selection_desk.services.kits import check_kit_pin, is_juror_kit
    from selection_desk.services.scoring import PIN_REQUIRED, check_juror_pin, juror_has_pin

    if is_juror_kit(store):
        check_kit_pin(store, read_kit_pin(pin_file, store))
    else:
        pin = read_pin(pin_file, juror, needed=juror_has_pin(store, juror))
        try:
            check_juror_pin(store, juror, pin)
        except InvalidInput as error:
            if error.code != PIN_REQUIRED:
                raise
            raise InvalidInput(SCORE_PIN_NEEDED, juror=juror) from error


def _cmd_score(args: argparse.Namespace) -> int:
    from selection_desk.services.scoring import REVIEW_IS_FINAL, record_score
    from selection_desk.storage.store import CampaignStore

    with CampaignStore.open(Path(args.file)) as store:
        _check_pin(store, args.juror, args.pin_file)
        try:
            change = record_score(
                store,
                args.juror,
                args.dossier,
                args.criterion,
                _parse_number(args.value),
                comment=args.comment,
                final=args.final,
                reopen=args.reopen,
                actor=args.juror,
            )
        except InvalidInput as error:
            if error.code != REVIEW_IS_FINAL:
                raise
            raise InvalidInput(SCORE_REVIEW_FINAL, **error.facts) from error
    print(
        _("Saved: {juror} gives {value} to {dossier} on {criterion} (review {status}).").format(
            juror=change.after.juror,
            value=i18n.format_number(change.after.value, decimals=None),
            dossier=change.after.dossier,
            criterion=change.after.criterion,
            status=label(change.review.status),
        )
    )
    return 0


def _places_count(text: str) -> int:
    """``rank --places``: a whole number of at least 1 (else a usage error, exit 2)."""
    try:
        places = int(text)
    except ValueError:
        places = 0
    if places < 1:
        raise argparse.ArgumentTypeError(
            _("places must be a whole number of at least 1 (got {value})").format(value=text)
        )
    return places


def _cmd_rank(args: argparse.Namespace) -> int:
    from selection_desk.aggregation import ranking_to_json
    from selection_desk.services.ranking import rank_and_explain_campaign, rank_campaign
    from selection_desk.storage.store import CampaignStore

    options = {
        "method": Method(args.method) if args.method else None,
        "places": args.places,
        "bootstrap": args.bootstrap,
        "seed": args.seed,
    }
    with CampaignStore.open(Path(args.file), readonly=True) as store:
        campaign = store.campaign()
        if args.json:
            ranking, explanations = rank_and_explain_campaign(store, **options)
        else:
            ranking = rank_campaign(store, **options)
    if args.json:
        _print_json(ranking_to_json(ranking, campaign.name, explanations))
    else:
        from selection_desk.reports.ranking_text import ranking_table

        print(ranking_table(ranking, campaign.name))
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
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


def _cmd_demo(args: argparse.Namespace) -> int:
    from selection_desk.demo import build_demo, default_output_dir, has_display

    out = Path(args.out) if args.out else None
    open_gui = out is None and has_display() and not args.no_gui
    if out is None and not open_gui:
        out = default_output_dir()
    result = build_demo(Path(args.file) if args.file else None, out)
    print(_("Demo campaign: {path}").format(path=result.campaign_file))
    for path in result.outputs:
        print("  " + _("written: {path}").format(path=path))
    if open_gui:
        from selection_desk.ui.app import run_gui

        return run_gui(result.campaign_file)
    return 0


def _cmd_gui(args: argparse.Namespace) -> int:
    from selection_desk.ui.app import run_gui

    return run_gui(
        Path(args.file) if args.file else None,
        screenshot=Path(args.screenshot) if args.screenshot else None,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selection-desk",
        description=_("Offline scoring, ranking and minutes for selection committees."),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--lang", choices=i18n.LANGUAGES, help=_("language of messages (default: from the locale)")
    )
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    gui = command("gui", _cmd_gui, _("open the app"))
    gui.add_argument("file", nargs="?", metavar=_("FILE"))
    gui.add_argument("--screenshot", metavar="PNG", help=_("render the window to PNG and exit"))

    demo = command(
        "demo", _cmd_demo, _("build the demo campaign (and open it, or write its reports)")
    )
    demo.add_argument("--file", metavar=_("FILE"), help=_("where to write the demo campaign file"))
    demo.add_argument("--out", metavar=_("DIR"), help=_("write the demo's reports into DIR"))
    demo.add_argument("--no-gui", action="store_true", help=_("never open the app"))

    new = command("new", _cmd_new, _("create a campaign file"))
    new.add_argument("file", metavar=_("FILE"))
    new.add_argument("--name", required=True, help=_("the campaign's name"))
    new.add_argument("--template", choices=("startup", "impact"), help=_("start from a template"))

    imp = command(
        "import",
        _cmd_import,
        _("import a campaign workbook, a dossier list (XLSX, CSV, ODS) or a score file"),
    )
    imp.add_argument("file", metavar=_("FILE"))
    imp.add_argument("source", metavar=_("SOURCE"))
    imp.add_argument(
        "--mapping", metavar="M.json", help=_("the columns of a dossier list (a mapping file)")
    )
    imp.add_argument(
        "--attachments",
        metavar=_("DIR|ZIP"),
        help=_("a folder or ZIP of the dossiers' attachments"),
    )
    imp.add_argument("--sheet", metavar=_("SHEET"), help=_("the sheet to read in a workbook"))
    imp.add_argument(
        "--skip-rejected",
        action="store_true",
        help=_("import a dossier list without its rejected rows"),
    )
    imp.add_argument(
        "--save-mapping",
        metavar="M.json",
        help=_("save the column mapping used (detected or given) to a mapping file"),
    )
    imp.add_argument(
        "--dry-run", action="store_true", help=_("show what would change, write nothing")
    )
    imp.add_argument("--json", action="store_true", help=_("print a JSON report"))

    score = command("score", _cmd_score, _("record one score"))
    score.add_argument("file", metavar=_("FILE"))
    score.add_argument("juror", metavar=_("JUROR"))
    score.add_argument("dossier", metavar=_("DOSSIER"))
    score.add_argument("criterion", metavar=_("CRITERION"))
    score.add_argument("value", metavar=_("VALUE"))
    score.add_argument("--comment", help=_("comment on this score"))
    score.add_argument("--final", action="store_true", help=_("mark the review final"))
    score.add_argument(
        "--reopen",
        action="store_true",
        help=_("reopen a final review to change it (audited)"),
    )
    score.add_argument(
        "--pin-file",
        metavar=_("FILE"),
        help=_("a file holding the juror's PIN, when the juror has one"),
    )

    rank = command("rank", _cmd_rank, _("rank the dossiers"))
    rank.add_argument("file", metavar=_("FILE"))
    rank.add_argument("--method", choices=[m.value for m in Method])
    rank.add_argument("--places", type=_places_count, help=_("how many can be selected"))
    rank.add_argument(
        "--bootstrap",
        type=int,
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
        type=int,
        metavar="S",
        help=_("seed of the stability estimate (default: the campaign's)"),
    )
    rank.add_argument("--json", action="store_true", help=_("print JSON"))

    check = command("check", _cmd_check, _("check a campaign file's integrity and audit chain"))
    check.add_argument("file", metavar=_("FILE"))
    _register_feature_commands(command)
    return parser


class _Adder:
    def __init__(self, command: Callable[[str, Handler, str], argparse.ArgumentParser]) -> None:
        self._command = command

    def add(self, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        return self._command(name, handler, help_text)


def _register_feature_commands(
    command: Callable[[str, Handler, str], argparse.ArgumentParser],
) -> None:
    import importlib

    from selection_desk.commands import COMMAND_MODULES

    adder = _Adder(command)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(adder)


def _translate_argparse() -> None:
    """argparse looks its messages up through the module-level ``_`` at call time."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def _preselect_language(argv: Sequence[str]) -> str:
    """The language is needed before parsing (argparse's own messages); the last ``--lang``
    wins, as argparse would decide."""
    chosen = None
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
        elif arg == "--lang" and index + 1 < len(argv):
            chosen = argv[index + 1]
    return chosen or i18n.detect_language()


def _log_unexpected() -> Path:
    from selection_desk.storage.backups import data_dir

    log_dir = data_dir() / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "selection-desk.log"
    with log_file.open("a", encoding="utf-8") as handle:
        handle.write(traceback.format_exc())
    return log_file


def _default_to_gui(parser: argparse.ArgumentParser, arguments: list[str]) -> list[str]:
    """``selection-desk [gui] [FILE] [--screenshot PNG]``: without a subcommand, the first argument
    that is neither ``--lang``, ``--help`` nor ``--version`` starts the ``gui`` command's."""
    commands: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            commands.update(action.choices)
    index = 0
    while index < len(arguments):
        token = arguments[index]
        if token == "--lang":
            index += 2
            continue
        if token.startswith("--lang=") or token in ("-h", "--help", "--version", "--"):
            if token.startswith("--lang="):
                index += 1
                continue
            return arguments
        if token in commands:
            return arguments
        return [*arguments[:index], "gui", *arguments[index:]]
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = _preselect_language(arguments)
    i18n.set_language(language if language in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE)
    _translate_argparse()
    parser = build_parser()
    arguments = _default_to_gui(parser, arguments)
    args = parser.parse_args(arguments)
    if args.command is None:
        args = parser.parse_args(["gui", *arguments])
    try:
        code = int(args.handler(args))
        sys.stdout.flush()  # a closed pipe shows here, not as a warning at exit
        return code
    except SelectionDeskError as error:
        from selection_desk.formats.shown import terminal_lines

        print(terminal_lines(error.message()), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Interrupted."), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``… | head``): nothing more to say, and nothing to flush.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as error:  # the last line of defence: never a traceback for users
        if os.environ.get("SELECTION_DESK_DEBUG"):
            raise
        log_file = _log_unexpected()
        print(
            _("Unexpected error ({kind}); details were written to {log}.").format(
                kind=type(error).__name__, log=log_file
            ),
            file=sys.stderr,
        )
        return 1
