"""The convocation schedule read back (PDF text, XLSX cells) and the ``hearing`` command."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from selection_desk.cli import main
from selection_desk.domain import Dossier
from selection_desk.reports.convocation import Audience
from selection_desk.services.hearing_schedule import export_schedule
from tests.factories import make_campaign_data, make_campaign_file
from tests.reports.pdf_text import joined, page_texts

HOSTILE = '<b>Évil</b> & Co =HYPERLINK("http://x")'
LONG = "Société coopérative d'intérêt collectif pour la transition énergétique des territoires " * 3


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    data = make_campaign_data(dossiers=5)
    dossiers = list(data.dossiers)
    dossiers[1] = Dossier("D02", HOSTILE)
    dossiers[2] = Dossier("D03", "=1+2")
    dossiers[3] = Dossier("D04", LONG.strip())
    return make_campaign_file(tmp_path / "h.seldesk", replace(data, dossiers=tuple(dossiers)))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--lang", "en", *args])
    return code, capsys.readouterr().out


def _plan(capsys: pytest.CaptureFixture[str], campaign: Path) -> str:
    code, out = run(
        capsys, "hearing", str(campaign), "plan", "--start", "09:00", "--pitch", "10",
        "--questions", "10", "--changeover", "2", "--break", "2:60:Pause déjeuner: buffet",
        "--order", "D02,D01", "--end", "10:30", "--place", "Salle <i>A</i>",
        "--bring", "Un ordinateur", "--date", "10/12/2026",
    )  # fmt: skip
    assert code == 0
    return out


def test_plan_and_show_print_the_day_its_conflicts_and_its_overrun(
    capsys: pytest.CaptureFixture[str], campaign: Path
) -> None:
    out = _plan(capsys, campaign)
    assert " 1. 09:00–09:20" in out and " 2. 09:22–09:42" in out
    assert "09:42–10:42  — Pause déjeuner: buffet —" in out  # after slot 2, label with a colon
    assert " 3. 10:42–11:02" in out  # the break replaces the changeover
    assert "conflict of interest: Juré 1" in out  # D01, second
    assert "The day runs 76 minutes past its end (10:30)." in out
    code, shown = run(capsys, "hearing", str(campaign), "show", "--json")
    day = json.loads(shown)
    assert code == 0
    assert [item.get("dossier") for item in day["items"]] == [
        "D02", "D01", None, "D03", "D04", "D05"
    ]  # fmt: skip
    assert day["items"][1]["conflicted_jurors"] == ["J1"]
    assert day["overrun_minutes"] == 76


def test_show_before_a_plan_says_so(capsys: pytest.CaptureFixture[str], campaign: Path) -> None:
    code = main(["--lang", "en", "hearing", str(campaign), "show"])
    assert code != 0
    assert "not planned yet" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_team_is_convened_on_its_own_page_without_jurors_nor_other_teams(
    capsys: pytest.CaptureFixture[str], campaign: Path, tmp_path: Path, language: str
) -> None:
    _plan(capsys, campaign)
    files = export_schedule(campaign, tmp_path / "out", [Audience.TEAMS], language=language)
    pdf, xlsx = sorted(files, key=lambda p: p.suffix)
    pages = [" ".join(page.split()) for page in page_texts(pdf)]
    assert len(pages) == 5  # one per team
    assert HOSTILE in pages[0]  # printed as text, not as markup
    assert "Start-up 1" not in pages[0] and "Start-up 1 (D01)" in pages[1]
    assert all("Salle <i>A</i>" in page and "Un ordinateur" in page for page in pages)
    assert " ".join(LONG.split()) in pages[3]  # wrapped, not cut
    assert not any("Juré" in page for page in pages)  # no juror, no conflict
    bring, slot = (
        ("What to bring", "slot") if language == "en" else ("Ce qu’il faut apporter", "créneau")
    )
    assert bring in pages[1] and f"09:22–09:42 ({slot} 2" in pages[1]
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[1][3:5] == ["D02", HOSTILE]
    assert rows[4][3:5] == ["D03", "=1+2"]
    assert sheet.cell(5, 5).data_type == "s"  # text, never a formula
    assert rows[3][4] == "Pause déjeuner: buffet"
    assert not any("Juré" in str(value) for row in rows for value in row)


def test_the_jurors_schedule_names_who_leaves_the_room(
    capsys: pytest.CaptureFixture[str], campaign: Path, tmp_path: Path
) -> None:
    _plan(capsys, campaign)
    code, out = run(
        capsys, "hearing", str(campaign), "schedule", "--out", str(tmp_path / "s"),
        "--for", "jurors", "--lang", "en",
    )  # fmt: skip
    assert code == 0
    written = [Path(line) for line in out.splitlines()]
    assert sorted(p.name for p in written) == ["schedule-jurors.pdf", "schedule-jurors.xlsx"]
    text = joined(tmp_path / "s" / "schedule-jurors.pdf")
    assert "Juré 1 leaves the room for: 2. Start-up 1, 09:22–09:42" in text
    assert "The day runs 76 minutes past its end (10:30)." in text
    book = openpyxl.load_workbook(tmp_path / "s" / "schedule-jurors.xlsx")
    rows = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
    assert rows[0][-1] == "Conflict of interest"
    assert rows[2][-1] == "Juré 1"
