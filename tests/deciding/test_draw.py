"""``selection-desk draw``: refused unless the rules allow it and the zone holds someone; the draw
recomputed from its published inputs by an independent script; recorded in the audit log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.storage.store import CampaignStore
from tests.deciding.campaigns import make_scores_file

CLOSE_AT_THE_LINE = {
    juror: {ref: 5.0 for ref in ("A", "B", "C", "D", "E")} for juror in ("J1", "J2", "J3", "J4")
}
"""Every juror gives 5 to every dossier but one per juror: the jurors disagree on who is best."""
for index, juror in enumerate(sorted(CLOSE_AT_THE_LINE)):
    CLOSE_AT_THE_LINE[juror]["ABCDE"[index]] = 9
CLEAR = {juror: {"A": 9, "B": 2, "C": 1} for juror in ("J1", "J2", "J3")}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def recompute(seed_text: str, head: str, zone: list[str], places: int) -> list[str]:
    """The published recipe, written from the manual without Selection Desk's code."""
    import hashlib

    seed = hashlib.sha256(seed_text.encode() + b"\n" + head.encode()).digest()
    refs = sorted(zone)
    for i in range(len(refs) - 1, 0, -1):
        j = int.from_bytes(hashlib.sha256(seed + i.to_bytes(8, "big")).digest(), "big") % (i + 1)
        refs[i], refs[j] = refs[j], refs[i]
    return refs[:places]


def test_the_draw_is_recomputed_from_its_published_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", CLOSE_AT_THE_LINE, places=2, allow_draw=True)
    with CampaignStore.open(file, readonly=True) as store:
        head_before = store.latest_audit_hash()
    code, out, err = run(capsys, "draw", str(file), "--seed-text", "Comité du 4 décembre", "--json")
    assert code == 0, err
    record = json.loads(out)
    assert record["audit_head"] == head_before
    assert len(record["zone"]) >= 2 and record["places_drawn"] >= 1
    assert record["drawn"] == recompute(
        "Comité du 4 décembre", head_before, record["zone"], record["places_drawn"]
    )
    assert set(record["drawn"]) <= set(record["zone"])
    with CampaignStore.open(file, readonly=True) as store:
        last = store.audit_entries()[-1]
    assert last.action == "draw"
    assert json.loads(last.after or "{}")["drawn"] == record["drawn"]


def test_a_second_draw_follows_the_new_head(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", CLOSE_AT_THE_LINE, places=2, allow_draw=True)
    first = json.loads(run(capsys, "draw", str(file), "--seed-text", "x", "--json")[1])
    second = json.loads(run(capsys, "draw", str(file), "--seed-text", "x", "--json")[1])
    assert second["audit_head"] != first["audit_head"]
    assert second["drawn"] == recompute(
        "x", second["audit_head"], second["zone"], second["places_drawn"]
    )


def test_refused_when_the_rules_do_not_allow_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", CLOSE_AT_THE_LINE, places=2)
    with CampaignStore.open(file, readonly=True) as store:
        entries = len(store.audit_entries())
    code, out, err = run(capsys, "draw", str(file), "--seed-text", "x")
    assert code == 1 and out == ""
    assert "rules do not allow a draw" in err and len(err.strip().splitlines()) == 1
    with CampaignStore.open(file, readonly=True) as store:
        assert len(store.audit_entries()) == entries


def test_refused_when_the_zone_is_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", CLEAR, places=1, allow_draw=True)
    code, _out, err = run(capsys, "draw", str(file), "--seed-text", "x")
    assert code == 1 and "nothing to draw" in err


def test_the_text_output_names_the_procedure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", CLOSE_AT_THE_LINE, places=2, allow_draw=True)
    code, out, _err = run(capsys, "draw", str(file), "--seed-text", "x")
    assert code == 0 and "Fisher" not in out  # the recipe is spelled out, not named
    assert "Procedure: seed = SHA-256" in out and "Drawn among the cut-off zone" in out
