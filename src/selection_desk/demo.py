"""The embedded demo campaign: a regional accelerator's call for IT start-ups (12 applicants,
7 jurors, 6 criteria, 4 places), shipped as a campaign workbook plus PDF pitch decks in
``resources/demo``.  ``selection-desk demo`` builds a campaign file from it and, headless, writes
its reports.

The workbook's Decisions sheet is empty: the demo opened in the app leaves the meeting to the user.
Headless, ``selection-desk demo --out DIR`` records the committee's decisions first (the first
four in the ranking selected, the next two on the waiting list, the others rejected, each with a
rationale and a vote, decided by the president), so that its minutes and letters are those of a
meeting that took place.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from selection_desk.domain import Campaign, Outcome, Role
from selection_desk.errors import CampaignFileError, SelectionDeskError, define_message
from selection_desk.i18n import N_
from selection_desk.resources import resource_path
from selection_desk.services.workbook_import import import_campaign_workbook
from selection_desk.storage.backups import data_dir
from selection_desk.storage.campaign_file import acquire_writer_lock, lock_path
from selection_desk.storage.store import CampaignStore

DEMO_ACTOR = "demo"

NOT_THE_DEMO = define_message(
    "demo_file_not_demo",
    N_("{path} already exists and is not the demo campaign: choose another file."),
)


@dataclass(frozen=True)
class DemoResult:
    campaign_file: Path
    outputs: tuple[Path, ...]


def demo_workbook() -> Path:
    return resource_path("demo", "demo-campaign.xlsx")


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def default_output_dir() -> Path:
    return Path.cwd() / "selection-desk-demo"


def default_demo_file() -> Path:
    return data_dir() / "demo" / "demo.seldesk"


def build_demo_file(path: Path) -> Path:
    """(Re)build the demo campaign at ``path``; refuses if that file is open elsewhere, and
    never replaces a file that is not itself a demo campaign (same uid as the demo workbook)."""
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f".{path.name}.building")
    fresh.unlink(missing_ok=True)
    lock_path(fresh).unlink(missing_ok=True)
    try:
        with CampaignStore.create(fresh, Campaign(uid="", name="demo"), actor=DEMO_ACTOR) as store:
            import_campaign_workbook(store, demo_workbook(), actor=DEMO_ACTOR)
            _attach_pitch_decks(store)
        if path.exists():
            if not _is_demo_file(path):
                raise CampaignFileError(NOT_THE_DEMO, path=str(path))
            acquire_writer_lock(path).release()  # raises "in use" if another window has it
            lock_path(path).unlink(missing_ok=True)
        fresh.replace(path)
    finally:
        fresh.unlink(missing_ok=True)
        lock_path(fresh).unlink(missing_ok=True)
    return path


def _is_demo_file(path: Path) -> bool:
    """A demo campaign file: created by the demo builder, which attached the pitch decks."""
    if not path.is_file():
        return False
    try:
        with CampaignStore.open(path, readonly=True) as store:
            entries = store.audit_entries()
    except (SelectionDeskError, sqlite3.DatabaseError, OSError):
        return False
    return (
        bool(entries)
        and (entries[0].actor, entries[0].action) == (DEMO_ACTOR, "create")
        and any(
            (e.actor, e.action, e.entity) == (DEMO_ACTOR, "attach", "demo:pitch-decks")
            for e in entries
        )
    )


def _attach_pitch_decks(store: CampaignStore) -> None:
    folder = resource_path("demo", "attachments")
    refs = {dossier.ref for dossier in store.dossiers()}
    with store.transaction():
        for pdf in sorted(folder.glob("*.pdf")):
            if pdf.stem in refs:
                store.write_attachment(pdf.stem, pdf.name, "application/pdf", pdf.read_bytes())
        store.record_audit(DEMO_ACTOR, "attach", "demo:pitch-decks")


WAITING_LIST_PLACES = 2

_SELECTED_REASONS = (
    "Équipe complète et marché démontré ; le comité salue la traction déjà obtenue.",
    "Proposition de valeur claire et modèle économique crédible ; accompagnement sur la levée.",
    "Innovation forte et équipe technique solide ; points de vigilance sur le calendrier.",
    "Dossier équilibré sur tous les critères ; le comité souhaite un suivi commercial renforcé.",
)
_WAITING_REASONS = (
    "Dossier prometteur, juste sous la limite ; retenu si une place se libère.",
    "Bon potentiel, marché encore à préciser ; en liste d’attente.",
)


def record_demo_decisions(store: CampaignStore) -> None:
    """The committee's decisions on the demo, from its ranking (see the module's docstring)."""
    from selection_desk.domain.quorum import Votes, compute_quorum
    from selection_desk.services.decisions import record_decision
    from selection_desk.services.ranking import rank_campaign

    ranking = rank_campaign(store)
    jurors = store.jurors()
    conflicts = store.conflicts()
    president = next((j.name for j in jurors if j.role is Role.PRESIDENT), "")
    criteria = {criterion.code: criterion for criterion in store.criteria()}
    places = ranking.places
    for index, entry in enumerate(ranking.entries):
        voters = len(compute_quorum(jurors, conflicts, entry.ref).voters)
        if entry.eliminated:
            outcome = Outcome.REJECTED
            labels = [criteria[c].label for c in entry.eliminated_by if c in criteria]
            rationale = "Sous le seuil éliminatoire : " + ", ".join(labels) + "."
            votes = Votes(0, voters, 0)
        elif index < places:
            outcome = Outcome.SELECTED
            rationale = _SELECTED_REASONS[index % len(_SELECTED_REASONS)]
            votes = Votes(voters - 1, 0, 1) if index == places - 1 else Votes(voters, 0, 0)
        elif index < places + WAITING_LIST_PLACES:
            outcome = Outcome.WAITING_LIST
            rationale = _WAITING_REASONS[(index - places) % len(_WAITING_REASONS)]
            votes = Votes(voters - 2, 1, 1)
        else:
            outcome = Outcome.REJECTED
            means = {code: mean for code, mean in entry.criteria.items() if mean is not None}
            weakest = min(
                (c for c in criteria.values() if c.code in means),
                key=lambda c: (means[c.code] - c.scale_min) / (c.scale_max - c.scale_min),
                default=None,
            )
            rationale = (
                f"Dossier en deçà des dossiers retenus, notamment sur : {weakest.label.lower()}."
                if weakest is not None
                else "Dossier en deçà des dossiers retenus."
            )
            votes = Votes(1, voters - 1, 0)
        record_decision(
            store,
            entry.ref,
            outcome,
            rationale=rationale,
            votes=votes,
            decided_by=president,
            actor=DEMO_ACTOR,
        )


def write_demo_outputs(campaign_file: Path, out: Path) -> tuple[Path, ...]:
    """The demo's reports in the campaign's language: the ranking as JSON, the Excel workbook
    (a campaign workbook plus the ranking sheets), the PDF minutes and the feedback letters."""
    from selection_desk.aggregation import ranking_to_json
    from selection_desk.reports.excel_workbook import write_workbook
    from selection_desk.reports.letters import write_letters
    from selection_desk.reports.minutes import write_minutes
    from selection_desk.services.reporting import build_report_data, report_language

    out.mkdir(parents=True, exist_ok=True)
    with CampaignStore.open(campaign_file, readonly=True) as store:
        report = build_report_data(store)
    language = report_language(report.data.campaign.language)
    ranking_path = out / "ranking.json"
    ranking_path.write_text(
        json.dumps(
            ranking_to_json(report.ranking, report.campaign_name), ensure_ascii=False, indent=2
        )
        + "\n",
        encoding="utf-8",
    )
    workbook_path = out / "campaign.xlsx"
    write_workbook(report, workbook_path, language)
    minutes_path = out / "minutes.pdf"
    write_minutes(report, minutes_path, language)
    letters = write_letters(report, out / "letters", language)
    return (ranking_path, workbook_path, minutes_path, *letters)


def build_demo(file: Path | None, out: Path | None) -> DemoResult:
    if file is None:
        file = out / "demo.seldesk" if out is not None else default_demo_file()
    campaign_file = build_demo_file(file)
    if out is None:
        return DemoResult(campaign_file, ())
    with CampaignStore.open(campaign_file) as store:
        record_demo_decisions(store)
    outputs = write_demo_outputs(campaign_file, out)
    return DemoResult(campaign_file, outputs)
