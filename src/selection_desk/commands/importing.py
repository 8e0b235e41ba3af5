"""``selection-desk import FILE SOURCE [--mapping M.json] [--attachments DIR|ZIP] [--sheet SHEET]
[--skip-rejected] [--save-mapping M.json] [--dry-run] [--json]``.

The source is a campaign workbook, a long-format score file or a dossier list, told apart by its
content.  A dossier list with rows the import cannot take is refused (exit 1, each row with its
reason) unless ``--skip-rejected`` is given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selection_desk.commands import CommandAdder, print_json
from selection_desk.errors import SelectionDeskError
from selection_desk.i18n import _

if TYPE_CHECKING:
    from selection_desk.formats.source_table import SourceTable
    from selection_desk.services.dossier_import_plan import DossierImportPlan, DossierImportReport
    from selection_desk.storage.store import CampaignStore


def register(commands: CommandAdder) -> None:
    imp = commands.add(
        "import",
        _import_command,
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
        "--repeated",
        choices=("latest", "all"),
        default="latest",
        help=_("an e-mail submitted on several rows: keep its latest row (default) or all of them"),
    )
    imp.add_argument(
        "--keep-row",
        type=int,
        action="append",
        default=[],
        metavar=_("ROW"),
        help=_("keep this row of a repeated e-mail instead of its latest (repeatable)"),
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


def _import_command(args: argparse.Namespace) -> int:
    """A campaign workbook, a long-format score file or a dossier list: told apart by content.

    With ``--json`` an import that fails still prints one JSON object on stdout (``error``: its
    code, message and problems), besides the message on stderr."""
    try:
        return _import(args)
    except SelectionDeskError as error:
        if not args.json:
            raise
        from selection_desk.formats.shown import terminal_lines

        print_json(_import_error_json(args, error))
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
    from selection_desk.services.import_source import DOSSIERS, SCORES, check_options, detect_source
    from selection_desk.services.score_import import import_score_table
    from selection_desk.services.workbook_import import import_campaign_workbook
    from selection_desk.storage.store import CampaignStore

    source = Path(args.source)
    detected = detect_source(source, args.sheet)
    check_options(
        detected,
        source,
        mapping=bool(args.mapping or args.save_mapping),
        attachments=bool(args.attachments),
    )
    with CampaignStore.open(Path(args.file), readonly=args.dry_run) as store:
        if detected.kind == DOSSIERS:
            assert detected.table is not None
            return _import_dossier_list(args, store, detected.table)
        if detected.kind == SCORES:
            assert detected.table is not None
            report = import_score_table(
                store, detected.table, actor="secretary", dry_run=args.dry_run
            )
        else:
            report = import_campaign_workbook(
                store, source, actor="secretary", dry_run=args.dry_run
            )
    if args.json:
        print_json(
            {
                "source": report.source,
                "kind": detected.kind,
                "dry_run": report.dry_run,
                "written": report.written,
                "changes": report.changes.summary(),
                "field_types": dict(report.field_types),
            }
        )
        return 0
    print(_describe_import(report))
    return 0


def _import_dossier_list(args: argparse.Namespace, store: CampaignStore, table: SourceTable) -> int:
    """A dossier list: planned (and its column mapping saved), then written unless it has rows
    the import cannot take and ``--skip-rejected`` is not given."""
    from selection_desk.formats.column_mapping import load_mapping, save_mapping
    from selection_desk.services.dossier_import import apply_dossier_import, plan_dossier_import
    from selection_desk.services.dossier_import_plan import (
        KEEP_PICKED,
        DossierImportReport,
        RepeatChoice,
    )
    from selection_desk.services.import_report import describe_dossier_import

    keep = KEEP_PICKED if args.keep_row else args.repeated
    plan = plan_dossier_import(
        store,
        table,
        mapping=load_mapping(Path(args.mapping)) if args.mapping else None,
        attachments=Path(args.attachments) if args.attachments else None,
        repeats=RepeatChoice(keep, frozenset(args.keep_row)),
    )
    if args.save_mapping:
        save_mapping(plan.mapping, Path(args.save_mapping))
    if args.dry_run:
        dossiers = DossierImportReport(plan, written=False, dry_run=True)
    elif plan.rejected and not args.skip_rejected:
        return _refuse_rejected_rows(args, plan)
    else:
        dossiers = apply_dossier_import(
            store, plan, actor="secretary", skip_rejected=args.skip_rejected
        )
    if args.json:
        print_json(plan_json(dossiers))
    else:
        print(describe_dossier_import(dossiers))
        if args.save_mapping:
            print(_("Column mapping saved to {path}.").format(path=args.save_mapping))
    return 0


def _refuse_rejected_rows(args: argparse.Namespace, plan: Any) -> int:
    """Rows the import cannot take: each with its reason, and how to import the others."""
    from selection_desk.errors import render_message
    from selection_desk.formats.shown import terminal_lines
    from selection_desk.services.dossier_import import IMPORT_HAS_REJECTED_ROWS
    from selection_desk.services.dossier_import_plan import DossierImportReport

    problems = [problem.as_problem(plan.path, plan.table.sheet) for problem in plan.rejected]
    if args.json:
        report = DossierImportReport(plan, written=False, dry_run=False)
        print_json(plan_json(report))
    lines = [render_message(IMPORT_HAS_REJECTED_ROWS, {"count": len(problems)})]
    lines.extend(f"  • {problem.describe()}" for problem in problems)
    print(terminal_lines("\n".join(lines)), file=sys.stderr)
    print(
        _("To import the other rows without them, run the command again with --skip-rejected."),
        file=sys.stderr,
    )
    return 1


def _describe_import(report: Any) -> str:
    from selection_desk.services.import_report import describe_entity_changes

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
            + describe_entity_changes(name, summary)
            + (
                "; " + _("{missing} only in the campaign file").format(**summary)
                if summary["missing"]
                else ""
            )
        )
    return "\n".join(lines)


def _columns_json(table: SourceTable, plan: DossierImportPlan) -> dict[str, Any]:
    """Each column's type (``"date:DMY"``) and why it holds personal data (``"e-mail"``, else
    ``null``), each dossier field's type, the personal fields, and the choices fields made of
    option columns."""
    from selection_desk.formats.column_types import detect_column_types
    from selection_desk.services.dossier_import import choice_fields

    return {
        "types": {
            header: column.spelled()
            for header, column in detect_column_types(table, plan.mapping.types).items()
        },
        "field_types": dict(plan.field_types),
        "personal": dict(plan.personal_columns),
        "personal_fields": [name for name, flag in plan.field_personal.items() if flag],
        "choices": {
            group.question: [label for _index, label in group.options]
            for group in choice_fields(table, plan.mapping)
        },
    }


def plan_json(report: DossierImportReport) -> dict[str, Any]:
    """The stable JSON form of a dossier import (``selection-desk import … --json``)."""
    from selection_desk.services.import_report import rejected_file_message

    plan = report.plan
    table = plan.table
    result: dict[str, Any] = {
        "source": plan.source,
        "kind": "dossiers",
        "dry_run": report.dry_run,
        "written": report.written,
        "sha256": plan.sha256,
        "table": {
            "format": table.kind,
            "sheet": table.sheet,
            "encoding": table.encoding,
            "delimiter": table.delimiter,
            "header_row": table.header_row,
            "header_rows": table.header_rows,
            "tool": table.tool.tool if table.tool else None,
            "columns": list(table.headers),
            **_columns_json(table, plan),
        },
        "mapping": {**plan.mapping.to_json(), "origin": plan.mapping_origin},
        "counts": plan.counts(),
        "added": [dossier.ref for dossier in plan.added],
        "updated": [
            {
                "ref": update.after.ref,
                "row": update.row,
                "changes": [
                    {"field": change.field, "before": change.before, "after": change.after}
                    for change in update.changes
                ],
            }
            for update in plan.updated
        ],
        "rejected": [
            {
                "row": problem.row,
                "column": problem.column,
                "code": problem.code,
                "message": problem.message(),
            }
            for problem in plan.rejected
        ],
        "skipped_rows": list(report.skipped_rows),
        "repeated": [
            {"email": repeated.email, "rows": list(repeated.rows), "kept": list(repeated.kept)}
            for repeated in plan.repeated
        ],
        "missing": list(plan.missing),
        "notes": [
            {"column": note.column, "code": note.code, "message": note.message()}
            for note in plan.notes
        ],
    }
    attachments = plan.attachments
    if attachments is not None:
        result["attachments"] = {
            "source": attachments.source,
            "stored": [
                {
                    "file": planned.original,
                    "dossier": planned.ref,
                    "name": planned.file_name,
                    "type": planned.mime_type,
                    "size": planned.size,
                    "sha256": planned.sha256,
                    "matched_by": planned.matched_by,
                    "replaces": planned.replaces,
                }
                for planned in attachments.stored
            ],
            "unchanged": attachments.unchanged,
            "unmatched": list(attachments.unmatched),
            "ambiguous": [
                {"file": original, "dossiers": list(refs)}
                for original, refs in attachments.ambiguous
            ],
            "rejected": [
                {
                    "file": rejected.original,
                    "code": rejected.code,
                    "message": rejected_file_message(rejected),
                }
                for rejected in attachments.rejected
            ],
        }
    return result
