"""The stable JSON form of a dossier import (``selection-desk import … --json``)."""

from __future__ import annotations

from typing import Any

from selection_desk.services.dossier_import_plan import DossierImportReport
from selection_desk.services.import_report import rejected_file_message


def plan_json(report: DossierImportReport) -> dict[str, Any]:
    """The stable JSON form of a dossier import (``selection-desk import … --json``)."""
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
            "columns": list(table.headers),
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
