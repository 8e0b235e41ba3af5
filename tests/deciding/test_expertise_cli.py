"""``assign --by-expertise`` and ``assign --extra K --uncertain`` on real campaign files: tags and
bids stored by their commands, the hard limits honoured, the uncertain dossiers recomputed from
``rank --json``."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.domain import Assignment, Conflict, Dossier, Juror
from selection_desk.storage.store import CampaignStore
from tests.deciding.campaigns import scores_data
from tests.factories import make_campaign_file

SECTORS = {"A": "Santé", "B": "Énergie; IA", "C": "Fintech", "D": "Santé"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def sector_campaign(tmp_path: Path) -> Path:
    data = scores_data({f"J{i}": {} for i in range(1, 5)})
    data = replace(
        data,
        dossiers=tuple(
            Dossier(ref, f"Dossier {ref}", {"Secteur": s}) for ref, s in SECTORS.items()
        ),
        conflicts=(Conflict("J1", "D"),),
    )
    return make_campaign_file(tmp_path / "c.seldesk", data)


def stored_pairs(file: Path) -> set[tuple[str, str]]:
    with CampaignStore.open(file, readonly=True) as store:
        return {(a.juror, a.dossier) for a in store.assignments()}


def test_each_dossier_goes_to_the_juror_who_knows_its_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = sector_campaign(tmp_path)
    for juror, tags in (("J1", "santé"), ("J2", "IA,énergie"), ("J3", "fintech"), ("J4", "Santé")):
        assert run(capsys, "expertise", str(file), "--juror", juror, "--tags", tags)[0] == 0
    code, out, err = run(
        capsys, "assign", str(file), "--per-dossier", "1", "--by-expertise",
        "--tags-field", "Secteur", "--max-load", "1", "--json",
    )  # fmt: skip
    assert code == 0, err
    report = json.loads(out)
    # J1 knows health but is conflicted with D: J4 (health) takes D, J1 takes A.
    expected = {("J1", "A"), ("J2", "B"), ("J3", "C"), ("J4", "D")}
    assert {tuple(pair) for pair in report["pairs"]} == expected == stored_pairs(file)
    assert report["affinity"] == 5  # B shares two tags with J2
    assert report["without_expert"] == [] and report["short"] == []


def test_bids_count_and_unmet_ones_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = sector_campaign(tmp_path)
    run(capsys, "bid", str(file), "J1", "C", "eager")
    run(capsys, "bid", str(file), "J2", "C", "eager")
    code, out, _err = run(
        capsys, "assign", str(file), "--per-dossier", "1", "--by-expertise", "--max-load", "1",
        "--json",
    )  # fmt: skip
    report = json.loads(out)
    taken = {juror for juror, dossier in report["pairs"] if dossier == "C"}
    assert code == 0 and len(taken) == 1 and taken <= {"J1", "J2"}
    assert report["unmet_bids"] == [[({"J1", "J2"} - taken).pop(), "C", "eager"]]
    assert len(report["without_expert"]) == 4  # no tags at all


def test_options_that_do_not_go_together_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = sector_campaign(tmp_path)
    for args in (["--everyone", "--by-expertise"], ["--extra", "1"], ["--per-dossier", "1",
                 "--uncertain"], ["--per-dossier", "1", "--max-load", "2"]):  # fmt: skip
        with pytest.raises(SystemExit) as exited:
            main(["--lang", "en", "assign", str(file), *args])
        assert exited.value.code == 2


UNCERTAIN_SCORES = {
    "J1": {"A": 9, "B": 3, "C": 8, "D": 2, "E": 5},
    "J2": {"A": 9, "B": 8, "C": 3, "D": 2, "E": 5},
    "J3": {"A": 9, "B": 4, "C": 7, "D": 2, "E": 5},
}


def test_extra_reviews_go_to_the_uncertain_dossiers_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = scores_data(UNCERTAIN_SCORES, places=2)
    data = replace(
        data,
        jurors=(*data.jurors, Juror("J4", "Juré J4"), Juror("J5", "Juré J5")),
        assignments=tuple(Assignment(j, d) for j, row in UNCERTAIN_SCORES.items() for d in row),
        conflicts=(Conflict("J4", "B"),),
    )
    file = make_campaign_file(tmp_path / "c.seldesk", data)
    before = stored_pairs(file)
    _code, out, _err = run(capsys, "rank", str(file), "--json", "--bootstrap", "1000")
    uncertain = {
        entry["ref"] for entry in json.loads(out)["ranking"] if 0.1 <= entry["p_top"] <= 0.9
    }
    assert uncertain and "A" not in uncertain  # A is sure, B and C share the second place
    code, out, err = run(capsys, "assign", str(file), "--extra", "1", "--uncertain", "--json")
    assert code == 0, err
    added = {tuple(pair) for pair in json.loads(out)["pairs"]}
    assert {dossier for _juror, dossier in added} == uncertain
    assert {juror for juror, _dossier in added} <= {"J4", "J5"} and ("J4", "B") not in added
    assert stored_pairs(file) == before | added


def test_extra_reviews_need_an_assignment_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_campaign_file(tmp_path / "c.seldesk", scores_data(UNCERTAIN_SCORES, places=2))
    code, _out, err = run(capsys, "assign", str(file), "--extra", "1", "--uncertain")
    assert code == 1 and "already scores every dossier" in err


def test_with_no_uncertain_dossier_nobody_is_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clear = {juror: {"A": 9, "B": 2, "C": 1} for juror in ("J1", "J2", "J3")}
    data = scores_data(clear)
    data = replace(data, assignments=tuple(Assignment(j, d) for j in clear for d in clear[j]))
    file = make_campaign_file(tmp_path / "c.seldesk", data)
    before = stored_pairs(file)
    code, out, _err = run(capsys, "assign", str(file), "--extra", "1", "--uncertain")
    assert code == 0 and "nobody to add" in out
    assert stored_pairs(file) == before
