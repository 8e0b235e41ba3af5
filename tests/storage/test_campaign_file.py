"""The campaign file: identification, versions, locking, transactions, copies, crashes."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from selection_desk.domain import AuditEntry, Campaign, Dossier
from selection_desk.errors import CampaignFileError
from selection_desk.storage import audit, schema
from selection_desk.storage.backups import backups_dir
from selection_desk.storage.campaign_file import open_campaign_file
from selection_desk.storage.check import check_campaign_file
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file
from tests.killed import kill_when_marked
from tests.raw_sqlite import (
    as_format_3,
    drop_digest_triggers,
    keep_digest,
    raw_connection,
    undo_audit_rebase,
    undo_state_digest,
)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_identified_and_versioned(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_writable_connection_is_durable(tmp_path: Path) -> None:
    with CampaignStore.open(make_campaign_file(tmp_path / "c.seldesk")) as store:
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_no_side_files_after_a_write(tmp_path: Path) -> None:
    """Whenever no write is under way the campaign file alone is complete (no -wal/-journal)."""
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path) as store:
        with store.transaction():
            store.write_dossiers([Dossier("X1", "Nouvelle")], {"X1": 99})
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith("c.seldesk-")]
        assert leftovers == []
        copied = tmp_path / "plain-copy.seldesk"
        copied.write_bytes(path.read_bytes())  # what a user does with a USB stick
    with CampaignStore.open(copied, readonly=True) as copy:
        assert "X1" in {d.ref for d in copy.dossiers()}


@pytest.mark.parametrize(
    "content",
    [b"", b"ref;name\n1;Alpha\n", b"PK\x03\x04 not really a zip", b"SQLite format 3\x00"],
)
def test_refuses_files_that_are_not_campaigns(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.seldesk"
    path.write_bytes(content)
    with pytest.raises(CampaignFileError) as caught:
        open_campaign_file(path)
    assert caught.value.code == "not_a_campaign_file"
    assert "x.seldesk" in caught.value.message()
    assert path.read_bytes() == content


def test_refuses_a_foreign_sqlite_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = _sha256(path)
    with pytest.raises(CampaignFileError) as caught:
        CampaignStore.open(path)
    assert caught.value.code == "not_a_campaign_file"
    assert _sha256(path) == before


def test_refuses_a_file_from_a_newer_version(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.schema_version() + 1}")
    conn.close()
    before = _sha256(path)
    with pytest.raises(CampaignFileError) as caught:
        CampaignStore.open(path)
    assert caught.value.code == "newer_version"
    assert "newer version" in caught.value.message()
    assert _sha256(path) == before


def test_refuses_a_truncated_file(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CampaignFileError) as caught:
        CampaignStore.open(path)
    assert caught.value.code == "file_truncated"


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CampaignFileError) as caught:
        CampaignStore.open(tmp_path / "absent.seldesk")
    assert caught.value.code == "file_not_found"


def test_second_writer_in_this_process_is_told_the_file_is_in_use(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path):
        with pytest.raises(CampaignFileError) as caught:
            CampaignStore.open(path)
        assert caught.value.code == "campaign_in_use"
        with CampaignStore.open(path, readonly=True) as reader:  # reading is always possible
            assert reader.campaign().name == "Appel test"
    with CampaignStore.open(path):  # released on close
        pass


def test_second_writer_in_another_process_gets_a_clear_message(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "selection_desk",
                "--lang",
                "en",
                "score",
                str(path),
                "J2",
                "D02",
                "TEAM",
                "3",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert "already open for editing" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_failed_action_rolls_back_entirely(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path) as store:
        before = store.campaign_data()
        with pytest.raises(RuntimeError), store.transaction():
            store.write_dossiers([Dossier("NEW", "Half written")], {"NEW": 50})
            raise RuntimeError("boom")
        assert store.campaign_data() == before


def test_save_copy_is_complete_while_the_file_is_open(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    copy = tmp_path / "copy.seldesk"
    with CampaignStore.open(path) as store:
        with store.transaction():
            store.write_dossiers([Dossier("X9", "Ajoutée")], {"X9": 9})
        store.file.save_copy(copy)
        expected = store.campaign_data()
    with CampaignStore.open(copy, readonly=True) as copied:
        assert copied.campaign_data() == expected
    assert not list(tmp_path.glob("*.partial"))


def test_opening_for_writing_takes_a_rotating_backup(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path) as store:
        uid = store.campaign().uid
    backups = list(backups_dir().glob("c-*.seldesk"))
    assert len(backups) == 1
    assert uid[:8] in backups[0].name
    with CampaignStore.open(backups[0], readonly=True) as backup:
        assert backup.campaign().uid == uid


def test_migration_runs_forward_after_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    step = schema.migrations._Migration(
        "0099_test_step", lambda db: db.execute("CREATE TABLE test_step (x INTEGER)")
    )
    monkeypatch.setattr(schema.migrations, "_migrations", [*schema.migrations._migrations, step])
    with CampaignStore.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
        assert store.db["test_step"].exists()
    before_upgrade = list(backups_dir().glob("*before-upgrade.seldesk"))
    assert len(before_upgrade) == 1
    with contextlib.closing(sqlite3.connect(before_upgrade[0])) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version() - 1
        tables = {row[0] for row in old.execute("SELECT name FROM sqlite_master")}
    assert "test_step" not in tables


def test_an_older_file_opened_read_only_is_read_and_left_untouched(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path, readonly=True) as store:
        expected = store.campaign_data()
    as_format_3(path)
    before = _sha256(path)
    with CampaignStore.open(path, readonly=True) as store:
        assert store.campaign_data() == expected
        assert store.campaign().contact == ""
    assert _sha256(path) == before
    with CampaignStore.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
        assert store.campaign_data() == expected


def _as_format_4(path: Path) -> None:
    """Turn a current file into one written before migration 0005 (audit hashes UNIQUE)."""
    with contextlib.closing(sqlite3.connect(path)) as old:
        undo_audit_rebase(old)  # a format-4 file's entries hash their payload (before 0012)
        old.commit()
        old.executescript(
            """
            CREATE UNIQUE INDEX audit_hash_of_format_4 ON audit (hash);
            DELETE FROM _sqlite_migrations WHERE name = '0005_audit_without_hash_index';
            PRAGMA user_version = 4;
            """
        )


def test_migration_5_rebuilds_the_audit_log_without_its_hash_index(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    _as_format_4(path)
    with contextlib.closing(sqlite3.connect(path)) as old:
        entries = list(audit.entries(Database(old)))
    assert entries
    with CampaignStore.open(path) as store:
        assert store.db.execute("SELECT name FROM pragma_index_list('audit')").fetchall() == []
        kept = list(audit.entries(store.db))[: len(entries)]  # then 0012 re-bases the chain
        assert [_content(e) for e in kept] == [_content(e) for e in entries]
        assert audit.verify_chain(store.db) == (len(entries) + 1, [])
        for change in ("UPDATE audit SET actor = 'x'", "DELETE FROM audit"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                store.db.execute(change)


def _content(entry: AuditEntry) -> tuple[object, ...]:
    """What an entry records, without its hashes."""
    return (entry.seq, entry.at, entry.actor, entry.action, entry.entity, entry.before, entry.after)


def _as_format_6(path: Path) -> None:
    """Turn a current file into one written before migration 0007 (no stability setting)."""
    with contextlib.closing(raw_connection(path)) as old:
        undo_state_digest(old)  # a format-6 file has no digest: 0009 makes it
        old.executescript(
            """
            ALTER TABLE campaign DROP COLUMN stability_resamples;
            ALTER TABLE campaign DROP COLUMN stability_seed;
            DELETE FROM _sqlite_migrations WHERE name = '0007_campaign_stability';
            PRAGMA user_version = 6;
            """
        )


def test_migration_7_gives_an_older_campaign_the_ranking_pages_stability_setting(
    tmp_path: Path,
) -> None:
    """Before 0007 the Ranking page drew 1,000 resamples from seed 0: older files keep showing
    the same p_top."""
    path = make_campaign_file(tmp_path / "c.seldesk")
    _as_format_6(path)
    with CampaignStore.open(path) as store:
        campaign = store.campaign()
        assert (campaign.stability_resamples, campaign.stability_seed) == (1000, 0)
        store.write_campaign(replace(campaign, stability_resamples=2000, stability_seed=7))
        assert store.campaign().stability_resamples == 2000
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute("UPDATE campaign SET stability_seed = -1")


def _as_format_9(path: Path) -> None:
    """Turn a current file into one written before migration 0010 (one review text, no
    approved feedback); its digest (0009) covers what a format-9 file had."""
    with contextlib.closing(raw_connection(path)) as old:
        drop_digest_triggers(old)
        old.executescript(
            """
            DROP TABLE feedback_approval;
            ALTER TABLE review DROP COLUMN feedback;
            DELETE FROM _sqlite_migrations WHERE name = '0010_feedback';
            PRAGMA user_version = 9;
            """
        )
        undo_state_digest(old)
        old.execute("PRAGMA user_version = 8")
        old.commit()


def test_migration_10_keeps_every_earlier_comment_private(tmp_path: Path) -> None:
    """Nothing that was private becomes public: an older review's comment stays its comment,
    and no dossier has feedback, let alone approved feedback, after the upgrade."""
    data = make_campaign_data()
    reviews = tuple(replace(r, comment=f"privé {r.juror} {r.dossier}") for r in data.reviews)
    path = make_campaign_file(tmp_path / "c.seldesk", replace(data, reviews=reviews))
    _as_format_9(path)
    with CampaignStore.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
        migrated = store.reviews()
        assert store.db.execute("SELECT count(*) FROM feedback_approval").fetchone() == (0,)
    assert [r.comment for r in migrated] == [r.comment for r in reviews]
    assert {r.feedback for r in migrated} == {""}
    report = check_campaign_file(path)
    assert report.rule_violations == () and report.audit_breaks == ()


def _before_field_metadata(path: Path, field_types: dict[str, str]) -> None:
    """Turn a current file into one written before migration 0014: no ``dossier_field`` table,
    the fields' types in a setting; its digest covers what such a file had."""
    with contextlib.closing(raw_connection(path)) as old:
        old.execute("DROP TABLE dossier_field")
        old.execute(
            "INSERT INTO setting (key, value) VALUES ('dossier_import.field_types', ?)",
            [json.dumps(field_types)],
        )
        old.execute("DELETE FROM _sqlite_migrations WHERE name = '0014_field_metadata'")
        old.execute(f"PRAGMA user_version = {schema.schema_version() - 1}")
        old.execute("DELETE FROM state_digest WHERE name = 'dossier_field'")
        keep_digest(old)
        old.commit()


def test_migration_14_moves_the_field_types_and_leaves_personal_flags_undecided(
    tmp_path: Path,
) -> None:
    """The types kept in a setting move to ``dossier_field``; no field is taken for
    non-personal: undecided fields are detected when asked (an e-mail column is personal)."""
    from selection_desk.services.field_metadata import personal_field_names
    from selection_desk.storage.dossier_import import FieldMetadata, field_metadata

    data = make_campaign_data()
    dossiers = tuple(
        replace(d, fields={**d.fields, "Courriel": f"{d.ref.lower()}@example.org"})
        for d in data.dossiers
    )
    path = make_campaign_file(tmp_path / "c.seldesk", replace(data, dossiers=dossiers))
    _before_field_metadata(path, {"Secteur": "text", "Courriel": "e-mail"})
    with CampaignStore.open(path, readonly=True) as store:
        assert field_metadata(store)["Courriel"] == FieldMetadata("Courriel", "e-mail")
    with CampaignStore.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
        assert field_metadata(store) == {
            "Secteur": FieldMetadata("Secteur", "text", None),
            "Courriel": FieldMetadata("Courriel", "e-mail", None),
        }
        assert store.db.execute(
            "SELECT count(*) FROM setting WHERE key = 'dossier_import.field_types'"
        ).fetchone() == (0,)
        assert personal_field_names(store) == ("Courriel",)
    report = check_campaign_file(path)
    assert report.rule_violations == () and report.audit_breaks == ()


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    before = _sha256(path)
    with pytest.raises(CampaignFileError) as caught:
        CampaignStore.create(path, Campaign(uid="", name="x"))
    assert caught.value.code == "file_exists"
    assert _sha256(path) == before


_SLOW_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from selection_desk.domain import Dossier
    from selection_desk.storage.store import CampaignStore

    store = CampaignStore.open(Path(sys.argv[1]))
    with store.transaction():
        dossiers = [Dossier(f"K{i:05d}", "x" * 2000) for i in range(5000)]
        store.write_dossiers(dossiers, {d.ref: i for i, d in enumerate(dossiers)})
        Path(sys.argv[2]).write_text("writing")
        time.sleep(60)
    """
)


@pytest.mark.parametrize("first_open", ["writable", "read-only"])
def test_a_killed_writer_loses_nothing_and_adds_nothing(tmp_path: Path, first_open: str) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path, readonly=True) as store:
        before = store.campaign_data()
    marker = tmp_path / "marker"
    kill_when_marked(_SLOW_WRITER, str(path), str(marker), marker=marker)
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0  # the interrupted write's journal
    # Either open rolls the hot journal back; a read-only command (rank, check, export) too.
    with CampaignStore.open(path, readonly=first_open == "read-only") as store:
        assert store.campaign_data() == before
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


_IMPORT_KILLED_MID_TRANSACTION = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from selection_desk.services.workbook_import import import_campaign_workbook
    from selection_desk.storage.store import CampaignStore

    def stall(self, decisions):
        Path(sys.argv[3]).write_text("inside the import transaction")
        time.sleep(60)

    CampaignStore.write_decisions = stall  # the last write of an import
    with CampaignStore.open(Path(sys.argv[1])) as store:
        import_campaign_workbook(store, Path(sys.argv[2]), actor="test")
    """
)


def test_a_process_killed_in_the_middle_of_an_import_leaves_the_file_unchanged(
    tmp_path: Path,
) -> None:
    from selection_desk.demo import demo_workbook

    path = tmp_path / "c.seldesk"
    CampaignStore.create(path, Campaign(uid="", name="Avant")).close()
    with CampaignStore.open(path, readonly=True) as store:
        before = store.campaign_data()
    marker = tmp_path / "marker"
    kill_when_marked(
        _IMPORT_KILLED_MID_TRANSACTION,
        str(path),
        str(demo_workbook()),
        str(marker),
        marker=marker,
        wait=120,
    )
    with CampaignStore.open(path) as store:
        assert store.campaign_data() == before
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    from selection_desk.storage.check import check_campaign_file

    assert check_campaign_file(path).ok
