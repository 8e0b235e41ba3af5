"""The export use case and the ``export`` command."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from selection_desk.cli import main
from selection_desk.errors import Cancelled, InvalidInput
from selection_desk.progress import Progress
from selection_desk.services.reporting import export_reports
from tests.reports.pdf_text import joined


def test_export_reports_writes_what_is_asked(hostile_file: Path, tmp_path: Path) -> None:
    steps: list[str] = []
    written = export_reports(
        hostile_file,
        xlsx=tmp_path / "report.xlsx",
        pdf=tmp_path / "minutes.pdf",
        letters=tmp_path / "letters",
        progress=Progress(lambda done, total, message: steps.append(message)),
    ).files
    assert written[:2] == [tmp_path / "report.xlsx", tmp_path / "minutes.pdf"]
    assert len(written) == 2 + 6
    # The campaign's language (French) by default.
    assert "Classement" in openpyxl.load_workbook(tmp_path / "report.xlsx").sheetnames
    assert "Procès-verbal" in joined(tmp_path / "minutes.pdf")
    assert steps[0] == "Computing the ranking…" and steps[-1] == "Reports written."


def test_nothing_to_export_is_refused(hostile_file: Path) -> None:
    with pytest.raises(InvalidInput):
        export_reports(hostile_file)


def test_a_cancelled_export_stops(hostile_file: Path, tmp_path: Path) -> None:
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        export_reports(hostile_file, xlsx=tmp_path / "report.xlsx", progress=progress)
    assert not (tmp_path / "report.xlsx").exists()


def test_the_export_command(
    hostile_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "export",
            str(hostile_file),
            "--xlsx",
            str(tmp_path / "r.xlsx"),
            "--pdf",
            str(tmp_path / "m.pdf"),
            "--letters",
            str(tmp_path / "letters"),
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert f"written: {tmp_path / 'r.xlsx'}" in out
    assert "Ranking" in openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames
    assert "Minutes of the selection committee" in joined(tmp_path / "m.pdf")
    assert len(list((tmp_path / "letters").glob("*.pdf"))) == 6


def test_the_export_command_without_a_target_fails_clearly(
    hostile_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "export", str(hostile_file)]) == 1
    assert "Say what to export" in capsys.readouterr().err


def test_the_export_command_on_a_missing_file_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--lang", "en", "export", str(tmp_path / "nope.seldesk"), "--pdf", "x.pdf"])
    assert code == 1
    err = capsys.readouterr().err
    assert err.strip() and "Traceback" not in err


def test_the_export_command_writes_juror_sheets(
    hostile_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["export", str(hostile_file), "--juror-sheets", str(tmp_path / "sheets")])
    assert code == 0
    sheets = sorted((tmp_path / "sheets").glob("*.xlsx"))
    assert [path.stem[-2:] for path in sheets] == ["J1", "J2", "J3"]  # J4, the secretary: none
    out = capsys.readouterr().out
    assert all(str(path) in out for path in sheets)
