"""The printable scoring sheet: the juror's dossiers only, every text escaped, accents kept."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from selection_desk.domain import Dossier
from selection_desk.services.juror_sheets import juror_sheet_contents, write_scoring_sheets_pdf
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
    assert "Appel test · juror J1" in j1 and "1 / 1" in j1  # criteria and 3 dossiers: 1 page


def test_french_sheet(campaign: Path, tmp_path: Path) -> None:
    with CampaignStore.open(campaign, readonly=True) as store:
        [first, *_rest] = write_scoring_sheets_pdf(store, tmp_path, language="fr")
    assert first.name == "fiche-de-notation-J1.pdf"
    assert "0 à 5, pas de 0,5" in pdf_text(first)


def test_a_dozen_dossiers_take_three_pages_the_criteria_start_on_page_one(tmp_path: Path) -> None:
    from selection_desk.demo import build_demo_file

    demo = build_demo_file(tmp_path / "demo.seldesk")
    with CampaignStore.open(demo, readonly=True) as store:
        [first, *_rest] = write_scoring_sheets_pdf(store, tmp_path / "sheets", language="en")
        refs = [d.ref for d in juror_sheet_contents(store)[0].dossiers]
        labels = [c.label for c in store.criteria()]
    assert len(refs) == 12 and len(labels) == 6
    pages = [page.extract_text() for page in PdfReader(first).pages]
    assert len(pages) <= 3  # was 8: a title page, two of criteria, one dossier per half page
    page_one = " ".join(pages[0].split())
    assert "Rubric" in page_one and all(label.split()[0] in page_one for label in labels)
    assert refs[0] in page_one
    everything = " ".join(pages)
    assert all(ref in everything for ref in refs)


def test_many_criteria_get_one_row_each(campaign: Path, tmp_path: Path) -> None:
    from dataclasses import replace

    from selection_desk.reports import scoring_sheet_pdf

    with CampaignStore.open(campaign, readonly=True) as store:
        [content, *_rest] = juror_sheet_contents(store)
    base = content.criteria[0]
    criteria = tuple(replace(base, code=f"C{i}", label=f"Critère numéro {i}") for i in range(1, 11))
    path = tmp_path / "many.pdf"
    scoring_sheet_pdf.write_scoring_sheet_pdf(replace(content, criteria=criteria), path, "en")
    text = " ".join(pdf_text(path).split())
    assert all(f"Critère numéro {i}" in text for i in range(1, 11))
    assert text.count("Critère numéro 10") == 1 + len(content.dossiers)


def test_each_dossier_has_a_private_comment_and_a_feedback_box(
    campaign: Path, tmp_path: Path
) -> None:
    with CampaignStore.open(campaign, readonly=True) as store:
        [en, *_rest] = write_scoring_sheets_pdf(store, tmp_path / "en", language="en")
        [fr, *_rest] = write_scoring_sheets_pdf(store, tmp_path / "fr", language="fr")
    english = pdf_text(en).replace("\n", " ")
    assert english.count("Private comment (committee only, never sent)") == 3  # 3 dossiers
    assert english.count("Feedback for the applicant (approved by the secretary") == 3
    french = pdf_text(fr).replace("\n", " ")
    assert french.count("Retour pour le candidat (approuvé par le secrétariat") == 3
    assert "Commentaire privé (pour le comité seulement, jamais envoyé)" in french
