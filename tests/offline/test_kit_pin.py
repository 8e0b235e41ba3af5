"""A juror's PIN protects the signing key of their kit (design §4.1): no PIN, no ballot."""

from __future__ import annotations

from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.errors import InvalidInput
from selection_desk.formats.ballot import parse_ballot
from selection_desk.services.jurors import set_juror_pin
from selection_desk.services.kits import kit_needs_pin, make_kit, open_kit
from selection_desk.services.merge import MergeOutcome
from selection_desk.services.scoring_workspace import open_workspace
from selection_desk.storage import kits as kit_rows
from selection_desk.storage.setup import stored_pin_key, verify_pin, write_pin_hash
from selection_desk.storage.store import CampaignStore
from tests.offline.flows import export, issue_kit, merge, score_in_kit

PIN = "4821"
PASSPHRASE = "correct horse battery"


@pytest.fixture
def pinned(campaign: Path) -> Path:
    with CampaignStore.open(campaign) as store:
        set_juror_pin(store, "J2", PIN)
    return campaign


def test_the_kit_holds_the_pin_hash_and_the_key_salt_never_the_pin_key(
    pinned: Path, tmp_path: Path
) -> None:
    with CampaignStore.open(pinned, readonly=True) as store:
        stored = kit_rows.juror_pin_hash(store, "J2")
    pin_key = stored_pin_key(stored)
    assert pin_key is not None
    key_salt, key = pin_key
    kit = issue_kit(pinned, "J2", tmp_path / "kit.seldesk")
    raw = kit.read_bytes()
    assert key not in raw and key.hex().encode() not in raw
    with CampaignStore.open(kit, readonly=True) as store:
        in_kit = kit_rows.juror_pin_hash(store, "J2")
        identity = kit_rows.read_kit_identity(store)
        assert kit_needs_pin(store)
    assert in_kit is not None and key_salt.hex() in in_kit and key.hex() not in in_kit
    assert verify_pin(PIN, in_kit) and not verify_pin("0000", in_kit)
    assert identity is not None and len(identity.private_key) == 12 + 32 + 16  # nonce, key, tag


def test_no_pin_wrong_pin_right_pin(pinned: Path, tmp_path: Path) -> None:
    kit = issue_kit(pinned, "J2", tmp_path / "kit.seldesk")
    score_in_kit(kit, "J2", [("D02", "TEAM", 3.0)])
    with pytest.raises(InvalidInput) as refused:
        export(kit, tmp_path / "b.json")
    assert refused.value.message() == (
        "The kit of juror J2 is protected by their PIN: give the PIN to sign a ballot "
        "(on the command line: --pin-file P)."
    )
    with pytest.raises(InvalidInput) as refused:
        export(kit, tmp_path / "b.json", pin="4822")
    assert refused.value.message() == (
        "The PIN does not open the kit of juror J2: check it and try again."
    )
    assert not (tmp_path / "b.json").exists()
    with open_kit(kit) as store:  # nothing was signed: the counter did not move
        identity = kit_rows.read_kit_identity(store)
        assert identity is not None and identity.last_ballot is None
    result = export(kit, tmp_path / "b.json", pin=PIN)
    assert result.revision == identity.ballot_revision + 1
    assert parse_ballot((tmp_path / "b.json").read_bytes()).ballot.juror == "J2"
    [report] = merge(pinned, tmp_path / "b.json")
    assert report.outcome is MergeOutcome.ACCEPTED


def test_scoring_in_the_kit_checks_the_same_pin(pinned: Path, tmp_path: Path) -> None:
    kit = issue_kit(pinned, "J2", tmp_path / "kit.seldesk")
    with open_kit(kit) as store:
        with pytest.raises(InvalidInput):
            open_workspace(store, "J2")
        with pytest.raises(InvalidInput):
            open_workspace(store, "J2", pin="1111")
        assert open_workspace(store, "J2", pin=PIN) is not None


def test_a_sealed_kit_with_a_pin_needs_both(pinned: Path, tmp_path: Path) -> None:
    kit = issue_kit(pinned, "J2", tmp_path / "kit.seldesk", passphrase=PASSPHRASE)
    with pytest.raises(InvalidInput) as refused:
        export(kit, tmp_path / "b.ballot", passphrase=PASSPHRASE)
    assert "protected by their PIN" in refused.value.message()
    with pytest.raises(InvalidInput) as refused:
        export(kit, tmp_path / "b.ballot", passphrase="wrong passphrase!", pin=PIN)
    assert "passphrase does not open" in refused.value.message()
    assert export(kit, tmp_path / "b.ballot", passphrase=PASSPHRASE, pin=PIN).sealed


def test_a_pin_set_before_pin_keys_refuses_the_kit(campaign: Path, tmp_path: Path) -> None:
    with CampaignStore.open(campaign) as store:
        with store.transaction():
            old_style = "scrypt$" + "00" * 16 + "$" + "11" * 32
            write_pin_hash(store, "J1", old_style)
        with pytest.raises(InvalidInput) as refused:
            make_kit(store, "J1", tmp_path / "k.seldesk")
    assert "set the PIN again" in refused.value.message()
    assert not (tmp_path / "k.seldesk").exists()


def test_a_kit_without_pin_signs_without_one(campaign: Path, tmp_path: Path) -> None:
    kit = issue_kit(campaign, "J3", tmp_path / "kit.seldesk")
    with open_kit(kit) as store:
        assert not kit_needs_pin(store)
    assert export(kit, tmp_path / "b.json").revision >= 1


def test_ballot_command_pin_file(
    pinned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = issue_kit(pinned, "J2", tmp_path / "kit.seldesk")
    out = tmp_path / "b.json"
    code = main(["--lang", "en", "ballot", str(kit), "--out", str(out)])
    _, err = capsys.readouterr()
    assert code == 1 and "protected by their PIN" in err and not out.exists()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("9999\n", encoding="utf-8")
    code = main(["--lang", "en", "ballot", str(kit), "--out", str(out), "--pin-file", str(wrong)])
    _, err = capsys.readouterr()
    assert code == 1 and "The PIN does not open" in err
    right = tmp_path / "pin.txt"
    right.write_text(PIN + "\n", encoding="utf-8")
    code = main(["--lang", "en", "ballot", str(kit), "--out", str(out), "--pin-file", str(right)])
    printed, err = capsys.readouterr()
    assert (code, err) == (0, "") and "Ballot of juror J2" in printed and out.exists()


def test_score_command_on_a_kit_needs_the_pin(
    pinned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = issue_kit(pinned, "J2", tmp_path / "kit.seldesk")
    command = ["--lang", "en", "score", str(kit), "J2", "D01", "TEAM", "2"]
    assert main(command) == 1
    assert "give the PIN to score in it" in capsys.readouterr().err
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("9999\n", encoding="utf-8")
    assert main([*command, "--pin-file", str(wrong)]) == 1
    assert "The PIN does not open" in capsys.readouterr().err
    with CampaignStore.open(kit, readonly=True) as store:
        assert ("J2", "D01", "TEAM") not in {
            (s.juror, s.dossier, s.criterion) for s in store.campaign_data().scores
        }
    right = tmp_path / "pin.txt"
    right.write_text(PIN + "\n", encoding="utf-8")
    assert main([*command, "--pin-file", str(right)]) == 0
    with CampaignStore.open(kit, readonly=True) as store:
        assert ("J2", "D01", "TEAM") in {
            (s.juror, s.dossier, s.criterion) for s in store.campaign_data().scores
        }
