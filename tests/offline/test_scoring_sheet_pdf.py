"""The printable scoring sheet: the juror's dossiers only, every text escaped, accents kept."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from selection_desk.domain import Dossier
from selection_desk.reports.scoring_sheet_pdf import write_scoring_sheets_pdf
from selection_desk.storage.store import CampaignStore
from tests.offline.conftest import CONFLICTED_NAME


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_one_printable_sheet_per_juror(campaign: Path, tmp_path: Path) -> None:
    hostile = '<b>Bold & "Co"</b> <img src="/etc/passwd"/> <font color=red>'
    with CampaignStore.open(campaign) as store:
        with store.transaction():
            store.write_dossiers([Dossier("D04", hostile)], {"D04": 3})
        paths = write_scoring_sheets_pdf(store, tmp_path, language="en")
    assert [p.name for p in paths] == [f"scoring-sheet-J{i}.pdf" for i in (1, 2, 3)]
    j1 = pdf_text(paths[0])
    assert "Scoring sheet of Alice Martin (J1)" in j1
    assert "D02" in j1 and "D03" in j1 and hostile in j1.replace("\n", " ")
    assert CONFLICTED_NAME not in j1 and "D01" not in j1
    assert "Équipe" in j1 and "Équipe complète" in j1 and "0 to 5, step 0.5" in j1
    assert "3" in j1.split("D02", 1)[1]  # J1's earlier score on D02 is printed
    assert CONFLICTED_NAME in pdf_text(paths[1])
    assert "Appel test · juror J1" in j1 and "1 / 2" in j1 and "2 / 2" in j1


def test_french_sheet(campaign: Path, tmp_path: Path) -> None:
    with CampaignStore.open(campaign, readonly=True) as store:
        [first, *_rest] = write_scoring_sheets_pdf(store, tmp_path, language="fr")
    assert first.name == "fiche-de-notation-J1.pdf"
    assert "0 à 5, pas de 0,5" in pdf_text(first)
