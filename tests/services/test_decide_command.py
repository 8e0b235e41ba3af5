"""``selection-desk decide``: the Deliberation page's decisions from the command line."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.domain import Outcome
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_file


def run(capsys: pytest.CaptureFixture[str], *args: str, lang: str = "en") -> tuple[int, str, str]:
    code = main(["--lang", lang, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    return make_campaign_file(tmp_path / "c.seldesk")


def _decisions(path: Path) -> dict[str, object]:
    with CampaignStore.open(path, readonly=True) as store:
        return {d.dossier: d for d in store.decisions()}


def test_decide_records_a_voted_decision(
    capsys: pytest.CaptureFixture[str], campaign: Path
) -> None:
    code, out, err = run(
        capsys, "decide", str(campaign), "D01", "retenu", "--rationale", "Équipe solide",
        "--vote", "1", "0", "0", "--by", "Juré 2",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Decision recorded: D01, selected.",
        "1 vote cast for 2 voting members: quorum NOT reached.",
    ]
    decision = _decisions(campaign)["D01"]
    assert decision.outcome is Outcome.SELECTED  # type: ignore[attr-defined]
    assert decision.decided_by == "Juré 2"  # type: ignore[attr-defined]
    code, out, _err = run(capsys, "decide", str(campaign), "D01", "selected",
                          "--rationale", "Équipe solide", "--vote", "1", "0", "0",
                          "--by", "Juré 2")  # fmt: skip
    assert out == "D01 already has this decision (selected): nothing changed.\n"


def test_decide_refuses_more_selections_than_places_unless_asked(
    capsys: pytest.CaptureFixture[str], campaign: Path
) -> None:
    for ref in ("D01", "D02"):
        assert run(capsys, "decide", str(campaign), ref, "selected")[0] == 0
    before = hashlib.sha256(campaign.read_bytes()).hexdigest()
    code, out, err = run(capsys, "decide", str(campaign), "D03", "selected")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "Selecting D03 would make 3 selected dossiers for 2 places; confirm to select more "
        "dossiers than places.",
        "Add --over-places to select it anyway.",
    ]
    assert hashlib.sha256(campaign.read_bytes()).hexdigest() == before
    assert run(capsys, "decide", str(campaign), "D03", "selected", "--over-places")[0] == 0
    assert len(_decisions(campaign)) == 3


def test_decide_clears_and_reports_errors_in_french(
    capsys: pytest.CaptureFixture[str], campaign: Path
) -> None:
    run(capsys, "decide", str(campaign), "D02", "waiting list")
    code, out, _err = run(capsys, "decide", str(campaign), "D02", "--clear")
    assert (code, out) == (0, "Decision on D02 cleared.\n")
    assert _decisions(campaign) == {}
    code, out, _err = run(capsys, "decide", str(campaign), "D02", "--clear")
    assert out == "D02 had no decision: nothing changed.\n"
    code, out, err = run(capsys, "decide", str(campaign), "D02", "accepté", lang="fr")
    assert (code, out) == (1, "")
    assert err == (
        "accepté n’est pas une décision ; choisissez parmi : retenu, liste d’attente, "
        "non retenu, ajourné.\n"
    )
    code, _out, err = run(capsys, "decide", str(campaign), "D02")
    assert (code, err) == (1, "Give the decision (OUTCOME), or --clear to remove it.\n")
    code, _out, err = run(
        capsys, "decide", str(campaign), "D01", "rejected", "--vote", "3", "0", "0"
    )
    assert code == 1 and "only 2 committee members may vote on D01" in err


def test_decide_without_by_names_the_president(
    capsys: pytest.CaptureFixture[str], campaign: Path
) -> None:
    with CampaignStore.open(campaign, readonly=True) as store:
        president = next(j.name for j in store.jurors() if j.role.value == "president")
    code, out, _err = run(
        capsys, "decide", str(campaign), "D02", "rejected", "--vote", "2", "0", "0"
    )
    assert code == 0 and "2 votes cast for 3 voting members: quorum reached." in out
    assert _decisions(campaign)["D02"].decided_by == president  # type: ignore[attr-defined]
    with pytest.raises(SystemExit):
        main(["--lang", "en", "decide", "--help"])
    assert "campaign's president" in " ".join(capsys.readouterr().out.split())
