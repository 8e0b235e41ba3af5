"""Report operations: the Excel workbook against bare openpyxl writing the same cells, and the
minutes against bare reportlab laying out the same tables and paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook, load_workbook
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from selection_desk.reports.excel_workbook import write_workbook
from selection_desk.reports.minutes import write_minutes
from selection_desk.reports.pdf_common import REGULAR, register_fonts
from selection_desk.reports.report_data import ReportData
from selection_desk.services.reporting import build_report_data
from selection_desk.storage.store import CampaignStore
from tests.benchmarks.harness import BenchCase, Prepared

LANGUAGE = "fr"
REPORT_BOOTSTRAP = 200


def _report(case: BenchCase) -> ReportData:
    with CampaignStore.open(case.path, readonly=True) as store:
        return build_report_data(store, bootstrap=REPORT_BOOTSTRAP)


# --- Excel ----------------------------------------------------------------------------------


@contextmanager
def workbook_side(case: BenchCase) -> Iterator[Prepared]:
    """``write_workbook`` from a report built outside the timing."""
    report = _report(case)
    target = case.workdir / "ours.xlsx"

    def run() -> Path:
        write_workbook(report, target, LANGUAGE)
        return target

    yield Prepared(run)


@contextmanager
def bare_openpyxl_side(case: BenchCase) -> Iterator[Prepared]:
    """openpyxl write-only appending the very cells of our workbook (read back outside the
    timing): same sheets, same values and formulas, no styles."""
    source = case.workdir / "cells.xlsx"
    write_workbook(_report(case), source, LANGUAGE)
    reader = load_workbook(source, read_only=True)
    sheets = [(sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
              for sheet in reader.worksheets]  # fmt: skip
    reader.close()
    target = case.workdir / "bare.xlsx"

    def run() -> Path:
        workbook = Workbook(write_only=True)
        for title, rows in sheets:
            sheet = workbook.create_sheet(title)
            for row in rows:
                sheet.append(row)
        workbook.save(target)
        return target

    yield Prepared(run)


def check_same_cells(ours: object, baseline: object) -> None:
    assert isinstance(ours, Path) and isinstance(baseline, Path)
    a, b = load_workbook(ours, read_only=True), load_workbook(baseline, read_only=True)
    try:
        assert a.sheetnames == b.sheetnames
        for name in a.sheetnames:
            assert a[name].max_row == b[name].max_row, name
    finally:
        a.close()
        b.close()


# --- PDF minutes ----------------------------------------------------------------------------


@contextmanager
def minutes_side(case: BenchCase) -> Iterator[Prepared]:
    report = _report(case)
    target = case.workdir / "ours.pdf"

    def run() -> Path:
        write_minutes(report, target, LANGUAGE)
        return target

    yield Prepared(run)


def _text_rows(report: ReportData) -> list[list[list[str]]]:
    """The minutes' tables as text: committee, conflicts, criteria, ranking, decisions."""
    data = report.data
    committee = [["Code", "Nom", "Rôle", "Évaluations", "Présent"]] + [
        [j.code, j.name, j.role.value, "0", "☐"] for j in data.jurors
    ]
    conflicts = [["Juré", "Dossier", "Motif"]] + [
        [c.juror, c.dossier, c.reason] for c in data.conflicts
    ]
    criteria = [["Code", "Critère", "Poids", "Part", "Échelle", "Seuil"]] + [
        [c.code, c.label, str(c.weight), "", f"{c.scale_min}–{c.scale_max}", str(c.threshold)]
        for c in data.criteria
    ]
    ranking = [["Rang", "Réf.", "Nom", "Score", "Jurés", "Dispersion", "Places", "Remarques",
                "Décision"]] + [
        [str(e.rank), e.ref, e.name, f"{e.score or 0:.2f}", str(e.jurors), f"{e.spread or 0:.1f}",
         f"{100 * (e.p_top or 0):.0f} %", "", "—"]
        for e in report.ranking.entries
    ]  # fmt: skip
    decisions = [["Dossier", "Décision", "Vote", "Motivation"]] + [
        [d.dossier, d.outcome.value, "", d.rationale] for d in data.decisions
    ]
    return [committee, conflicts, criteria, ranking, decisions]


@contextmanager
def bare_reportlab_side(case: BenchCase) -> Iterator[Prepared]:
    """Plain platypus: the same tables (a paragraph per cell, header repeated) and paragraphs in
    the same embedded font, without the footer, the chart or the styling."""
    register_fonts()
    tables = _text_rows(_report(case))
    style = ParagraphStyle("bare", fontName=REGULAR, fontSize=8, leading=10)
    target = case.workdir / "bare.pdf"
    paragraphs = 30  # headings and explanations of the minutes

    def run() -> Path:
        story: list[Any] = []
        for rows in tables:
            story.append(Paragraph("Section", style))
            story.append(
                Table([[Paragraph(escape(cell), style) for cell in row] for row in rows],
                      repeatRows=1)
            )  # fmt: skip
        story += [Paragraph(f"Paragraphe {index} é ≥ ✓", style) for index in range(paragraphs)]
        SimpleDocTemplate(str(target), pagesize=A4, initialFontName=REGULAR).build(story)
        return target

    yield Prepared(run)


_RANKING_ROW = re.compile(r"(?ms)^\s*(\d+)\s*\n(D\d{5})\s*\n(.*?)\n\s*\d+[.,]\d{2}\s*$")
"""A ranking row as pypdf extracts it, one cell a line: rank, ref, name (wrapped or not), score."""
_RANKING_HEADER = re.compile(r"Rang\s+Réf\.")


def _ranking_rows(path: Path, end_marker: str) -> list[tuple[str, str, str]]:
    """(rank, ref, name) of each row of the ranking table, in the order printed: from the table's
    header ("Rang Réf.") to ``end_marker`` (the next section)."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    header = _RANKING_HEADER.search(text)
    assert header is not None, f"no ranking table in {path.name}"
    end = text.find(end_marker, header.start())
    section = text[header.start() : end if end >= 0 else len(text)]
    return [
        (match[1], match[2], " ".join(match[3].split())) for match in _RANKING_ROW.finditer(section)
    ]


def check_same_ranking_rows(ours: object, baseline: object) -> None:
    """Both PDFs print the same ranking rows (rank, ref and name), in the same order."""
    assert isinstance(ours, Path) and isinstance(baseline, Path)
    ours_rows = _ranking_rows(ours, "Points de discussion")
    baseline_rows = _ranking_rows(baseline, "Section")
    assert baseline_rows, "no ranking row found in the baseline"
    assert ours_rows == baseline_rows
