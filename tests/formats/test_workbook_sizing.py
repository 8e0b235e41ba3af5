"""A sheet without a declared size (Google Sheets' downloads) is parsed once, not twice."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser

from selection_desk.formats import safe_xlsx

ROWS = [("Horodateur", "Nom du projet"), ("2026-03-01 09:00", "Projet 1"), (None, "Projet 2")]


def _undeclared(path: Path) -> Path:
    """A workbook whose sheet has no ``<dimension>`` (openpyxl's write-only mode writes none)."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Réponses")
    for row in ROWS:
        sheet.append(row)
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        assert b"<dimension" not in archive.read("xl/worksheets/sheet1.xml")
    return path


def _declared(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Réponses"
    for row in ROWS:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def sizing_pass_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self: WorkSheetParser) -> None:
        raise AssertionError("the sheet was parsed for its size")

    monkeypatch.setattr(WorkSheetParser, "parse_dimensions", fail)


@pytest.mark.parametrize("make", [_undeclared, _declared])
def test_the_sheet_is_read_without_a_sizing_pass(
    tmp_path: Path, make: object, sizing_pass_fails: None
) -> None:
    assert callable(make)
    rows = safe_xlsx.read_sheet_rows(make(tmp_path / "export.xlsx"), lambda _: True)
    assert rows == {"Réponses": ROWS}


def test_openpyxl_sizes_its_sheets_again_after_our_load(tmp_path: Path) -> None:
    """Skipping the pass is ours alone: another read-only load still learns the declared size."""
    original = ReadOnlyWorksheet.__dict__["_get_size"]
    path = _declared(tmp_path / "declared.xlsx")
    safe_xlsx.read_sheet_rows(path, lambda _: True)
    assert ReadOnlyWorksheet.__dict__["_get_size"] is original
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        assert workbook.worksheets[0].max_row == len(ROWS)
    finally:
        workbook.close()


def test_a_failed_load_gives_openpyxl_its_sizing_back(tmp_path: Path) -> None:
    original = ReadOnlyWorksheet.__dict__["_get_size"]
    damaged = tmp_path / "damaged.xlsx"
    with (
        zipfile.ZipFile(_declared(tmp_path / "ok.xlsx")) as source,
        zipfile.ZipFile(damaged, "w") as target,
    ):
        for member in source.namelist():
            content = source.read(member)
            target.writestr(member, b"<broken" if member == "xl/workbook.xml" else content)
    with pytest.raises(safe_xlsx.ValidationFailed):
        safe_xlsx.read_sheet_rows(damaged, lambda _: True)
    assert ReadOnlyWorksheet.__dict__["_get_size"] is original
