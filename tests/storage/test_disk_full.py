"""A full disk during a migration, a ballot merge and a kit export, on a real small tmpfs: one
sentence naming the disk, and every file as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.formats.file_digest import file_sha256
from selection_desk.storage import schema
from tests.factories import make_campaign_data, make_campaign_file
from tests.offline.flows import j2_ballot
from tests.storage.conftest import fill_disk

FULL = "There is no space left on the disk that holds"
LEFT_ON_THE_DISK = [".c.seldesk.lock", "c.seldesk", "filler"]
"""The campaign, its lock and the filler: no journal, no temporary file."""


def _audit_entries(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        count: int = connection.execute("SELECT count(*) FROM audit").fetchone()[0]
    return count


def _run_on_a_full_disk(
    disk: Path, path: Path, capsys: pytest.CaptureFixture[str], *command: str
) -> None:
    """``command`` writing ``path`` on ``disk``, once the disk is full: one sentence naming the
    disk, the file unchanged and nothing left beside it."""
    before = file_sha256(path)
    fill_disk(disk)
    code = main(["--lang", "en", *command])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err.startswith(f"{FULL} {path}: nothing was changed.") and "\n" not in err
    assert file_sha256(path) == before
    assert sorted(p.name for p in disk.iterdir()) == LEFT_ON_THE_DISK


def test_a_migration_on_a_full_disk_says_so_and_leaves_the_file_as_it_was(
    small_disk: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An older file (one migration behind this version) opened where it lies, on a full disk;
    the backup taken before the migration goes to the data folder, which has room."""
    path = make_campaign_file(small_disk / "c.seldesk")
    step = schema.migrations._Migration(
        "0099_test_step",
        lambda db: db.execute("CREATE TABLE test_step (x BLOB)").execute(
            "INSERT INTO test_step VALUES (zeroblob(200000))"
        ),
    )
    monkeypatch.setattr(schema.migrations, "_migrations", [*schema.migrations._migrations, step])
    _run_on_a_full_disk(small_disk, path, capsys, "score", str(path), "J2", "D01", "TEAM", "3")


def test_a_merge_on_a_full_disk_says_so_and_merges_nothing(
    tmp_path: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_campaign_file(small_disk / "c.seldesk", make_campaign_data(scored=False))
    ballot = j2_ballot(path, tmp_path)
    _run_on_a_full_disk(small_disk, path, capsys, "merge", str(path), str(ballot))


def test_a_kit_export_to_a_full_disk_says_so_and_records_no_kit(
    tmp_path: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    entries = _audit_entries(path)
    out = small_disk / "kit-J2.seldesk"
    fill_disk(small_disk)
    code = main(["--lang", "en", "kit", str(path), "--juror", "J2", "--out", str(out)])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err.startswith(f"{FULL} {out}: nothing was changed.") and "\n" not in err
    assert [p.name for p in small_disk.iterdir()] == ["filler"]  # no kit, no temporary file
    assert _audit_entries(path) == entries  # the campaign does not record a kit it has not
