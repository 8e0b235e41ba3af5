"""Use case: export the pitch day's convocation schedule (PDF and XLSX) for the teams, the jurors
or both, into a folder.  Reads with its own read-only store (a worker thread never shares the
window's connection); a file that cannot be written does not stop the others."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from selection_desk.errors import InvalidInput
from selection_desk.i18n import LANGUAGES, _
from selection_desk.i18n import language as in_language
from selection_desk.reports.convocation import (
    Audience,
    ScheduleFacts,
    write_schedule_pdf,
    write_schedule_xlsx,
)
from selection_desk.reports.document_batch import DocumentBatch
from selection_desk.services.hearing import HEARING_NOT_PLANNED, hearing_timetable
from selection_desk.services.reporting import UNSUPPORTED_LANGUAGE, report_language
from selection_desk.storage.store import CampaignStore


def schedule_facts(store: CampaignStore, round_id: int | None = None) -> ScheduleFacts:
    day = hearing_timetable(store, round_id)
    if day is None:
        raise InvalidInput(HEARING_NOT_PLANNED)
    return ScheduleFacts(store.campaign(), day, store.jurors())


def schedule_file_name(audience: Audience, suffix: str) -> str:
    """``convocation-teams.pdf``, ``horaire-jury.xlsx``… in the schedule's language."""
    stem = _("convocation-teams") if audience is Audience.TEAMS else _("schedule-jurors")
    return f"{stem}{suffix}"


def export_schedule(
    campaign_file: Path,
    folder: Path,
    audiences: Sequence[Audience] = (Audience.TEAMS, Audience.JURORS),
    *,
    language: str | None = None,
    round_code: str | None = None,
) -> list[Path]:
    """Write each audience's schedule as PDF and XLSX into ``folder``; the files written.
    ``round_code``: the hearing round (``None``: the campaign's open round)."""
    if language is not None and language not in LANGUAGES:
        raise InvalidInput(UNSUPPORTED_LANGUAGE, language=language, choices=", ".join(LANGUAGES))
    with CampaignStore.open(campaign_file, readonly=True) as store:
        if round_code is not None:
            store.use_round(round_code)
        facts = schedule_facts(store)
    language = language or report_language(facts.campaign.language)
    folder.mkdir(parents=True, exist_ok=True)
    batch = DocumentBatch()
    for audience in audiences:
        for suffix, write in ((".pdf", write_schedule_pdf), (".xlsx", write_schedule_xlsx)):
            with in_language(language):
                path = folder / schedule_file_name(audience, suffix)
            batch.write(path, partial(write, facts, audience, path, language))
    return batch.finish()
