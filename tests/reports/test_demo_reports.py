"""``selection-desk demo --out DIR`` writes the workbook, the minutes and the letters."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from selection_desk.demo import build_demo
from tests.reports.pdf_text import joined


def test_the_demo_writes_every_report(tmp_path: Path) -> None:
    result = build_demo(None, tmp_path / "out")
    names = sorted(path.relative_to(tmp_path / "out").as_posix() for path in result.outputs)
    assert names[:3] == ["campaign.xlsx", "letters/N26-001.pdf", "letters/N26-002.pdf"]
    assert len([name for name in names if name.startswith("letters/")]) == 12
    assert {"minutes.pdf", "ranking.json"} <= set(names)
    workbook = openpyxl.load_workbook(tmp_path / "out" / "campaign.xlsx")
    assert workbook.active.title == "Classement" and "Contrôle" in workbook.sheetnames
    minutes = joined(tmp_path / "out" / "minutes.pdf")
    assert "Procès-verbal du comité de sélection" in minutes
    assert "Facturo" in minutes and "Claire Fontaine" in minutes
