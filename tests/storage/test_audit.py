"""The audit log is append-only and its hash chain detects any edit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from selection_desk.storage.check import check_campaign_file
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_file


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
