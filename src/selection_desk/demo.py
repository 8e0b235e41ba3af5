"""The embedded demo campaign: a regional accelerator's call for IT start-ups (12 applicants,
7 jurors, 6 criteria, 4 places), shipped as a campaign workbook plus PDF pitch decks in
``resources/demo``.  ``selection-desk demo`` builds a campaign file from it and, headless, writes
its reports.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from selection_desk.domain import Campaign
from selection_desk.resources import resource_path
from selection_desk.services.importing import import_campaign_workbook
from selection_desk.storage.backups import data_dir
from selection_desk.storage.campaign_file import acquire_writer_lock, lock_path
from selection_desk.storage.store import CampaignStore

DEMO_ACTOR = "demo"


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
    """(Re)build the demo campaign at ``path``; refuses if that file is open elsewhere."""
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        acquire_writer_lock(path).release()  # raises "in use" if another window has it
        path.unlink()
        lock_path(path).unlink(missing_ok=True)
    with CampaignStore.create(path, Campaign(uid="", name="demo"), actor=DEMO_ACTOR) as store:
        import_campaign_workbook(store, demo_workbook(), actor=DEMO_ACTOR)
        _attach_pitch_decks(store)
    return path


def _attach_pitch_decks(store: CampaignStore) -> None:
    folder = resource_path("demo", "attachments")
    refs = {dossier.ref for dossier in store.dossiers()}
    with store.transaction():
        for pdf in sorted(folder.glob("*.pdf")):
            if pdf.stem in refs:
                store.write_attachment(pdf.stem, pdf.name, "application/pdf", pdf.read_bytes())
        store.record_audit(DEMO_ACTOR, "attach", "demo:pitch-decks")


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
    outputs = write_demo_outputs(campaign_file, out) if out is not None else ()
    return DemoResult(campaign_file, outputs)
