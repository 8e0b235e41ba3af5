"""Three jurors on three laptops, end to end, through the command line and the scoring service.

The secretary makes the kits; each juror scores in their own kit (three folders stand for three
laptops) and exports ballots; one juror sends a newer ballot; one ballot is tampered with on the
way; one juror edits their kit to score a dossier they are conflicted with; an old ballot is
replayed.  Whatever the order of the merges, and however often they are repeated, the campaign
file ends with the same scores and the same ranking, every bad ballot is refused and no good work
is lost.
"""

from __future__ import annotations

import contextlib
import json
import random
import shutil
from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.domain.conflict_of_interest import CONFLICT_OF_INTEREST
from selection_desk.services.kits import open_kit
from selection_desk.services.scoring import record_score
from tests.offline.flows import score_in_kit, state
from tests.raw_sqlite import raw_connection

PASSPHRASE = "une phrase de passe"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_three_laptops(campaign: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    laptops = {juror: tmp_path / f"laptop-{juror}" for juror in ("J1", "J2", "J3")}
    for folder in laptops.values():
        folder.mkdir()
    passphrase_file = tmp_path / "passphrase.txt"
    passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")

    # The secretary makes the kits (J3's sealed) and copies them to the USB sticks.
    kits = {juror: folder / "kit.seldesk" for juror, folder in laptops.items()}
    for juror in ("J1", "J2"):
        code, out, err = cli(
            capsys, "kit", str(campaign), "--juror", juror, "--out", str(kits[juror])
        )
        assert (code, err) == (0, "") and f"Kit for juror {juror}" in out
    code, out, _ = cli(
        capsys, "kit", str(campaign), "--juror", "J3", "--out", str(kits["J3"]),
        "--passphrase-file", str(passphrase_file),
    )  # fmt: skip
    assert code == 0 and "Kit for juror J3, sealed with the passphrase" in out

    # Each juror scores on their laptop (J1 is conflicted with D01: it is not in their kit).
    work_j1 = [("D02", "TEAM", 3.5), ("D02", "MARKET", 4.0), ("D03", "TEAM", 1.0)]
    work_j2 = [("D01", "TEAM", 5.0), ("D01", "MARKET", 4.5), ("D04", "TEAM", 2.0, "à revoir")]
    work_j3 = [("D01", "TEAM", 2.0), ("D01", "MARKET", 2.0), ("D02", "TEAM", 4.0)]
    work_j3.append(("D02", "MARKET", 4.0))
    score_in_kit(kits["J1"], "J1", work_j1, final=["D02"])
    score_in_kit(kits["J2"], "J2", work_j2, final=["D01"])
    score_in_kit(kits["J3"], "J3", work_j3, final=["D01", "D02"], passphrase=PASSPHRASE)

    def ballot(juror: str, name: str, *extra: str) -> Path:
        out_path = laptops[juror] / name
        code, _out, err = cli(capsys, "ballot", str(kits[juror]), "--out", str(out_path), *extra)
        assert (code, err) == (0, ""), err
        return out_path

    j1 = ballot("J1", "ballot-1.json")
    j2_first = ballot("J2", "ballot-1.json")
    score_in_kit(kits["J2"], "J2", [("D04", "MARKET", 3.0), ("D04", "TEAM", 2.5)], final=["D04"])
    j2_second = ballot("J2", "ballot-2.json")
    j3 = ballot("J3", "ballot-1.seldesk-ballot", "--passphrase-file", str(passphrase_file))
    assert "revision 2" in cli(capsys, "ballot", str(kits["J2"]), "--out", str(j2_second))[1]

    # On the way: J1's ballot is altered by hand (a score raised).
    tampered = tmp_path / "tampered.json"
    tampered.write_bytes(j1.read_bytes().replace(b'"value":1.0', b'"value":5.0'))
    assert tampered.read_bytes() != j1.read_bytes()
    # J1 edits their kit to add the dossier they are conflicted with, scores it and signs. The
    # kit refuses set-up changes, so J1 uses a raw SQLite client (one that re-implemented the
    # digest function) and drops the kit's guard first.
    rogue_kit = shutil.copyfile(kits["J1"], tmp_path / "rogue-kit.seldesk")
    with contextlib.closing(raw_connection(rogue_kit)) as raw, raw:
        raw.execute("DROP TRIGGER kit_keeps_dossier_insert")
        raw.execute("INSERT INTO dossier (ref, name, position) VALUES ('D01', 'Zeta', 99)")
    with open_kit(rogue_kit) as store:
        record_score(store, "J1", "D01", "TEAM", 5.0)
    rogue = tmp_path / "rogue.json"
    assert cli(capsys, "ballot", str(rogue_kit), "--out", str(rogue))[0] == 0

    good = [j1, j2_first, j2_second, j3]
    bad = [tampered, rogue]
    finals: list[tuple[object, ...]] = []
    rankings: list[object] = []
    for seed in range(4):
        order = good + bad + [j2_first, j1]
        random.Random(seed).shuffle(order)
        target = tmp_path / f"secretary-{seed}.seldesk"
        shutil.copyfile(campaign, target)
        code, out, err = cli(capsys, "merge", str(target), *map(str, order), "--json")
        assert code == 1 and "refused" in err
        reports = {r["file"]: r for r in json.loads(out)["ballots"]}
        assert reports["tampered.json"]["reason"] == "ballot_altered"
        assert reports["rogue.json"]["reason"] == CONFLICT_OF_INTEREST
        # Merged again, in another order: nothing changes.
        before = state(target)
        code, out, _ = cli(capsys, "merge", str(target), *map(str, reversed(order)), "--json")
        again = {r["file"]: r for r in json.loads(out)["ballots"]}
        assert again[j2_second.name]["outcome"] == "unchanged"
        assert state(target) == before
        # J2's first ballot once more: unchanged if it was merged before the second, otherwise
        # a replay (the file is the same either way; only the report differs by order).
        code, out, err = cli(capsys, "merge", str(target), str(j2_first))
        if order.index(j2_first) < order.index(j2_second):
            assert code == 0 and "unchanged" in out
        else:
            assert code == 1 and "older than revision 2" in out
        finals.append(state(target))
        code, out, _ = cli(capsys, "rank", str(target), "--json")
        rankings.append(json.loads(out)["ranking"])

    assert all(final == finals[0] for final in finals)
    assert all(ranking == rankings[0] for ranking in rankings)

    # Nothing lost: each juror's kit and the merged file agree, score for score.
    merged_scores, merged_reviews = finals[0]
    for juror, kit_path in kits.items():
        with open_kit(kit_path, PASSPHRASE if juror == "J3" else None) as kit:
            own = {(s.dossier, s.criterion): (s.value, s.comment) for s in kit.scores(juror)}
            reviews = {r.dossier: r.status for r in kit.reviews(juror)}
        merged = {
            (s.dossier, s.criterion): (s.value, s.comment)
            for s in merged_scores  # type: ignore[attr-defined]
            if s.juror == juror
        }
        assert merged == own, juror
        assert {r.dossier: r.status for r in merged_reviews if r.juror == juror} == reviews  # type: ignore[attr-defined]
    ranked = {entry["ref"]: entry for entry in rankings[0]}
    assert ranked["D02"]["jurors"] == 2  # J1 and J3 finals; J2 never scored D02 in the end
    assert ranked["D01"]["jurors"] == 2
