"""Erasure (design §11): after ``erase``, no byte of the applicant's data is left in the campaign
file, its side files or its automatic backups; the chain still verifies and reports the
redaction; scores and decisions stay; a kill at any moment leaves the old file or the erased one."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.services.decisions import record_decision
from selection_desk.services.erasure import anonymise_campaign, erase_dossier
from selection_desk.services.feedback import approve_feedback
from selection_desk.services.ranking import rank_campaign
from selection_desk.storage import backups
from selection_desk.storage.check import check_campaign_file
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file
from tests.killed import kill_when_marked

NAME = "Zoé Canarilla-Name"
EMAIL = "zoe.canarilla@example.org"
PHONE = "+33 6 12 98 76 54"
ATTACHMENT = b"CANARILLA-PITCH-DECK " * 600  # beyond a page: its content spans overflow pages
COMMENT = "Zoé Canarilla-Name a un projet solide"
FEEDBACK = "Merci Zoé Canarilla-Name pour ce dossier"
RATIONALE = "Retenue : Zoé Canarilla-Name convainc"
CANARIES = (NAME, EMAIL, PHONE, "CANARILLA-PITCH-DECK", COMMENT, FEEDBACK, RATIONALE)


def _canaried_campaign(path: Path) -> Path:
    data = make_campaign_data()
    dossiers = tuple(
        replace(d, name=NAME, fields={"E-mail": EMAIL, "Téléphone": PHONE, "Secteur": "SaaS"})
        if d.ref == "D02"
        else d
        for d in data.dossiers
    )
    reviews = tuple(
        replace(r, comment=COMMENT, feedback=FEEDBACK) if r.dossier == "D02" else r
        for r in data.reviews
    )
    make_campaign_file(path, replace(data, dossiers=dossiers, reviews=reviews))
    with CampaignStore.open(path) as store:
        with store.transaction():
            store.write_attachment("D02", "pitch-canarilla.pdf", "application/pdf", ATTACHMENT)
            store.record_audit("test", "dossier.update", "dossier:D02", before={"name": NAME})
            store.record_audit("test", "note", "campaign", after={"contact": EMAIL})
        record_decision(store, "D02", "selected", rationale=RATIONALE)
        approve_feedback(store, "D02", FEEDBACK)
    return path


def _leaks(paths: list[Path]) -> list[tuple[str, str]]:
    """(file, canary) for every canary found in the raw bytes of ``paths``."""
    found = []
    for path in paths:
        content = path.read_bytes()
        for canary in CANARIES:
            forms = {canary.encode(), json.dumps(canary)[1:-1].encode()}
            if any(form in content for form in forms):
                found.append((path.name, canary))
    return found


def _everything(path: Path) -> list[Path]:
    """The campaign file, its side files, and every automatic backup."""
    side = [p for p in path.parent.iterdir() if p.name.startswith(path.name) and p.is_file()]
    return side + sorted(backups.backups_dir().glob("*.seldesk"))


@pytest.fixture
def campaign(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(backups, "BACKUP_INTERVAL", 0.0)  # a backup at every opening
    return _canaried_campaign(tmp_path / "c.seldesk")


def test_erase_leaves_no_byte_of_the_applicant_anywhere(campaign: Path) -> None:
    assert _leaks(_everything(campaign))  # the canaries are there to be found
    with CampaignStore.open(campaign, readonly=True) as store:
        ranking_before = [(r.ref, r.score) for r in rank_campaign(store).entries]
    with CampaignStore.open(campaign) as store:
        report = erase_dossier(store, "D02")
    assert report.fields == 3 and report.attachments == 1 and report.backups_removed
    assert report.audit_redacted >= 3
    assert _leaks(_everything(campaign)) == []
    with CampaignStore.open(campaign, readonly=True) as store:
        dossier = next(d for d in store.dossiers() if d.ref == "D02")
        assert (dossier.name, dict(dossier.fields)) == ("D02", {})
        assert store.attachments("D02") == ()
        assert next(d for d in store.decisions() if d.dossier == "D02").outcome.value == "selected"
        assert [(r.ref, r.score) for r in rank_campaign(store).entries] == ranking_before
        other = next(d for d in store.dossiers() if d.ref == "D03")
        assert other.name == "Start-up 3" and other.fields["Secteur"] == "SaaS"
    report_after = check_campaign_file(campaign)
    assert report_after.ok, report_after.lines()
    (redaction,) = report_after.redactions
    assert "dossier:D02" in redaction.entities and "campaign" in redaction.entities
    assert any("Redacted by the erasure" in line for line in report_after.lines())


def test_the_cli_erases_and_names_the_kits_to_recall(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.offline.flows import issue_kit

    issue_kit(campaign, "J2", campaign.parent / "kits")
    capsys.readouterr()
    code = main(["--lang", "en", "erase", str(campaign), "D02"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Erased the personal data of D02" in out and "J2: kit" in out
    assert "automatic backup" in out
    assert _leaks(_everything(campaign)) == []
    assert main(["--lang", "en", "erase", str(campaign), "D02", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["already_erased"] is True and again["kits_to_recall"][0]["juror"] == "J2"


def test_only_a_redaction_gets_past_the_append_only_triggers(campaign: Path) -> None:
    with contextlib.closing(sqlite3.connect(campaign)) as conn:
        for change in (
            "UPDATE audit SET after = NULL, before = NULL WHERE seq = 2",  # no erasure named
            "UPDATE audit SET after = NULL, before = NULL, redacted_by = 1 WHERE seq = 2",
            "UPDATE audit SET after = NULL, before = NULL, redacted_by = 3, actor = 'x'"
            " WHERE seq = 2",
            "UPDATE audit SET after = NULL, before = NULL, redacted_by = 3,"
            " payload_hash = 'x' WHERE seq = 2",
            "UPDATE audit SET after = '{}', redacted_by = 3 WHERE seq = 2",
            "DELETE FROM audit WHERE seq = 2",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(change)
        conn.execute("UPDATE audit SET after = NULL, before = NULL, redacted_by = 3 WHERE seq = 2")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):  # once only
            conn.execute("UPDATE audit SET redacted_by = 4 WHERE seq = 2")
        conn.commit()
    report = check_campaign_file(campaign)
    assert report.audit_breaks == () and report.redactions[0].count == 1


def test_anonymise_erases_every_applicant_in_one_go(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        report = anonymise_campaign(store)
        assert {d.name for d in store.dossiers()} == {d.ref for d in store.dossiers()}
        assert store.db.execute("SELECT count(*) FROM blob").fetchone() == (0,)
    assert len(report.dossiers) == 4 and report.audit_redacted > 0
    assert _leaks(_everything(campaign)) == []
    assert b"Start-up 3" not in campaign.read_bytes()
    assert check_campaign_file(campaign).ok


_KILLED_ERASE = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from selection_desk.services.erasure import erase_dossier
    from selection_desk.storage import audit, erasure
    from selection_desk.storage.store import CampaignStore

    def stall(*args, **kwargs):
        Path(sys.argv[2]).write_text("stalled")
        time.sleep(60)

    if sys.argv[3] == "in-transaction":
        audit.redact = stall  # the last write of the erasure, before COMMIT
    else:
        erasure.vacuum = stall  # after COMMIT, before the vacuum
    with CampaignStore.open(Path(sys.argv[1])) as store:
        erase_dossier(store, "D02")
    """
)


@pytest.mark.parametrize("moment", ["in-transaction", "before-vacuum"])
def test_a_killed_erasure_leaves_the_old_file_or_the_erased_one(
    campaign: Path, moment: str
) -> None:
    marker = campaign.parent / "marker"
    kill_when_marked(_KILLED_ERASE, str(campaign), str(marker), moment, marker=marker)
    with CampaignStore.open(campaign) as store:  # rolls a hot journal back
        dossier = next(d for d in store.dossiers() if d.ref == "D02")
        attachments = store.attachments("D02")
        comments = {r.comment for r in store.reviews() if r.dossier == "D02"}
    if moment == "in-transaction":
        assert (dossier.name, len(attachments), comments) == (NAME, 1, {COMMENT})
    else:
        assert (dossier.name, attachments, comments) == ("D02", (), {""})
        assert _leaks([campaign]) == []  # secure_delete already zeroed what was rewritten
    report = check_campaign_file(campaign)
    assert report.ok, report.lines()


def test_old_entries_are_re_based_and_old_heads_still_anchor(tmp_path: Path) -> None:
    from tests.raw_sqlite import raw_connection, undo_audit_rebase

    path = make_campaign_file(tmp_path / "c.seldesk")
    with contextlib.closing(raw_connection(path)) as old:
        undo_audit_rebase(old)
        version = old.execute("PRAGMA user_version").fetchone()[0]
        old.execute(f"PRAGMA user_version = {version - 1}")
        old.commit()
        old_head = old.execute("SELECT hash FROM audit ORDER BY seq DESC").fetchone()[0]
    with CampaignStore.open(path) as store:
        entries = store.audit_entries()
        assert entries[-1].action == "audit_rebased"
        assert json.loads(entries[-1].after or "{}")["old_head"] == old_head
        erase_dossier(store, "D02")
    report = check_campaign_file(path, head=old_head)
    assert report.ok and report.head_found, report.lines()
    assert report.anchors_checked >= 1  # the before-upgrade backup, named with the old head


def test_re_basing_does_not_launder_an_entry_altered_before_the_upgrade(tmp_path: Path) -> None:
    from tests.raw_sqlite import raw_connection, undo_audit_rebase

    path = make_campaign_file(tmp_path / "c.seldesk")
    with contextlib.closing(raw_connection(path)) as old:
        undo_audit_rebase(old)
        old.execute("DROP TRIGGER audit_is_append_only_update")
        old.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 1")  # forged, old rule
        version = old.execute("PRAGMA user_version").fetchone()[0]
        old.execute(f"PRAGMA user_version = {version - 1}")
        old.commit()
    CampaignStore.open(path).close()  # the upgrade re-bases the chain
    report = check_campaign_file(path)
    assert [(b.seq, b.reason) for b in report.audit_breaks] == [(1, "legacy_hash")]


def test_hostile_requests_are_refused_and_change_nothing(
    campaign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.offline.flows import issue_kit

    kit = issue_kit(campaign, "J2", campaign.parent / "kits" / "J2.seldesk")
    before = campaign.read_bytes()
    assert main(["--lang", "en", "erase", str(campaign), "NOPE"]) == 1
    assert "There is no dossier with the reference NOPE." in capsys.readouterr().err
    assert main(["--lang", "en", "access-export", str(campaign), "NOPE", "--out", "x"]) == 1
    assert main(["--lang", "en", "retention", str(campaign), "--months", "0"]) == 1
    assert "from 1 to 600 (here 0)" in capsys.readouterr().err
    assert campaign.read_bytes() == before
    kit_before = kit.read_bytes()
    assert main(["--lang", "en", "erase", str(kit), "D02"]) == 1
    assert "is a juror kit: erase personal data in the secretary's" in capsys.readouterr().err
    assert kit.read_bytes() == kit_before
