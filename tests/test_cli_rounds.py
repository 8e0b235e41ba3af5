"""``selection-desk round FILE list|add|close|reopen``, run in-process through ``main``."""

from __future__ import annotations

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


def test_round_list_add_close_reopen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(dossiers=5)))
    code, out, _err = run(capsys, "round", path, "list")
    assert code == 0 and out.startswith("* R1  Appel test  (dossier round, open)")
    code, out, _err = run(
        capsys,
        "round", path, "add", "R2", "--name", "Audition", "--kind", "hearing",
        "--places", "1", "--weight", "60", "--criteria-from", "R1",
    )  # fmt: skip
    assert (code, out) == (0, "Round R2 added: Audition.\n")
    code, out, _err = run(capsys, "round", path, "list", "--json")
    listed = json.loads(out)
    assert [(r["code"], r["kind"], r["places"], r["weight"], r["current"]) for r in listed] == [
        ("R1", "dossier", None, None, True),
        ("R2", "hearing", 1, 60.0, False),
    ]
    code, out, _err = run(capsys, "round", path, "close")
    assert code == 0 and out.startswith("Round R1 closed: 2 dossier(s) go on (")
    assert "They form the roster of round R2." in out
    code, out, _err = run(capsys, "round", path, "reopen", "R1")
    assert (code, out) == (0, "Round R1 reopened.\n")
    code, _out, err = run(capsys, "round", path, "reopen", "R1")
    assert code != 0 and "Round R1 is open: there is nothing to reopen." in err
    code, _out, err = run(capsys, "round", path, "add", "R2", "--name", "Encore")
    assert code != 0 and "There is already a round with the code R2." in err
    with CampaignStore.open(Path(path), readonly=True) as store:
        assert [r.code for r in store.rounds()] == ["R1", "R2"]


def test_rank_names_the_round_only_when_there_are_several(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(dossiers=5)))
    code, out, _err = run(capsys, "rank", path, "--json")
    assert code == 0 and "round" not in json.loads(out)
    run(capsys, "round", path, "add", "R2", "--name", "Audition", "--kind", "hearing",
        "--places", "1", "--criteria-from", "R1")  # fmt: skip
    code, out, _err = run(capsys, "rank", path, "--json")
    assert json.loads(out)["round"] == "R1"
    run(capsys, "round", path, "close", "R1")
    code, out, _err = run(capsys, "rank", path, "--json")
    ranking = json.loads(out)
    assert ranking["round"] == "R2" and len(ranking["ranking"]) == 2
    goes_on = [entry["ref"] for entry in ranking["ranking"]]
    code, _out, err = run(capsys, "decide", path, "--round", "R1", goes_on[0], "rejected")
    assert code != 0 and "Round R1 is closed" in err
    for juror in ("J1", "J2", "J3"):
        for ref in goes_on:
            run(capsys, "score", path, juror, ref, "TEAM", "4")
            run(capsys, "score", path, juror, ref, "MARKET", "3", "--final")
    # the two share rank 1 across R2's one place: the listing order does not part them
    code, out, err = run(capsys, "round", path, "close", "R2")
    assert code != 0 and out == ""
    assert err.strip().endswith(
        f"{goes_on[0]}, {goes_on[1]} are tied at rank 1 of round R2, across its line "
        "(places: 1), and the order they are listed in is no reason to part them: record who "
        "goes on as the round's decisions, with a reason on each of them, before closing the "
        "round."
    )
    for ref, outcome in zip(goes_on, ("selected", "rejected"), strict=True):
        run(capsys, "decide", path, ref, outcome, "--rationale", "vote du jury")
    code, out, err = run(capsys, "round", path, "close", "R2")
    assert code == 0, err
    code, out, _err = run(capsys, "rank", path, "--json")
    final = json.loads(out)
    assert final["round"] == "final" and not final["weighted"]
    assert {entry["ref"] for entry in final["entries"]} == set(goes_on)
    assert final["entries"][0]["explanation"].endswith("round R2 alone.")
    code, out, _err = run(capsys, "rank", path, "--round", "R1", "--json")
    assert json.loads(out)["round"] == "R1" and len(json.loads(out)["ranking"]) == 5
