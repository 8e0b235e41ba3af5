"""Fault injection: an exception at the k-th database call of an import, a merge, a decision, a kit
export, a juror-sheet import and a conflict declaration, for every k.  The campaign file is always
in its before or its after state, never in between, and opens, checks and verifies afterwards."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from selection_desk.formats.campaign_workbook import write_campaign_workbook
from selection_desk.services.conflicts import declare_conflict
from selection_desk.services.decisions import record_decision
from selection_desk.services.juror_sheets import import_juror_sheet, write_juror_sheets
from selection_desk.services.kits import make_kit
from selection_desk.services.merge import merge_ballots
from selection_desk.services.workbook_import import import_campaign_workbook
from selection_desk.storage.check import check_campaign_file
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file
from tests.offline.flows import j2_ballot
from tests.offline.test_juror_sheet import fill

Operation = Callable[[CampaignStore], object]


class InjectedFault(Exception):
    """Raised in place of the k-th database call."""


class CountingConnection(sqlite3.Connection):
    """A connection that counts its calls and fails the one numbered ``fail_at``."""

    calls = 0
    fail_at: int | None = None

    def _tick(self) -> None:
        CountingConnection.calls += 1
        if CountingConnection.calls == CountingConnection.fail_at:
            raise InjectedFault(f"database call {CountingConnection.calls}")

    def execute(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        self._tick()
        return super().execute(*args, **kwargs)

    def executemany(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        self._tick()
        return super().executemany(*args, **kwargs)

    def executescript(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        self._tick()
        return super().executescript(*args, **kwargs)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[CountingConnection]]:
    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        return real_connect(*args, factory=CountingConnection, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    yield CountingConnection
    CountingConnection.calls, CountingConnection.fail_at = 0, None


def state(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the audit log, timestamps left out (they differ per run);
    the audit log by its number of entries."""
    with sqlite3.connect(path) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        result: dict[str, list[tuple[Any, ...]]] = {}
        for table in tables:
            if table == "audit":
                result[table] = [connection.execute("SELECT count(*) FROM audit").fetchone()]
                continue
            columns = [
                row[1]
                for row in connection.execute(f"PRAGMA table_info([{table}])")
                if not (row[1] == "at" or row[1].endswith("_at") or row[1] == "uid")
            ]
            selected = ", ".join(f"[{column}]" for column in columns)
            result[table] = sorted(
                connection.execute(f"SELECT {selected} FROM [{table}]"), key=repr
            )
    return result


def _calls_of(path: Path, operation: Operation, counted: type[CountingConnection]) -> int:
    with CampaignStore.open(path) as store:
        counted.calls = 0
        operation(store)
        return counted.calls


def _every_k_leaves_before_or_after(
    template: Path, operation: Operation, counted: type[CountingConnection], tmp_path: Path
) -> int:
    before = state(template)
    clean = shutil.copyfile(template, tmp_path / "clean.seldesk")
    total = _calls_of(clean, operation, counted)
    after = state(clean)
    assert after != before
    for k in range(1, total + 1):
        target = shutil.copyfile(template, tmp_path / f"k{k}.seldesk")
        with CampaignStore.open(target) as store:
            counted.calls, counted.fail_at = 0, k
            try:
                operation(store)
            except InjectedFault:
                pass
            finally:
                counted.fail_at = None
        found = state(target)
        assert found in (before, after), f"fault at database call {k} of {total}"
        report = check_campaign_file(target)
        assert report.ok, (k, report)
        target.unlink()
    return total


def test_an_import_is_all_or_nothing_at_every_database_call(
    tmp_path: Path, counted: type[CountingConnection]
) -> None:
    template = tmp_path / "template.seldesk"
    CampaignStore.create(template, make_campaign_data().campaign).close()
    workbook = tmp_path / "campaign.xlsx"
    write_campaign_workbook(make_campaign_data(dossiers=3, jurors=2), workbook, language="fr")
    total = _every_k_leaves_before_or_after(
        template,
        lambda store: import_campaign_workbook(store, workbook, actor="test"),
        counted,
        tmp_path,
    )
    assert total > 20  # the import's reads, writes and audit entries were all reached


def test_a_decision_is_all_or_nothing_at_every_database_call(
    tmp_path: Path, counted: type[CountingConnection]
) -> None:
    template = make_campaign_file(tmp_path / "template.seldesk")
    total = _every_k_leaves_before_or_after(
        template,
        lambda store: record_decision(store, "D02", "selected", rationale="Équipe solide"),
        counted,
        tmp_path,
    )
    assert total > 3


def test_a_merge_is_all_or_nothing_at_every_database_call(
    tmp_path: Path, counted: type[CountingConnection]
) -> None:
    template = make_campaign_file(tmp_path / "template.seldesk", make_campaign_data(scored=False))
    ballot = j2_ballot(template, tmp_path)
    total = _every_k_leaves_before_or_after(
        template, lambda store: merge_ballots(store, [ballot]), counted, tmp_path
    )
    assert total > 5


def test_a_kit_export_is_all_or_nothing_at_every_database_call(
    tmp_path: Path, counted: type[CountingConnection]
) -> None:
    """The kit is built aside (its own database calls count too): a fault leaves no kit file."""
    template = make_campaign_file(tmp_path / "template.seldesk")
    out = tmp_path / "kits" / "kit-J2.seldesk"
    out.parent.mkdir()

    def issue(store: CampaignStore) -> None:
        out.unlink(missing_ok=True)
        try:
            make_kit(store, "J2", out)
        except InjectedFault:
            assert not out.exists()
            raise

    total = _every_k_leaves_before_or_after(template, issue, counted, tmp_path)
    assert total > 20  # the kit's own writes were reached


def test_a_juror_sheet_import_is_all_or_nothing_at_every_database_call(
    tmp_path: Path, counted: type[CountingConnection]
) -> None:
    template = make_campaign_file(tmp_path / "template.seldesk", make_campaign_data(scored=False))
    with CampaignStore.open(template, readonly=True) as store:
        (sheet,) = [p for p in write_juror_sheets(store, tmp_path, language="en") if "J2" in p.stem]
    fill(sheet, {(6, 3): 4.5, (6, 4): "3,5", (6, 5): "Convaincant", (7, 3): 2})
    total = _every_k_leaves_before_or_after(
        template, lambda store: import_juror_sheet(store, sheet), counted, tmp_path
    )
    assert total > 5


def test_a_conflict_declaration_that_deletes_scores_is_all_or_nothing_at_every_database_call(
    tmp_path: Path, counted: type[CountingConnection]
) -> None:
    template = make_campaign_file(tmp_path / "template.seldesk")
    with CampaignStore.open(template, readonly=True) as store:
        assert any(score.juror == "J2" and score.dossier == "D02" for score in store.scores())
    total = _every_k_leaves_before_or_after(
        template,
        lambda store: declare_conflict(store, "J2", "D02", "associée", confirm=True),
        counted,
        tmp_path,
    )
    assert total > 5
