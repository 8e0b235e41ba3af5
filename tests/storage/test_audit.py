"""The audit log is append-only and its hash chain detects any edit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from selection_desk import i18n
from selection_desk.cli import main
from selection_desk.services.kits import kit_campaign_head
from selection_desk.storage import backups, state_digest
from selection_desk.storage.check import check_campaign_file
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_file
from tests.offline.flows import issue_kit
from tests.raw_sqlite import keep_digest, raw_connection


def test_every_action_is_audited_in_a_chain(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path) as store:
        entries = store.audit_entries()
    assert [e.action for e in entries] == ["create", "import"]
    assert entries[1].previous_hash == entries[0].hash
    report = check_campaign_file(path)
    assert report.ok and report.audit_entries == 2 and report.latest_hash == entries[-1].hash


def test_the_database_refuses_to_edit_or_delete_audit_entries(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit SET actor = 'mallory'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit")
    conn.close()


def test_check_finds_a_tampered_entry(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_is_append_only_update")
    conn.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 1")
    conn.commit()
    conn.close()
    report = check_campaign_file(path)
    assert not report.ok
    assert [(b.seq, b.reason) for b in report.audit_breaks] == [(1, "hash")]


def test_check_finds_a_deleted_entry(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path) as store, store.transaction():
        store.record_audit("test", "note", "campaign")
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_is_append_only_delete")
    conn.execute("DELETE FROM audit WHERE seq = 2")
    conn.commit()
    conn.close()
    report = check_campaign_file(path)
    assert [(b.seq, b.reason) for b in report.audit_breaks] == [(3, "previous_hash")]


def _raw(
    path: Path, *statements: str, digest_function: bool = True, stand_in: bool = False
) -> None:
    """Edits with a raw SQLite client, as someone bypassing the app would make them; one who
    re-implemented the digest (function and upkeep) unless ``digest_function`` is False."""
    connection = raw_connection(path) if digest_function else sqlite3.connect(path)
    if stand_in:  # a function of the digest's name that does nothing
        connection.create_function(state_digest.FUNCTION, -1, lambda *values: None)
    for statement in statements:
        connection.execute(statement)
    if digest_function:
        keep_digest(connection)
    connection.commit()
    connection.close()


def test_check_finds_a_dropped_trigger_even_with_the_data_untouched(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    _raw(path, "DROP TRIGGER score_refuses_conflicts", "DROP TRIGGER kit_keeps_decision_insert")
    report = check_campaign_file(path)
    assert not report.ok
    assert report.rule_violations == (
        "trigger kit_keeps_decision_insert is missing",
        "trigger score_refuses_conflicts is missing",
    )


def test_check_finds_an_altered_or_foreign_trigger(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    _raw(
        path,
        "DROP TRIGGER audit_is_append_only_delete",
        "CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit WHEN 0"
        " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
        "CREATE TRIGGER mallory AFTER INSERT ON score BEGIN SELECT 1; END",
    )
    report = check_campaign_file(path)
    assert report.rule_violations == (
        "trigger audit_is_append_only_delete was altered",
        "trigger mallory is not one of Selection Desk's",
    )


def test_check_finds_a_score_of_a_conflicted_pair(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")  # J1 declared a conflict with D01
    _raw(
        path,
        "DROP TRIGGER score_refuses_conflicts",
        "INSERT INTO score (juror_id, dossier_id, criterion_id, value, updated_at)"
        " SELECT j.id, d.id, c.id, 5, '' FROM juror j, dossier d, criterion c"
        " WHERE j.code = 'J1' AND d.ref = 'D01' AND c.code = 'TEAM'",
        "CREATE TRIGGER score_refuses_conflicts BEFORE INSERT ON score\n"
        "       WHEN EXISTS (SELECT 1 FROM conflict\n"
        "                    WHERE juror_id = NEW.juror_id AND dossier_id = NEW.dossier_id)\n"
        "       BEGIN SELECT RAISE(ABORT, 'conflict of interest'); END",
    )
    report = check_campaign_file(path)
    assert report.rule_violations == ("juror J1 scored dossier D01 despite a declared conflict",)


def test_a_published_head_finds_entries_cut_off_the_end(tmp_path: Path) -> None:
    """Cutting the last entries leaves a valid chain: only a hash published outside finds it."""
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path) as store:
        with store.transaction():
            store.record_audit("test", "note", "campaign")
        published = store.latest_audit_hash()
    assert check_campaign_file(path, head=published).ok
    _raw(
        path,
        "DROP TRIGGER audit_is_append_only_delete",
        "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)",
        "CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit\n"
        "       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    )
    assert check_campaign_file(path).ok  # the chain itself is intact
    report = check_campaign_file(path, head=published.upper())
    assert not report.ok and not report.head_found
    assert any("NOT in the chain" in line for line in report.lines())


def test_a_raw_client_cannot_edit_a_score_behind_the_log(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    with pytest.raises(sqlite3.OperationalError, match="no such function"):
        _raw(path, "UPDATE score SET value = 0", digest_function=False)
    assert check_campaign_file(path).ok


@pytest.mark.parametrize(
    "edit",
    ["UPDATE score SET value = 0", "UPDATE decision SET outcome = 'rejected'"],
)
def test_check_finds_rows_changed_while_the_digest_triggers_were_dropped(
    tmp_path: Path, edit: str
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path) as store:
        before = set(state_digest.recomputed(store.db).items())
    table = edit.split()[1]
    with sqlite3.connect(path) as connection:
        trigger_sql = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = ?", [f"digest_{table}_update"]
        ).fetchone()[0]
    if table == "decision":  # the factory decides nothing: record one first
        from selection_desk.services.decisions import record_decision

        with CampaignStore.open(path) as store:
            record_decision(store, "D02", "selected")
    _raw(
        path,
        f"DROP TRIGGER digest_{table}_update",
        edit,
        trigger_sql,  # put back as it was: the triggers look untouched
        digest_function=False,
    )
    report = check_campaign_file(path)
    assert not report.ok
    assert report.rule_violations == (f"rows of {table} were changed outside Selection Desk",)
    assert before  # the digest covered the table before the edit


def _cut_last_entries(path: Path, count: int) -> None:
    """Entries cut off the end, the append-only trigger put back: the chain left is valid."""
    _raw(
        path,
        "DROP TRIGGER audit_is_append_only_delete",
        f"DELETE FROM audit WHERE seq > (SELECT max(seq) FROM audit) - {count}",
        "CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit\n"
        "       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    )


def test_every_automatic_backup_keeps_a_head_the_chain_must_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ``--head``, entries cut off the end are found by the backups' heads."""
    monkeypatch.setattr(backups, "BACKUP_INTERVAL", 0.0)  # a backup at every opening
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path) as store, store.transaction():
        store.record_audit("test", "note", "campaign")
    with CampaignStore.open(path) as store:  # its backup keeps the note's hash
        head = store.latest_audit_hash()
    (newest,) = backups.backups_dir().glob(f"c-*-{head[: backups.HEAD_CHARS]}-auto.seldesk")
    report = check_campaign_file(path)
    assert report.ok and report.anchors_checked >= 2
    assert "all in the chain" in report.lines()[-1]

    _cut_last_entries(path, 1)
    report = check_campaign_file(path)
    assert not report.ok and report.head_found and not report.audit_breaks
    assert [anchor.source for anchor in report.anchors_missing] == [newest.name]
    assert report.lines()[-1] == (
        f"{newest.name} keeps hash {head[: backups.HEAD_CHARS]}, which is NOT in the chain: "
        "entries were cut off or the chain was rewritten after it was taken"
    )
    with i18n.language("fr"):
        assert "ABSENTE de la chaîne : des entrées ont été retranchées" in report.lines()[-1]


def test_a_kit_keeps_the_campaigns_head_which_check_kit_looks_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path) as store:
        with store.transaction():
            store.record_audit("test", "note", "campaign")
        head = store.latest_audit_hash()
    kit = issue_kit(path, "J2", tmp_path / "kit-J2.seldesk")
    assert kit_campaign_head(kit) == head
    assert main(["--lang", "en", "check", str(path), "--kit", str(kit)]) == 0
    capsys.readouterr()

    _cut_last_entries(path, 2)  # the note and the kit's issue
    for backup in backups.backups_dir().iterdir():  # only the kit is left to tell
        backup.unlink()
    assert main(["--lang", "en", "check", str(path), "--kit", str(kit)]) == 1
    out = capsys.readouterr().out
    assert f"kit-J2.seldesk keeps hash {head}, which is NOT in the chain" in out


def test_a_raw_client_with_a_function_of_that_name_still_shows_in_check(tmp_path: Path) -> None:
    """Defining the digest function is not enough: the digest itself is only kept at COMMIT."""
    path = make_campaign_file(tmp_path / "c.seldesk")
    _raw(path, "UPDATE score SET value = 0", digest_function=False, stand_in=True)
    report = check_campaign_file(path)
    assert report.rule_violations == ("rows of score were changed outside Selection Desk",)
