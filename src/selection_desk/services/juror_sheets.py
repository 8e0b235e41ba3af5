"""Use cases: write the jurors' scoring sheets, and import a juror's Excel sheet back into the
campaign file.

Validated like a ballot, and every problem is reported at once (``ValidationFailed``, nothing
written): the sheet must belong to this campaign and to a juror of it, have been made for the
current criteria and scales, list only dossiers the juror may score (assigned, not conflicted), and
every score must be on its criterion's scale and step.  The same file imported again changes
nothing; a sheet older than one already imported for the juror is refused (a replay).

What is written: each score typed in the sheet (a cell left empty changes nothing — the juror may
also have scored in the app), the comment as the review's private comment and the feedback as its
feedback for the applicant (an empty cell keeps what the review held).  A review becomes final when
every criterion has a score, and stays a draft otherwise.  One transaction, audited with the file's
SHA-256.

The sheets themselves are written here too: :func:`juror_sheet_contents` gathers each juror's
dossiers and scores, ``formats.juror_sheet`` writes the workbook and ``reports.scoring_sheet_pdf``
the printable sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from selection_desk.domain import SCORING_ROLES, Review, ReviewStatus, Score
from selection_desk.errors import InvalidInput, Problem, ValidationFailed, define_message
from selection_desk.formats.juror_sheet import (
    JurorSheet,
    JurorSheetContent,
    criteria_fingerprint,
    read_juror_sheet,
    sheet_file_name,
)
from selection_desk.i18n import N_
from selection_desk.progress import NO_PROGRESS, Progress
from selection_desk.reports.document_batch import DocumentBatch
from selection_desk.services.op_changes import NOTHING, SCORES, OpChanges
from selection_desk.services.scoring import SCORE_OFF_STEP, SCORE_OUT_OF_SCALE, check_scores
from selection_desk.storage import kits as kit_rows
from selection_desk.storage.audit import now_iso
from selection_desk.storage.kits import is_juror_kit
from selection_desk.storage.store import CampaignStore

SHEET_OTHER_CAMPAIGN = define_message(
    "sheet_other_campaign",
    N_("{file} is a scoring sheet of another campaign (uid {uid}), not of this one."),
)
SHEET_OTHER_ROUND = define_message(
    "sheet_other_round",
    N_("{file} is a scoring sheet of a round this campaign does not have."),
)
SHEET_UNKNOWN_JUROR = define_message(
    "sheet_unknown_juror",
    N_("{file} is the scoring sheet of juror {juror}, who is not on this jury."),
)
SHEET_CRITERIA_CHANGED = define_message(
    "sheet_criteria_changed",
    N_(
        "{file} was made before the criteria or their scales changed: make a new scoring sheet "
        "for juror {juror}."
    ),
)
SHEET_OLDER = define_message(
    "sheet_older",
    N_(
        "{file} was made on {issued}, before a sheet of juror {juror} already imported (made on "
        "{latest}): importing it would undo newer work."
    ),
)
SHEET_INTO_KIT = define_message(
    "sheet_into_kit",
    N_("{path} is a juror kit: import scoring sheets into the secretary's campaign file."),
)
SHEET_DOSSIER_NOT_ALLOWED = define_message(
    "sheet_dossier_not_allowed",
    N_(
        "Juror {juror} may not score dossier {ref} (unknown, not assigned, or a declared conflict "
        "of interest)."
    ),
)


@dataclass(frozen=True)
class SheetImportReport:
    file: str
    juror: str
    imported: bool
    """False when this very file was imported already (nothing changed)."""
    scores_new: int = 0
    scores_changed: int = 0
    reviews_final: int = 0
    """Reviews that this sheet made final (a review final before is not counted)."""

    @property
    def op_changes(self) -> OpChanges:
        return SCORES if self.imported else NOTHING


def import_juror_sheet(
    store: CampaignStore, path: Path, *, actor: str = "secretary"
) -> SheetImportReport:
    if is_juror_kit(store):
        raise InvalidInput(SHEET_INTO_KIT, path=str(store.path))
    sheet = read_juror_sheet(Path(path))
    _enter_sheet_round(store, sheet)
    _check_identity(store, sheet)
    if kit_rows.sheet_imported(store, sheet.sha256):
        return SheetImportReport(sheet.file, sheet.juror, imported=False)
    juror_id = store.juror_id(sheet.juror)
    latest = kit_rows.latest_sheet_issued_at(store, juror_id)
    if latest is not None and sheet.issued_at < latest:
        raise _refused(SHEET_OLDER, sheet, issued=sheet.issued_at, latest=latest)
    _check_entries(store, sheet)
    return _write(store, sheet, juror_id, actor)


def _refused(code: str, sheet: JurorSheet, **facts: object) -> ValidationFailed:
    return ValidationFailed(
        [Problem(code, {"file": sheet.file, "juror": sheet.juror, **facts}, file=sheet.file)]
    )


def _enter_sheet_round(store: CampaignStore, sheet: JurorSheet) -> None:
    """The sheet's round (one made before rounds: the first) becomes the store's, as a ballot's
    does: a sheet of round 1 never lands in round 2 (a closed round then refuses it)."""
    rounds = store.rounds()
    if not rounds or sheet.campaign_uid != store.campaign().uid:
        return  # another campaign's sheet: refused by its identity
    found = [r for r in rounds if r.uid == sheet.round_uid] if sheet.round_uid else rounds[:1]
    if not found:
        raise _refused(SHEET_OTHER_ROUND, sheet)
    store.use_round(found[0].code)


def _check_identity(store: CampaignStore, sheet: JurorSheet) -> None:
    campaign = store.campaign()
    if sheet.campaign_uid != campaign.uid:
        raise _refused(SHEET_OTHER_CAMPAIGN, sheet, uid=sheet.campaign_uid)
    if sheet.juror not in {juror.code for juror in store.jurors()}:
        raise _refused(SHEET_UNKNOWN_JUROR, sheet)
    check_scores(store, sheet.juror)  # a secretary or an observer scores nothing
    if sheet.criteria_fingerprint != criteria_fingerprint(store.criteria()):
        raise _refused(SHEET_CRITERIA_CHANGED, sheet)


def _check_entries(store: CampaignStore, sheet: JurorSheet) -> None:
    allowed = set(kit_rows.kit_dossier_refs(store, sheet.juror))
    criteria = {criterion.code: criterion for criterion in store.criteria()}
    problems: list[Problem] = list(sheet.problems)
    where = {"file": sheet.file, "sheet": sheet.sheet_title}
    for entry in sheet.entries:
        if entry.is_empty:
            continue
        if entry.ref not in allowed:
            problems.append(
                Problem(
                    SHEET_DOSSIER_NOT_ALLOWED,
                    {"juror": sheet.juror, "ref": entry.ref},
                    row=entry.row,
                    **where,
                )
            )
            continue
        for score in entry.scores:
            criterion = criteria[score.criterion]
            facts = {"value": score.value, "criterion": criterion.label}
            if not criterion.in_scale(score.value):
                code = SCORE_OUT_OF_SCALE
                facts |= {"low": criterion.scale_min, "high": criterion.scale_max}
            elif not criterion.on_step(score.value):
                code = SCORE_OFF_STEP
                facts |= {"step": criterion.step}
            else:
                continue
            problems.append(Problem(code, facts, row=score.row, column=score.column, **where))
    if problems:
        raise ValidationFailed(problems, file=sheet.file)


def _write(store: CampaignStore, sheet: JurorSheet, juror_id: int, actor: str) -> SheetImportReport:
    criteria = [criterion.code for criterion in store.criteria()]
    at = now_iso()
    new = changed = finals = 0
    with store.transaction():
        current = {(s.dossier, s.criterion): s for s in store.scores(sheet.juror)}
        reviews = {r.dossier: r for r in store.reviews(sheet.juror)}
        scores: list[Score] = []
        updated_reviews: list[Review] = []
        for entry in sheet.entries:
            if entry.is_empty:
                continue
            for item in entry.scores:
                before = current.get((entry.ref, item.criterion))
                if before is not None and before.value == item.value:
                    continue
                new += before is None
                changed += before is not None
                score = Score(
                    sheet.juror,
                    entry.ref,
                    item.criterion,
                    item.value,
                    before.comment if before else "",
                    (before.revision + 1) if before else 1,
                    at,
                )
                scores.append(score)
                current[(entry.ref, item.criterion)] = score
            complete = all((entry.ref, code) in current for code in criteria)
            status = ReviewStatus.FINAL if complete else ReviewStatus.DRAFT
            review = reviews.get(entry.ref) or Review(sheet.juror, entry.ref, revision=0)
            comment = entry.comment or review.comment
            feedback = entry.feedback or review.feedback
            texts = (status, comment, feedback)
            if (review.status, review.comment, review.feedback) != texts or review.revision == 0:
                was_final = review.revision > 0 and review.status is ReviewStatus.FINAL
                finals += status is ReviewStatus.FINAL and not was_final
                updated_reviews.append(
                    Review(
                        sheet.juror,
                        entry.ref,
                        status,
                        comment,
                        review.confidence,
                        review.revision + 1,
                        at,
                        feedback,
                    )
                )
        store.write_reviews(updated_reviews)
        store.write_scores(scores)
        summary = {
            "file": sheet.file,
            "sha256": sheet.sha256,
            "sheet_id": sheet.sheet_id,
            "issued_at": sheet.issued_at,
            "scores_new": new,
            "scores_changed": changed,
            "reviews_final": finals,
        }
        kit_rows.log_sheet_import(
            store, sheet.sha256, juror_id, sheet.sheet_id, sheet.issued_at, at, summary
        )
        store.record_audit(actor, "import_sheet", f"sheet:{sheet.juror}", after=summary)
    return SheetImportReport(sheet.file, sheet.juror, True, new, changed, finals)


def juror_sheet_contents(store: CampaignStore) -> list[JurorSheetContent]:
    """One content per juror who scores (not the secretaries nor the observers), with the
    juror's current scores on the dossiers they may score (assigned, not conflicted)."""
    campaign = store.campaign()
    criteria = store.criteria()
    dossiers = {dossier.ref: dossier for dossier in store.dossiers()}
    contents = []
    for juror in (j for j in store.jurors() if j.role in SCORING_ROLES):
        refs = kit_rows.kit_dossier_refs(store, juror.code)
        kept = set(refs)
        contents.append(
            JurorSheetContent(
                campaign,
                criteria,
                juror,
                tuple(dossiers[ref] for ref in refs),
                issued_at=now_iso(),
                round_uid=store.round.uid,
                scores=tuple(s for s in store.scores(juror.code) if s.dossier in kept),
                reviews=tuple(r for r in store.reviews(juror.code) if r.dossier in kept),
            )
        )
    return contents


def write_juror_sheets(store: CampaignStore, folder: Path, *, language: str) -> list[Path]:
    """One Excel scoring sheet per juror in ``folder`` (created if needed); returns the files.

    Called by ``selection-desk export --juror-sheets DIR``; files of the same name are replaced."""
    return _write_sheets(juror_sheet_contents(store), folder, language, xlsx=True, pdf=False)


def write_scoring_sheets_pdf(store: CampaignStore, folder: Path, *, language: str) -> list[Path]:
    """One printable PDF sheet per juror in ``folder`` (created if needed)."""
    return _write_sheets(juror_sheet_contents(store), folder, language, xlsx=False, pdf=True)


def export_juror_sheets(
    campaign_file: Path,
    folder: Path,
    *,
    language: str,
    xlsx: bool = True,
    pdf: bool = True,
    progress: Progress = NO_PROGRESS,
) -> list[Path]:
    """Write, per juror, the Excel scoring sheet and/or the printable PDF sheet into ``folder``.

    Opens its own read-only connection (it runs in the task runner); ``progress`` counts the files
    and cancels between two of them (each file is written whole or not at all).  A file that
    cannot be written does not stop the others: they are written, then
    :class:`~selection_desk.reports.document_batch.DocumentsNotWritten` names it."""
    with CampaignStore.open(Path(campaign_file), readonly=True) as store:
        contents = juror_sheet_contents(store)
    return _write_sheets(contents, folder, language, xlsx=xlsx, pdf=pdf, progress=progress)


def _write_sheets(
    contents: list[JurorSheetContent],
    folder: Path,
    language: str,
    *,
    xlsx: bool,
    pdf: bool,
    progress: Progress = NO_PROGRESS,
) -> list[Path]:
    """Each juror's Excel and/or PDF sheet into ``folder`` (created if needed), juror by juror."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[Path, Callable[[Path], None]]] = []
    for content in contents:
        code = content.juror.code
        if xlsx:
            jobs.append(
                (folder / sheet_file_name(code, language), partial(_xlsx, content, language))
            )
        if pdf:
            jobs.append(
                (
                    folder / sheet_file_name(code, language, ".pdf"),
                    partial(_pdf, content, language),
                )
            )
    batch = DocumentBatch()  # a sheet that cannot be written does not stop the others
    for done, (path, write) in enumerate(jobs):
        progress.check()
        progress.step(done, len(jobs), path.name)
        batch.write(path, partial(write, path))
    progress.step(len(jobs), len(jobs))
    return batch.finish()


def _xlsx(content: JurorSheetContent, language: str, path: Path) -> None:
    from selection_desk.formats.juror_sheet import write_juror_sheet

    write_juror_sheet(content, path, language)


def _pdf(content: JurorSheetContent, language: str, path: Path) -> None:
    from selection_desk.reports.scoring_sheet_pdf import write_scoring_sheet_pdf

    write_scoring_sheet_pdf(content, path, language)
