"""Faults around the campaign file: journals left behind, copies in flight, files that vanish,
full disks.  Each fault gets its own sentence and leaves every file as it was."""

from __future__ import annotations

import shutil
import sqlite3
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.domain import Dossier
from selection_desk.errors import CampaignFileError
from selection_desk.formats.file_digest import file_sha256
from selection_desk.storage.campaign_file import open_campaign_file
from selection_desk.storage.check import check_campaign_file
from selection_desk.storage.journal import JOURNAL_MAGIC, journal_path, owner_path
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file
from tests.killed import kill_when_marked
from tests.storage.conftest import fill_disk

# Spilling pages into the file before the commit (as earlier versions did, and as a commit killed
# half-way leaves it) is what makes a journal hot: it then holds pages the file no longer has.
_KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from selection_desk.domain import Dossier
    from selection_desk.storage.store import CampaignStore

    store = CampaignStore.open(Path(sys.argv[1]))
    store.db.execute("PRAGMA cache_spill = ON")  # takes effect as the next transaction begins
    with store.transaction():  # which sets its own cache size: a small one set after it
        store.db.execute("PRAGMA cache_size = 20")
        dossiers = [Dossier(f"K{i:05d}", "x" * 2000) for i in range(2000)]
        store.write_dossiers(dossiers, {d.ref: i for i, d in enumerate(dossiers)})
        Path(sys.argv[2]).write_text("writing")
        time.sleep(60)
    """
)


def _kill_a_writer_mid_transaction(path: Path) -> None:
    marker = path.with_name("marker")
    kill_when_marked(_KILLED_WRITER, str(path), str(marker), marker=marker)
    marker.unlink()
    assert journal_path(path).stat().st_size > 0


@pytest.mark.parametrize("readonly", [False, True])
def test_a_journal_left_by_a_renamed_file_is_never_applied_to_its_successor(
    tmp_path: Path, readonly: bool
) -> None:
    original = make_campaign_file(tmp_path / "campagne.seldesk")
    _kill_a_writer_mid_transaction(original)
    original.rename(tmp_path / "renamed.seldesk")
    (tmp_path / "other").mkdir()
    successor = make_campaign_file(
        tmp_path / "other" / "c.seldesk", make_campaign_data(dossiers=9)
    ).replace(original)
    before = file_sha256(successor)

    with pytest.raises(CampaignFileError) as caught:
        open_campaign_file(successor, readonly=readonly)
    assert caught.value.code == "foreign_journal"
    assert "campagne.seldesk-journal" in caught.value.message()
    assert file_sha256(successor) == before
    assert journal_path(successor).exists()  # both files kept: the user decides
    with pytest.raises(CampaignFileError):
        check_campaign_file(successor)

    journal_path(successor).rename(tmp_path / "set-aside-journal")
    with CampaignStore.open(successor) as store:
        assert len(store.campaign_data().dossiers) == 9
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("owner_record", [True, False])
def test_a_files_own_journal_is_rolled_back(tmp_path: Path, owner_record: bool) -> None:
    """Files last written by an earlier version have no owner record: the header check decides."""
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path, readonly=True) as store:
        before = store.campaign_data()
    _kill_a_writer_mid_transaction(path)
    if not owner_record:
        owner_path(path).unlink()
    with CampaignStore.open(path) as store:
        assert store.campaign_data() == before
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _journal_holding_page_one(page_one: bytes, pages: int) -> bytes:
    """A hot journal as SQLite writes it for a file of ``pages`` pages, holding one record: page 1
    as ``page_one``."""
    sector, nonce = 512, 7
    header = JOURNAL_MAGIC + struct.pack(">IIIII", 1, nonce, pages, sector, len(page_one))
    checksum = nonce + sum(page_one[i] for i in range(len(page_one) - 200, 0, -200))
    record = struct.pack(">I", 1) + page_one + struct.pack(">I", checksum & 0xFFFFFFFF)
    return header.ljust(sector, b"\0") + record


@pytest.mark.parametrize("counter_step", [0, 1])
def test_a_journal_matching_the_file_header_is_accepted(tmp_path: Path, counter_step: int) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    assert not owner_path(path).exists()  # a writer that closed cleanly leaves no record
    page_one = bytearray(path.read_bytes()[:4096])
    (counter,) = struct.unpack(">I", page_one[24:28])
    page_one[24:28] = struct.pack(">I", counter - counter_step)
    pages = path.stat().st_size // 4096
    journal_path(path).write_bytes(_journal_holding_page_one(bytes(page_one), pages))
    with CampaignStore.open(path) as store:  # SQLite rolls page 1 back: the file still reads
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_journal_whose_page_one_belongs_to_another_file_is_refused(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    assert not owner_path(path).exists()
    other = make_campaign_file(tmp_path / "other.seldesk", make_campaign_data(dossiers=30))
    with CampaignStore.open(other) as store:  # another history: another change counter
        for index in range(5):
            with store.transaction():
                store.write_dossiers([Dossier(f"X{index}", "x")], {f"X{index}": index})
    pages = path.stat().st_size // 4096
    journal_path(path).write_bytes(_journal_holding_page_one(other.read_bytes()[:4096], pages))
    before = file_sha256(path)
    with pytest.raises(CampaignFileError) as caught:
        CampaignStore.open(path)
    assert caught.value.code == "foreign_journal"
    assert file_sha256(path) == before


def test_a_copy_taken_during_a_large_write_is_the_file_before_it(tmp_path: Path) -> None:
    """Pages reach the file only at COMMIT: a plain copy taken mid-import is complete."""
    path = make_campaign_file(tmp_path / "c.seldesk")
    before = file_sha256(path)
    copy = tmp_path / "copy.seldesk"
    with CampaignStore.open(path) as store:
        store.db.execute("PRAGMA cache_size = 20")  # 20 pages: any import outgrows it
        with pytest.raises(RuntimeError), store.transaction():
            dossiers = [Dossier(f"K{i:05d}", "x" * 2000) for i in range(3000)]
            store.write_dossiers(dossiers, {d.ref: i for i, d in enumerate(dossiers)})
            shutil.copyfile(path, copy)
            raise RuntimeError("cancel the import")
    assert file_sha256(copy) == before
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("how", ["deleted", "renamed"])
def test_a_write_into_a_file_that_vanished_is_not_acknowledged(tmp_path: Path, how: str) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path) as store:
        if how == "deleted":
            path.unlink()
        else:
            path.rename(tmp_path / "elsewhere.seldesk")
        with pytest.raises(CampaignFileError) as caught, store.transaction():
            store.write_dossiers([Dossier("NEW", "Nouvelle")], {"NEW": 99})
    assert caught.value.code == "file_vanished"
    assert "c.seldesk was moved or deleted" in caught.value.message()


def test_a_full_backup_folder_is_named_as_such(
    tmp_path: Path,
    small_disk: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """It used to say the campaign file was 'not a Selection Desk campaign file'."""
    monkeypatch.setenv("SELECTION_DESK_DATA_DIR", str(small_disk))
    path = make_campaign_file(tmp_path / "c.seldesk")
    before = file_sha256(path)
    (small_disk / "backups").mkdir()
    fill_disk(small_disk)
    code = main(["--lang", "en", "score", str(path), "J2", "D01", "TEAM", "3"])
    err = capsys.readouterr().err
    assert code == 1
    assert "no space left on the disk" in err and str(small_disk) in err
    assert "not a Selection Desk campaign file" not in err
    assert file_sha256(path) == before


def test_a_full_disk_during_a_write_is_named_and_changes_nothing(
    tmp_path: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_campaign_file(small_disk / "c.seldesk")
    with CampaignStore.open(path, readonly=True) as store:
        before = store.campaign_data()
    fill_disk(small_disk)
    with (
        pytest.raises(CampaignFileError) as caught,
        CampaignStore.open(path) as store,
        store.transaction(),
    ):
        dossiers = [Dossier(f"K{i:05d}", "x" * 2000) for i in range(500)]
        store.write_dossiers(dossiers, {d.ref: i for i, d in enumerate(dossiers)})
    assert caught.value.code == "disk_full"
    (small_disk / "filler").unlink()
    with CampaignStore.open(path, readonly=True) as store:
        assert store.campaign_data() == before
    assert check_campaign_file(path).ok


def test_a_read_only_disk_gets_its_own_sentence(small_disk: Path) -> None:
    path = make_campaign_file(small_disk / "c.seldesk")
    before = file_sha256(path)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with pytest.raises(CampaignFileError) as caught:
        CampaignStore.open(path)
    assert caught.value.code == "read_only"
    assert "c.seldesk cannot be written: the file, its folder or its disk is read-only" in str(
        caught.value
    )
    assert file_sha256(path) == before
    with CampaignStore.open(path, readonly=True) as store:  # reading still works
        assert store.campaign_data().dossiers


@pytest.mark.parametrize("option", ["--xlsx", "--pdf"])
def test_an_export_to_a_full_disk_says_so_in_one_sentence(
    tmp_path: Path, small_disk: Path, option: str
) -> None:
    """It used to end with 'Exception ignored in: ZipFile.__del__' and a traceback."""
    path = make_campaign_file(tmp_path / "c.seldesk")
    fill_disk(small_disk)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "selection_desk",
            "--lang",
            "fr",
            "export",
            str(path),
            option,
            str(small_disk / "sortie"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Il n’y a plus de place sur le disque qui contient {small_disk / 'sortie'} : rien n’a "
        "été modifié. Libérez de la place sur ce disque et réessayez."
    )
    assert [p.name for p in small_disk.iterdir()] == ["filler"]  # no temporary file left
