"""``selection-desk rank``: usage errors, the explained JSON and the terminal table's columns."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.cli import main
from tests.factories import make_campaign_data, make_campaign_file


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("places", ["0", "-3", "two"])
def test_places_below_one_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], places: str
) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk")
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "en", "rank", str(file), "--places", places])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "places must be a whole number of at least 1" in err and "Traceback" not in err


def test_json_carries_explanations_and_intervals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk")
    code, out, _ = run(
        capsys, "rank", str(file), "--json", "--explain", "--bootstrap", "30", "--places", "1"
    )
    assert code == 0
    document = json.loads(out)
    assert document["places"] == 1
    for entry in document["ranking"]:
        low, high = entry["rank_interval"]
        assert 1 <= low <= high <= 4
        jurors = {row["juror"] for row in entry["explanation"]["jurors"]}
        assert len(jurors) == entry["jurors"]
        assert {c["criterion"] for c in entry["explanation"]["criteria"]} == {"TEAM", "MARKET"}
    recused = document["ranking"][[e["ref"] for e in document["ranking"]].index("D01")]
    assert {"juror": "J1", "reason": "recused", "scored": None, "expected": None} in recused[
        "explanation"
    ]["left_out"]


def test_json_explains_only_on_request(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Plain ``--json`` carries no explanation (explaining 5,000 dossiers took seconds);
    ``--explain REF`` explains that dossier alone and implies ``--json``."""
    file = make_campaign_file(tmp_path / "c.seldesk")
    code, out, _ = run(capsys, "rank", str(file), "--json")
    assert code == 0
    plain = json.loads(out)
    assert all("explanation" not in entry for entry in plain["ranking"])
    code, out, _ = run(capsys, "rank", str(file), "--explain", "D02")
    assert code == 0
    explained = {entry["ref"]: entry for entry in json.loads(out)["ranking"]}
    assert [ref for ref, entry in explained.items() if "explanation" in entry] == ["D02"]
    assert explained["D02"]["explanation"]["jurors"]
    # The same document otherwise, one dossier per line.
    assert [entry["ref"] for entry in plain["ranking"]] == list(explained)
    entry_lines = [line for line in out.splitlines() if line.startswith('    {"rank": ')]
    assert len(entry_lines) == len(plain["ranking"])


def test_explaining_an_unknown_dossier_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk")
    code, out, err = run(capsys, "rank", str(file), "--explain", "NOPE")
    assert code == 1 and out == ""
    assert "NOPE" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_table_shows_points_and_the_rank_interval(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk")
    code, out, _ = run(capsys, "rank", str(file), "--bootstrap", "30")
    assert code == 0
    header = next(line for line in out.splitlines() if line.startswith("Rank"))
    assert header.split()[:5] == ["Rank", "Ref", "Name", "Score", "Points"]
    assert "Rank 90 %" in header
    code, out, _ = run(capsys, "rank", str(file), "--method", "borda")
    header = next(line for line in out.splitlines() if line.startswith("Rank"))
    assert "Points" not in header and "Rank 90 %" not in header


def test_the_table_draws_the_cut_off_above_an_unscored_dossier_within_the_places(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three dossiers scored and four places: the unscored fourth has rank 4 but is not
    selected, so it prints below the line."""
    data = make_campaign_data(places=4)
    data = replace(
        data,
        scores=tuple(s for s in data.scores if s.dossier != "D04"),
        reviews=tuple(r for r in data.reviews if r.dossier != "D04"),
    )
    file = make_campaign_file(tmp_path / "c.seldesk", data)
    code, out, _ = run(capsys, "rank", str(file), "--places", "4")
    assert code == 0
    lines = out.splitlines()
    cut = next(i for i, text in enumerate(lines) if text.startswith("==="))
    below = [text.split()[1] for text in lines[cut + 1 :] if text.lstrip()[:1].isdigit()]
    above = [text.split()[1] for text in lines[:cut] if text.lstrip()[:1].isdigit()]
    assert "D04" in below and "D04" not in above
    assert above  # the scored dossiers stay above the line
