"""Feedback letters: one PDF per applicant, in French or English.

Each letter gives the committee's decision (and its rationale), the applicant's mean per criterion
against the cohort's median (a chart and a table), the feedback the secretary approved for the
dossier (services.feedback) and the programme's contact line (the campaign's ``contact`` setting;
without one, the letter names the programme's team, or the committee).  No juror's comment and no
juror's name ever enters a letter: a juror's words reach it only through the approved text.  All
applicant and juror text is escaped.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Collection
from functools import partial
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from selection_desk import i18n
from selection_desk.aggregation import RankedDossier
from selection_desk.domain import Dossier, Outcome
from selection_desk.errors import define_message
from selection_desk.i18n import N_, _, format_date, format_number, inside_quotes
from selection_desk.progress import NO_PROGRESS, Progress
from selection_desk.reports.charts import ProfileRow, profile_chart
from selection_desk.reports.document_batch import DocumentBatch
from selection_desk.reports.minutes import SCALED_METHODS
from selection_desk.reports.pdf_common import (
    PDF_WRITE_FAILED,
    ReportWriteFailed,
    build_pdf,
    content_width,
    data_table,
    markup,
    markup_paragraphs,
    paragraph,
    styles,
    table_style,
    text,
)
from selection_desk.reports.report_data import ReportData

_UNSAFE_FILE_CHARACTERS = re.compile(r"[^0-9A-Za-z._-]+")
MAX_FILE_STEM = 80
_BLANK_LINE = re.compile(r"\n\s*\n")

_DECISION_SENTENCES = {
    Outcome.SELECTED: N_(
        "We are pleased to inform you that the committee selected your application."
    ),
    Outcome.WAITING_LIST: N_("The committee placed your application on the waiting list."),
    Outcome.REJECTED: N_(
        "We regret to inform you that the committee did not select your application."
    ),
    Outcome.DEFERRED: N_("The committee deferred its decision on your application."),
}
LETTERS_FOLDER_FAILED = define_message(
    "reports_letters_folder_failed",
    N_("The folder {folder} for the letters could not be created ({reason})."),
)


def letter_file_name(ref: str, taken: set[str]) -> str:
    """A portable file name for the letter of dossier ``ref``, unique among ``taken``."""
    stem = _UNSAFE_FILE_CHARACTERS.sub("_", ref).strip("._")[:MAX_FILE_STEM] or "dossier"
    name, counter = f"{stem}.pdf", 2
    while name.lower() in taken:
        name, counter = f"{stem}-{counter}.pdf", counter + 1
    taken.add(name.lower())
    return name


def write_letters(
    report: ReportData,
    folder: Path,
    language: str,
    *,
    progress: Progress | None = None,
    refs: Collection[str] | None = None,
) -> list[Path]:
    """Write one letter per dossier into ``folder`` (created if needed); returns their paths.
    ``refs``: only those dossiers' letters (the ones who stop at a round), else every dossier's.

    A letter that fails is skipped: the others are written, then
    :class:`~selection_desk.reports.document_batch.DocumentsNotWritten` names it."""
    progress = progress or NO_PROGRESS
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ReportWriteFailed(LETTERS_FOLDER_FAILED, folder=str(folder), reason=reason) from error
    entries = {entry.ref: entry for entry in report.ranking.entries}
    taken: set[str] = set()
    batch = DocumentBatch()  # a letter that cannot be written does not stop the others
    dossiers = [d for d in report.data.dossiers if refs is None or d.ref in refs]
    with i18n.language(language):
        cohort_score = _cohort_median_score(report)
        for index, dossier in enumerate(dossiers):
            progress.step(
                index,
                len(dossiers),
                _("Letter {done} of {total}").format(done=index + 1, total=len(dossiers)),
            )
            path = folder / letter_file_name(dossier.ref, taken)
            batch.write(
                path,
                partial(
                    _write_letter,
                    report,
                    dossier,
                    entries[dossier.ref],
                    cohort_score,
                    path,
                    language,
                ),
            )
    progress.step(len(dossiers), len(dossiers), "")
    return batch.finish()


def _cohort_median_score(report: ReportData) -> float | None:
    scores = [entry.score for entry in report.ranking.entries if entry.score is not None]
    return statistics.median(scores) if scores else None


def _write_letter(
    report: ReportData,
    dossier: Dossier,
    entry: RankedDossier,
    cohort_score: float | None,
    path: Path,
    language: str,
) -> None:
    campaign = report.data.campaign
    sender = campaign.programme or campaign.name
    build_pdf(
        path,
        _story(report, dossier, entry, cohort_score, language),
        title=_("Your application to “{campaign}”").format(campaign=inside_quotes(campaign.name)),
        subject=campaign.name,
        author=sender,
        footer_left=f"{sender} — {campaign.name}",
        page_label=_("page {page} / {pages}"),
    )


def _story(
    report: ReportData,
    dossier: Dossier,
    entry: RankedDossier,
    cohort_score: float | None,
    language: str,
) -> list[Flowable]:
    style = styles()
    campaign = report.data.campaign
    sender = campaign.programme or campaign.name
    story: list[Flowable] = [
        paragraph(sender, style.subtitle),
        paragraph(format_date(report.generated_at.date(), language), style.small),
        Spacer(1, 6),
        markup(
            _("<b>To:</b> {name} (application {ref})"),
            style.body,
            name=dossier.name,
            ref=dossier.ref,
        ),
        markup(
            _("<b>Subject:</b> your application to “{campaign}”"),
            style.body,
            campaign=inside_quotes(campaign.name),
        ),
        Spacer(1, 6),
        Paragraph(text(_("Dear applicant,")), style.body),
    ]
    story += _decision(report, dossier, entry)
    story += _evaluation(report, entry, cohort_score, language)
    story += _feedback(report, dossier)
    story += _closing(report)
    return story


def _closing(report: ReportData) -> list[Flowable]:
    """Thanks, the contact line and the sign-off."""
    style = styles()
    campaign = report.data.campaign
    contact = campaign.contact.strip()
    thanks = _("Thank you for the time you gave to your application.")
    if contact:
        question = _("For any question about this letter, please contact: {contact}").format(
            contact=contact
        )
    elif campaign.programme:
        question = _("For any question about this letter, please contact the {programme} team.")
        question = question.format(programme=campaign.programme)
    else:
        question = _("For any question about this letter, please contact the selection committee.")
    signature = (
        _("The {programme} team").format(programme=campaign.programme)
        if campaign.programme
        else _("The selection committee")
    )
    return [
        Spacer(1, 10),
        paragraph(f"{thanks} {question}", style.body),
        Spacer(1, 4),
        paragraph(signature, style.body),
    ]


def _decision(report: ReportData, dossier: Dossier, entry: RankedDossier) -> list[Flowable]:
    style = styles()
    decision = report.decision(dossier.ref)
    if decision is None:
        sentence = _("The committee has not yet recorded a decision on your application.")
    else:
        sentence = _(_DECISION_SENTENCES[decision.outcome])
    flowables: list[Flowable] = [
        Paragraph(
            text(
                _("The selection committee of “{campaign}” has examined your application.").format(
                    campaign=inside_quotes(report.data.campaign.name)
                )
                + " "
                + sentence
            ),
            style.body,
        )
    ]
    if decision is not None and decision.rationale.strip():
        flowables += markup_paragraphs(
            _("<b>The committee's reasons:</b> {rationale}"), style.body, "rationale",
            rationale=decision.rationale.strip(),
        )  # fmt: skip
    if entry.eliminated:
        labels = [
            report.criteria_by_code[code].label
            for code in entry.eliminated_by
            if code in report.criteria_by_code
        ]
        flowables.append(
            Paragraph(
                text(
                    _("Your application did not reach the minimum required on: {criteria}.").format(
                        criteria=", ".join(labels)
                    )
                ),
                style.body,
            )
        )
    return flowables


def _evaluation(
    report: ReportData, entry: RankedDossier, cohort_score: float | None, language: str
) -> list[Flowable]:
    style = styles()
    criteria = report.data.criteria
    medians = report.cohort_medians
    flowables: list[Flowable] = [Spacer(1, 4), Paragraph(text(_("Your evaluation")), style.heading)]
    if entry.jurors == 0:
        flowables.append(
            Paragraph(
                text(_("No complete evaluation of your application was counted.")), style.body
            )
        )
        return flowables
    intro = _(
        "Your mean score on each criterion, from the {jurors} juror(s) who evaluated your "
        "application, next to the median of all {count} applications."
    ).format(jurors=entry.jurors, count=len(report.ranking.entries))
    if report.ranking.method in SCALED_METHODS and entry.score is not None:
        overall = _("Your overall score: {score} out of 100").format(
            score=format_number(entry.score, 1, language)
        )
        if cohort_score is not None:
            overall += " " + _("(median of the applications: {median})").format(
                median=format_number(cohort_score, 1, language)
            )
        intro += " " + overall + "."
    flowables.append(Paragraph(text(intro), style.body))
    rows = [
        ProfileRow(
            criterion.label,
            entry.criteria.get(criterion.code),
            medians.get(criterion.code),
            criterion.scale_min,
            criterion.scale_max,
        )
        for criterion in criteria
    ]
    chart = profile_chart(
        rows,
        content_width(),
        language=language,
        yours=_("your mean"),
        cohort=_("median of the applications"),
    )
    header = [_("Criterion"), _("Weight"), _("Your mean"), _("Median"), _("Scale")]
    table_rows: list[list[object]] = [[paragraph(cell, style.cell_head) for cell in header]]
    for criterion, row in zip(criteria, rows, strict=True):
        table_rows.append(
            [
                paragraph(criterion.label, style.cell),
                paragraph(format_number(criterion.weight, None, language), style.cell_right),
                paragraph(_number(row.value, language), style.cell_right),
                paragraph(_number(row.median, language), style.cell_right),
                paragraph(
                    f"{format_number(criterion.scale_min, None, language)} – "
                    f"{format_number(criterion.scale_max, None, language)}",
                    style.cell_right,
                ),
            ]
        )
    width = content_width()
    table = data_table(table_rows, [w * width for w in (0.46, 0.12, 0.14, 0.14, 0.14)])
    table.setStyle(table_style())
    flowables += [Spacer(1, 4), KeepTogether([chart]), Spacer(1, 6), table]
    return flowables


def _number(value: float | None, language: str) -> str:
    return "—" if value is None else format_number(value, 2, language)


def _feedback(report: ReportData, dossier: Dossier) -> list[Flowable]:
    """The feedback the secretary approved, and nothing else a juror wrote: a juror's comment
    stays inside the committee, and no juror is named."""
    style = styles()
    approved = report.approved_feedback.get(dossier.ref, "").strip()
    flowables: list[Flowable] = [Paragraph(text(_("Feedback from the committee")), style.heading)]
    if not approved:
        flowables.append(
            Paragraph(text(_("The committee has no written feedback to add.")), style.body)
        )
        return flowables
    for piece in _BLANK_LINE.split(approved):
        flowables += markup_paragraphs("{feedback}", style.body, "feedback", feedback=piece)
    return flowables


__all__ = ["PDF_WRITE_FAILED", "letter_file_name", "write_letters"]
