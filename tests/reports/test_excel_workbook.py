"""The Excel report, read back with openpyxl: sheets, cell types, formulas, round trip."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from selection_desk.formats.campaign_workbook import read_campaign_workbook
from selection_desk.reports.excel_workbook import write_workbook
from selection_desk.reports.report_data import ReportData
from selection_desk.services.ranking import rank_campaign
from selection_desk.services.reporting import build_report_data
from selection_desk.services.workbook_import import apply_campaign_data
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file
from tests.reports.conftest import (
    AT_NAME,
    FORMULA_NAME,
    GENERATED_AT,
    MARKUP_NAME,
    PHONE_NAME,
    RATIONALE,
)

HOSTILE_NAMES = (FORMULA_NAME, MARKUP_NAME, PHONE_NAME, AT_NAME)


@pytest.fixture(scope="module")
def workbook_en(hostile_report: ReportData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    write_workbook(hostile_report, path, "en")
    return path


def _rows(sheet: object) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))  # type: ignore[attr-defined]


def test_the_workbook_holds_the_campaign_sheets_and_the_committee_sheets(
    workbook_en: Path,
) -> None:
    workbook = openpyxl.load_workbook(workbook_en)
    assert workbook.sheetnames == [
        "Campaign", "Criteria", "Jurors", "Dossiers", "Conflicts", "Scores", "Decisions",
        "Ranking", "Juror totals", "Criterion means", "Audit", "Audit by review",
    ]  # fmt: skip
    assert workbook.active.title == "Ranking"


def test_french_sheet_names(hostile_report: ReportData, tmp_path: Path) -> None:
    path = tmp_path / "rapport.xlsx"
    write_workbook(hostile_report, path, "fr")
    names = openpyxl.load_workbook(path).sheetnames
    assert names[:7] == [
        "Campagne",
        "Critères",
        "Jury",
        "Dossiers",
        "Conflits",
        "Notes",
        "Décisions",
    ]
    assert names[7:] == [
        "Classement",
        "Totaux par juré",
        "Moyennes par critère",
        "Contrôle",
        "Contrôle par évaluation",
    ]


def test_applicant_text_is_never_a_formula(workbook_en: Path) -> None:
    workbook = openpyxl.load_workbook(workbook_en)
    found: dict[str, list[str]] = {name: [] for name in HOSTILE_NAMES}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in found:
                    found[str(cell.value)].append(f"{sheet.title}!{cell.coordinate}")
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.data_type)
    # Every name is in the Dossiers sheet and in each of the four committee sheets.
    for name, places in found.items():
        sheets = {place.split("!")[0] for place in places}
        assert {"Dossiers", "Ranking", "Juror totals", "Criterion means", "Audit"} <= sheets, name


def test_a_short_text_repeated_down_a_sheet_stays_text_in_every_cell(tmp_path: Path) -> None:
    """Short texts are remembered once made safe: a formula-like one must come out as text in
    each of its cells, and a plain one as itself."""
    data = make_campaign_data(dossiers=4, jurors=3)
    comments = ("=1+1", "#N/A", "ok")
    data = replace(
        data,
        scores=tuple(
            replace(score, comment=comments[index % len(comments)])
            for index, score in enumerate(data.scores)
        ),
    )
    path = make_campaign_file(tmp_path / "c.seldesk", data)
    with CampaignStore.open(path, readonly=True) as store:
        report = build_report_data(store, generated_at=GENERATED_AT)
    target = tmp_path / "report.xlsx"
    write_workbook(report, target, "en")
    sheet = openpyxl.load_workbook(target)["Scores"]
    seen = {comment: 0 for comment in comments}
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.value in seen:
                assert cell.data_type == "s", (cell.coordinate, cell.value)
                seen[str(cell.value)] += 1
    expected = {c: sum(1 for i in range(len(data.scores)) if comments[i % 3] == c) for c in seen}
    assert seen == expected and min(seen.values()) >= 2


def test_the_ranking_sheet_is_a_formatted_table(
    workbook_en: Path, hostile_report: ReportData
) -> None:
    sheet = openpyxl.load_workbook(workbook_en)["Ranking"]
    header = [cell.value for cell in sheet[1]]
    assert header[:5] == ["Rank", "Ref", "Name", "Score", "Points"]
    assert sheet.freeze_panes == "D2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}7"
    rules = [rule for cf in sheet.conditional_formatting for rule in cf.rules]
    assert any(rule.type == "colorScale" for rule in rules)
    entries = hostile_report.ranking.entries
    refs = [row[1] for row in _rows(sheet)[1:]]
    assert refs == [entry.ref for entry in entries]
    scores = [sheet.cell(row=i + 2, column=4) for i in range(len(entries))]
    assert [cell.value for cell in scores] == pytest.approx([e.score for e in entries])
    assert all(cell.number_format == "0.00" for cell in scores)
    # The cut-off: a thick border under the last dossier within the places, and those shaded.
    within = [i for i, entry in enumerate(entries) if entry.above_cutoff]
    assert within, "the fixture must select someone"
    last = sheet.cell(row=within[-1] + 2, column=1)
    assert last.border.bottom.style == "thick"
    assert sheet.cell(row=within[-1] + 3, column=1).border.bottom.style is None
    assert last.fill.fgColor.rgb.endswith("E3F1E6")
    decided = {row[1]: row for row in _rows(sheet)[1:]}
    assert "selected" in decided["D02"] and RATIONALE in decided["D02"]
    assert "rejected" in decided["D03"]


def test_the_matrix_holds_the_juror_totals_and_the_recusals(
    workbook_en: Path, hostile_report: ReportData
) -> None:
    rows = _rows(openpyxl.load_workbook(workbook_en)["Juror totals"])
    header = rows[0]
    assert header[:2] == ("Ref", "Name") and str(header[2]).startswith("J1")
    by_ref = {row[0]: row for row in rows[1:]}
    assert by_ref["D01"][2] == "recused"  # J1 declared a conflict with D01
    for (juror, ref), total in hostile_report.juror_totals.items():
        column = header.index(next(h for h in header if str(h).startswith(f"{juror} ")))
        assert by_ref[ref][column] == pytest.approx(total)


def test_the_criterion_means_sheet(workbook_en: Path, hostile_report: ReportData) -> None:
    rows = _rows(openpyxl.load_workbook(workbook_en)["Criterion means"])
    assert rows[0] == ("Ref", "Name", "Équipe (TEAM)", "Marché (MARKET)")
    for entry, row in zip(hostile_report.ranking.entries, rows[1:], strict=True):
        assert row[2:] == pytest.approx((entry.criteria["TEAM"], entry.criteria["MARKET"]))


def test_the_audit_sheet_recomputes_from_the_scores_sheet(workbook_en: Path) -> None:
    sheet = openpyxl.load_workbook(workbook_en)["Audit"]
    assert sheet["C2"].value == "='Criteria'!$C$2"  # the weight of the first criterion
    assert sheet["D4"].value == "='Criteria'!$E$3"  # the top of the second criterion's scale
    mean = sheet["C5"].value  # over the counted reviews of the review sheet
    assert mean.startswith("=IFERROR(AVERAGEIFS('Audit by review'!$C$2:$C$")
    assert (
        "'Audit by review'!$A$2:$A$" in mean and "$A5" in mean and "'Audit by review'!$H$2" in mean
    )
    reviews = openpyxl.load_workbook(workbook_en)["Audit by review"]
    score = reviews["C2"].value  # one juror's score on one criterion, from the Scores sheet
    assert score.startswith("=IFERROR(AVERAGEIFS('Scores'!$D$2:$D$")
    assert "'Scores'!$A$2:$A$" in score and "'Scores'!$B$2:$B$" in score and "C$1" in score
    assert '"final"' in reviews["E2"].value and "'Conflicts'!" in reviews["F2"].value
    assert reviews["H2"].value == "=IF(AND(E2=1,F2=0,G2=2),1,0)"  # final, not recused, complete
    assert sheet["E5"].value.startswith('=IF(COUNT(C5:D5)<2,"",100*SUMPRODUCT($C$2:$D$2,')


def test_export_then_import_gives_the_same_campaign_and_ranking(
    workbook_en: Path, hostile_file: Path, tmp_path: Path
) -> None:
    incoming = read_campaign_workbook(workbook_en)
    copy = tmp_path / "reimported.seldesk"
    with CampaignStore.open(hostile_file, readonly=True) as store:
        original = store.campaign_data()
        ranking = rank_campaign(store)
    from selection_desk.domain import Campaign

    with CampaignStore.create(copy, Campaign(uid="", name="x")) as store:
        apply_campaign_data(store, incoming, actor="test", source="report.xlsx")
        again = store.campaign_data()
        ranking_again = rank_campaign(store)
    assert again.campaign == original.campaign
    assert again.criteria == original.criteria
    assert again.dossiers == original.dossiers
    assert again.conflicts == original.conflicts
    assert [(j.code, j.name, j.email, j.role) for j in again.jurors] == [
        (j.code, j.name, j.email, j.role) for j in original.jurors
    ]
    assert [(r.juror, r.dossier, r.status, r.confidence, r.comment) for r in again.reviews] == [
        (r.juror, r.dossier, r.status, r.confidence, r.comment) for r in original.reviews
    ]
    assert [(s.juror, s.dossier, s.criterion, s.value, s.comment) for s in again.scores] == [
        (s.juror, s.dossier, s.criterion, s.value, s.comment) for s in original.scores
    ]
    assert [(d.dossier, d.outcome, d.rationale) for d in again.decisions] == [
        (d.dossier, d.outcome, d.rationale) for d in original.decisions
    ]
    assert ranking_again.entries == ranking.entries


def test_a_rounding_campaign_rounds_in_its_formulas(tmp_path: Path) -> None:
    from dataclasses import replace

    from tests.factories import make_campaign_file
    from tests.reports.conftest import hostile_campaign_data, report_of

    data = hostile_campaign_data()
    data = replace(data, campaign=replace(data.campaign, criterion_decimals=1))
    path = make_campaign_file(tmp_path / "rounded.seldesk", data)
    out = tmp_path / "rounded.xlsx"
    write_workbook(report_of(path, bootstrap=0), out, "en")
    sheet = openpyxl.load_workbook(out)["Audit"]
    assert sheet["C5"].value.startswith("=IFERROR(ROUND(AVERAGEIFS(")
    assert "ROUND(SUMPRODUCT(ROUND($C$2:$D$2*C5:D5,1)),1)" in sheet["F5"].value


def test_a_reference_with_wildcards_is_matched_literally(tmp_path: Path) -> None:
    from dataclasses import replace

    from selection_desk.domain import Score
    from tests.factories import make_campaign_file
    from tests.reports.conftest import hostile_campaign_data, report_of

    data = hostile_campaign_data()
    odd = {"D01": "D*1", "D02": "<D02"}
    data = replace(
        data,
        dossiers=tuple(replace(d, ref=odd.get(d.ref, d.ref)) for d in data.dossiers),
        conflicts=tuple(replace(c, dossier=odd.get(c.dossier, c.dossier)) for c in data.conflicts),
        scores=tuple(
            Score(s.juror, odd.get(s.dossier, s.dossier), s.criterion, s.value, s.comment)
            for s in data.scores
        ),
        reviews=tuple(replace(r, dossier=odd.get(r.dossier, r.dossier)) for r in data.reviews),
        decisions=tuple(replace(d, dossier=odd.get(d.dossier, d.dossier)) for d in data.decisions),
    )
    path = make_campaign_file(tmp_path / "odd.seldesk", data)
    out = tmp_path / "odd.xlsx"
    write_workbook(report_of(path, bootstrap=0), out, "en")
    formulas = [row[2] for row in _rows(openpyxl.load_workbook(out)["Audit"])[4:]]
    assert any('"=D~*1"' in formula for formula in formulas)
    assert any('"=<D02"' in formula for formula in formulas)


def test_a_folder_that_does_not_exist_is_a_clear_error(
    hostile_report: ReportData, tmp_path: Path
) -> None:
    from selection_desk.formats.campaign_workbook import WorkbookWriteFailed

    with pytest.raises(WorkbookWriteFailed) as raised:
        write_workbook(hostile_report, tmp_path / "missing" / "report.xlsx", "en")
    assert "could not be written" in raised.value.message()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_export_then_import_keeps_who_decided_when_and_the_votes(
    tmp_path: Path, language: str
) -> None:
    from dataclasses import replace

    from selection_desk.domain import Campaign
    from tests.factories import make_campaign_file
    from tests.reports.conftest import hostile_campaign_data, report_of

    data = hostile_campaign_data()
    decided = tuple(
        replace(d, decided_by="Juré 1 (président)", decided_at=f"2026-03-14T10:3{index}:00+01:00")
        for index, d in enumerate(data.decisions)
    )
    path = make_campaign_file(tmp_path / "decided.seldesk", replace(data, decisions=decided))
    out = tmp_path / f"decided-{language}.xlsx"
    write_workbook(report_of(path, bootstrap=0), out, language)
    header = [c.value for c in openpyxl.load_workbook(out).worksheets[6][1]]
    assert ("décidé par" if language == "fr" else "decided by") in header
    with CampaignStore.open(path, readonly=True) as store:
        original = store.decisions()
    copy = tmp_path / f"again-{language}.seldesk"
    with CampaignStore.create(copy, Campaign(uid="", name="x")) as store:
        apply_campaign_data(store, read_campaign_workbook(out), actor="test", source=out.name)
        again = store.decisions()
    assert again == original
    assert {d.decided_by for d in again} == {"Juré 1 (président)"}
    assert [d.votes_for for d in again] == [d.votes_for for d in original]


def test_a_workbook_without_the_decided_by_column_still_reads(tmp_path: Path) -> None:
    from selection_desk.formats.workbook_writer import write_campaign_workbook
    from tests.reports.conftest import hostile_campaign_data

    path = tmp_path / "old.xlsx"
    write_campaign_workbook(hostile_campaign_data(), path, "fr")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Décisions"]
    header = [c.value for c in sheet[1]]
    sheet.delete_cols(header.index("décidé par") + 1)
    sheet.delete_cols(header.index("date de décision") + 1)
    workbook.save(path)
    decisions = read_campaign_workbook(path).decisions
    assert [(d.dossier, d.outcome.value, d.decided_by) for d in decisions] == [
        ("D01", "deferred", ""),
        ("D02", "selected", ""),
        ("D03", "rejected", ""),
    ]


def test_a_carriage_return_in_a_comment_survives_the_export(
    hostile_report: ReportData, tmp_path: Path
) -> None:
    """Only a workbook holding one takes the slower save that keeps raw carriage returns."""
    data = hostile_report.data
    first = data.scores[0]
    comment = "ligne 1\r\nligne 2\rfin"
    scores = (replace(first, comment=comment), *data.scores[1:])
    report = replace(hostile_report, data=replace(data, scores=scores))
    target = tmp_path / "cr.xlsx"
    write_workbook(report, target, "en")
    sheet = openpyxl.load_workbook(target)["Scores"]
    assert comment in [cell.value for row in sheet.iter_rows() for cell in row]
