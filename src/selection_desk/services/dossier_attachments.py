"""The attachments of a dossier import: which file of a folder or archive goes to which dossier,
under which stored name (:func:`plan_attachments`, a dry run), then writing them once checked
again against the plan (:func:`write_attachments`)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from selection_desk.errors import InvalidInput, define_message
from selection_desk.formats.attachment_matching import DossierKeys, match_files
from selection_desk.formats.attachments import (
    FILE_DAMAGED,
    FILE_FORBIDDEN_TYPE,
    FILE_UNKNOWN_TYPE,
    FILE_UNREADABLE,
    DamagedMember,
    RejectedFile,
    open_attachment_source,
)
from selection_desk.formats.file_types import (
    extension_for,
    refused_kind_text,
    sanitise_file_name,
    sniff,
)
from selection_desk.i18n import N_, _
from selection_desk.progress import Progress
from selection_desk.services.dossier_import_plan import (
    AttachmentPlan,
    DossierImportPlan,
    PlannedAttachment,
)
from selection_desk.storage import dossier_import as sql
from selection_desk.storage.store import CampaignStore

IMPORT_ATTACHMENT_CHANGED = define_message(
    "import_attachment_changed",
    N_("The attachment {file} changed since the preview was made; preview the import again."),
)


def _stored_name(name: str, mime_type: str) -> str:
    """The sanitised name, with the extension of the content's real type when it lacks it."""
    extension = extension_for(mime_type)
    lowered = name.lower()
    aliases = {".jpg": (".jpeg", ".jpe"), ".tif": (".tiff",), ".txt": (".md", ".text", ".tsv")}
    if not extension or lowered.endswith(extension):
        return name
    if any(lowered.endswith(alias) for alias in aliases.get(extension, ())):
        return name
    return sanitise_file_name(name + extension)


def plan_attachments(
    store: CampaignStore,
    path: Path,
    targets: Sequence[DossierKeys],
    progress: Progress,
) -> AttachmentPlan:
    """Which file of ``path`` (a folder or an archive) goes to which of the ``targets`` (the
    dossiers once imported), under which name; the files refused and why.  Writes nothing."""
    fingerprints = sql.attachment_fingerprints(store)
    with open_attachment_source(path) as source:
        result = match_files(source.files, list(targets))
        rejected = list(source.rejected)
        stored: list[PlannedAttachment] = []
        unchanged = 0
        taken: dict[tuple[str, str], str] = {}
        total = len(result.matches)
        for done, match in enumerate(result.matches):
            progress.step(done, total, match.file.name)
            try:
                content = source.read(match.file)
            except DamagedMember as damaged:
                rejected.append(
                    RejectedFile(match.file.original, FILE_DAMAGED, {"reason": damaged.reason_code})
                )
                continue
            except OSError as error:
                rejected.append(
                    RejectedFile(match.file.original, FILE_UNREADABLE, {"reason": str(error)})
                )
                continue
            sniffed = sniff(content, match.file.name)
            if sniffed.mime_type is None:
                if sniffed.refused_kind:
                    kind = _(refused_kind_text(sniffed.refused_kind))
                    rejected.append(
                        RejectedFile(match.file.original, FILE_FORBIDDEN_TYPE, {"kind": kind})
                    )
                else:
                    rejected.append(RejectedFile(match.file.original, FILE_UNKNOWN_TYPE))
                continue
            digest = hashlib.sha256(content).hexdigest()
            name = _free_name(
                _stored_name(match.file.name, sniffed.mime_type), match.ref, digest, taken
            )
            if name is None:
                unchanged += 1  # the same file twice in the source
                continue
            taken[(match.ref, name)] = digest
            current = fingerprints.get((match.ref, name))
            if current == digest:
                unchanged += 1
                continue
            stored.append(
                PlannedAttachment(
                    original=match.file.original,
                    ref=match.ref,
                    file_name=name,
                    mime_type=sniffed.mime_type,
                    size=len(content),
                    sha256=digest,
                    matched_by=match.by,
                    replaces=current is not None,
                )
            )
    return AttachmentPlan(
        source=path.name,
        path=str(path),
        stored=tuple(stored),
        unchanged=unchanged,
        unmatched=tuple(file.original for file in result.unmatched),
        ambiguous=tuple((file.original, refs) for file, refs in result.ambiguous),
        rejected=tuple(rejected),
    )


def _free_name(
    name: str, ref: str, digest: str, taken: Mapping[tuple[str, str], str]
) -> str | None:
    """``name``, or ``name (2)`` … when another file of the same dossier has it; ``None`` when
    that other file is this very content."""
    candidate = name
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    counter = 1
    while (ref, candidate) in taken:
        if taken[(ref, candidate)] == digest:
            return None
        counter += 1
        candidate = f"{stem} ({counter}){'.' + suffix if suffix else ''}"
    return candidate


def write_attachments(
    store: CampaignStore, plan: DossierImportPlan, progress: Progress, done: int, total: int
) -> list[dict[str, str]]:
    """Stores the planned attachments (inside the caller's transaction), each checked again
    against the digest the plan saw; returns what the audit records of each."""
    assert plan.attachments is not None
    written: list[dict[str, str]] = []
    with open_attachment_source(Path(plan.attachments.path)) as source:
        by_original = {candidate.original: candidate for candidate in source.files}
        for index, planned in enumerate(plan.attachments.stored):
            progress.step(done + index, total, planned.file_name)
            candidate = by_original.get(planned.original)
            try:
                content = source.read(candidate) if candidate is not None else b""
            except OSError:
                raise InvalidInput(IMPORT_ATTACHMENT_CHANGED, file=planned.original) from None
            if hashlib.sha256(content).hexdigest() != planned.sha256:
                raise InvalidInput(IMPORT_ATTACHMENT_CHANGED, file=planned.original)
            store.write_attachment(planned.ref, planned.file_name, planned.mime_type, content)
            written.append(
                {"dossier": planned.ref, "file": planned.file_name, "sha256": planned.sha256}
            )
    return written
