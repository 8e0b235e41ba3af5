"""Feedback letters: one PDF per applicant, decision, profile, the approved feedback only."""

from __future__ import annotations

from pathlib import Path

import pytest

from selection_desk.errors import Cancelled
from selection_desk.progress import Progress
from selection_desk.reports.letters import letter_file_name, write_letters
from selection_desk.reports.report_data import ReportData
from tests.reports.conftest import HOSTILE_COMMENT, MARKUP_NAME, RATIONALE
from tests.reports.pdf_text import joined, page_texts


@pytest.fixture(scope="module")
def letters_en(hostile_report: ReportData, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_letters(hostile_report, tmp_path_factory.mktemp("letters") / "out", "en")


def test_one_letter_per_applicant(letters_en: list[Path], hostile_report: ReportData) -> None:
    assert [path.name for path in letters_en] == [
        f"{dossier.ref}.pdf" for dossier in hostile_report.data.dossiers
    ]
    assert all(path.stat().st_size > 1000 for path in letters_en)


def test_a_letter_gives_the_decision_and_the_profile_and_no_juror_comment(
    letters_en: list[Path], hostile_report: ReportData
) -> None:
    text = joined(letters_en[1])  # D02: selected, commented by J2
    assert " ".join(MARKUP_NAME.split()) in text
    assert "the committee selected your application" in text
    assert " ".join(RATIONALE.split()) in text
    assert "Your evaluation" in text and "Équipe" in text and "Marché" in text
    assert "median of the applications" in text
    assert HOSTILE_COMMENT not in text  # a juror's comment stays inside the committee
    assert "The committee has no written feedback to add." in text  # none approved
    for juror in hostile_report.data.jurors:
        assert juror.name not in text and f"({juror.code})" not in text
    assert "Programme test" in text  # the contact line names the programme
    pages = page_texts(letters_en[1])
    assert f"page 1 / {len(pages)}" in pages[0]


def test_each_outcome_reads_as_its_own_sentence(letters_en: list[Path]) -> None:
    assert "deferred its decision" in joined(letters_en[0])
    assert "did not select your application" in joined(letters_en[2])
    assert "has not yet recorded a decision" in joined(letters_en[3])


def test_french_letters(hostile_report: ReportData, tmp_path: Path) -> None:
    paths = write_letters(hostile_report, tmp_path / "lettres", "fr")
    text = joined(paths[1])
    assert "le comité a retenu votre candidature" in text
    assert "Votre évaluation" in text


def test_file_names_are_portable_and_unique() -> None:
    taken: set[str] = set()
    assert letter_file_name("N26/001", taken) == "N26_001.pdf"
    assert letter_file_name("N26:001", taken) == "N26_001-2.pdf"
    assert letter_file_name("../..", taken) == "dossier.pdf"


def test_cancelling_stops_between_letters(hostile_report: ReportData, tmp_path: Path) -> None:
    seen: list[int] = []

    def cancel_after_two(done: int, total: int, message: str) -> None:
        seen.append(done)
        if done == 2:
            progress.cancel()

    progress = Progress(cancel_after_two)
    with pytest.raises(Cancelled):
        write_letters(hostile_report, tmp_path / "letters", "en", progress=progress)
    # Cancelled while announcing the third letter: it is finished, the fourth never started.
    assert len(list((tmp_path / "letters").glob("*.pdf"))) == 3
    assert seen == [0, 1, 2]


def test_french_letters_quote_the_campaign_name(tmp_path: Path) -> None:
    text = _letter_text(tmp_path, "fr", 1, name="Appel à candidatures 2026")
    assert "Le comité de sélection de « Appel à candidatures 2026 » a examiné" in text
    assert "votre candidature à « Appel à candidatures 2026 »" in text
    assert "de Appel" not in text and "à Appel" not in text


def test_approved_feedback_is_printed_literally_paragraph_by_paragraph(
    hostile_report: ReportData, tmp_path: Path
) -> None:
    from dataclasses import replace

    approved = f"{HOSTILE_COMMENT}\n\nSecond paragraph & more."
    report = replace(hostile_report, approved_feedback={"D02": approved})
    text = joined(write_letters(report, tmp_path / "out", "en")[1])
    assert "Feedback from the committee" in text
    assert HOSTILE_COMMENT in text and "Second paragraph & more." in text


def test_the_campaign_contact_line_is_printed_escaped(tmp_path: Path) -> None:
    contact = "Équipe <b>Innov</b> & Co, selection@example.org"
    text = _letter_text(tmp_path, "fr", 0, contact=contact)
    assert f"contactez : {contact}" in " ".join(text.split())


@pytest.mark.parametrize(
    ("language", "name", "quoted"),
    [
        ("fr", "Appel « Numérique 2026 »", "« Appel “Numérique 2026” »"),
        ("en", "The “Green” call", "“The ‘Green’ call”"),
    ],
)
def test_quotation_marks_in_the_campaign_name_are_not_doubled(
    tmp_path: Path, language: str, name: str, quoted: str
) -> None:
    text = _letter_text(tmp_path, language, 1, name=name)
    assert text.count(quoted) >= 2  # the subject line and the first sentence


def _letter_text(tmp_path: Path, language: str, letter: int, **campaign: object) -> str:
    """The text of one letter of the hostile campaign, its campaign record changed."""
    from dataclasses import replace

    from tests.factories import make_campaign_file
    from tests.reports.conftest import hostile_campaign_data, report_of

    data = hostile_campaign_data()
    data = replace(data, campaign=replace(data.campaign, **campaign))  # type: ignore[arg-type]
    report = report_of(make_campaign_file(tmp_path / "appel.seldesk", data), bootstrap=0)
    return joined(write_letters(report, tmp_path / "letters", language)[letter])
