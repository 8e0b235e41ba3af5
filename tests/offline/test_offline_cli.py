"""The offline subcommands: exit codes, messages, and files written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from selection_desk.cli import main
from selection_desk.storage.store import CampaignStore


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_kits_for_everyone(
    campaign: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "kit", str(campaign), "--all", "--out", str(tmp_path / "kits"))
    assert (code, err) == (0, "")
    assert out.count("Kit for juror") == 3
    assert (
        "Kit for juror J1: " in out and "(3 dossier(s), 1 attachment(s), 1 earlier score(s))" in out
    )
    assert sorted(p.name for p in (tmp_path / "kits").iterdir()) == [
        "kit-J1-instructions.pdf",  # each juror's instruction sheet, next to the kit
        "kit-J1.seldesk",
        "kit-J2-instructions.pdf",
        "kit-J2.seldesk",
        "kit-J3-instructions.pdf",
        "kit-J3.seldesk",
    ]
    code, _, err = cli(capsys, "kit", str(campaign), "--all", "--out", str(tmp_path / "kits"))
    assert code == 1 and "already exists" in err


def test_errors_are_one_sentence(
    campaign: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "kit", str(campaign), "--juror", "J9", "--out", str(tmp_path / "k"))
    assert (code, err.strip()) == (1, "There is no juror with the code J9.")
    code, _, err = cli(
        capsys, "kit", str(campaign), "--juror", "J1", "--out", str(tmp_path / "k"),
        "--passphrase-file", str(tmp_path / "missing.txt"),
    )  # fmt: skip
    assert code == 1 and "does not exist" in err
    short = tmp_path / "short.txt"
    short.write_text("abc\n", encoding="utf-8")
    code, _, err = cli(
        capsys, "kit", str(campaign), "--juror", "J1", "--out", str(tmp_path / "k"),
        "--passphrase-file", str(short),
    )  # fmt: skip
    assert code == 1 and "at least 8 characters" in err
    code, _, err = cli(capsys, "ballot", str(campaign), "--out", str(tmp_path / "b.json"))
    assert code == 1 and "not a juror kit" in err
    with pytest.raises(SystemExit) as usage:
        main(["kit", str(campaign), "--out", str(tmp_path / "k")])  # neither --juror nor --all
    assert usage.value.code == 2


def test_merge_prints_a_line_per_ballot(
    campaign: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.offline.flows import export, issue_kit, score_in_kit

    kit = issue_kit(campaign, "J2", tmp_path / "kit.seldesk")
    score_in_kit(kit, "J2", [("D04", "TEAM", 2.5)])
    ballot = export(kit, tmp_path / "b.json").path
    code, out, err = cli(capsys, "merge", str(campaign), str(ballot), str(ballot))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "b.json: accepted, revision 1 of juror J2: 1 new score(s), 0 changed, 0 removed; "
        "1 review(s) changed.",
        "b.json: unchanged (revision 1 of juror J2 was already merged).",
    ]
    code, out, err = cli(capsys, "merge", str(campaign), str(tmp_path / "nope.json"), "--json")
    assert code == 1 and "1 ballot(s) refused" in err
    assert json.loads(out)["ballots"][0]["reason"] == "ballot_unreadable"


def test_scoring_sheets_round_trip(
    campaign: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "sheets"
    code, out, err = cli(
        capsys, "juror-sheets", str(campaign), "--out", str(folder), "--format", "both"
    )
    assert (code, err) == (0, "") and out.count("written:") == 6
    sheet = folder / "scoring-sheet-J3.xlsx"  # the messages' language (the campaign's is French)
    assert sheet.exists() and (folder / "scoring-sheet-J3.pdf").exists()
    workbook = openpyxl.load_workbook(sheet)
    workbook.worksheets[0]["C6"] = 4
    workbook.worksheets[0]["D6"] = 4.5
    workbook.save(sheet)
    code, out, err = cli(capsys, "import-sheet", str(campaign), str(sheet))
    assert (code, err) == (0, "")
    assert out.strip() == (
        "Imported the scoring sheet of juror J3: 2 new score(s), 0 changed, 1 review(s) now final."
    )
    code, out, _ = cli(capsys, "import-sheet", str(campaign), str(sheet))
    assert code == 0 and "already imported" in out
    workbook.worksheets[0]["C7"] = 9
    workbook.save(sheet)
    code = main(["--lang", "fr", "import-sheet", str(campaign), str(sheet)])
    err = capsys.readouterr().err
    assert code == 1 and "hors de son échelle" in err and "ligne 7" in err
    with CampaignStore.open(campaign, readonly=True) as store:
        assert store.review("J3", "D01").status.value == "final"  # type: ignore[union-attr]


def test_the_commands_run_as_a_program(campaign: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "selection_desk",
            "--lang",
            "en",
            "merge",
            str(campaign),
            str(campaign),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert (
        "campaign.seldesk: refused. campaign.seldesk is not a Selection Desk ballot"
        in result.stdout
    )
    assert "Traceback" not in result.stderr
