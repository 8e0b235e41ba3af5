"""The command line, run for real: in-process through ``main`` and as a subprocess."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from selection_desk import __version__
from selection_desk.cli import main
from selection_desk.formats.campaign_workbook import write_campaign_workbook
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "campagne.xlsx"
    write_campaign_workbook(make_campaign_data(), path, language="fr")
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_new_import_rank_check(
    tmp_path: Path, workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "c.seldesk"
    assert run(capsys, "new", str(file), "--name", "Appel 2026")[0] == 0
    code, out, err = run(capsys, "import", str(file), str(workbook))
    assert (code, err) == (0, "")
    assert "dossiers: 4 new" in out
    code, out, _ = run(capsys, "rank", str(file), "--json")
    assert code == 0
    ranking = json.loads(out)
    assert ranking["method"] == "mean" and ranking["places"] == 2
    assert len(ranking["ranking"]) == 4
    first = ranking["ranking"][0]
    for key in (
        "rank",
        "ref",
        "name",
        "score",
        "points",
        "jurors",
        "spread",
        "flagged",
        "tied",
        "eliminated",
        "criteria",
    ):
        assert key in first
    assert set(first["criteria"]) == {"TEAM", "MARKET"}
    code, out, _ = run(capsys, "rank", str(file))
    assert code == 0 and "Start-up" in out
    code, out, _ = run(capsys, "check", str(file))
    assert code == 0 and "chain intact" in out


def test_reimporting_the_same_workbook_changes_nothing(
    tmp_path: Path, workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "c.seldesk"
    run(capsys, "new", str(file), "--name", "Appel")
    run(capsys, "import", str(file), str(workbook))
    before = _sha256(file)
    code, out, _ = run(capsys, "import", str(file), str(workbook))
    assert code == 0 and "already imported" in out
    assert _sha256(file) == before


def test_dry_run_reports_and_writes_nothing(
    tmp_path: Path, workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "c.seldesk"
    run(capsys, "new", str(file), "--name", "Appel")
    before = _sha256(file)
    code, out, _ = run(capsys, "import", str(file), str(workbook), "--dry-run", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["dry_run"] is True and report["written"] is False
    assert report["changes"]["dossiers"]["added"] == 4
    assert _sha256(file) == before


def test_a_bad_workbook_lists_its_problems_and_changes_nothing(
    tmp_path: Path, workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.load_workbook(workbook)
    notes = book["Notes"]
    notes.cell(row=2, column=4, value=7.5)  # outside the 0–5 scale
    notes.cell(row=3, column=4, value=3.3)  # off the 0.5 step
    book.save(workbook)
    file = tmp_path / "c.seldesk"
    run(capsys, "new", str(file), "--name", "Appel")
    before = _sha256(file)
    code, out, err = run(capsys, "import", str(file), str(workbook))
    assert code == 1 and out == ""
    assert "Traceback" not in err
    assert "row 2" in err and "row 3" in err
    assert _sha256(file) == before


def test_score_validates_and_saves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk")
    code, out, _ = run(
        capsys, "score", str(file), "J2", "D02", "TEAM", "4,5", "--comment", "Solide", "--reopen"
    )  # the factory's reviews are final: changing one reopens it, explicitly
    assert code == 0 and "Saved" in out
    with CampaignStore.open(file, readonly=True) as store:
        score = store.score_value("J2", "D02", "TEAM")
        assert score is not None and (score.value, score.comment) == (4.5, "Solide")
        assert [e.action for e in store.audit_entries()[-2:]] == ["reopen", "score"]
    before = _sha256(file)
    for args, expected in [
        (("J2", "D02", "TEAM", "3,3"), "step"),
        (("J2", "D02", "TEAM", "9"), "outside its scale"),
        (("J1", "D01", "TEAM", "3"), "conflict of interest"),
        (("J9", "D02", "TEAM", "3"), "no juror with the code J9"),
        (("J2", "D02", "NOPE", "3"), "no criterion with the code NOPE"),
        (("J2", "D02", "TEAM", "beaucoup"), "not a number"),
    ]:
        code, out, err = run(capsys, "score", str(file), *args)
        assert code == 1, args
        assert expected in err, (args, err)
        assert "Traceback" not in err
    assert _sha256(file) == before


def test_final_needs_every_criterion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = make_campaign_data(scored=False)
    file = make_campaign_file(tmp_path / "c.seldesk", data)
    code, _, err = run(capsys, "score", str(file), "J2", "D02", "TEAM", "4", "--final")
    assert code == 1 and "1 criterion(s) not scored" in err
    assert run(capsys, "score", str(file), "J2", "D02", "TEAM", "4")[0] == 0
    assert run(capsys, "score", str(file), "J2", "D02", "MARKET", "3", "--final")[0] == 0
    with CampaignStore.open(file, readonly=True) as store:
        review = store.review("J2", "D02")
        assert review is not None and review.status.value == "final"


def test_errors_speak_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--lang", "fr", "check", str(tmp_path / "absent.seldesk")])
    err = capsys.readouterr().err
    assert code == 1
    assert "n’existe pas" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "fr", "score"])
    assert exited.value.code == 2
    assert "arguments obligatoires manquants" in capsys.readouterr().err


def test_check_reports_a_broken_chain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    file = make_campaign_file(tmp_path / "c.seldesk")
    conn = sqlite3.connect(file)
    conn.execute("DROP TRIGGER audit_is_append_only_update")
    conn.execute("UPDATE audit SET after = '{}' WHERE seq = 2")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "check", str(file))
    assert code == 1
    assert "BROKEN at entries 2" in out and "restore a backup" in err


def test_check_lists_a_broken_entry_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    file = make_campaign_file(tmp_path / "c.seldesk")
    conn = sqlite3.connect(file)
    conn.execute("DROP TRIGGER audit_is_append_only_update")
    conn.execute("UPDATE audit SET previous_hash = 'forged' WHERE seq = 2")  # both checks fail
    conn.commit()
    conn.close()
    code, out, _err = run(capsys, "check", str(file))
    assert code == 1
    assert "chain BROKEN at entries 2\n" in out


def test_check_names_broken_foreign_keys_of_tables_without_rowid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.raw_sqlite import raw_connection

    file = make_campaign_file(tmp_path / "c.seldesk")
    conn = raw_connection(file)
    conn.execute("UPDATE score SET dossier_id = dossier_id + 1000")  # foreign keys are off here
    orphaned = conn.execute("SELECT count(*) FROM score").fetchone()[0]
    conn.commit()
    conn.close()
    code, out, _err = run(capsys, "--lang", "fr", "check", str(file))  # the last --lang wins
    assert code == 1
    assert f"score (dossier_id) → dossier : {orphaned} lignes" in out
    assert "None" not in out


def test_the_console_script_runs_the_demo_headless(tmp_path: Path) -> None:
    out_dir = tmp_path / "demo"
    script = Path(sys.executable).parent / "selection-desk"
    result = subprocess.run(
        [str(script), "demo", "--out", str(out_dir)],
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "PATH": "/usr/bin:/bin",
            "LANG": "fr_FR.UTF-8",
            "HOME": str(tmp_path),
            "SELECTION_DESK_DATA_DIR": str(tmp_path / "data"),
        },
    )
    assert result.returncode == 0, result.stderr
    assert "Campagne de démonstration" in result.stdout
    ranking = json.loads((out_dir / "ranking.json").read_text(encoding="utf-8"))
    assert len(ranking["ranking"]) == 12 and ranking["places"] == 4
    assert all(entry["p_top"] is not None for entry in ranking["ranking"])
    assert openpyxl.load_workbook(out_dir / "campaign.xlsx").sheetnames[:2] == [
        "Campagne",
        "Critères",
    ]
    assert (out_dir / "demo.seldesk").exists()


def test_demo_refuses_to_replace_a_file_that_is_not_the_demo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "thesis.seldesk"
    precious.write_bytes(b"years of work")
    code, _out, err = run(capsys, "demo", "--file", str(precious), "--no-gui")
    assert code == 1
    assert "already exists and is not the demo campaign: choose another file" in err
    assert precious.read_bytes() == b"years of work"
    campaign = tmp_path / "real.seldesk"
    assert run(capsys, "new", str(campaign), "--name", "Real", "--template", "startup")[0] == 0
    before = _sha256(campaign)
    assert run(capsys, "demo", "--file", str(campaign), "--no-gui")[0] == 1
    assert _sha256(campaign) == before


def test_demo_can_be_rebuilt_over_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "demo"
    for _ in range(2):
        code, _out, err = run(capsys, "demo", "--out", str(out_dir), "--no-gui")
        assert code == 0, err
    with CampaignStore.open(out_dir / "demo.seldesk", readonly=True) as store:
        assert len(store.dossiers()) == 12
    assert not list(tmp_path.rglob("*.building"))


def test_rank_a_campaign_without_dossiers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign = tmp_path / "empty.seldesk"
    assert run(capsys, "new", str(campaign), "--name", "Empty", "--template", "startup")[0] == 0
    code, out, err = run(capsys, "rank", str(campaign))
    assert code == 0, err
    assert "Rank" in out
    assert "There is no dossier to rank yet." in out


def test_a_file_without_subcommand_means_gui() -> None:
    from selection_desk.cli import _default_to_gui, build_parser

    parser = build_parser()
    assert _default_to_gui(parser, ["c.seldesk"]) == ["gui", "c.seldesk"]
    assert _default_to_gui(parser, ["--lang", "fr", "c.seldesk"]) == [
        "--lang",
        "fr",
        "gui",
        "c.seldesk",
    ]
    assert _default_to_gui(parser, ["--screenshot", "x.png"]) == ["gui", "--screenshot", "x.png"]
    assert _default_to_gui(parser, ["rank", "c.seldesk"]) == ["rank", "c.seldesk"]
    assert _default_to_gui(parser, ["--version"]) == ["--version"]
    assert _default_to_gui(parser, ["--lang=en", "--help"]) == ["--lang=en", "--help"]
    args = parser.parse_args(_default_to_gui(parser, ["--lang", "fr", "c.seldesk"]))
    assert (args.command, args.file, args.lang) == ("gui", "c.seldesk", "fr")


def test_score_asks_the_pin_of_a_juror_who_has_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from selection_desk.services.jurors import set_juror_pin

    file = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(file) as store:
        set_juror_pin(store, "J2", "4822")
    wrong, right = tmp_path / "wrong.txt", tmp_path / "right.txt"
    wrong.write_text("1111\n", encoding="utf-8")
    right.write_text("4822\n", encoding="utf-8")
    before = _sha256(file)
    score = ("score", str(file), "J2", "D02", "TEAM", "4", "--reopen")
    code, _, err = run(capsys, *score)
    assert code == 1
    assert (
        err.strip() == "Juror J2 has a PIN: give it with --pin-file FILE (a file holding the PIN)."
    )
    code, _, err = run(capsys, *score, "--pin-file", str(wrong))
    assert code == 1 and "Wrong PIN for juror J2." in err
    assert _sha256(file) == before
    code, out, _ = run(capsys, *score, "--pin-file", str(right))
    assert code == 0 and "Saved" in out
    code, out, _ = run(capsys, "score", str(file), "J3", "D02", "TEAM", "4", "--reopen")
    assert code == 0  # a juror without a PIN needs none
