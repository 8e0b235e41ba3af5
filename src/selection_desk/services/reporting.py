"""Use case: export a campaign's reports: Excel workbook, PDF minutes, feedback letters.

Opens its own read-only store on the campaign file (a worker thread never shares the window's
connection), builds one :class:`~selection_desk.reports.report_data.ReportData` (campaign, ranking
with the campaign's bootstrap stability setting, juror totals, the audit chain's latest hash, the
selection under every method, the cut-off zone and the draws recorded) and hands it to the
exporters, which never see a connection.  Each file is written beside its target and moved into
place, so a reader never sees half a report; a cancelled export leaves the files already finished.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from pathlib import Path

import numpy as np

from selection_desk import i18n
from selection_desk.aggregation import (
    DossierExplanation,
    Ranking,
    RankingInput,
    RankingSettings,
    compute_ranking,
    explain_all,
)
from selection_desk.aggregation.agenda import discussion_flags_of
from selection_desk.aggregation.robustness import cutoff_zone
from selection_desk.domain import Decision, Method, ReviewStatus
from selection_desk.errors import InvalidInput, define_message
from selection_desk.faults import write_failure
from selection_desk.i18n import LANGUAGES, N_, _
from selection_desk.progress import NO_PROGRESS, Progress
from selection_desk.reports.document_batch import DocumentBatch
from selection_desk.reports.report_data import (
    CellState,
    Departure,
    ReferenceMean,
    ReportData,
    RoundPassage,
    RoundResult,
    RoundsSummary,
)
from selection_desk.services.draw import recorded_draws
from selection_desk.services.field_metadata import field_types, personal_field_names
from selection_desk.services.final_ranking import final_ranking
from selection_desk.services.pseudonymise import (
    Pseudonyms,
    pseudonymised_data,
    pseudonymised_input,
)
from selection_desk.services.ranking import rank_campaign, stable_ranking
from selection_desk.services.robustness import input_robustness
from selection_desk.services.rounds import campaign_in_rounds, who_goes_on
from selection_desk.storage.feedback import approved_feedback
from selection_desk.storage.report_source import decision_recusals, meeting_attendance
from selection_desk.storage.store import CampaignStore

EXPLAINED_DOSSIERS = 30
"""The minutes explain at most this many of the dossiers they discuss (best-ranked first)."""

NOTHING_TO_EXPORT = define_message(
    "reports_nothing_to_export",
    N_("Say what to export: an Excel workbook, PDF minutes, letters or juror sheets."),
)
LETTERS_NOT_PSEUDONYMISED = define_message(
    "reports_letters_not_pseudonymised",
    N_(
        "Feedback letters and juror sheets are addressed to people by name: they cannot be "
        "pseudonymised. Export them without pseudonymising."
    ),
)
UNSUPPORTED_LANGUAGE = define_message(
    "reports_unsupported_language",
    N_("Reports can be written in {choices}, not in “{language}”."),
)


def build_report_data(
    store: CampaignStore,
    *,
    bootstrap: int | None = None,
    seed: int | None = None,
    generated_at: datetime | None = None,
    pseudonymise: bool = False,
) -> ReportData:
    """Everything the reports need, read from ``store`` (the ranking is recomputed, never read).

    The stability printed is the campaign's setting, the one the app shows; ``bootstrap`` and
    ``seed`` override it (a benchmark, a test).  ``pseudonymise``: without names, personal
    fields nor private comments (:mod:`~selection_desk.services.pseudonymise`)."""
    # The scores as columns: a large campaign's 1.5 million Score objects took 200 MB more.
    data = replace(store.campaign_data(scores=False), scores=store.score_columns())
    settings = RankingSettings.from_campaign(store.round_campaign())  # the round's places, method
    ranking_input = store.ranking_input(settings)
    pseudonyms = None
    if pseudonymise:
        pseudonyms = Pseudonyms.of(data.jurors, personal_field_names(store))
        data = pseudonymised_data(data, pseudonyms)
        ranking_input = pseudonymised_input(ranking_input, pseudonyms)
    ranking = stable_ranking(ranking_input, bootstrap=bootstrap, seed=seed)
    plain_mean = ranking
    if ranking.method is not Method.MEAN or ranking.confidence_weighted:
        plain_input = replace(ranking_input, settings=replace(settings, confidence_weighting=False))
        plain_mean = compute_ranking(plain_input, method=Method.MEAN)
    reference = {
        entry.ref: ReferenceMean(entry.score, entry.points, entry.jurors)
        for entry in plain_mean.entries
    }
    recusals: dict[str, tuple[str, ...]] = {}
    for conflict in data.conflicts:
        recusals[conflict.dossier] = (*recusals.get(conflict.dossier, ()), conflict.juror)
    recorded = decision_recusals(store)  # as recorded when the decision was taken
    attendance = meeting_attendance(store)
    approved = {ref: approval.text for ref, approval in approved_feedback(store).items()}
    if pseudonyms is not None:
        recorded = {ref: pseudonyms.jurors(codes) for ref, codes in recorded.items()}
        attendance = None if attendance is None else pseudonyms.jurors(attendance)
        approved = {}  # written for the applicant: it may name them
    recusals.update(recorded)
    states: dict[tuple[str, str], CellState] = {
        (conflict.juror, conflict.dossier): CellState.RECUSED for conflict in data.conflicts
    }
    for review in ranking.incomplete_reviews:
        states[(review.juror, review.dossier)] = (
            CellState.DRAFT if review.status is ReviewStatus.DRAFT else CellState.INCOMPLETE
        )
    return ReportData(
        data=data,
        ranking=ranking,
        juror_totals=juror_totals(ranking_input),
        cell_states=states,
        reference_means=reference,
        audit_hash=store.latest_audit_hash(),
        recusals=recusals,
        generated_at=generated_at or datetime.now().astimezone(),
        source_name=store.path.name,
        explanations=discussion_explanations(ranking_input, ranking),
        attendance=attendance,
        robustness=input_robustness(ranking_input, ranking),
        cutoff_zone=cutoff_zone(ranking),
        draws=recorded_draws(store),
        approved_feedback=approved,
        field_types=field_types(store),
        passage=round_passage(store, ranking, data.decisions),
        # The rounds' rankings name the dossiers: a pseudonymised report leaves them out.
        rounds=rounds_summary(store) if pseudonyms is None else None,
        in_rounds=campaign_in_rounds(store) if pseudonyms is None else None,
    )


def discussion_explanations(
    ranking_input: RankingInput, ranking: Ranking
) -> dict[str, DossierExplanation]:
    """The engine's explanation of each dossier the minutes discuss, best-ranked first."""
    refs = list(discussion_flags_of(ranking))[:EXPLAINED_DOSSIERS]
    # One ranking for all of them (explaining one at a time re-ranked the campaign each time).
    explained = explain_all(ranking_input, refs, method=ranking.method) if refs else {}
    return {ref: explained[ref] for ref in refs}


def juror_totals(ranking_input: RankingInput) -> dict[tuple[str, str], float]:
    """T[j,d] = 100 · Σ_c w_c·(s − lo_c)/(hi_c − lo_c) / Σ_c w_c of every counted review."""
    criteria = ranking_input.criteria
    low = np.array([criterion.scale_min for criterion in criteria])
    span = np.array([criterion.scale_max - criterion.scale_min for criterion in criteria])
    weights = np.array([criterion.weight for criterion in criteria])
    totals = 100.0 * (((ranking_input.values - low) / span) @ weights) / weights.sum()
    jurors, refs = ranking_input.jurors, ranking_input.dossier_refs
    return {
        (jurors[j], refs[d]): total
        for j, d, total in zip(
            ranking_input.review_juror.tolist(),
            ranking_input.review_dossier.tolist(),
            totals.tolist(),
            strict=True,
        )
    }


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote, and what its user should know about it."""

    files: list[Path]
    cut_cells: int = 0
    """Texts of the workbook longer than an Excel cell holds: cut there, with a note in the cell."""

    def notes(self) -> list[str]:
        """One sentence per thing to know (none for a plain export)."""
        if not self.cut_cells:
            return []
        return [
            _(
                "{count} text(s) longer than an Excel cell holds (32,767 characters) are cut in "
                "the workbook, each ending with a note saying so; the campaign file and the PDFs "
                "have them whole."
            ).format(count=self.cut_cells)
        ]


def export_reports(
    campaign_file: Path,
    *,
    xlsx: Path | None = None,
    pdf: Path | None = None,
    letters: Path | None = None,
    language: str | None = None,
    progress: Progress | None = None,
    pseudonymise: bool = False,
    round_code: str | None = None,
) -> ExportResult:
    """Write the reports asked for; returns the files written (the letters one by one) and what
    the user should know about them (:class:`ExportResult`).

    A file that cannot be written does not stop the others: they are written, then
    :class:`~selection_desk.reports.document_batch.DocumentsNotWritten` names the failed ones.

    ``language`` ``None``: the campaign's language.  ``progress`` reports each step and lets the
    user cancel between files (and between letters).  ``pseudonymise``: the workbook and the
    minutes without names, personal fields nor private comments (letters, addressed to the
    applicants, are refused then).  ``round_code``: the round reported (``None``: the open round).
    """
    if xlsx is None and pdf is None and letters is None:
        raise InvalidInput(NOTHING_TO_EXPORT)
    if pseudonymise and letters is not None:
        raise InvalidInput(LETTERS_NOT_PSEUDONYMISED)
    if language is not None and language not in LANGUAGES:
        raise InvalidInput(UNSUPPORTED_LANGUAGE, language=language, choices=", ".join(LANGUAGES))
    progress = progress or NO_PROGRESS
    steps = 1 + sum(target is not None for target in (xlsx, pdf, letters))
    progress.step(0, steps, _("Computing the ranking…"))
    with CampaignStore.open(campaign_file, readonly=True) as store:
        store.use_round(round_code)
        language = language or report_language(store.campaign().language)
        with i18n.language(language):  # "Juror A" in the reports' language
            report = build_report_data(store, pseudonymise=pseudonymise)
    batch = DocumentBatch()  # a file that cannot be written does not stop the others
    cut_cells: int | None = 0
    done = 1
    if xlsx is not None:
        from selection_desk.reports.excel_workbook import write_workbook

        progress.step(done, steps, _("Writing the Excel workbook…"))
        cut_cells = batch.write(xlsx, partial(write_workbook, report, xlsx, language))
        done += 1
    if pdf is not None:
        from selection_desk.reports.minutes import write_minutes

        progress.step(done, steps, _("Writing the minutes…"))
        batch.write(pdf, partial(write_minutes, report, pdf, language))
        done += 1
    if letters is not None:
        from selection_desk.reports.letters import write_letters

        progress.step(done, steps, _("Writing the feedback letters…"))
        stops = _who_stops(report)  # a round's letters: only the dossiers that stop there
        batch.write_many(
            partial(write_letters, report, letters, language, progress=progress, refs=stops)
        )
        done += 1
    progress.step(done, steps, _("Reports written."))
    return ExportResult(batch.finish(), cut_cells or 0)


def report_language(campaign_language: str) -> str:
    """The campaign's language when reports can be written in it, else French."""
    return campaign_language if campaign_language in LANGUAGES else "fr"


ROUND_FOLDER_FAILED = define_message(
    "reports_round_folder_failed",
    N_("The folder {file} for the round's reports could not be created ({reason})."),
)
ROUND_NOT_CLOSED_YET = define_message(
    "reports_round_not_closed",
    N_("Round {round} is still open: its pre-selection minutes are written once it is closed."),
)


def round_passage(
    store: CampaignStore, ranking: Ranking, decisions: Sequence[Decision]
) -> RoundPassage | None:
    """Who went on from the store's current round and why, when that round is closed and the
    campaign has several rounds (else ``None``); ``ranking`` and ``decisions`` are that round's."""
    rounds = store.rounds()
    closed = store.round
    if len(rounds) < 2 or not closed.closed:
        return None
    goes_on = who_goes_on(store, closed.code)
    passing = set(goes_on)
    reasons = {decision.dossier: decision.rationale.strip() for decision in decisions}
    departures = [
        Departure(entry.ref, entry.rank, entry.ref in passing, reasons.get(entry.ref, ""))
        for entry in ranking.entries
        if (entry.rank <= ranking.places) != (entry.ref in passing)
    ]
    later = [r for r in rounds if r.position > closed.position]
    return RoundPassage(
        round_code=closed.code,
        round_name=closed.name,
        places=ranking.places,
        goes_on=goes_on,
        departures=tuple(departures),
        next_round=later[0].name if later else "",
    )


def rounds_summary(store: CampaignStore) -> RoundsSummary | None:
    """Each round's ranking and who went on, and the final ranking, for a campaign in several
    rounds (``None`` for one round).  The store's current round is left as it was."""
    rounds = store.rounds()
    if len(rounds) < 2:
        return None
    current = store.round.code
    results = []
    try:
        for value in rounds:
            store.use_round(value.code)
            ranking = rank_campaign(store)
            goes_on = who_goes_on(store, value.code) if value.closed else ()
            results.append(RoundResult(value, ranking.entries, ranking.places, goes_on))
        try:
            final = final_ranking(store)
        except InvalidInput:  # methods that cannot be combined: the minutes say per round
            final = None
    finally:
        store.use_round(current)
    return RoundsSummary(tuple(results), final, current)


def write_round_reports(
    campaign_file: Path,
    round_code: str,
    out_dir: Path,
    *,
    language: str | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """What closing round ``round_code`` calls for: its pre-selection minutes
    (``out_dir/minutes-<code>.pdf``: its ranking, its decisions, who goes on and the reasons for
    every departure from the ranking's order) and the letters of the dossiers that stop there
    (``out_dir/letters-<code>/``; none when every dossier goes on).  The last round's letters are
    the finalists' letters.  Opens its own read-only store (a worker thread may call it).

    Raises :class:`InvalidInput` when the round is still open; a file that cannot be written does
    not stop the others (:class:`~selection_desk.reports.document_batch.DocumentsNotWritten`)."""
    progress = progress or NO_PROGRESS
    progress.step(0, 3, _("Computing the ranking…"))
    with CampaignStore.open(campaign_file, readonly=True) as store:
        chosen = store.use_round(round_code)
        if not chosen.closed:
            raise InvalidInput(ROUND_NOT_CLOSED_YET, round=chosen.code)
        report = build_report_data(store)
    from selection_desk.reports.letters import letter_file_name, write_letters
    from selection_desk.reports.minutes import write_minutes

    _make_folder(out_dir)
    language = language or report_language(report.data.campaign.language)
    stem = letter_file_name(chosen.code, set()).removesuffix(".pdf")
    stops = _who_stops(report)
    batch = DocumentBatch()

    progress.step(1, 3, _("Writing the minutes…"))
    minutes = out_dir / f"minutes-{stem}.pdf"
    batch.write(minutes, partial(write_minutes, report, minutes, language))
    if stops:
        progress.step(2, 3, _("Writing the feedback letters…"))
        folder = out_dir / f"letters-{stem}"
        batch.write_many(
            partial(write_letters, report, folder, language, progress=progress, refs=stops)
        )
    progress.step(3, 3, _("Reports written."))
    return ExportResult(batch.finish())


def _make_folder(folder: Path) -> None:
    from selection_desk.reports.pdf_common import ReportWriteFailed

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise write_failure(ReportWriteFailed, error, folder, ROUND_FOLDER_FAILED) from error


def _who_stops(report: ReportData) -> frozenset[str]:
    """The dossiers whose letter this round writes: those that do not go on; at the last round
    (or a campaign in one round), every dossier (the finalists get the final letter)."""
    every = frozenset(dossier.ref for dossier in report.data.dossiers)
    passage = report.passage
    if passage is None or not passage.next_round:
        return every
    return every - set(passage.goes_on)
