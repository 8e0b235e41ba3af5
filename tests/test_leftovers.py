"""Temporary files of killed exports and backups are removed at the next export or backup: only
the writer's own pattern, only files older than the process and stale."""

from __future__ import annotations

import os
import time
from pathlib import Path

from selection_desk.formats.workbook_writer import write_campaign_workbook
from selection_desk.leftovers import PROCESS_STARTED, STALE_AFTER, remove_leftovers
from selection_desk.reports.minutes import write_minutes
from selection_desk.storage.backups import backups_dir
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file
from tests.reports.conftest import report_of

LONG_AGO = PROCESS_STARTED - STALE_AFTER - 60


def _file(path: Path, *, modified: float | None = None) -> Path:
    path.write_bytes(b"half a file")
    if modified is not None:
        os.utime(path, (modified, modified))
    return path


def test_a_killed_exports_temporary_file_goes_at_the_next_export(tmp_path: Path) -> None:
    campaign = make_campaign_file(tmp_path / "c.seldesk")
    out = tmp_path / "out"
    out.mkdir()
    killed = _file(out / ".minutes.pdf.k1ll3d.tmp", modified=LONG_AGO)
    writing = _file(out / ".minutes.pdf.l1v3.tmp")  # another instance writing right now
    other = _file(out / ".letters.pdf.k1ll3d.tmp", modified=LONG_AGO)  # another file's
    user = _file(out / "minutes.pdf.tmp", modified=LONG_AGO)  # not hidden: not ours
    write_minutes(report_of(campaign), out / "minutes.pdf", "en")
    assert not killed.exists()
    assert writing.exists() and other.exists() and user.exists()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".minutes")) == [writing.name]


def test_a_killed_workbook_export_is_cleaned_too(tmp_path: Path) -> None:
    killed = _file(tmp_path / ".campaign.xlsx.k1ll3d.tmp", modified=LONG_AGO)
    write_campaign_workbook(make_campaign_data(), tmp_path / "campaign.xlsx")
    assert not killed.exists() and (tmp_path / "campaign.xlsx").exists()


def test_a_killed_backups_partial_copy_goes_at_the_next_backup(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    backups_dir().mkdir(parents=True, exist_ok=True)
    for backup in backups_dir().glob("*.seldesk"):
        backup.unlink()  # so that the next opening takes a backup
    name = ".c-1234abcd-20260301T100000Z-auto.seldesk.4242.partial"
    killed = _file(backups_dir() / name, modified=LONG_AGO)
    recent = _file(backups_dir() / ".c-1234abcd-20260301T110000Z-auto.seldesk.4343.partial")
    kept = _file(backups_dir() / "notes.partial", modified=LONG_AGO)
    with CampaignStore.open(path):
        pass
    assert not killed.exists() and recent.exists() and kept.exists()
    assert len(list(backups_dir().glob("c-*.seldesk"))) == 1


def test_names_with_glob_characters_match_only_themselves(tmp_path: Path) -> None:
    mine = _file(tmp_path / ".report[1].pdf.x.tmp", modified=LONG_AGO)
    theirs = _file(tmp_path / ".report1.pdf.x.tmp", modified=LONG_AGO)
    from selection_desk.leftovers import temporary_pattern

    assert remove_leftovers(tmp_path, temporary_pattern(tmp_path / "report[1].pdf")) == [mine]
    assert theirs.exists()
    assert time.time() > PROCESS_STARTED
