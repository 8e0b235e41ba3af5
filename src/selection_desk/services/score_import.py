"""Use case: import a long-format score file (dossier, juror, criterion, score columns; CSV or
XLSX) into a campaign.

Its rows are read by the campaign workbook's own reader of a Scores sheet, against the campaign's
criteria, jurors, dossiers and conflicts, so both are validated the same way; the file's scores
and reviews are then laid over the campaign's and written by the workbook import's one path."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from selection_desk.domain import CampaignData, Review, Score
from selection_desk.errors import Problem, ValidationFailed, define_message
from selection_desk.formats.file_digest import file_sha256
from selection_desk.formats.source_table import SourceTable
from selection_desk.i18n import N_
from selection_desk.services.workbook_import import ImportReport, apply_campaign_data
from selection_desk.storage.audit import now_iso
from selection_desk.storage.store import CampaignStore


def is_score_table(table: SourceTable) -> bool:
    from selection_desk.formats.headers import SCORE_COLUMNS, match_headers

    return not match_headers(table.written_headers, SCORE_COLUMNS).missing


def read_score_rows(
    table: SourceTable, data: CampaignData
) -> tuple[tuple[Score, ...], tuple[Review, ...], frozenset[str]]:
    """Scores and reviews of a long-format table, read by the campaign workbook's own reader
    against the campaign's criteria, jurors, dossiers and conflicts (same checks, same
    messages).  Also returns which optional review columns the file has."""
    from selection_desk.formats.headers import SCORE_COLUMNS, SCORES_SHEET, match_headers
    from selection_desk.formats.workbook_reader import read_score_sheet, sorted_problems
    from selection_desk.formats.workbook_tables import ProblemLog, Sheet

    rows: list[tuple[object, ...]] = [()] * table.header_row
    rows[table.header_row - 1] = table.written_headers
    for row in table.rows:
        rows.extend([()] * (row.number - 1 - len(rows)))
        rows.append(row.cells)
    title = table.sheet or Path(table.file).name
    language = "fr" if any(_is_french(header) for header in table.written_headers) else "en"
    sheet = Sheet(SCORES_SHEET, title, language, rows)
    log = ProblemLog(table.file)
    criteria = {criterion.code: criterion for criterion in data.criteria}
    scores, reviews = read_score_sheet(
        sheet,
        log,
        criteria,
        {juror.code for juror in data.jurors},
        {dossier.ref for dossier in data.dossiers},
        data.conflicts,
    )
    if log.problems:
        problems = [_in_the_campaign(problem, table) for problem in sorted_problems(log.problems)]
        raise ValidationFailed(problems, file=table.file)
    present = frozenset(match_headers(table.written_headers, SCORE_COLUMNS).positions)
    return scores, reviews, present


SCORE_UNKNOWN_CRITERION = define_message(
    "score_file_unknown_criterion", N_("The campaign has no criterion “{value}”.")
)
SCORE_UNKNOWN_JUROR = define_message(
    "score_file_unknown_juror", N_("The campaign has no juror “{value}”.")
)
SCORE_UNKNOWN_DOSSIER = define_message(
    "score_file_unknown_dossier", N_("The campaign has no dossier “{value}”.")
)


def _in_the_campaign(problem: Problem, table: SourceTable) -> Problem:
    """A score file's problem as its reader, the campaign workbook's, would not put it: a CSV has
    no sheet (the file is named), and the jurors, dossiers and criteria are the campaign's, not
    sheets of the file."""
    from selection_desk.formats import workbook_reader

    codes = {
        workbook_reader.UNKNOWN_CRITERION: SCORE_UNKNOWN_CRITERION,
        workbook_reader.UNKNOWN_JUROR: SCORE_UNKNOWN_JUROR,
        workbook_reader.UNKNOWN_DOSSIER: SCORE_UNKNOWN_DOSSIER,
    }
    return replace(problem, code=codes.get(problem.code, problem.code), sheet=table.sheet)


def _is_french(header: str) -> bool:
    from selection_desk.formats.headers import SCORE_COLUMNS, normalise_header

    key = normalise_header(header)
    return any(
        key == normalise_header(column.french) and column.french != column.english
        for column in SCORE_COLUMNS
    )


def merge_scores(
    data: CampaignData,
    scores: Sequence[Score],
    reviews: Sequence[Review],
    present: frozenset[str],
    at: str,
) -> CampaignData:
    """The campaign with the file's scores and reviews laid over its own: a changed score gets the
    next revision; a review column the file lacks keeps the campaign's value."""
    current_scores = {(s.juror, s.dossier, s.criterion): s for s in data.scores}
    merged_scores = dict(current_scores)
    for score in scores:
        key = (score.juror, score.dossier, score.criterion)
        before = current_scores.get(key)
        if before is not None and (before.value, before.comment) == (score.value, score.comment):
            continue
        merged_scores[key] = replace(
            score, revision=(before.revision + 1) if before else 1, updated_at=at
        )
    current_reviews = {(r.juror, r.dossier): r for r in data.reviews}
    merged_reviews = dict(current_reviews)
    for review in reviews:
        key2 = (review.juror, review.dossier)
        before_review = current_reviews.get(key2)
        incoming = review
        if before_review is not None:
            if "review_comment" not in present:
                incoming = replace(incoming, comment=before_review.comment)
            if "confidence" not in present:
                incoming = replace(incoming, confidence=before_review.confidence)
            if "feedback" not in present:
                incoming = replace(incoming, feedback=before_review.feedback)
            if replace(incoming, revision=0, updated_at="") == replace(
                before_review, revision=0, updated_at=""
            ):
                continue
            incoming = replace(incoming, revision=before_review.revision + 1, updated_at=at)
        else:
            incoming = replace(incoming, updated_at=at)
        merged_reviews[key2] = incoming
    return replace(
        data, scores=tuple(merged_scores.values()), reviews=tuple(merged_reviews.values())
    )


def import_score_table(
    store: CampaignStore,
    table: SourceTable,
    *,
    actor: str,
    dry_run: bool = False,
) -> ImportReport:
    existing = store.campaign_data()
    scores, reviews, present = read_score_rows(table, existing)
    incoming = merge_scores(existing, scores, reviews, present, now_iso())
    return apply_campaign_data(
        store,
        incoming,
        actor=actor,
        source=Path(table.file).name,
        source_sha256=file_sha256(Path(table.file)),
        dry_run=dry_run,
    )
