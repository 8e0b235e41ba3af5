"""The report of an import as a person reads it — on a terminal (``selection-desk import``) and
in the import wizard, which shows the same lines: a dossier list's plan, and what a campaign
workbook or a score file changes, kind of row by kind of row."""

from __future__ import annotations

from collections.abc import Mapping

from selection_desk.errors import render_message
from selection_desk.formats.attachments import FILE_DAMAGED, RejectedFile, damage_reason_text
from selection_desk.formats.shown import terminal_safe
from selection_desk.formats.source_table import SourceTable
from selection_desk.i18n import _
from selection_desk.services.changes import entity_label
from selection_desk.services.dossier_import_plan import AttachmentPlan, DossierImportReport

LISTED = 20


def describe_entity_changes(entity: str, summary: Mapping[str, int]) -> str:
    """What an import changes in one kind of row (``entity`` as in
    :attr:`~selection_desk.services.changes.CampaignChanges.ENTITIES`): new, changed, unchanged."""
    return _("{entity}: {added} new, {changed} changed, {unchanged} unchanged").format(
        entity=entity_label(entity),
        added=summary["added"],
        changed=summary["changed"],
        unchanged=summary["unchanged"],
    )


def _more(count: int) -> str:
    return _("… and {count} more").format(count=count)


def _column(header: str | None) -> str:
    return f"“{header}”" if header else "—"


def describe_dossier_import(report: DossierImportReport) -> str:
    """The report of a dossier import as a person reads it on a terminal."""
    plan = report.plan
    table = plan.table
    counts = plan.counts()
    lines: list[str] = []
    if report.dry_run:
        lines.append(_("Dry run: nothing was written."))
    elif report.written:
        lines.append(_("Imported {source}.").format(source=plan.source))
    else:
        lines.append(_("{source} is already imported: nothing changed.").format(source=plan.source))
    lines.append(
        "  "
        + _("Read {rows} row(s) below the header on row {header_row} ({details}).").format(
            rows=counts["rows"], header_row=table.header_row, details=table_details(table)
        )
    )
    origins = {"given": _("given"), "saved": _("saved in the campaign"), "detected": _("detected")}
    lines.append(
        "  "
        + _(
            "Columns ({origin}): reference {ref}, name {name}, e-mail {email}, attachments "
            "{attachments}."
        ).format(
            origin=origins[plan.mapping_origin],
            ref=_column(plan.mapping.ref) if plan.mapping.ref else _("generated"),
            name=_column(plan.mapping.name),
            email=_column(plan.mapping.email),
            attachments=", ".join(_column(h) for h in plan.mapping.attachments) or "—",
        )
    )
    lines.append(
        "  "
        + _(
            "Dossiers: {added} new, {updated} updated, {unchanged} unchanged, {rejected} row(s) "
            "rejected, {missing} only in the campaign (kept)."
        ).format(**counts)
    )
    personal = [name for name, flag in plan.field_personal.items() if flag]
    lines.append(
        "  "
        + _("Personal data: {fields} (a mapping file's “personal” changes it: --mapping).").format(
            fields=", ".join(_column(name) for name in personal) or "—"
        )
    )
    lines.extend("  " + _("Note: {message}").format(message=note.message()) for note in plan.notes)
    for repeated in plan.repeated[:LISTED]:
        lines.append(
            "  ≡ "
            + _(
                "{email} submitted on rows {rows}: kept row(s) {kept} (choose with --repeated "
                "all or --keep-row ROW)."
            ).format(
                email=repeated.email,
                rows=", ".join(map(str, repeated.rows)),
                kept=", ".join(map(str, repeated.kept)),
            )
        )
    if len(plan.repeated) > LISTED:
        lines.append("    " + _more(len(plan.repeated) - LISTED))
    for problem in plan.rejected[:LISTED]:
        where = _("row {row}").format(row=problem.row)
        if problem.column:
            where += ", " + _("column {column}").format(column=problem.column)
        lines.append(
            "  ✗ " + _("{where}: {message}").format(where=where, message=problem.message())
        )
    if len(plan.rejected) > LISTED:
        lines.append("    " + _more(len(plan.rejected) - LISTED))
    for update in plan.updated[:LISTED]:
        changes = "; ".join(
            f"{change.field or _('name')}: "
            f"“{short_text(change.before)}” → “{short_text(change.after)}”"
            for change in update.changes
        )
        lines.append(f"  ~ {update.after.ref}: {changes}")
    if len(plan.updated) > LISTED:
        lines.append("    " + _more(len(plan.updated) - LISTED))
    if plan.missing:
        shown = ", ".join(plan.missing[:LISTED])
        lines.append("  " + _("Only in the campaign, kept: {refs}").format(refs=shown))
    if plan.attachments is not None:
        lines.extend(describe_attachments(plan.attachments))
    if report.skipped_rows:
        lines.append(
            "  " + _("Rows left out: {rows}").format(rows=", ".join(map(str, report.skipped_rows)))
        )
    return "\n".join(terminal_safe(line) for line in lines)


def short_text(text: str | None, limit: int = 60) -> str:
    """``text`` on one line, cut with an ellipsis past ``limit`` characters."""
    if text is None:
        return ""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def table_details(table: SourceTable) -> str:
    """How the table was read: its format, sheet, encoding and delimiter."""
    parts = [table.kind.upper()]
    if table.tool:
        parts.append(
            _("{tool} export ({count} header row(s))").format(
                tool=table.tool.label, count=table.tool.header_rows
            )
        )
    if table.sheet:
        parts.append(_("sheet {sheet}").format(sheet=table.sheet))
    if table.encoding:
        parts.append(_("encoding {encoding}").format(encoding=table.encoding))
    if table.delimiter:
        shown = {"\t": _("tab"), ";": ";", ",": ",", "|": "|"}.get(table.delimiter, table.delimiter)
        parts.append(_("delimiter {delimiter}").format(delimiter=shown))
    return ", ".join(parts)


def describe_attachments(plan: AttachmentPlan) -> list[str]:
    """The lines of the report about the attachments."""
    lines = [
        "  "
        + _(
            "Attachments ({source}): {stored} to store, {unchanged} already stored, "
            "{unmatched} matching no dossier, {refused} refused."
        ).format(
            source=plan.source,
            stored=len(plan.stored),
            unchanged=plan.unchanged,
            unmatched=len(plan.unmatched) + len(plan.ambiguous),
            refused=len(plan.rejected),
        )
    ]
    for planned in plan.stored[:LISTED]:
        lines.append(f"  + {planned.ref}: {planned.file_name} ({planned.mime_type})")
    for original in plan.unmatched[:LISTED]:
        lines.append("  ? " + _("{file}: matches no dossier").format(file=original))
    for original, refs in plan.ambiguous[:LISTED]:
        lines.append(
            "  ? "
            + _("{file}: matches several dossiers ({refs})").format(
                file=original, refs=", ".join(refs)
            )
        )
    for rejected in plan.rejected[:LISTED]:
        lines.append(f"  ✗ {rejected.original}: {rejected_file_message(rejected)}")
    return lines


def rejected_file_message(rejected: RejectedFile) -> str:
    """Why an attachment was refused, the damage told in words."""
    if rejected.code == FILE_DAMAGED:
        reason = damage_reason_text(str(rejected.facts.get("reason", "")))
        return render_message(rejected.code, dict(rejected.facts, reason=reason))
    return render_message(rejected.code, rejected.facts)
