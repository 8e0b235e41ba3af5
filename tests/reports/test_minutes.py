"""The PDF minutes, read back as text: content, escaping, accents, pages, French and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from selection_desk.reports.minutes import write_minutes
from selection_desk.reports.report_data import ReportData
from tests.factories import make_campaign_file
from tests.reports.conftest import (
    ACCENT_NAME,
    MARKUP_NAME,
    RATIONALE,
    many_dossiers,
    report_of,
)
from tests.reports.pdf_text import font_names, joined, page_texts


@pytest.fixture(scope="module")
def minutes_en(hostile_report: ReportData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("minutes") / "minutes.pdf"
    write_minutes(hostile_report, path, "en")
    return path


def test_the_minutes_hold_what_a_proces_verbal_needs(
    minutes_en: Path, hostile_report: ReportData
) -> None:
    text = joined(minutes_en)
    for expected in (
        "Minutes of the selection committee",
        "Appel « Numérique » 2026",
        "Programme test",
        "14 mars 2026",
        "Toulouse, salle Garonne",
        "Juré 1",
        "president",
        "secretary",
        "Conflicts of interest and recusals",
        "ancien associé",
        "Équipe",
        "mean of the juror totals",
        "Ranking",
        "Krippendorff",
        "Chart of the scores",
        "Decisions",
        "selected",
        "3 for, 0 against, 1 abstention(s)",
        "Recused: Juré 1.",
        "The president",
        "The secretary",
        "Signature",
    ):
        assert expected in text, expected
    assert " ".join(RATIONALE.split()) in text
    alpha = hostile_report.ranking.agreement
    assert alpha is not None


def test_applicant_text_prints_literally_with_its_accents(minutes_en: Path) -> None:
    text = joined(minutes_en)
    assert " ".join(MARKUP_NAME.split()) in text  # tags printed, not obeyed
    assert ACCENT_NAME in text
    assert '=HYPERLINK("http://x","y")' in text
    assert any(name.endswith("DejaVuSans") for name in font_names(minutes_en))
    assert not any("Helvetica" in name for name in font_names(minutes_en))


def test_every_page_says_page_x_of_y_and_the_audit_hash(
    minutes_en: Path, hostile_report: ReportData
) -> None:
    pages = page_texts(minutes_en)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"page {number} / {len(pages)}" in page
        assert hostile_report.audit_hash in "".join(page.split()), number


def test_the_cutoff_and_the_flags_are_told(minutes_en: Path, hostile_report: ReportData) -> None:
    text = joined(minutes_en)
    selected = len(hostile_report.ranking.selected)
    assert f"The {selected} shaded row(s) are within the 2 place(s)" in text
    if any(entry.tied for entry in hostile_report.ranking.entries):
        assert "Tied (same score, sharing a rank)" in text


def test_french_minutes(hostile_report: ReportData, tmp_path: Path) -> None:
    path = tmp_path / "pv.pdf"
    write_minutes(hostile_report, path, "fr")
    text = joined(path)
    assert "Procès-verbal du comité de sélection" in text
    assert "Conflits d’intérêts et récusations" in text
    assert "moyenne des totaux des jurés" in text
    assert "retenu" in text
    pages = page_texts(path)
    assert f"page 1 / {len(pages)}" in pages[0]


def test_a_long_ranking_breaks_across_pages_with_its_header(tmp_path: Path) -> None:
    campaign = make_campaign_file(tmp_path / "long.seldesk", many_dossiers(90))
    path = tmp_path / "long.pdf"
    write_minutes(report_of(campaign, bootstrap=0), path, "en")
    pages = page_texts(path)
    assert len(pages) >= 4
    with_ranking = [page for page in pages if "D45" in page or "D89" in page]
    assert with_ranking
    # The table's header row repeats on each page the ranking runs over.
    ranking_pages = [page for page in pages if "Coopérative" in page and "Rank" in page]
    assert len(ranking_pages) >= 2
    text = joined(path)
    assert "Scores of the 40 best-ranked dossiers out of 90." in text
    for number, page in enumerate(pages, start=1):
        assert f"page {number} / {len(pages)}" in page


def test_an_unwritable_target_is_a_clear_error(hostile_report: ReportData, tmp_path: Path) -> None:
    from selection_desk.reports.pdf_common import ReportWriteFailed

    with pytest.raises(ReportWriteFailed) as raised:
        write_minutes(hostile_report, tmp_path / "missing" / "minutes.pdf", "en")
    assert "could not be written" in raised.value.message()
    assert not list(tmp_path.iterdir())
