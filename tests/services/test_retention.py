"""Retention (design §11): a campaign keeps personal data ``retention_months`` after its last
decision (24 by default), settable on the command line; past it, ``anonymise`` is due."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.errors import InvalidInput
from selection_desk.services.decisions import record_decision
from selection_desk.services.erasure import anonymise_campaign
from selection_desk.services.retention import add_months, retention_status, set_retention_months
from selection_desk.storage.check import check_campaign_file
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_file
from tests.raw_sqlite import keep_digest, raw_connection


def _decided_on(path: Path, day: str) -> None:
    with CampaignStore.open(path) as store:
        record_decision(store, "D02", "selected")
    with contextlib.closing(raw_connection(path)) as connection:
        connection.execute("UPDATE decision SET decided_at = ?", [f"{day}T10:00:00+00:00"])
        keep_digest(connection)
        connection.commit()


def test_months_are_calendar_months() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 15), 24) == date(2026, 11, 15)


def test_the_period_runs_from_the_last_decision(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path, readonly=True) as store:
        status = retention_status(store, today=date(2030, 1, 1))
    assert (status.months, status.due_on, status.past) == (24, None, False)
    _decided_on(path, "2024-03-10")
    with CampaignStore.open(path) as store:
        assert retention_status(store, today=date(2026, 3, 9)).past is False
        assert retention_status(store, today=date(2026, 3, 10)).past is True
        assert set_retention_months(store, 36) == 24
        assert retention_status(store, today=date(2026, 3, 10)).past is False
        with pytest.raises(InvalidInput):
            set_retention_months(store, 0)
        set_retention_months(store, 1)
        anonymise_campaign(store)
        assert retention_status(store, today=date(2030, 1, 1)).past is False  # nothing left


def test_the_cli_shows_and_sets_the_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    _decided_on(path, "2020-01-15")
    assert main(["--lang", "en", "retention", str(path)]) == 0
    out = capsys.readouterr().out
    assert "kept 24 months" in out and "ended on 2022-01-15" in out and "anonymise" in out
    assert main(["--lang", "en", "retention", str(path), "--months", "120", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == {
        "retention_months": 120,
        "last_decision": "2020-01-15",
        "anonymise_from": "2030-01-15",
        "past": False,
    }
    assert check_campaign_file(path).ok
    with contextlib.closing(sqlite3.connect(path)) as connection:
        (action,) = connection.execute(
            "SELECT action FROM audit ORDER BY seq DESC LIMIT 1"
        ).fetchone()
    assert action == "retention"
    assert main(["--lang", "en", "anonymise", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["erased"]["fields"] == 8
