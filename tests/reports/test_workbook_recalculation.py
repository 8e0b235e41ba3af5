"""The audit sheet's formulas, recalculated by LibreOffice, give Selection Desk's numbers.

``soffice --headless --convert-to xlsx`` loads the workbook (openpyxl writes formulas without
cached values, so LibreOffice computes them all) and saves the computed values; openpyxl reads them
back with ``data_only=True``.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from selection_desk.domain import CampaignData, ReviewStatus
from selection_desk.reports.excel_workbook import write_workbook
from selection_desk.reports.report_data import ReportData
from tests.factories import make_campaign_file
from tests.reports.conftest import hostile_campaign_data, report_of

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: packaging/bootstrap.sh --test installs "
    "libreoffice-calc-nogui",
)


def recalculated(workbook: Path, tmp_path: Path) -> openpyxl.Workbook:
    assert SOFFICE is not None
    out = tmp_path / "recalculated"
    profile = (tmp_path / "lo-profile").resolve().as_uri()
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = out / workbook.name
    assert converted.exists(), result.stdout + result.stderr
    return openpyxl.load_workbook(converted, data_only=True)


def check_audit(report: ReportData, workbook: openpyxl.Workbook, sheet_name: str) -> None:
    sheet = workbook[sheet_name]
    count = len(report.data.criteria)
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert len(rows) == len(report.ranking.entries)
    checked = 0
    for row in rows:
        ref = row[0]
        reference = report.reference_means[str(ref)]
        score, points, finals = row[2 + count], row[3 + count], row[4 + count]
        if reference.score is None:
            assert score in (None, "")
            continue
        assert score == pytest.approx(reference.score, abs=1e-9), ref
        assert points == pytest.approx(reference.points, abs=1e-9), ref
        assert finals == reference.jurors, ref
        assert row[8 + count] == pytest.approx(0.0, abs=1e-9), ref  # the difference column
        means = row[2 : 2 + count]
        entry = report.ranking.entry(str(ref))
        assert means == pytest.approx(
            tuple(entry.criteria[c.code] for c in report.data.criteria), abs=1e-9
        )
        checked += 1
    assert checked >= 5


def test_libreoffice_recomputes_the_weighted_means(
    hostile_report: ReportData, tmp_path: Path
) -> None:
    path = tmp_path / "report.xlsx"
    write_workbook(hostile_report, path, "en")
    check_audit(hostile_report, recalculated(path, tmp_path), "Audit")


def test_libreoffice_recomputes_rounded_means_in_french(tmp_path: Path) -> None:
    data = hostile_campaign_data()
    data = replace(data, campaign=replace(data.campaign, criterion_decimals=1))
    campaign = make_campaign_file(tmp_path / "rounded.seldesk", data)
    report = report_of(campaign, bootstrap=0)
    path = tmp_path / "arrondi.xlsx"
    write_workbook(report, path, "fr")
    check_audit(report, recalculated(path, tmp_path), "Contrôle")


def incomplete_and_draft_data() -> CampaignData:
    """The hostile campaign where J1's final review of D04 lacks a criterion and J2's review of
    D05 is a draft: neither counts, but both are in the Scores sheet with their status."""
    data = hostile_campaign_data()
    scores = tuple(
        score
        for score in data.scores
        if (score.juror, score.dossier, score.criterion) != ("J1", "D04", "MARKET")
    )
    reviews = tuple(
        replace(review, status=ReviewStatus.DRAFT)
        if (review.juror, review.dossier) == ("J2", "D05")
        else review
        for review in data.reviews
    )
    return replace(data, scores=scores, reviews=reviews)


def test_libreoffice_counts_only_final_and_complete_reviews(tmp_path: Path) -> None:
    campaign = make_campaign_file(tmp_path / "incomplete.seldesk", incomplete_and_draft_data())
    report = report_of(campaign, bootstrap=0)
    counted = {ref: mean.jurors for ref, mean in report.reference_means.items()}
    assert counted["D04"] == counted["D06"] - 1 and counted["D05"] == counted["D06"] - 1
    path = tmp_path / "incomplete.xlsx"
    write_workbook(report, path, "en")
    workbook = recalculated(path, tmp_path)
    check_audit(report, workbook, "Audit")
    # The review sheet: one row per (dossier, juror) pair of the Scores sheet, the juror totals
    # of the counted reviews equal to Selection Desk's, the others not counted.
    count = len(report.data.criteria)
    rows = list(workbook["Audit by review"].iter_rows(min_row=2, values_only=True))
    pairs = {(score.dossier, score.juror) for score in report.data.scores}
    assert len(rows) == len(pairs)
    by_pair = {(row[0], row[1]): row for row in rows}
    incomplete = by_pair[("D04", "J1")]
    assert incomplete[2 + count : 6 + count] == (1, 0, count - 1, 0)  # final, not recused
    assert incomplete[6 + count] in (None, "")
    draft = by_pair[("D05", "J2")]
    assert draft[2 + count : 6 + count] == (0, 0, count, 0)
    for (ref, juror), row in by_pair.items():
        total = report.juror_totals.get((juror, ref))
        if total is None:
            assert row[5 + count] == 0 and row[6 + count] in (None, ""), (ref, juror)
        else:
            assert row[5 + count] == 1, (ref, juror)
            assert row[6 + count] == pytest.approx(total, abs=1e-9), (ref, juror)
            assert row[9 + count] == pytest.approx(0.0, abs=1e-9), (ref, juror)
