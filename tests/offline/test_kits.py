"""Juror kits: only what the juror may see, down to the bytes of the file; sealed kits."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from selection_desk.errors import CampaignFileError, InvalidInput, NotFound
from selection_desk.formats import sealed
from selection_desk.services.kits import (
    is_sealed_kit,
    kit_juror,
    make_all_kits,
    make_kit,
    open_kit,
    unlock_kit,
    working_copies_dir,
)
from selection_desk.storage import kits as kit_rows
from selection_desk.storage.kits import is_juror_kit
from selection_desk.storage.store import CampaignStore
from tests.offline.conftest import (
    ATTACHMENT_D01,
    ATTACHMENT_D02,
    CONFLICTED_FIELD,
    CONFLICTED_NAME,
    SECRET_COMMENT_J2,
    SECRET_COMMENT_J3,
)

PASSPHRASE = "correct horse battery"


def make(campaign: Path, juror: str, out: Path, **options: object) -> kit_rows.KitIdentity:
    with CampaignStore.open(campaign) as store:
        make_kit(store, juror, out, **options)  # type: ignore[arg-type]
    with CampaignStore.open(unlock_kit(out, options.get("passphrase")), readonly=True) as kit:  # type: ignore[arg-type]
        identity = kit_rows.read_kit_identity(kit)
    assert identity is not None
    return identity


def test_a_kit_holds_only_the_jurors_own_world(campaign: Path, tmp_path: Path) -> None:
    kit_path = tmp_path / "kit-J1.seldesk"
    make(campaign, "J1", kit_path)
    with CampaignStore.open(kit_path, readonly=True) as kit:
        assert is_juror_kit(kit) and kit_juror(kit) == "J1"
        assert [j.code for j in kit.jurors()] == ["J1"]
        assert [d.ref for d in kit.dossiers()] == ["D02", "D03", "D04"]
        assert kit.conflicts() == ()
        assert kit.decisions() == ()
        assert [(s.juror, s.dossier, s.criterion, s.comment) for s in kit.scores()] == [
            ("J1", "D02", "TEAM", "my own earlier comment")
        ]
        assert {a.dossier for a in kit.attachments()} == {"D02"}
        assert kit.attachment_content(kit.attachments()[0].sha256) == ATTACHMENT_D02
        assert [c.code for c in kit.criteria()] == ["TEAM", "MARKET"]
        assert kit.criteria()[0].levels  # the rubric travels with the kit
        assert all(e.actor != "J2" for e in kit.audit_entries())
    with CampaignStore.open(campaign, readonly=True) as store:
        assert not is_juror_kit(store)
        issues = kit_rows.kit_issues(store)
        assert [i.juror for i in issues] == ["J1"]
        assert store.jurors()[0].public_key == issues[0].public_key
        assert any(e.action == "make_kit" for e in store.audit_entries())


def test_the_raw_bytes_of_each_kit_hold_nothing_of_other_jurors(
    campaign: Path, tmp_path: Path
) -> None:
    """Not only the tables: the whole file, free pages included."""
    with CampaignStore.open(campaign) as store:
        reports = make_all_kits(store, tmp_path / "kits")
    raw = {report.juror: report.path.read_bytes() for report in reports}
    foreign = {
        "J1": [
            SECRET_COMMENT_J2,
            SECRET_COMMENT_J3,
            CONFLICTED_NAME,
            CONFLICTED_FIELD,
            "ancien associé",
            "Bruno Keller",
            "Chloé Dubois",
            "bruno@example.org",
        ],
        "J2": [SECRET_COMMENT_J3, "my own earlier comment", "Alice Martin", "Chloé Dubois"],
        "J3": [SECRET_COMMENT_J2, "my own earlier comment", "Alice Martin", "Bruno Keller"],
    }
    for juror, strings in foreign.items():
        for text in strings:
            for encoding in ("utf-8", "utf-16-le"):
                assert text.encode(encoding) not in raw[juror], (juror, text)
    assert ATTACHMENT_D01 not in raw["J1"]
    assert ATTACHMENT_D01 in raw["J2"]  # the check can fail: J2 is not conflicted
    assert SECRET_COMMENT_J2.encode() in raw["J2"]  # a juror's own comment travels
    assert CONFLICTED_NAME.encode() in raw["J2"]
    with sqlite3.connect(reports[0].path) as connection:
        assert connection.execute("PRAGMA freelist_count").fetchone()[0] == 0


def test_a_kit_follows_explicit_assignments(campaign: Path, tmp_path: Path) -> None:
    from selection_desk.domain import Assignment

    with CampaignStore.open(campaign) as store:
        with store.transaction():
            store.write_assignments([Assignment("J3", "D01"), Assignment("J3", "D04")])
        make_kit(store, "J3", tmp_path / "k3.seldesk")
        make_kit(store, "J2", tmp_path / "k2.seldesk")
    with CampaignStore.open(tmp_path / "k3.seldesk", readonly=True) as kit:
        assert [d.ref for d in kit.dossiers()] == ["D01", "D04"]
        assert [(a.juror, a.dossier) for a in kit.assignments()] == [("J3", "D01"), ("J3", "D04")]
        assert kit.scores() == ()  # J3's earlier score is on D03, not assigned any more
    with CampaignStore.open(tmp_path / "k2.seldesk", readonly=True) as kit:
        assert kit.dossiers() == ()


def test_refusals_write_nothing(campaign: Path, tmp_path: Path) -> None:
    existing = tmp_path / "exists.seldesk"
    existing.write_bytes(b"keep me")
    with CampaignStore.open(campaign) as store:
        before = len(store.audit_entries())
        with pytest.raises(NotFound):
            make_kit(store, "J9", tmp_path / "k.seldesk")
        with pytest.raises(CampaignFileError) as exists:
            make_kit(store, "J1", existing)
        assert "already exists" in exists.value.message()
        with pytest.raises(InvalidInput) as short:
            make_kit(store, "J1", tmp_path / "k.seldesk", passphrase="short")
        assert "at least 8 characters" in short.value.message()
        assert len(store.audit_entries()) == before
        assert kit_rows.kit_issues(store) == ()
    assert existing.read_bytes() == b"keep me"
    assert not (tmp_path / "k.seldesk").exists()


def test_make_all_refuses_before_writing_when_one_target_exists(
    campaign: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "kits"
    folder.mkdir()
    (folder / "kit-J3.seldesk").write_bytes(b"earlier kit")
    with CampaignStore.open(campaign) as store, pytest.raises(CampaignFileError):
        make_all_kits(store, folder)
    assert sorted(p.name for p in folder.iterdir()) == ["kit-J3.seldesk"]


def test_no_kit_from_a_kit(campaign: Path, tmp_path: Path) -> None:
    make(campaign, "J1", tmp_path / "k.seldesk")
    with CampaignStore.open(tmp_path / "k.seldesk") as kit, pytest.raises(InvalidInput) as refused:
        make_kit(kit, "J1", tmp_path / "k2.seldesk")
    assert "itself a juror kit" in refused.value.message()


def test_a_sealed_kit_opens_only_with_its_passphrase(campaign: Path, tmp_path: Path) -> None:
    kit_path = tmp_path / "kit.seldesk"
    identity = make(campaign, "J2", kit_path, passphrase=PASSPHRASE)
    assert is_sealed_kit(kit_path) and not is_sealed_kit(campaign)
    raw = kit_path.read_bytes()
    assert b"SQLite format 3" not in raw and CONFLICTED_NAME.encode() not in raw
    assert identity.key_is_sealed and len(identity.private_key) == 48  # 32 + GCM tag
    with pytest.raises(InvalidInput) as wrong:
        unlock_kit(kit_path, "not the passphrase")
    assert "does not open" in wrong.value.message()
    with pytest.raises(InvalidInput) as missing:
        unlock_kit(kit_path, None)
    assert "protected by a passphrase" in missing.value.message()
    working = unlock_kit(kit_path, PASSPHRASE)
    assert working.parent == working_copies_dir()
    with open_kit(kit_path, PASSPHRASE) as kit:
        assert [d.ref for d in kit.dossiers()] == ["D01", "D02", "D03", "D04"]
        assert kit.path == working


def test_reopening_a_sealed_kit_keeps_the_jurors_work(campaign: Path, tmp_path: Path) -> None:
    from selection_desk.services.scoring import record_score

    kit_path = tmp_path / "kit.seldesk"
    make(campaign, "J2", kit_path, passphrase=PASSPHRASE)
    with open_kit(kit_path, PASSPHRASE) as kit:
        record_score(kit, "J2", "D03", "TEAM", 1.5)
    with open_kit(kit_path, PASSPHRASE) as kit:
        assert kit.score_value("J2", "D03", "TEAM") is not None


def test_an_altered_sealed_kit_is_refused(campaign: Path, tmp_path: Path) -> None:
    kit_path = tmp_path / "kit.seldesk"
    make(campaign, "J3", kit_path, passphrase=PASSPHRASE)
    for path in working_copies_dir().glob("*.seldesk"):
        path.unlink()
    data = bytearray(kit_path.read_bytes())
    data[-100] ^= 0xFF
    kit_path.write_bytes(bytes(data))
    with pytest.raises(InvalidInput) as damaged:
        unlock_kit(kit_path, PASSPHRASE)
    assert "damaged or was altered" in damaged.value.message()
    assert list(working_copies_dir().glob("*.seldesk")) == []


def test_a_campaign_file_is_not_a_kit(campaign: Path, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as refused:
        open_kit(campaign)
    assert "not a juror kit" in refused.value.message()
    foreign = tmp_path / "foreign.seldesk"
    foreign.write_bytes(sealed.seal_bytes(b"x", bytes(32), "ballot", {}))
    with pytest.raises(InvalidInput):
        unlock_kit(foreign, PASSPHRASE)


def test_other_commands_say_that_a_sealed_kit_is_encrypted(
    campaign: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from selection_desk.cli import main
    from selection_desk.storage import campaign_file
    from tests.offline.flows import export, score_in_kit

    assert campaign_file.SEALED_MAGIC == sealed.MAGIC
    kit = tmp_path / "kit.seldesk"
    make(campaign, "J2", kit, passphrase=PASSPHRASE)
    for command in (["rank", str(kit)], ["check", str(kit)], ["merge", str(kit), str(kit)]):
        assert main(["--lang", "en", *command]) == 1
        assert capsys.readouterr().err.strip() == (
            f"{kit} is a juror kit encrypted with a passphrase: open it in the app (to sign its "
            f"ballot on the command line: selection-desk ballot {kit} --passphrase-file P)."
        )
    score_in_kit(kit, "J2", [("D02", "TEAM", 3.0)], passphrase=PASSPHRASE)
    ballot = export(kit, tmp_path / "b.ballot", PASSPHRASE).path
    assert sealed.is_sealed(ballot)
    assert main(["--lang", "en", "rank", str(ballot)]) == 1
    assert "is an encrypted ballot: merge it" in capsys.readouterr().err


def test_secretaries_and_observers_get_no_kit(campaign: Path, tmp_path: Path) -> None:
    from selection_desk.domain import Juror, Role
    from selection_desk.services.jurors import add_juror

    with CampaignStore.open(campaign) as store:
        add_juror(store, Juror("SEC", "Sophie Greffe", role=Role.SECRETARY))
        add_juror(store, Juror("OBS", "Omar Obs", role=Role.OBSERVER))
        scoring = [j.code for j in store.jurors() if j.role in (Role.PRESIDENT, Role.MEMBER)]
        for code in ("SEC", "OBS"):
            with pytest.raises(InvalidInput, match=f"Juror {code} does not score"):
                make_kit(store, code, tmp_path / f"{code}.seldesk")
            assert not (tmp_path / f"{code}.seldesk").exists()
        reports = make_all_kits(store, tmp_path / "kits")
    assert sorted(r.juror for r in reports) == sorted(scoring)
    assert sorted(p.name for p in (tmp_path / "kits").glob("*.seldesk")) == sorted(
        f"kit-{code}.seldesk" for code in scoring
    )
