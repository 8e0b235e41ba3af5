"""A selection in two rounds on the command line (design §10), with real kits and ballots: 40
dossiers and 7 jurors; R1 a dossier round (3 jurors per dossier, shortlist 8), R2 a hearing
(criteria copied from R1 then edited, 4 places); final ranking weighted 40/60."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.formats.ballot import BallotReview, BallotScore
from selection_desk.services.kits import open_kit
from selection_desk.services.scoring import record_score
from selection_desk.storage.check import check_campaign_file
from tests.offline.flows import export, signed_ballot
from tests.two_rounds import score_every_kit, set_up_two_rounds


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def _forged_ballot(kit: Path, out: Path, ref: str, criterion: str) -> Path:
    score = BallotScore(criterion, 3.0, "", 1, "")
    return signed_ballot(kit, out, [BallotReview(ref, "draft", "", None, 1, "", (score,))])


def test_two_rounds_from_kits_to_the_final_ranking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # -- set-up: R1 shortlists 8 (weight 40), R2 is a hearing for 4 places (weight 60) ----------
    path = tmp_path / "dragons.seldesk"
    data = set_up_two_rounds(path)
    file = str(path)

    # -- round 1: kits, scores, ballots, merge, close ---------------------------------------------
    run(capsys, "kit", file, "--all", "--out", str(tmp_path / "kits1"))
    ballots1 = list(score_every_kit(tmp_path / "kits1", tmp_path / "ballots1").values())
    merged = run(capsys, "merge", file, *map(str, ballots1), "--json")
    assert {report["outcome"] for report in json.loads(merged)["ballots"]} == {"accepted"}
    r1 = json.loads(run(capsys, "rank", file, "--json"))
    assert r1["round"] == "R1" and r1["places"] == 8 and len(r1["ranking"]) == 40
    closing = run(capsys, "round", file, "close")
    shortlist = [entry["ref"] for entry in r1["ranking"][:8]]
    assert closing.startswith(f"Round R1 closed: 8 dossier(s) go on ({', '.join(shortlist)}).")

    # -- round 2: the hearing's kits know only their round ----------------------------------------
    run(capsys, "kit", file, "--all", "--out", str(tmp_path / "kits2"))
    with open_kit(tmp_path / "kits2" / "kit-J1.seldesk") as kit:
        assert len(kit.rounds()) == 1 and kit.round.code == "R2"
        assert {d.ref for d in kit.dossiers()} == set(shortlist) - {"D01"}  # J1's conflict
        assert [c.code for c in kit.criteria()] == ["TEAM", "PITCH"]
        assert kit.db.execute("SELECT count(*) FROM score").fetchone() == (0,)
        assert kit.db.execute("SELECT count(*) FROM review").fetchone() == (0,)
    ballots2 = list(score_every_kit(tmp_path / "kits2", tmp_path / "ballots2").values())

    # a ballot of the closed round, a dossier outside the round, another round's criterion
    late = tmp_path / "kits1" / "kit-J2.seldesk"
    with open_kit(late) as kit:
        first = kit.dossiers()[0].ref
    with open_kit(late) as kit:
        record_score(kit, "J2", first, "TEAM", 0.0, reopen=True)
    late_ballot = export(late, tmp_path / "late-J2.json").path
    kit_j3 = tmp_path / "kits2" / "kit-J3.seldesk"
    outsider = next(d.ref for d in data.dossiers if d.ref not in shortlist)
    forged_dossier = _forged_ballot(kit_j3, tmp_path / "outsider.json", outsider, "TEAM")
    forged_criterion = _forged_ballot(kit_j3, tmp_path / "market.json", shortlist[1], "MARKET")
    code = main(["--lang", "en", "merge", file, str(late_ballot), str(forged_dossier),
                 str(forged_criterion), "--json"])  # fmt: skip
    assert code == 1
    refused = json.loads(capsys.readouterr().out)["ballots"]
    assert [r["outcome"] for r in refused] == ["refused"] * 3
    assert "round R1, which is closed" in refused[0]["message"]
    assert f"dossier {outsider}, which does not take part in round R2" in refused[1]["message"]
    assert "criterion MARKET, which round R2 does not have" in refused[2]["message"]
    # merging round 1's folder again changes nothing and says so
    again = json.loads(run(capsys, "merge", file, *map(str, ballots1), "--json"))["ballots"]
    assert {report["outcome"] for report in again} == {"unchanged"}

    merged = run(capsys, "merge", file, *map(str, ballots2), "--json")
    assert {report["outcome"] for report in json.loads(merged)["ballots"]} == {"accepted"}
    r2 = json.loads(run(capsys, "rank", file, "--json"))
    assert r2["round"] == "R2" and len(r2["ranking"]) == 8 and not r2["incomplete_reviews"]
    run(capsys, "round", file, "close", "R2")

    # -- the final ranking: 40/60 over both rounds, as computed here ------------------------------
    final = json.loads(run(capsys, "rank", file, "--json"))
    assert final["round"] == "final" and final["weighted"] and final["places"] == 4
    first_round = {e["ref"]: e["score"] for e in r1["ranking"]}
    second_round = {e["ref"]: e["score"] for e in r2["ranking"]}
    expected = {ref: (40 * first_round[ref] + 60 * second_round[ref]) / 100 for ref in shortlist}
    assert {e["ref"]: e["score"] for e in final["entries"]} == pytest.approx(expected)
    assert [e["ref"] for e in final["entries"]] == sorted(
        expected, key=lambda ref: (-expected[ref], ref)
    )
    assert "(R1) + 60 × " in final["entries"][0]["explanation"]
    assert (
        json.loads(run(capsys, "rank", file, "--round", "R1", "--json"))["ranking"] == r1["ranking"]
    )
    report = check_campaign_file(path)
    assert report.rule_violations == () and report.audit_breaks == ()
