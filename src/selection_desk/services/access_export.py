"""Use case: everything held about one applicant (``access-export``, GDPR Art. 15, design §11).

Into a folder: ``REF-access.json`` (the dossier's fields, its attachments, every score, the
reviews' statuses, the approved feedback, the decision, the audit entries about the dossier),
the attachments themselves under ``attachments/``, and ``REF-summary.pdf``, the same in words, in
the campaign's language (or the one asked for).

Jurors are pseudonymised as *Juror A, B…* (:func:`aggregation.agenda.juror_alias`), the same
letter for the same juror everywhere in one export.  Never in it: the jurors' private comments
and their own feedback drafts (the committee's, design §11 — only the feedback the secretary
approved is the applicant's), the reasons of conflicts of interest, the other applicants.  Audit
payloads keep only the keys listed in :data:`AUDIT_KEYS` for that reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selection_desk import i18n
from selection_desk.aggregation.agenda import juror_alias
from selection_desk.domain import AuditEntry, Decision, Dossier
from selection_desk.formats.file_types import extension_for, sanitise_file_name
from selection_desk.leftovers import whole_file
from selection_desk.services.reporting import report_language
from selection_desk.storage import erasure as erasure_rows
from selection_desk.storage import feedback as feedback_rows
from selection_desk.storage.store import CampaignStore

AUDIT_KEYS = frozenset(
    {
        "ref", "name", "fields", "value", "status", "confidence", "outcome", "rationale",
        "votes_for", "votes_against", "votes_abstain", "decided_at", "recused", "text",
        "attachments", "criterion",
    }
)  # fmt: skip
"""What an audit payload may show of itself: never a juror's comment, draft feedback or conflict
reason, nor a juror's code (``recused`` is pseudonymised)."""


@dataclass(frozen=True)
class AccessExport:
    """What ``access-export`` wrote."""

    json_path: Path
    summary_path: Path
    attachments: tuple[Path, ...]
    content: dict[str, Any]
    """The JSON document as written."""


def access_export(
    store: CampaignStore, ref: str, folder: Path, *, language: str | None = None
) -> AccessExport:
    """Write everything held about dossier ``ref`` into ``folder`` (module docstring)."""
    from selection_desk.reports.access_summary import write_access_summary

    store.dossier_id(ref)  # NotFound first
    folder.mkdir(parents=True, exist_ok=True)
    language = language or report_language(store.campaign().language)
    with i18n.language(language):
        content = access_content(store, ref)
        attachments = _write_attachments(store, ref, folder / "attachments")
        json_path = folder / f"{ref}-access.json"
        with whole_file(json_path) as handle:
            handle.write(json.dumps(content, ensure_ascii=False, indent=2).encode("utf-8"))
        summary_path = folder / f"{ref}-summary.pdf"
        write_access_summary(content, summary_path)
    return AccessExport(json_path, summary_path, attachments, content)


def access_content(store: CampaignStore, ref: str) -> dict[str, Any]:
    """The export's JSON document (jurors as ``Juror A, B…`` in the active language)."""
    dossier = next(d for d in store.dossiers() if d.ref == ref)
    scores = [s for s in store.scores() if s.dossier == ref]
    reviews = [r for r in store.reviews() if r.dossier == ref]
    entries = erasure_rows.audit_entries_about(store.db, ref)
    aliases = _aliases(store, {s.juror for s in scores} | {r.juror for r in reviews}, entries)
    decision = next((d for d in store.decisions() if d.dossier == ref), None)
    approved = feedback_rows.approved_feedback(store).get(ref)
    criteria = {criterion.code: criterion.label for criterion in store.criteria()}
    return {
        "campaign": store.campaign().name,
        "dossier": _dossier(dossier),
        "attachments": [
            {"file": a.file_name, "type": a.mime_type, "size": a.size, "sha256": a.sha256}
            for a in store.attachments(ref)
        ],
        "scores": [
            {
                "juror": aliases[s.juror],
                "criterion": criteria.get(s.criterion, s.criterion),
                "value": s.value,
            }
            for s in scores
        ],
        "reviews": [
            {"juror": aliases[r.juror], "status": r.status.value, "confidence": r.confidence}
            for r in reviews
        ],
        "approved_feedback": None if approved is None else approved.text,
        "decision": None if decision is None else _decision(decision),
        "audit": [_entry(entry, aliases) for entry in entries],
    }


def _dossier(dossier: Dossier) -> dict[str, Any]:
    return {"ref": dossier.ref, "name": dossier.name, "fields": dict(dossier.fields)}


def _decision(decision: Decision) -> dict[str, Any]:
    return {
        "outcome": decision.outcome.value,
        "rationale": decision.rationale,
        "votes_for": decision.votes_for,
        "votes_against": decision.votes_against,
        "votes_abstain": decision.votes_abstain,
        "decided_at": decision.decided_at,
    }


def _aliases(store: CampaignStore, jurors: set[str], entries: list[AuditEntry]) -> dict[str, str]:
    """Juror code → ``Juror A, B…``, in the campaign's order, for every juror the export names
    (scores, reviews, and the audit entries' entities and actors)."""
    codes = [juror.code for juror in store.jurors()]
    named = set(jurors)
    for entry in entries:
        named.update(code for code in codes if code == entry.actor or _names(entry.entity, code))
    return {code: juror_alias(i) for i, code in enumerate(c for c in codes if c in named)}


def _names(entity: str, code: str) -> bool:
    return code in entity.replace(":", "/").split("/")


def _entry(entry: AuditEntry, aliases: Mapping[str, str]) -> dict[str, Any]:
    parts = entry.entity.split("/")
    entity = "/".join(
        ":".join(aliases.get(piece, piece) for piece in part.split(":")) for part in parts
    )
    return {
        "at": entry.at,
        "action": entry.action,
        "entity": entity,
        "by": aliases.get(entry.actor, i18n._("the committee")),
        "before": _shown_payload(entry.before, aliases),
        "after": _shown_payload(entry.after, aliases),
        "redacted": entry.before is None and entry.after is None,
    }


def _shown_payload(payload: str | None, aliases: Mapping[str, str]) -> Any:
    """The keys of :data:`AUDIT_KEYS` of a payload object; nothing of another payload."""
    if payload is None:
        return None
    value = json.loads(payload)
    if not isinstance(value, dict):
        return None
    shown = {key: item for key, item in value.items() if key in AUDIT_KEYS}
    if isinstance(shown.get("recused"), list):
        shown["recused"] = [
            aliases.get(code, juror_alias(len(aliases))) for code in shown["recused"]
        ]
    return shown or None


def _write_attachments(store: CampaignStore, ref: str, folder: Path) -> tuple[Path, ...]:
    written = []
    taken: set[str] = set()
    for attachment in store.attachments(ref):
        name = sanitise_file_name(attachment.file_name) or (
            f"attachment{extension_for(attachment.mime_type)}"
        )
        while name.lower() in taken:
            name = f"_{name}"
        taken.add(name.lower())
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        with whole_file(target) as handle:
            handle.write(store.attachment_content(attachment.sha256))
        written.append(target)
    return tuple(written)
