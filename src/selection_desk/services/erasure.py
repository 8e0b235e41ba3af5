"""Use cases: erase one applicant's personal data (``erase``), or every applicant's
(``anonymise``), design §11.

One transaction, under ``PRAGMA secure_delete``: the dossier keeps its ref, scores, reviews'
statuses, decisions' outcomes and votes (so rankings and statistics stay); its name, fields,
attachments and the free texts about it go (:mod:`selection_desk.storage.erasure` lists them);
the audit entries that hold any of it are redacted (:func:`storage.audit.redact`); the erasure is
audited without the erased data.  Then the file is vacuumed, the automatic backups that still hold
the data are deleted and a fresh backup is taken.  The kits issued earlier that copied the dossier
are listed: they are on the jurors' laptops, out of reach, and must be recalled by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_, _, ngettext
from selection_desk.storage import audit, backups
from selection_desk.storage import erasure as erasure_rows
from selection_desk.storage import kits as kit_rows
from selection_desk.storage.erasure import IssuedKit, PersonalData
from selection_desk.storage.store import CampaignStore

DEFAULT_ACTOR = "secretary"
KIT_CANNOT_ERASE = define_message(
    "kit_cannot_erase",
    N_("{path} is a juror kit: erase personal data in the secretary's campaign file."),
)
NO_DOSSIER_TO_ERASE = define_message(
    "no_dossier_to_erase", N_("{path} holds no dossier: there is nothing to anonymise.")
)


@dataclass(frozen=True)
class ErasureReport:
    """What an erasure removed (counts only: the erased data is nowhere, not even here)."""

    dossiers: tuple[str, ...]
    fields: int
    attachments: int
    texts: int
    audit_redacted: int
    kits: tuple[IssuedKit, ...]
    """Kits issued earlier that copied a dossier: to be recalled by hand."""
    backups_removed: tuple[Path, ...]
    new_backup: Path | None
    already_erased: bool
    """Nothing was left to erase in the file (the backups were still checked)."""


def erasure_preview(store: CampaignStore, ref: str) -> PersonalData:
    """What ``erase`` would remove from dossier ``ref`` (the confirmation names it)."""
    return erasure_rows.personal_data(store, ref)


def erase_dossier(store: CampaignStore, ref: str, *, actor: str = DEFAULT_ACTOR) -> ErasureReport:
    """Erase the personal data of dossier ``ref``: all or nothing (module docstring)."""
    _refuse_kit(store)
    data = erasure_rows.personal_data(store, ref)
    searched = erasure_rows.needles(data, erasure_rows.values_of_other_dossiers(store, ref))
    kits = erasure_rows.kits_holding(store, ref)
    redacted = 0
    if not data.is_empty:
        with erasure_rows.secure_delete(store.db), store.transaction() as db:
            erasure_rows.erase_rows(store, ref)
            store.record_audit(actor, "erase", f"dossier:{ref}", after=_counts(data))
            erase_seq = audit.last_seq(db)
            seqs = erasure_rows.audit_entries_to_redact(db, ref, searched, erase_seq)
            redacted = audit.redact(db, seqs, erase_seq)
        erasure_rows.vacuum(store.db)
    removed, fresh = _clean_backups(store, [ref], searched, changed=not data.is_empty)
    return ErasureReport(
        (ref,),
        len(data.fields),
        len(data.attachments),
        len(data.texts),
        redacted,
        kits,
        removed,
        fresh,
        already_erased=data.is_empty,
    )


def anonymise_campaign(store: CampaignStore, *, actor: str = DEFAULT_ACTOR) -> ErasureReport:
    """Erase every dossier's personal data in one transaction; the log keeps who did what, when
    and to which entity, and its chain, but every earlier payload is redacted."""
    _refuse_kit(store)
    refs = [dossier.ref for dossier in store.dossiers()]
    if not refs:
        raise InvalidInput(NO_DOSSIER_TO_ERASE, path=str(store.path))
    datas = [erasure_rows.personal_data(store, ref) for ref in refs]
    searched = [needle for data in datas for needle in erasure_rows.needles(data, set())]
    kits = tuple({kit for ref in refs for kit in erasure_rows.kits_holding(store, ref)})
    with erasure_rows.secure_delete(store.db), store.transaction() as db:
        erasure_rows.erase_rows(store, None)
        totals = {
            "dossiers": len(refs),
            **{key: sum(_counts(data)[key] for data in datas) for key in _counts(datas[0])},
        }
        store.record_audit(actor, "anonymise", "campaign", after=totals)
        anonymise_seq = audit.last_seq(db)
        seqs = erasure_rows.audit_entries_with_payload(db, anonymise_seq)
        redacted = audit.redact(db, seqs, anonymise_seq)
    erasure_rows.vacuum(store.db)
    removed, fresh = _clean_backups(store, refs, searched, changed=True)
    return ErasureReport(
        tuple(refs),
        totals["fields"],
        totals["attachments"],
        totals["texts"],
        redacted,
        tuple(sorted(kits, key=lambda kit: (kit.issued_at, kit.juror))),
        removed,
        fresh,
        already_erased=all(data.is_empty for data in datas),
    )


def _refuse_kit(store: CampaignStore) -> None:
    if kit_rows.is_juror_kit(store):
        raise InvalidInput(KIT_CANNOT_ERASE, path=str(store.path))


def _counts(data: PersonalData) -> dict[str, int]:
    return {
        "name": int(data.name != data.ref),
        "fields": len(data.fields),
        "attachments": len(data.attachments),
        "texts": len(data.texts),
    }


def _clean_backups(
    store: CampaignStore, refs: list[str], searched: Iterable[str], *, changed: bool
) -> tuple[tuple[Path, ...], Path | None]:
    """Delete the automatic backups that still hold the erased data; take a fresh one of the
    erased file when any was deleted or the file changed (the campaign keeps a backup)."""
    forms = {
        form.encode("utf-8")
        for needle in searched
        for form in erasure_rows.json_forms(needle)
        if not re.fullmatch(r"\s*", form)
    }
    removed = backups.remove_backups(
        store.file, lambda backup: erasure_rows.copy_holds(backup, refs, forms)
    )
    fresh = backups.take_backup(store.file, "after-erasure") if removed or changed else None
    return tuple(removed), fresh


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


def confirmation_lines(data: PersonalData, kits: tuple[IssuedKit, ...]) -> list[str]:
    """What goes and what stays, as the app's confirmation says it before ``erase`` runs."""
    goes = [_("The name “{name}” (replaced by the reference).").format(name=data.name)]
    if data.fields:
        goes.append(
            _("{count} field(s): {headers}.").format(
                count=len(data.fields), headers=", ".join(data.fields)
            )
        )
    if data.attachments:
        goes.append(
            _("{count} attachment(s): {names}.").format(
                count=len(data.attachments),
                names=", ".join(name for name, _sha, _size in data.attachments),
            )
        )
    if data.texts:
        goes.append(
            _(
                "{count} text(s) written about the applicant: jurors' comments and feedback, "
                "the approved feedback, the decision's rationale, conflicts' reasons."
            ).format(count=len(data.texts))
        )
    goes.append(_("The audit log's records of them (redacted) and the backups that hold them."))
    lines = [_("What goes, for good:"), *(f"• {line}" for line in goes), ""]
    lines += [
        _("What stays, under the reference {ref}:").format(ref=data.ref),
        "• " + _("the scores, the decisions and their votes, the statistics."),
    ]
    if kits:
        lines += [
            "",
            _(
                "Juror kits issued earlier still hold the dossier; recall them by hand: {jurors}."
            ).format(jurors=", ".join(dict.fromkeys(kit.juror for kit in kits))),
        ]
    return lines


def kits_holding(store: CampaignStore, ref: str) -> tuple[IssuedKit, ...]:
    """The kits issued earlier that copied dossier ``ref``."""
    return erasure_rows.kits_holding(store, ref)
