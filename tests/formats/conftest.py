"""Fixtures of the file-format tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.formats.workbooks import Sheets, WriteWorkbook, save_workbook


@pytest.fixture
def write_workbook(tmp_path: Path) -> WriteWorkbook:
    """``write_workbook(sheets, name="campaign.xlsx") -> Path`` in this test's folder."""

    def write(sheets: Sheets, name: str = "campaign.xlsx") -> Path:
        return save_workbook(sheets, tmp_path / name)

    return write
