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
        "3 for, 0 against, 1 abstention",
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


def _decided_report(tmp_path: Path) -> ReportData:
    from dataclasses import replace

    from selection_desk.domain import Decision, Outcome
    from tests.reports.conftest import hostile_campaign_data

    data = hostile_campaign_data()
    decisions = (
        Decision("D02", Outcome.SELECTED, "Solide.", 4, 0, 0, "2026-03-14T10:40:00", "J1"),
        Decision("D03", Outcome.SELECTED, "Marché porteur.", 1, 0, 0, "2026-03-14T10:45:00", "J4"),
        Decision("D04", Outcome.SELECTED, "Au-delà des places.", None, None, None, "", ""),
    )
    path = make_campaign_file(tmp_path / "decided.seldesk", replace(data, decisions=decisions))
    return report_of(path, bootstrap=200)


def test_the_minutes_print_quorum_who_decided_and_an_over_places_warning(tmp_path: Path) -> None:
    report = _decided_report(tmp_path)
    path = tmp_path / "decided.pdf"
    write_minutes(report, path, "en")
    text = joined(path)
    assert "Quorum reached (4 of 4 voting members, 3 required)." in text
    assert "Quorum NOT reached (1 of 4 voting members, 3 required)." in text
    assert "Juré 1" in text.split("Decided by, on", 1)[1]
    assert "Juré 1 14 Mar 2026, 10:40:00" in text and "Juré 4 14 Mar 2026, 10:45:00" in text
    assert "Warning: 3 dossiers are selected for 2 places" in text
    path_fr = tmp_path / "decided-fr.pdf"
    write_minutes(report, path_fr, "fr")
    assert "Quorum atteint" in joined(path_fr)


def test_the_minutes_explain_the_dossiers_to_discuss_with_anonymised_jurors(
    tmp_path: Path,
) -> None:
    report = _decided_report(tmp_path)
    path = tmp_path / "explained.pdf"
    write_minutes(report, path, "en")
    text = joined(path)
    assert "Why these dossiers call for discussion (jurors anonymised):" in text
    near = [e for e in report.ranking.entries if e.rank in (2, 3) and not e.eliminated]
    assert near
    explained = text.split("Why these dossiers call for discussion", 1)[1]
    explained = explained.split("Agreement (Krippendorff", 1)[0]
    for entry in near:
        assert f"({entry.ref}, rank {entry.rank};" in explained
    assert "near the cut-off" in explained and "Means: Équipe" in explained
    assert "Juror totals: Juror A" in explained
    assert "Juré 2" not in explained  # the names stay out of the explanations
    unstable = [e for e in report.ranking.entries if e.p_top is not None and 0.1 < e.p_top < 0.9]
    if unstable:
        assert "Unstable (within the places in between 10 % and 90 %" in text
        for entry in unstable:
            assert f"({entry.ref}, {entry.rank})" in text.split("Unstable", 1)[1]
    else:
        assert "Unstable (within" not in text


def test_the_decision_column_holds_the_longest_outcome_on_one_line(tmp_path: Path) -> None:
    from dataclasses import replace

    from selection_desk.domain import Decision, Outcome
    from tests.reports.conftest import hostile_campaign_data

    data = hostile_campaign_data()
    decisions = (
        Decision("D05", Outcome.WAITING_LIST, "Liste."),
        Decision("D06", Outcome.REJECTED, "Non."),
    )
    path = make_campaign_file(tmp_path / "wl.seldesk", replace(data, decisions=decisions))
    out = tmp_path / "wl.pdf"
    write_minutes(report_of(path, bootstrap=200), out, "fr")
    lines = [line.strip() for page in page_texts(out) for line in page.splitlines()]
    ranking = lines[lines.index("Décision") :]
    assert "liste d’attente" in ranking and "non retenu" in ranking
    assert "Rang" in lines and "Dispersion" in lines  # headers not broken either


def test_the_cutoff_label_stays_clear_of_the_bars() -> None:
    from reportlab.graphics.shapes import Rect, String

    from selection_desk.reports.charts import ScoreBar, score_chart

    bars = [ScoreBar(f"{i}. Dossier", 90.0 - 10 * i, i < 2, False) for i in range(4)]
    drawing = score_chart(
        bars, 480, scale_max=100.0, cutoff_after=2, language="fr", cutoff_label="limite"
    )
    label = next(s for s in drawing.contents if isinstance(s, String) and s.text == "limite")
    bar_left = min(r.x for r in drawing.contents if isinstance(r, Rect))
    assert label.textAnchor == "end" and label.x < bar_left


def test_the_meeting_date_is_written_in_the_readers_language(tmp_path: Path) -> None:
    from dataclasses import replace

    from tests.factories import make_campaign_data

    data = make_campaign_data(dossiers=3)
    data = replace(data, campaign=replace(data.campaign, meeting_date="2026-12-12"))
    path = make_campaign_file(tmp_path / "date.seldesk", data)
    for language, shown in (("fr", "12 décembre 2026"), ("en", "12 December 2026")):
        out = tmp_path / f"minutes-{language}.pdf"
        write_minutes(report_of(path, bootstrap=0), out, language)
        text = joined(out)
        assert shown in text and "2026-12-12" not in text


def test_the_chart_rounds_halves_up_as_the_rest_of_the_report() -> None:
    from reportlab.graphics.shapes import String

    from selection_desk.reports.charts import ScoreBar, score_chart

    bars = [ScoreBar("1. A", 76.75, True, False), ScoreBar("2. B", 73.25, False, False)]
    drawing = score_chart(
        bars, 480, scale_max=100.0, cutoff_after=1, language="fr", cutoff_label="limite"
    )
    texts = {s.text for s in drawing.contents if isinstance(s, String)}
    assert {"76,8", "73,3"} <= texts  # not 73,2: halves go up, as 2,675 → 2,68 in the tables


def test_the_minutes_print_the_attendance_once_recorded(tmp_path: Path) -> None:
    from selection_desk.services.decisions import record_attendance
    from selection_desk.storage.store import CampaignStore
    from tests.reports.conftest import hostile_campaign_data

    path = make_campaign_file(tmp_path / "presence.seldesk", hostile_campaign_data())
    blank = tmp_path / "blank.pdf"
    write_minutes(report_of(path, bootstrap=0), blank, "en")
    assert "tick those present at the meeting" in joined(blank)
    assert "☐" in joined(blank)
    with CampaignStore.open(path) as store:
        record_attendance(store, ["J1", "J2", "J4"])
    out = tmp_path / "presence.pdf"
    write_minutes(report_of(path, bootstrap=0), out, "en")
    text = joined(out)
    assert "Members of the committee: 3 of 4 present at the meeting." in text
    assert "☐" not in text and "tick those present" not in text
    committee = text.split("Committee", 1)[1].split("Conflicts of interest", 1)[0]
    assert committee.count("present") == 3 + 1 and committee.count("absent") == 1
    french = tmp_path / "presence-fr.pdf"
    write_minutes(report_of(path, bootstrap=0), french, "fr")
    assert "3 sur 4 présents à la séance" in joined(french)
