"""``selection-desk import``: a workbook, a dossier list or a score file, told apart by content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selection_desk import i18n
from selection_desk.cli import main
from selection_desk.formats.column_mapping import ColumnMapping, save_mapping
from selection_desk.storage.store import CampaignStore
from tests.data.imports.generate import NAMES
from tests.factories import make_campaign_file


def run(capsys: pytest.CaptureFixture[str], *args: str, lang: str = "en") -> tuple[int, str, str]:
    with i18n.language(lang):
        code = main(["--lang", lang, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_dry_run_json_then_import_with_attachments(
    empty_campaign: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(corpus / "excel_fr_cp1252.csv")
    code, out, _err = run(capsys, "import", str(empty_campaign), source, "--dry-run", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["kind"] == "dossiers"
    assert report["dry_run"] is True
    assert report["counts"]["added"] == 6
    assert report["table"]["encoding"] == "cp1252"
    with CampaignStore.open(empty_campaign, readonly=True) as store:
        assert store.dossiers() == ()
    code, out, _err = run(
        capsys, "import", str(empty_campaign), source, "--attachments", str(corpus / "attachments")
    )
    assert code == 0
    assert "Imported excel_fr_cp1252.csv." in out
    assert "6 new" in out
    assert "CAND-005 business plan.pdf: a program" in out
    with CampaignStore.open(empty_campaign, readonly=True) as store:
        assert [d.name for d in store.dossiers()] == list(NAMES)
        assert len(store.attachments()) == 5


def test_a_mapping_file_names_the_columns(
    empty_campaign: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "list.csv"
    source.write_text("Code;Libellé;Ville\nX1;Alpha;Lyon\n", encoding="utf-8")
    mapping = tmp_path / "m.json"
    save_mapping(ColumnMapping(ref="Code", name="Libellé"), mapping)
    code, out, _err = run(
        capsys, "import", str(empty_campaign), str(source), "--mapping", str(mapping), "--json"
    )
    assert code == 0
    assert json.loads(out)["mapping"]["origin"] == "given"
    with CampaignStore.open(empty_campaign, readonly=True) as store:
        assert store.dossiers()[0].ref == "X1"


def test_rejected_rows_fail_in_french_and_write_nothing(
    empty_campaign: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(corpus / "hostile_duplicate_refs.csv")
    code, _out, err = run(capsys, "import", str(empty_campaign), source, lang="fr")
    assert code == 1
    assert "ligne 4" in err and "colonne ref" in err
    assert "Traceback" not in err
    code, out, _err = run(capsys, "import", str(empty_campaign), source, "--skip-rejected")
    assert code == 0
    assert "Rows left out: 4" in out


def test_a_hostile_file_is_one_clear_error(
    empty_campaign: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(
        capsys, "import", str(empty_campaign), str(corpus / "hostile_xml_bomb.xlsx")
    )
    assert code == 1
    assert "hostile_xml_bomb.xlsx" in err
    assert "refused for safety" in err


def test_a_score_file(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    campaign = make_campaign_file(tmp_path / "c.seldesk")
    code, out, _err = run(
        capsys, "import", str(campaign), str(corpus / "scores_fr.csv"), "--dry-run", "--json"
    )
    assert code == 0
    report = json.loads(out)
    assert report["kind"] == "scores"
    assert report["changes"]["scores"]["changed"] == 4
    code, _out, err = run(
        capsys,
        "import",
        str(campaign),
        str(corpus / "scores_fr.csv"),
        "--attachments",
        str(corpus / "attachments"),
    )
    assert code == 1
    assert "a score file" in err


def test_a_campaign_workbook_still_imports(
    empty_campaign: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.formats.workbooks import save_workbook, valid_sheets

    workbook = save_workbook(valid_sheets(), tmp_path / "w.xlsx")
    code, out, _err = run(capsys, "import", str(empty_campaign), str(workbook), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["kind"] == "workbook"
    assert report["changes"]["dossiers"]["added"] == 2


def test_control_characters_from_file_names_never_reach_the_terminal(
    empty_campaign: Path, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    from tests.data.imports.generate import minimal_pdf, write_csv

    archive = tmp_path / "pj.zip"
    with zipfile.ZipFile(archive, "w") as target:
        target.writestr("nobody\x1b[2J\x1b[31mRED.pdf", minimal_pdf("x"))
        target.writestr("evil\x1b]0;TITLE\x07.exe", b"MZ" + bytes(100))
        target.writestr("CAND-001 \u202egpj.exe", b"MZ" + bytes(100))
    source = write_csv(
        tmp_path / "list.csv",
        [["Réf.", "Nom du projet", "Ville"], ["CAND-001", "Alpha\x9b31m", "Lyon"]],
        encoding="utf-8",
        delimiter=";",
    )
    code, out, _err = run(
        capsys,
        "import",
        str(empty_campaign),
        str(source),
        "--attachments",
        str(archive),
        "--dry-run",
    )
    assert code == 0
    assert not any(
        (0 < ord(char) < 32 and char != "\n") or 0x7F <= ord(char) <= 0x9F for char in out
    )
    assert "\u202e" not in out
    assert "nobody\\x1b[2J\\x1b[31mRED.pdf: matches no dossier" in out
    assert "CAND-001 \\u202egpj.exe" in out


def test_a_refused_import_says_how_to_import_the_other_rows(
    empty_campaign: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(corpus / "hostile_duplicate_refs.csv")
    code, out, err = run(capsys, "import", str(empty_campaign), source, lang="fr")
    assert (code, out) == (1, "")
    assert "1 ligne(s) ne peuvent pas être importées" in err
    assert "--skip-rejected" in err
    code, out, err = run(capsys, "import", str(empty_campaign), source, "--json")
    assert code == 1
    assert json.loads(out)["counts"]["rejected"] == 1
    assert "--skip-rejected" in err
    with CampaignStore.open(empty_campaign, readonly=True) as store:
        assert store.dossiers() == ()


@pytest.mark.parametrize("dry_run", [True, False])
def test_json_mode_prints_a_json_error_when_the_file_is_refused(
    empty_campaign: Path, corpus: Path, capsys: pytest.CaptureFixture[str], dry_run: bool
) -> None:
    source = corpus / "hostile_xml_bomb.xlsx"
    options = ["--dry-run"] if dry_run else []
    code, out, err = run(capsys, "import", str(empty_campaign), str(source), *options, "--json")
    assert code == 1
    report = json.loads(out)
    assert (report["source"], report["dry_run"], report["written"]) == (
        "hostile_xml_bomb.xlsx",
        dry_run,
        False,
    )
    [problem] = report["error"]["problems"]
    assert problem["code"] == "workbook_forbidden_xml"
    assert problem["file"] == str(source)
    assert "refused for safety" in report["error"]["message"]
    assert "refused for safety" in err


def test_the_detected_mapping_can_be_saved_and_reused(
    empty_campaign: Path, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from selection_desk.formats.column_mapping import detect_mapping, load_mapping
    from selection_desk.formats.tabular_sources import read_source

    source = corpus / "google_forms_fr.csv"
    saved = tmp_path / "mapping.json"
    code, out, _err = run(
        capsys,
        "import",
        str(empty_campaign),
        str(source),
        "--dry-run",
        "--save-mapping",
        str(saved),
    )
    assert code == 0
    assert f"Column mapping saved to {saved}." in out
    assert load_mapping(saved) == detect_mapping(read_source(source))
    code, out, _err = run(
        capsys, "import", str(empty_campaign), str(source), "--mapping", str(saved), "--json"
    )
    assert code == 0
    assert json.loads(out)["mapping"]["origin"] == "given"


def test_a_closed_pipe_is_not_an_unexpected_error(empty_campaign: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.data.imports.generate import write_csv

    source = write_csv(
        tmp_path / "big.csv",
        [["Réf", "Nom"], *([f"D{n}", f"Projet {n}"] for n in range(20_000))],
        encoding="utf-8",
        delimiter=";",
    )
    command = [sys.executable, "-m", "selection_desk", "--lang", "en", "import"]
    process = subprocess.Popen(
        [*command, str(empty_campaign), str(source), "--dry-run", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().strip() == b"{"
    process.stdout.close()  # like `| head -1`
    err = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=120) == 141
    assert "Unexpected error" not in err and "Traceback" not in err and "BrokenPipe" not in err


def test_control_characters_in_an_error_never_reach_the_terminal(
    empty_campaign: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "list.csv"
    source.write_text("ref;name\nD1;Alpha\n\x1b]0;pwned\x07;Beta\nD1;Gamma\n", encoding="utf-8")
    code, _out, err = run(capsys, "import", str(empty_campaign), str(source))
    assert code == 1
    assert "\x1b" not in err and "\x07" not in err
    code, _out, err = run(capsys, "import", str(empty_campaign), str(tmp_path / "\x1b[2Jno.csv"))
    assert code == 1
    assert "\x1b" not in err and "\\x1b[2Jno.csv" in err
