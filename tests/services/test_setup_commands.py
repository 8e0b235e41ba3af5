"""The set-up subcommands (import-jurors, conflict, assign) on real files, in-process."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_jurors_dry_run_then_for_real(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(scored=False))
    source = tmp_path / "jury.csv"
    source.write_text("nom;courriel\nNadia Benali;nadia@example.org\n", encoding="utf-8")
    before = _sha256(file)
    code, out, _err = run(capsys, "import-jurors", str(file), str(source), "--dry-run")
    assert code == 0 and "Dry run" in out and "NB\tNadia Benali" in out
    assert _sha256(file) == before
    code, out, _err = run(capsys, "import-jurors", str(file), str(source), "--json")
    assert code == 0
    assert json.loads(out)["added"] == ["NB"] and json.loads(out)["written"] is True
    with CampaignStore.open(file, readonly=True) as store:
        assert [j.code for j in store.jurors()][-1] == "NB"


def test_a_conflict_on_scored_work_needs_yes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk")
    before = _sha256(file)
    code, _out, err = run(capsys, "conflict", str(file), "J2", "D03", "--reason", "famille")
    assert code == 1
    assert "Juror J2 has already scored dossier D03" in err and "--yes" in err
    assert _sha256(file) == before
    code, out, _err = run(
        capsys, "conflict", str(file), "J2", "D03", "--reason", "famille", "--yes"
    )
    assert code == 0 and "2 score(s) removed" in out
    code, out, _err = run(capsys, "conflict", str(file), "J2", "D03", "--remove")
    assert code == 0 and "Withdrawn" in out
    code, _out, err = run(capsys, "conflict", str(file), "J9", "D03")
    assert code == 1 and "There is no juror with the code J9." in err


def test_assign_balanced_and_back_to_everyone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = make_campaign_data(dossiers=9, jurors=4, scored=False)
    file = make_campaign_file(tmp_path / "c.seldesk", data)
    code, out, _err = run(capsys, "assign", str(file), "--per-dossier", "2", "--json")
    report = json.loads(out)
    assert code == 0 and report["everyone"] is False
    assert len(report["pairs"]) == 18 and ["J1", "D01"] not in report["pairs"]
    assert report["max_load"] - report["min_load"] <= 1
    code, out, _err = run(capsys, "assign", str(file), "--everyone")
    assert code == 0 and "Everyone scores" in out
    with CampaignStore.open(file, readonly=True) as store:
        assert store.assignments() == ()
    code, _out, err = run(capsys, "assign", str(file), "--per-dossier", "7")
    assert code == 1 and "from 1 to 4 (here 7)" in err
